"""BPTT & vanishing gradients: watch dL/dh_t shrink or grow as it flows back through time."""
import math

import streamlit as st

from engine import bptt, bptt_figures
from pages.widgets.chrome import header
from pages.widgets.classroom import chart

header("BPTT & vanishing gradients", "Recurrent NN: back-propagation through time, truncated BPTT",
       "Forward through the entire sequence to compute the loss, then backward through the entire sequence "
       "to compute the gradient. Here the loss sits at the **last** step (the network must recall its "
       "**first** input), so the gradient must travel back $T$ steps: at every step it is multiplied by "
       "$W_{hh}^\\top \\operatorname{diag}(f'(a_t))$. Long-term dependencies are hard when that product "
       "shrinks (**vanishing**) or blows up (**exploding**).")

a, b, c = st.columns(3)
seq_len = a.slider("Sequence length T", 5, 200, 40, key="bptt-length")
radius = b.slider("Spectral radius of W_hh", 0.5, 1.5, 1.0, 0.05, key="bptt-radius",
                  help="The largest |eigenvalue| of the recurrent matrix.")
activation = c.radio("Activation", bptt.ACTIVATIONS, key="bptt-activation",
                     help="The lecture's fixes: ReLU, and initialising W_hh to the identity (biases zero).")
a, b = st.columns(2)
clip_on = a.toggle("Gradient clipping", key="bptt-clip-on")
clip = a.slider("Clip every dL/dh_t to norm at most", 0.1, 10.0, 1.0, 0.1, key="bptt-clip", disabled=not clip_on)
truncate = b.toggle("Truncated BPTT", key="bptt-truncate")
chunk = b.slider("Chunk length k", 1, 50, 10, key="bptt-chunk", disabled=not truncate)
cfg = bptt.Config(seq_len=seq_len, radius=radius, activation=activation, clip=clip if clip_on else 0.0,
                  chunk=chunk if truncate else 0)


@st.cache_data(show_spinner=False, max_entries=256)
def flow_for(cfg: bptt.Config) -> bptt.GradientFlow:
    return bptt.gradient_flow(cfg)


flow = flow_for(cfg)
factor = flow.per_step_factor
if math.isnan(factor):
    verdict = "too few steps receive gradient to tell"
elif factor < 0.9:
    verdict = f"vanishing: ×{factor:.2f} per step back"
elif factor > 1.1:
    verdict = f"exploding: ×{factor:.2f} per step back"
else:
    verdict = f"roughly stable: ×{factor:.2f} per step back"
m1, m2, m3, m4 = st.columns(4)
m1.metric("Loss at step T", f"{flow.loss:.3g}")
m2.metric("||dL/dh_T|| (last step)", f"{flow.norms[-1]:.3g}")
m3.metric("||dL/dh_1|| (first step)", f"{flow.norms[0]:.3g}")
m4.metric("Steps that receive gradient", f"{int(flow.receives.sum())} of {seq_len}")
with st.container(key="bptt-verdict"):
    st.markdown(f"**The gradient is {verdict}.**")

chart(st, bptt_figures.gradient_norms(flow, cfg.chunk), key="bptt-norms")
if cfg.chunk:
    st.caption(f"Truncated BPTT with k = {cfg.chunk}: the hidden state is carried forward across the dotted "
               "chunk borders (the forward pass is unchanged), but the backward pass stops at the border of "
               "the chunk holding the loss. Grey steps get exactly zero gradient.")
left, right = st.columns([3, 2])
left.markdown("**Every component of dL/dh_t** (log10 of its size)")
chart(left, bptt_figures.gradient_map(flow), key="bptt-map")
chart(right, bptt_figures.eigenvalues(flow.eigenvalues), key="bptt-eig")

st.subheader("The backward recursion")
st.latex(r"\delta_T = \frac{\partial L}{\partial h_T} = W_{hy}^\top (y - x_1), \qquad "
         r"\delta_{t-1} = \frac{\partial L}{\partial h_{t-1}} = W_{hh}^\top\big(f'(a_t)\odot\delta_t\big)")
st.latex(r"\frac{\partial L}{\partial W_{hh}} = \sum_t \big(f'(a_t)\odot\delta_t\big)\,h_{t-1}^\top")
st.caption("The same weights are used at every step, so their gradients from every step add up.")
st.markdown(
    "- With **tanh**, $f'(a) = 1 - \\tanh^2(a) \\le 1$: saturated units shrink the gradient even when the "
    "radius is above 1.\n"
    "- With **ReLU** and $W_{hh}$ initialised to the **identity**, the factor is the radius itself: "
    "below 1 it vanishes, above 1 it explodes.\n"
    "- **Clipping** rescales a gradient whose norm is too large: it tames exploding gradients but cannot "
    "bring back vanished ones. **Truncated BPTT** costs $O(k)$ instead of $O(T)$ memory and time, but "
    "learns nothing about dependencies longer than $k$ steps.")
