"""Activations & backprop: f and f' with saturation marked; a tiny network with a_j, x_j, g_j."""

import streamlit as st

from engine import backprop, backprop_figures
from engine.figures import stacked_latex
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart

K = "backprop"
WORDS = {  # the lecture's own words for each activation
    "step": (
        "Unit step function, used in the original Perceptron: discontinuous, not possible to propagate error."
    ),
    "sigmoid": "Smooth step function: gradients saturate except in the transition regime.",
    "tanh": "Hyperbolic tangent: same as the sigmoid, but zero-centered.",
    "ReLU": (
        "Rectified linear unit: clips negative values to zero. "
        "One-sided saturation only, very cheap to compute."
    ),
    "leaky ReLU": "Similar to ReLU, with a small slope for negative a: no constant regime at all.",
    "ELU": "Similar to ReLU, smooth for negative a: its gradient only fades far to the left.",
}
# keyed parts: `a` reruns only the curve; an input, the target, the seed, η or a step rerun only the numbers
# (the loss, the table, the network, the equations), the node only the network and its equations
CURVE, LOSS, TABLE, NETWORK, EQUATIONS = (
    f"{K}-part-{name}" for name in ("curve", "loss", "table", "network", "equations")
)
NUMBERS = (LOSS, TABLE, NETWORK, EQUATIONS)

header(
    "Activations & backprop",
    "001 · Intro to neural networks (Verbeek): activation functions, forward and backward propagation",
    "Every node sums its inputs, a_j = Σ w_ij x_i, and fires x_j = f(a_j). Backpropagation sends "
    "g_j = ∂L/∂a_j from the outputs back to the inputs, multiplying by f'(a) at every node.",
)


@st.cache_data(show_spinner=False, max_entries=256)
def learn(cfg: backprop.Config, x: tuple[float, float], target: int):
    """The network after cfg.steps gradient steps on this one example, and its forward/backward record."""
    model = backprop.train(backprop.build(cfg), backprop.Example(x=x, target=target), cfg)
    return model, backprop.backward(model, list(x), target)


STEPS = f"{K}-steps"  # (the settings the steps were taken with, how many): other settings start from 0


def settings_now() -> tuple:
    state = st.session_state
    return tuple(
        state[f"{K}-{name}"] for name in ("activation", "hidden", "seed", "lr", "x1", "x2", "target")
    )


def steps_now() -> int:
    """Gradient steps taken with the settings as they are: a new example, net or η (a control, a tour
    scene or a link) starts again from the seed's weights."""
    if st.session_state.get(STEPS, (None, 0))[0] != settings_now():
        st.session_state[STEPS] = (settings_now(), 0)  # forgotten, so coming back starts from 0 too
    return st.session_state[STEPS][1]


def network_now():
    """The tiny network as the controls say, read from the state: a part reruns without the page body."""
    state = st.session_state
    cfg = backprop.Config(
        activation=state[f"{K}-activation"],
        hidden=state[f"{K}-hidden"],
        seed=state[f"{K}-seed"],
        learning_rate=state[f"{K}-lr"],
        steps=steps_now(),
    )
    model, record = learn(cfg, (state[f"{K}-x1"], state[f"{K}-x2"]), state[f"{K}-target"])
    return cfg, model, record, state[f"{K}-target"]


def set_steps(steps: int | None) -> None:
    """A gradient step (or a reset, None): the numbers rerun, not the page."""
    st.session_state[STEPS] = (settings_now(), 0 if steps is None else steps_now() + steps)
    parts.redraw(*NUMBERS)()


@st.fragment(key=CURVE)
def curve_part() -> None:
    state = st.session_state
    chart(
        st,
        backprop_figures.activation_figure(state[f"{K}-activation"], state[f"{K}-a"]),
        key=f"{K}-curve",
        config={"displayModeBar": False},
    )
    links.write()  # the controls that reran it (drawn by the page) too


