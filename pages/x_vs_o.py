"""The X-vs-O network: the lecture's whole small ConvNet and its votes; shift, rotate or add noise."""
import pandas as pd
import streamlit as st

from engine import xo_figures as xf, xo_net as xo
from engine.conv import O_IMAGE, X_IMAGE
from engine.conv_figures import map_figure
from pages.widgets.chrome import header
from pages.widgets.classroom import chart

P = "x_vs_o"
PICTURES = {"X": X_IMAGE, "O": O_IMAGE}
VOTES = {"prototype": "the lecture's: features of the clean X and O", "learned": "learned from 256 moved pictures"}

header("The X-vs-O network", "002 ConvNets: filters, ReLU, pooling, fully connected layers",
       "The lecture's whole network: the 9x9 picture is convolved with the three filters, **ReLU** zeroes the "
       "negatives, **max pooling** shrinks each map, and in the **fully connected layer** every remaining number "
       "*votes* for X and for O. Move, turn or spoil the picture and watch the votes: pooling makes the "
       "answer survive small shifts (**translation invariance**).")


@st.cache_resource(show_spinner="Learning the votes from 256 shifted, rotated and noisy pictures…")
def network(poolings: int, votes: str) -> xo.XONet:
    """One shared, read-only network per setting (the votes train once per server, seeded)."""
    cfg = xo.Config(poolings=poolings)
    model = xo.build(cfg)
    if votes == "learned":
        xo.train(model, xo.make_data(cfg), cfg)
    return model.eval()


@st.cache_data(show_spinner=False)
def test_accuracy(poolings: int, votes: str) -> float:
    cfg = xo.Config(poolings=poolings, seed=1)                       # pictures the votes never saw
    return xo.accuracy(network(poolings, votes), xo.make_data(cfg))


col_input, col_moves, col_net = st.columns([1, 1, 1], gap="medium")
with col_input:
    source = st.radio("Picture", ["X", "O", "Your 9x9 grid"], key=f"{P}-input", horizontal=True)
    if source in PICTURES:
        picture = PICTURES[source]
    else:
        st.caption("Tick a cell for +1 (ink), untick for -1.")
        grid = st.data_editor(pd.DataFrame(O_IMAGE > 0, columns=[str(c) for c in range(9)]),
                              key=f"{P}-grid", hide_index=True, width="content", column_config={
                                  str(c): st.column_config.CheckboxColumn(str(c), width=34) for c in range(9)})
        picture = (grid.to_numpy(dtype=bool) * 2.0 - 1.0).astype("float32")
with col_moves:
    a, b = st.columns(2)
    down = a.slider("Shift down", -3, 3, 0, key=f"{P}-down")
    right = b.slider("Shift right", -3, 3, 0, key=f"{P}-right")
    degrees = st.slider("Rotate (°)", -180, 180, 0, 15, key=f"{P}-rotate")
    a, b = st.columns(2)
    flips = a.slider("Noise: flip pixels", 0, 20, 0, key=f"{P}-noise")
    seed = b.number_input("Noise seed", 0, 999, 0, key=f"{P}-seed")
with col_net:
    votes = st.radio("Vote weights", list(VOTES), format_func=lambda v: f"{v}: {VOTES[v]}", key=f"{P}-votes")
    poolings = st.radio("Pooling", [2, 1], key=f"{P}-poolings", horizontal=True,
                        format_func=lambda n: {2: "twice: 12 numbers vote", 1: "once: 48 numbers vote"}[n])
    st.caption(f"On 256 moved, turned and noisy pictures it has never seen, this network is right "
               f"{test_accuracy(poolings, votes):.0%} of the time.")

model = network(poolings, votes)
image = xo.transform(picture, down, right, degrees, flips, int(seed))
trace = xo.trace(model, image)
scores = trace["scores"]
winner = int(scores.argmax())

left, right_col = st.columns([1, 1], gap="medium")
chart(left, map_figure(image, "What the network sees · 9 x 9", height=340), key=f"{P}-seen",
            config={"displayModeBar": False})
with right_col:
    margin = abs(scores[0] - scores[1])
    verdict = f"It is an **{xo.CLASSES[winner]}**" + (" (only just)" if margin < 0.03 else "")
    st.markdown(f"### {verdict}")
    chart(st, xf.scores_figure(scores, xo.CLASSES), key=f"{P}-scores", config={"displayModeBar": False})
    st.caption("Each score is Σ weight × value / Σ weight over all the numbers after pooling.")

st.subheader("Inside: convolution → ReLU → pooling")
chart(st, xf.stages_figure(trace), key=f"{P}-stages", config={"displayModeBar": False})
st.caption("Hover a cell for its value; the pooled numbers, the ones that vote, are written in.")
st.subheader("Fully connected: every number votes")
weights = model.votes.weight.detach().cpu().numpy()
chart(st, xf.votes_figure(trace["features"], weights, xo.CLASSES), key=f"{P}-votes-fig",
          config={"displayModeBar": False})
