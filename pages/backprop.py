"""Activations & backprop: f and f' with saturation marked; a tiny network with a_j, x_j, g_j."""
import streamlit as st

from engine import backprop, backprop_figures
from engine.figures import stacked_latex
from pages.widgets.chrome import header
from pages.widgets import links
from pages.widgets.classroom import chart

K = "backprop"
WORDS = {  # the lecture's own words for each activation
    "step": "Unit step function, used in the original Perceptron: discontinuous, not possible to propagate error.",
    "sigmoid": "Smooth step function: gradients saturate except in the transition regime.",
    "tanh": "Hyperbolic tangent: same as the sigmoid, but zero-centered.",
    "ReLU": "Rectified linear unit: clips negative values to zero. One-sided saturation only, very cheap to compute.",
    "leaky ReLU": "Similar to ReLU, with a small slope for negative a: no constant regime at all.",
    "ELU": "Similar to ReLU, smooth for negative a: its gradient only fades far to the left.",
}

header("Activations & backprop", "001 · Intro to neural networks (Verbeek): activation functions, "
       "forward and backward propagation",
       "Every node sums its inputs, a_j = Σ w_ij x_i, and fires x_j = f(a_j). Backpropagation sends "
       "g_j = ∂L/∂a_j from the outputs back to the inputs, multiplying by f'(a) at every node.")

st.header("Activation functions")
pick_col, plot_col = st.columns([2, 3])
with pick_col:
    name = st.radio("Activation f", list(backprop.ACTIVATIONS), index=1, horizontal=True, key=f"{K}-activation")
    for formula in backprop.FORMULAS[name]:
        st.latex(formula)
    st.markdown(WORDS[name])
    st.caption("Grey bands: |f'(a)| < 0.1, the saturating regions where almost no gradient flows back.")


@st.fragment
def activation_curve(name: str) -> None:
    """Only the curve reruns when `a` moves."""
    a_value = st.slider("a", -5.0, 5.0, 1.0, 0.1, key=f"{K}-a")
    chart(st, backprop_figures.activation_figure(name, a_value), key=f"{K}-curve", config={"displayModeBar": False})
    links.write()


@st.fragment
def backprop_numbers(name: str) -> None:
    """The tiny network: its inputs, steps and numbers rerun on their own, not the curves above."""
    st.header("Backpropagation with numbers")
    st.markdown(f"Two inputs, a hidden layer with **{name}**, two outputs with softmax and the loss "
                "L = −log p_target. Change the inputs or the target, or take gradient steps w ← w − η ∂L/∂w.")
    x_col, target_col, hidden_col, seed_col, lr_col = st.columns(5)
    x1 = x_col.slider("Input x1", -2.0, 2.0, 1.0, 0.1, key=f"{K}-x1")
    x2 = x_col.slider("Input x2", -2.0, 2.0, -0.5, 0.1, key=f"{K}-x2")
    target = target_col.radio("Target class", [0, 1], format_func=lambda c: f"y{c + 1}", key=f"{K}-target")
    hidden = hidden_col.slider("Hidden nodes", 2, 4, 3, key=f"{K}-hidden")
    seed = seed_col.number_input("Weights seed", 0, 999, 0, key=f"{K}-seed")
    learning_rate = lr_col.select_slider("Learning rate η", [0.01, 0.1, 0.5, 1.0, 5.0], 0.5, key=f"{K}-lr")

    steps = st.session_state.setdefault(f"{K}-steps", 0)
    step_col, reset_col, _ = st.columns([1, 1, 4])
    step_col.button("Gradient step", key=f"{K}-step", type="primary",
                    on_click=lambda: st.session_state.update({f"{K}-steps": steps + 1}), width="stretch")
    reset_col.button("↺ Reset", key=f"{K}-reset", on_click=lambda: st.session_state.update({f"{K}-steps": 0}),
                     width="stretch")

    cfg = backprop.Config(activation=name, hidden=hidden, seed=seed, learning_rate=learning_rate, steps=steps)
    model, record = learn(cfg, (x1, x2), target)

    diagram_col, table_col = st.columns([3, 2])
    with table_col:
        st.metric(f"Loss L = −log p_y{target + 1} after {steps} gradient steps", f"{float(record['loss']):.4f}")
        node = st.selectbox("Equations for node", [f"h{k + 1}" for k in range(hidden)] + ["y1", "y2"],
                            key=f"{K}-node")
        with st.container(key=f"{K}-table"):
            st.markdown(backprop_figures.node_table_markdown(record))
    chart(diagram_col, backprop_figures.network_figure(record, model, node), key=f"{K}-network",
          config={"displayModeBar": False})
    lines = backprop_figures.node_equations(record, model, node, target)
    st.latex(stacked_latex(lines))  # one KaTeX block, not four
    st.caption("Weights between two layers get ∂L/∂w_ij = g_j x_i, the outer product of x and g: hover an edge "
               "of the network to read w and its gradient.")
    links.write()


@st.cache_data(show_spinner=False, max_entries=256)
def learn(cfg: backprop.Config, x: tuple[float, float], target: int):
    """The network after cfg.steps gradient steps on this one example, and its forward/backward record."""
    model = backprop.train(backprop.build(cfg), backprop.Example(x=x, target=target), cfg)
    return model, backprop.backward(model, list(x), target)


with plot_col:
    activation_curve(name)
backprop_numbers(name)