@st.fragment(key=LOSS)
def loss_part() -> None:
    cfg, _, record, target = network_now()
    st.metric(
        f"Loss L = −log p_y{target + 1} after {cfg.steps} gradient steps", f"{float(record['loss']):.4f}"
    )


@st.fragment(key=TABLE)
def table_part() -> None:
    with st.container(key=f"{K}-table"):
        st.markdown(backprop_figures.node_table_markdown(network_now()[2]))


@st.fragment(key=NETWORK)
def network_part() -> None:
    _, model, record, _ = network_now()
    chart(
        st,
        backprop_figures.network_figure(record, model, st.session_state[f"{K}-node"]),
        key=f"{K}-network",
        config={"displayModeBar": False},
    )


@st.fragment(key=EQUATIONS)
def equations_part() -> None:
    _, model, record, target = network_now()
    lines = backprop_figures.node_equations(record, model, st.session_state[f"{K}-node"], target)
    st.latex(stacked_latex(lines))  # one KaTeX block, not four
    links.write()  # the controls that reran it (drawn by the page) too


st.header("Activation functions")
pick_col, plot_col = st.columns([2, 3])
with pick_col:  # the activation reruns the page: its formulas, its words, the curve and the network
    name = st.radio(
        "Activation f", list(backprop.ACTIVATIONS), index=1, horizontal=True, key=f"{K}-activation"
    )
    for formula in backprop.FORMULAS[name]:
        st.latex(formula)
    st.markdown(WORDS[name])
    st.caption("Grey bands: |f'(a)| < 0.1, the saturating regions where almost no gradient flows back.")
with plot_col:
    st.slider("a", -5.0, 5.0, 1.0, 0.1, key=f"{K}-a", on_change=parts.redraw(CURVE))
    curve_part()

st.header("Backpropagation with numbers")
st.markdown(
    f"Two inputs, a hidden layer with **{name}**, two outputs with softmax and the loss "
    "L = −log p_target. Change the inputs or the target, or take gradient steps w ← w − η ∂L/∂w."
)
redraw_numbers = parts.redraw(*NUMBERS)
x_col, target_col, hidden_col, seed_col, lr_col = st.columns(5)
x_col.slider("Input x1", -2.0, 2.0, 1.0, 0.1, key=f"{K}-x1", on_change=redraw_numbers)
x_col.slider("Input x2", -2.0, 2.0, -0.5, 0.1, key=f"{K}-x2", on_change=redraw_numbers)
target_col.radio(
    "Target class", [0, 1], format_func=lambda c: f"y{c + 1}", key=f"{K}-target", on_change=redraw_numbers
)
hidden = hidden_col.slider(
    "Hidden nodes", 2, 4, 3, key=f"{K}-hidden"
)  # the page: it changes the node's options
seed_col.number_input("Weights seed", 0, 999, 0, key=f"{K}-seed", on_change=redraw_numbers)
lr_col.select_slider(
    "Learning rate η", [0.01, 0.1, 0.5, 1.0, 5.0], 0.5, key=f"{K}-lr", on_change=redraw_numbers
)

step_col, reset_col, _ = st.columns([1, 1, 4])
step_col.button(
    "Gradient step", key=f"{K}-step", type="primary", on_click=set_steps, args=(1,), width="stretch"
)
reset_col.button("↺ Reset", key=f"{K}-reset", on_click=set_steps, args=(None,), width="stretch")

diagram_col, table_col = st.columns([3, 2])
with table_col:
    loss_part()
    st.selectbox(
        "Equations for node",
        [f"h{k + 1}" for k in range(hidden)] + ["y1", "y2"],
        key=f"{K}-node",
        on_change=parts.redraw(NETWORK, EQUATIONS),
    )
    table_part()
with diagram_col:
    network_part()
equations_part()
st.caption(
    "Weights between two layers get ∂L/∂w_ij = g_j x_i, the outer product of x and g: hover an edge "
    "of the network to read w and its gradient."
)
