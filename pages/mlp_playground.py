"""MLP playground: train a multilayer perceptron live on 2-D points and watch every neuron."""

import streamlit as st

from engine import mlp, mlp_figures, toy2d
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, page_background, presenting
from pages.widgets.inputs import points_csv_input
from pages.widgets.live import live_part, live_training
from pages.widgets.plotly_view import clicked

K = "mlp_playground"
LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
PENALTIES = [0.0, 0.00001, 0.0001, 0.001, 0.01, 0.1]
CLICK = {"off": "Nothing", "0": "Blue point (class 0)", "1": "Orange point (class 1)"}

header(
    "MLP playground",
    "001 · Intro to neural networks (Verbeek): feed-forward networks, training",
    "A **multi-layer perceptron**: every node sums its inputs, a_j = Σ w_ij x_i, and fires x_j = f(a_j). "
    "Pick the data, the input features and the layers, press ▶ **Play** and watch the decision surface move.",
)

points = st.session_state.setdefault(f"{K}-points", [])


@st.cache_data(show_spinner=False, max_entries=64)
def dataset(name: str, noise: float, seed: int) -> toy2d.Toy2D:
    return toy2d.make(name, noise=noise, seed=seed)


def add_clicked_point() -> None:
    label, point = st.session_state.get(f"{K}-click"), clicked(f"{K}-surface")
    if label in ("0", "1") and point:
        points.append((round(float(point["x"]), 3), round(float(point["y"]), 3), int(label)))


def pick_neuron() -> None:
    hidden = [st.session_state[f"{K}-neurons"]] * st.session_state[f"{K}-layers"]
    point = clicked(f"{K}-network")
    if point and (name := mlp_figures.neuron_at([0, *hidden, 1], point["x"], point["y"])):
        st.session_state[f"{K}-neuron"] = name


TRAINING = f"{K}-training"
redraw = parts.redraw(TRAINING)  # a setting reruns only the training part; the controls stay drawn
# the plane and ▶ Play beside the settings, on the first screen; the settings first (the part reads them)
training_col, settings_col = st.columns([2.4, 1], gap="medium")
data_col, net_col = settings_col.container(), settings_col.container()
with data_col:
    source = st.radio("Data", ["Generated", "Upload CSV"], horizontal=True, key=f"{K}-source")
    uploaded = None
    if source == "Generated":
        name_col, noise_col = st.columns(2)
        name_col.selectbox("Dataset", toy2d.DATASETS, key=f"{K}-dataset", on_change=redraw)
        noise_col.slider("Noise", 0.0, 0.5, 0.1, 0.05, key=f"{K}-noise", on_change=redraw)
    else:
        uploaded = points_csv_input(K)
    click_col, clear_col = st.columns([3, 1])
    click_col.radio(
        "A click on the plane adds",
        list(CLICK),
        format_func=CLICK.get,
        horizontal=True,
        key=f"{K}-click",
        on_change=redraw,
    )
    clear_col.button("Clear", key=f"{K}-clear", on_click=points.clear, disabled=not points)
    st.multiselect(
        "Input features", list(mlp.FEATURES), default=["x1", "x2"], key=f"{K}-features", on_change=redraw
    )
with net_col:
    depth_col, width_col = st.columns(2)
    depth = depth_col.slider("Hidden layers", 0, 4, 2, key=f"{K}-layers")  # the page: it enables two sliders
    width_col.slider(
        "Neurons per layer", 1, 16, 16, key=f"{K}-neurons", disabled=depth == 0, on_change=redraw
    )
    act_col, opt_col = st.columns(2)
    act_col.selectbox("Activation f", list(mlp.ACTIVATIONS), key=f"{K}-activation", on_change=redraw)
    opt_col.selectbox(
        "Optimizer",
        mlp.OPTIMIZERS,
        key=f"{K}-optimizer",
        on_change=redraw,
        help="Adam, or stochastic gradient descent with momentum 0.9",
    )
    lr_col, batch_col = st.columns(2)
    lr_col.select_slider("Learning rate", LEARNING_RATES, 0.03, key=f"{K}-lr", on_change=redraw)
    batch_col.select_slider(
        "Batch size", [1, 4, 8, 16, 32, 64, 128, 256], 32, key=f"{K}-batch", on_change=redraw
    )
    l1_col, l2_col, drop_col = st.columns(3)
    l1_col.select_slider("L1 λ", PENALTIES, 0.0, key=f"{K}-l1", on_change=redraw)
    l2_col.select_slider("L2 λ", PENALTIES, 0.0, key=f"{K}-l2", on_change=redraw)
    drop_col.slider(
        "Dropout p", 0.0, 0.8, 0.0, 0.1, key=f"{K}-dropout", disabled=depth == 0, on_change=redraw
    )


