"""The X-vs-O network: the lecture's whole small ConvNet and its votes; shift, rotate or add noise."""

import numpy as np
import pandas as pd
import streamlit as st

from engine import xo_figures as xf
from engine import xo_net as xo
from engine.conv import O_IMAGE, X_IMAGE
from engine.conv_figures import map_figure, view_room
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart, presenting

P = "x_vs_o"
PICTURES = {"X": X_IMAGE, "O": O_IMAGE}
VOTES = {
    "prototype": "the lecture's: features of the clean X and O",
    "learned": "learned from 256 moved pictures",
}
# the keyed parts a move or a network setting reruns (the controls and the words between them stay)
SEEN, VERDICT, STAGES, VOTING = (f"{P}-part-{name}" for name in ("seen", "verdict", "stages", "voting"))
ACCURACY = f"{P}-part-accuracy"
redraw_outputs = parts.redraw(SEEN, VERDICT, STAGES, VOTING)
redraw_network = parts.redraw(ACCURACY, SEEN, VERDICT, STAGES, VOTING)

header(
    "The X-vs-O network",
    "002 ConvNets: filters, ReLU, pooling, fully connected layers",
    "The lecture's whole network: the 9x9 picture is convolved with the three filters, **ReLU** zeroes the "
    "negatives, **max pooling** shrinks each map, and in the **fully connected layer** every remaining "
    "number *votes* for X and for O. Move, turn or spoil the picture and watch the votes: pooling makes "
    "the answer survive small shifts (**translation invariance**).",
)


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
    cfg = xo.Config(poolings=poolings, seed=1)  # pictures the votes never saw
    return xo.accuracy(network(poolings, votes), xo.make_data(cfg))


def room():
    """How big the maps' cells may be in this view (presenter view writes their numbers larger)."""
    return view_room(presenting())


def current_network() -> xo.XONet:
    return network(st.session_state[f"{P}-poolings"], st.session_state[f"{P}-votes"])


def seen_image(picture: np.ndarray) -> np.ndarray:
    """The picture moved and spoiled as the sliders say (read from the state: a part reruns alone)."""
    state = st.session_state
    return xo.transform(
        picture,
        state[f"{P}-down"],
        state[f"{P}-right"],
        state[f"{P}-rotate"],
        state[f"{P}-noise"],
        int(state[f"{P}-seed"]),
    )


def current_trace(picture: np.ndarray) -> dict:
    return xo.trace(current_network(), seen_image(picture))


@st.fragment(key=ACCURACY)
def accuracy_part() -> None:
    state = st.session_state
    st.caption(
        f"On 256 moved, turned and noisy pictures it has never seen, this network is right "
        f"{test_accuracy(state[f'{P}-poolings'], state[f'{P}-votes']):.0%} of the time."
    )


@st.fragment(key=SEEN)
def seen_part(picture: np.ndarray) -> None:
    chart(
        st,
        map_figure(seen_image(picture), "What the network sees · 9 x 9", room=room().columns(1 / 3)),
        key=f"{P}-seen",
        config={"displayModeBar": False},
    )


@st.fragment(key=VERDICT)
def verdict_part(picture: np.ndarray) -> None:
    scores = current_trace(picture)["scores"]
    winner = int(scores.argmax())
    margin = abs(scores[0] - scores[1])
    verdict = f"It is an **{xo.CLASSES[winner]}**" + (" (only just)" if margin < 0.03 else "")
    st.markdown(f"### {verdict}")
    chart(st, xf.scores_figure(scores, xo.CLASSES), key=f"{P}-scores", config={"displayModeBar": False})


@st.fragment(key=STAGES)
def stages_part(picture: np.ndarray) -> None:
    chart(
        st,
        xf.stages_figure(current_trace(picture), room=room()),
        key=f"{P}-stages",
        config={"displayModeBar": False},
    )


@st.fragment(key=VOTING)
def voting_part(picture: np.ndarray) -> None:
    model = current_network()
    weights = model.votes.weight.detach().cpu().numpy()
    chart(
        st,
        xf.votes_figure(current_trace(picture)["features"], weights, xo.CLASSES, room=room()),
        key=f"{P}-votes-fig",
        config={"displayModeBar": False},
    )
    if model.cfg.poolings == 1:
        st.caption("48 numbers are too many to write across the page: hover a cell for its value.")
    links.write()  # the controls that reran it (drawn by the page) too


col_input, col_moves, col_net = st.columns([1, 1, 1], gap="medium")
with col_input:  # the picture's source and the grid rerun the page (they change the picture and the controls)
    source = st.radio("Picture", ["X", "O", "Your 9x9 grid"], key=f"{P}-input", horizontal=True)
    if source in PICTURES:
        picture = PICTURES[source]
    else:
        st.caption("Tick a cell for +1 (ink), untick for -1.")
        grid = st.data_editor(
            pd.DataFrame(O_IMAGE > 0, columns=[str(c) for c in range(9)]),
            key=f"{P}-grid",
            hide_index=True,
            width="content",
            column_config={str(c): st.column_config.CheckboxColumn(str(c), width=34) for c in range(9)},
        )
        picture = (grid.to_numpy(dtype=bool) * 2.0 - 1.0).astype("float32")
with col_moves:  # a move reruns only the pictures and the votes below
    a, b = st.columns(2)
    a.slider("Shift down", -3, 3, 0, key=f"{P}-down", on_change=redraw_outputs)
    b.slider("Shift right", -3, 3, 0, key=f"{P}-right", on_change=redraw_outputs)
    st.slider("Rotate (°)", -180, 180, 0, 15, key=f"{P}-rotate", on_change=redraw_outputs)
    a, b = st.columns(2)
    a.slider("Noise: flip pixels", 0, 20, 0, key=f"{P}-noise", on_change=redraw_outputs)
    b.number_input("Noise seed", 0, 999, 0, key=f"{P}-seed", on_change=redraw_outputs)
with col_net:  # the network's settings rerun its accuracy and the outputs, not the page
    st.radio(
        "Vote weights",
        list(VOTES),
        format_func=lambda v: f"{v}: {VOTES[v]}",
        key=f"{P}-votes",
        on_change=redraw_network,
    )
    st.radio(
        "Pooling",
        [2, 1],
        key=f"{P}-poolings",
        horizontal=True,
        on_change=redraw_network,
        format_func=lambda n: {2: "twice: 12 numbers vote", 1: "once: 48 numbers vote"}[n],
    )
    accuracy_part()
with col_input:  # the picture and the verdict on the first screen, under the controls they read
    seen_part(picture)
with col_net:
    verdict_part(picture)
    st.caption("Each score is Σ weight × value / Σ weight over all the numbers after pooling.")

st.subheader("Inside: convolution → ReLU → pooling")
stages_part(picture)
st.caption("Hover a cell for its value; the pooled numbers, the ones that vote, are written in.")
st.subheader("Fully connected: every number votes")
voting_part(picture)
