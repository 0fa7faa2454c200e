"""BPTT & vanishing gradients: watch dL/dh_t shrink or grow as it flows back through time."""

import streamlit as st

from engine import bptt, bptt_figures
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart

header(
    "BPTT & vanishing gradients",
    "Recurrent NN: back-propagation through time, truncated BPTT",
    "Forward through the entire sequence to compute the loss, then backward through the entire sequence "
    "to compute the gradient. Here the loss sits at the **last** step (the network must recall its "
    "**first** input), so the gradient must travel back $T$ steps: at every step it is multiplied by "
    "$W_{hh}^\\top \\operatorname{diag}(f'(a_t))$. Long-term dependencies are hard when that product "
    "shrinks (**vanishing**) or blows up (**exploding**).",
)

FLOW = "bptt-flow"
redraw = parts.redraw(FLOW)  # a setting reruns only the numbers and charts below, not the page
# the gradient's flow beside the settings, on the first screen; the settings first (the part reads them)
flow_col, settings_col = st.columns([2.4, 1], gap="medium")
with settings_col:
    st.slider("Sequence length T", 5, 200, 40, key="bptt-length", on_change=redraw)
    st.slider(
        "Spectral radius of W_hh",
        0.5,
        1.5,
        1.0,
        0.05,
        key="bptt-radius",
        on_change=redraw,
        help="The largest |eigenvalue| of the recurrent matrix.",
    )
    st.radio(
        "Activation",
        bptt.ACTIVATIONS,
        key="bptt-activation",
        on_change=redraw,
        help="The lecture's fixes: ReLU, and initialising W_hh to the identity (biases zero).",
    )
    clip_on = st.toggle("Gradient clipping", key="bptt-clip-on")  # the whole page: it enables its slider
    st.slider(
        "Clip every dL/dh_t to norm at most",
        0.1,
        10.0,
        1.0,
        0.1,
        key="bptt-clip",
        disabled=not clip_on,
        on_change=redraw,
    )
    truncate = st.toggle("Truncated BPTT", key="bptt-truncate")
    st.slider("Chunk length k", 1, 50, 10, key="bptt-chunk", disabled=not truncate, on_change=redraw)


@st.cache_data(show_spinner=False, max_entries=256)
def flow_for(cfg: bptt.Config) -> bptt.GradientFlow:
    return bptt.gradient_flow(cfg)


@st.fragment(key=FLOW)
def gradient_flow() -> None:
    """Every number and chart the settings above change."""
    state = st.session_state
    cfg = bptt.Config(
        seq_len=state["bptt-length"],
        radius=state["bptt-radius"],
        activation=state["bptt-activation"],
        clip=state["bptt-clip"] if state["bptt-clip-on"] else 0.0,
        chunk=state["bptt-chunk"] if state["bptt-truncate"] else 0,
    )
    flow = flow_for(cfg)
    show_flow(cfg, flow, bptt.verdict(flow))
    links.write()


def show_flow(cfg: bptt.Config, flow: bptt.GradientFlow, verdict: str) -> None:
    seq_len = cfg.seq_len
    with st.container(key="bptt-verdict"):
        st.markdown(f"**{verdict}**")
    chart(st, bptt_figures.gradient_norms(flow, cfg.chunk), key="bptt-norms")
    (m1, m2), (m3, m4) = st.columns(2), st.columns(2)
    m1.metric("Loss at step T", f"{flow.loss:.3g}")
    m2.metric("||dL/dh_T|| (last step)", f"{flow.norms[-1]:.3g}")
    m3.metric("||dL/dh_1|| (first step)", f"{flow.norms[0]:.3g}")
    m4.metric(
        "Steps that receive gradient",
        f"{int(flow.reached.sum())} of {seq_len}",
        help="Steps whose dL/dh_t is not exactly 0 (truncation and ReLUs that are off pass 0 back).",
    )
    if cfg.chunk:
        st.caption(
            f"Truncated BPTT with k = {cfg.chunk}: the hidden state is carried forward across the dotted "
            "chunk borders (the forward pass is unchanged), but the backward pass stops at the border of "
            "the chunk holding the loss. Grey steps get exactly zero gradient."
        )
    left, right = st.columns([3, 2])
    left.markdown("**Every component of dL/dh_t** (log10 of its size)")
    chart(left, bptt_figures.gradient_map(flow), key="bptt-map")
    chart(right, bptt_figures.eigenvalues(flow.eigenvalues), key="bptt-eig")


with flow_col:
    gradient_flow()

st.subheader("The backward recursion")
st.latex(
    r"\delta_T = \frac{\partial L}{\partial h_T} = W_{hy}^\top (y - x_1), \qquad "
    r"\delta_{t-1} = \frac{\partial L}{\partial h_{t-1}} = W_{hh}^\top\big(f'(a_t)\odot\delta_t\big)"
)
st.latex(r"\frac{\partial L}{\partial W_{hh}} = \sum_t \big(f'(a_t)\odot\delta_t\big)\,h_{t-1}^\top")
st.caption("The same weights are used at every step, so their gradients from every step add up.")
st.markdown(
    "- With **tanh**, $f'(a) = 1 - \\tanh^2(a) \\le 1$: saturated units shrink the gradient even when the "
    "radius is above 1.\n"
    "- With **ReLU** and $W_{hh}$ initialised to the **identity**, the factor is the radius itself: "
    "below 1 it vanishes, above 1 it explodes.\n"
    "- **Clipping** rescales a gradient whose norm is too large: it tames exploding gradients but cannot "
    "bring back vanished ones. **Truncated BPTT** runs forward and backward through chunks of the sequence "
    "instead of the whole sequence: it carries hidden states forward in time forever, but only "
    "backpropagates for $k$ steps. The forward pass still covers all $T$ steps; what it saves is the "
    "backward pass, which goes back $k$ steps instead of $T$ and so needs to keep only the last $k$ "
    "steps' activations, and it learns nothing about dependencies longer than $k$ steps."
)