def settings() -> mlp.Config:
    s = {name: st.session_state[f"{K}-{name}"] for name in ("activation", "optimizer", "l1", "l2", "dropout")}
    return mlp.Config(
        features=tuple(st.session_state[f"{K}-features"]),
        batch_size=st.session_state[f"{K}-batch"],
        hidden=(st.session_state[f"{K}-neurons"],) * st.session_state[f"{K}-layers"],
        learning_rate=st.session_state[f"{K}-lr"],
        **s,
    )


def draw_plane(snap, figures, neuron: str, points_seen: int) -> None:
    """The plane: the part of the live view that moves fastest."""
    if len(points) != points_seen or st.session_state.get(f"{K}-neuron", "output") != neuron:
        st.rerun()  # a click changed the data (a fresh job) or the neuron shown: rerun the whole page
    if (
        snap.state == "running"
    ):  # 5+ pictures a second: a chart would be laid out anew each time, a picture is swapped
        with st.container(key=f"{K}-surface"):
            st.image(figures.plane_frame(snap.view, neuron, page_background()), width=575)
            st.caption("Pause to hover the plane for its values or to click points onto it.")
    else:
        chart(
            st,
            figures.plane_figure(snap.view, neuron),
            key=f"{K}-surface",
            on_click=add_clicked_point,
            config={"displayModeBar": False},
            height=470 if presenting() else 480,
        )  # whole on the projector's first screen, below the page's header and tour


def draw_scores(snap, figures) -> None:
    last, (train_acc, test_acc) = (
        next((r for r in reversed(snap.history) if "train_accuracy" in r), {}),
        st.columns(2),
    )
    train_acc.metric("Train accuracy", f"{last['train_accuracy']:.1%}" if last else "–")
    test_acc.metric("Test accuracy", f"{last['test_accuracy']:.1%}" if "test_accuracy" in last else "–")
    chart(st, figures.loss_figure(snap.history), key=f"{K}-curves", config={"displayModeBar": False})


def draw_network(snap, figures, neuron: str) -> None:
    chart_col, note_col = st.columns([3, 2])
    running = snap.state == "running"
    chart(
        chart_col,
        figures.network_figure(snap.view, neuron, running),
        key=f"{K}-network",
        on_click=pick_neuron,
        config={"displayModeBar": False},
    )
    note_col.markdown(
        "**The network.** Orange edges: positive weights, blue: negative; thicker: larger |w|. "
        "**Click a neuron** to see its output x_j = f(a_j) over the plane above."
    )
    if (mosaic := figures.mosaic(snap.view, running)) is not None:
        note_col.image(
            mosaic, caption="Every hidden neuron over the plane, a row per layer.", width="stretch"
        )


@st.fragment(key=TRAINING)
def training(uploaded: tuple | None) -> None:
    """The data, the network the settings make, trained live: plane, scores, curves and the network."""
    state, cfg = st.session_state, settings()
    name, noise = state.get(f"{K}-dataset"), state.get(f"{K}-noise")
    data, data_id = (
        (dataset(name, noise, 0), f"{name}-{noise}") if state[f"{K}-source"] == "Generated" else uploaded
    )
    links.write()
    if not cfg.features:
        show_error("Choose at least one input feature.")
        return
    if data is None:
        st.info("Upload a CSV file to train on it, or switch back to generated data.")
        return
    data, seen = data.with_points(tuple(points)), len(points)
    controls, plane_area, choices = st.container(), st.container(), st.container()  # drawn in this order
    show_col, neuron_col = choices.columns([1.4, 2])  # room for the whole toggle label at 1400 px
    show_test = show_col.toggle("Show test points (open circles)", True, key=f"{K}-show-test")
    names = mlp_figures.layer_neuron_names(cfg.hidden)
    if state.get(f"{K}-neuron") not in names:
        state[f"{K}-neuron"] = "output"  # a link's, or a removed layer's: the plane reran the page forever
    neuron = neuron_col.selectbox(
        "Show on the plane (or click a neuron in the network)",
        names,
        format_func=mlp_figures.describe_neuron,
        key=f"{K}-neuron",
    )
    clickable, key = state.get(f"{K}-click") in ("0", "1"), (data_id, tuple(points), cfg.hidden)
    figures = mlp_figures.LiveFigures.kept_in(
        state, f"{K}-figures", data, cfg.features, show_test, clickable, key=key
    )
    # the plane repaints every 0.15 s; the scores, curves and network once a second, each on its own
    with controls:
        job = live_training(
            K,
            lambda: mlp_figures.live_job(cfg, data),
            lambda snap: draw_plane(snap, figures, neuron, seen),
            config=(cfg, data_id, tuple(points)),
            refresh=0.15,
            view=plane_area,
        )
    live_part(job, lambda snap: draw_scores(snap, figures))
    live_part(job, lambda snap: draw_network(snap, figures, neuron))


with training_col:
    training(uploaded)
