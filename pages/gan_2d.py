"""GAN on 2-D data: a generator and a discriminator trained live on points (GAN Lab in Python)."""

import streamlit as st

from engine import gan2d
from engine.figures import curves
from engine.gan2d_figures import gan_plane_image
from engine.plane_picture import as_data_uri
from engine.runner import TrainingJob
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting
from pages.widgets.inputs import drawing_pad
from pages.widgets.live import live_part, live_training, picture

K = "gan_2d"
DATASETS = {
    "ring": "Ring of 8 Gaussians",
    "grid": "Grid of 9 Gaussians",
    "spiral": "Spiral",
    "moons": "Two moons",
    "drawn": "A shape you draw",
}
COLLAPSE = (
    "**Mode collapse**: the generator {what}. It found a few places where the discriminator "
    "is fooled and sends all its points there; the discriminator then learns those places are fake "
    "and the generator jumps to another few, instead of spreading over all the data. {advice}"
)

header(
    "GAN on 2-D data",
    "003 · Generative models: GANs",
    "**Generator:** fool the discriminator with real-looking points. **Discriminator:** tell real points "
    "(green) from the generator's G(z) (purple); the background is D(x), its belief that a point is real "
    "(green) or fake (purple); dark lines: where the generator's gradient pushes each point. "
    "One step = k updates of D, then one of G.",
)

controls = st.container()
left, right = st.columns([3, 2], gap="medium")
player_row, settings, scores = right.container(), right.container(), right.container()
c1, c2 = settings.columns(2)
dataset = c1.selectbox("Real data", list(DATASETS), format_func=DATASETS.get, key=f"{K}-data")
loss = c2.selectbox("Loss", list(gan2d.LOSSES), format_func=gan2d.LOSSES.get, index=1, key=f"{K}-loss")
k = c1.slider("k: D steps per G step", 1, 5, 1, key=f"{K}-k")
noise = c2.select_slider("Noise size (z)", [1, 2, 4, 8, 16], value=2, key=f"{K}-noise")
lr_d = c1.select_slider("Discriminator learning rate", gan2d.RATES, value=1e-3, key=f"{K}-lr-d")
lr_g = c2.select_slider("Generator learning rate", gan2d.RATES, value=1e-3, key=f"{K}-lr-g")
seed = c1.number_input("Seed", 0, 9999, 0, key=f"{K}-seed")
arrow_length = c2.slider("Arrow length (display)", 0.0, 1.0, 0.35, 0.05, key=f"{K}-arrows")
settings.caption(
    "A new data set, loss, k, noise size, learning rate or seed starts training again from "
    "step 0; the arrow length only changes the drawing."
)

drawn = None
if dataset == "drawn":
    with left:
        st.caption("Draw a shape with a thick pen: the real points are sampled from your ink.")
        ink = drawing_pad(f"{K}-pad", size=300)
    if ink is not None:
        try:
            drawn = gan2d.points_from_ink(ink)
        except ValueError as error:
            show_error(f"That drawing cannot be used: {error}.")
    if drawn is None:
        left.info("Draw a shape in the box above to train the GAN on it.")
        st.stop()

cfg = gan2d.Config(dataset=dataset, loss=loss, noise=noise, lr_d=lr_d, lr_g=lr_g, k=k, seed=int(seed))
model_key = f"{K}-model"
config = (cfg, None if drawn is None else drawn.tobytes())
if (last := st.session_state.get(f"{K}-last")) is not None and last[0] != config and last[1] > 0:
    st.toast(
        f"New settings: training starts again from step 0 (the last run reached step {last[1]:,}).", icon="🔄"
    )
    st.session_state[f"{K}-last"] = (config, 0)


def make_job() -> TrainingJob:
    model, fixed, real = gan2d.build(cfg), gan2d.fixed_noise(cfg), gan2d.real_sample(cfg, drawn)
    st.session_state[model_key] = model
    return TrainingJob(
        lambda on_step, stop: gan2d.train(model, drawn, cfg, on_step=on_step, stop=stop),
        view=lambda: gan2d.view(model, cfg, fixed, real),
        view_every=0.4,
        model=model,
    )


def draw_plane(snap) -> None:
    """The plane: the part that moves fastest, a picture swapped at every new view."""
    st.session_state[f"{K}-last"] = (config, snap.step)  # to say so when new settings start again at 0
    if (v := snap.view) is not None:
        plane = picture(
            f"{K}-plane",
            v,
            (arrow_length,),
            lambda: as_data_uri(gan_plane_image(v, arrow_length=arrow_length), lossless=True),
        )
        with st.container(key=f"{K}-plane"):
            st.image(
                plane,
                width=470 if presenting() else 440,  # the whole plane on the first screen
                caption="The plane from −3 to 3 (grid lines at whole numbers). Background D(x): green = "
                "'real', purple = 'fake', white = unsure (0.5).",
            )


def draw_scores(snap) -> None:
    if (v := snap.view) is None:
        return
    m1, m2 = st.columns(2)
    if v.modes is not None:
        m1.metric("Modes covered", f"{v.covered} / {v.modes}")
    m2.metric("Real points reached", f"{v.coverage:.0%}")
    chart(
        st,
        curves(
            snap.history,
            ["d_loss", "g_loss"],
            "Losses",
            names={"d_loss": "discriminator", "g_loss": "generator"},
        ),
        key=f"{K}-curves",
    )
    chart(
        st,
        curves(
            snap.history,
            ["d_fake"],
            "D(G(z)): how real the fakes look to D",
            names={"d_fake": "mean D(G(z))"},
            height=200,
        ),
        key=f"{K}-dfake",
    )
    collapse = gan2d.mode_collapse(v)
    if collapse and snap.step >= 300:
        st.warning(COLLAPSE.format(what=collapse, advice=gan2d.collapse_advice(cfg)), icon="🎯")
    elif snap.step >= 300:
        st.success("No mode collapse: the generated points spread over the real data.", icon="✅")
    else:
        st.caption(
            "A mode is covered when at least a quarter of its fair share of generated points "
            "lies within 4 standard deviations of its centre."
        )


# The plane redraws at every new view; the scores and curves once a second on their own, so a
# redraw of the plane carries nothing else.
with controls:
    job = live_training(f"{K}-live", make_job, draw_plane, config=config, view=left)
with scores:
    live_part(job, draw_scores)


def one_player(phase: str) -> None:
    """Step D / Step G: the next step updates only that player."""
    model = st.session_state.get(model_key)
    if model is not None and not job.playing:
        job.inspect(lambda: setattr(model, "phase", phase))
        job.step()
        job.settle(timeout=2.0)


s1, s2 = player_row.columns(2)
s1.button(
    "Step D",
    key=f"{K}-step-d",
    on_click=one_player,
    args=("d",),
    disabled=job.playing,
    help="One discriminator update only",
    width="stretch",
)
s2.button(
    "Step G",
    key=f"{K}-step-g",
    on_click=one_player,
    args=("g",),
    disabled=job.playing,
    help="One generator update only",
    width="stretch",
)
