"""Learned filters: a CNN trained on handwritten digits, its filters, feature maps and receptive fields."""

import numpy as np
import streamlit as st

from engine import digits_cnn as dc
from engine.conv_figures import map_figure, maps_grid, view_room
from engine.datasets import digits
from engine.figures import bars
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting
from pages.widgets.inputs import drawing_pad, image_input

P = "learned_filters"
SOURCES = ["A held-out digit", "Draw", "Upload or camera"]
LAYERS = {
    "conv1": "layer 1 (conv)",
    "pool1": "layer 1 (pooled)",
    "conv2": "layer 2 (conv)",
    "pool2": "layer 2 (pooled)",
}

header(
    "Learned filters",
    "001 CNNs: local connectivity, weight sharing, receptive field, pooling",
    "A small CNN trained by LayerLab on scikit-learn's 8x8 handwritten digits. Nobody designed its "
    "filters: they were **learned**. Every unit sees only a small window of the layer below (**local "
    "connectivity**), all units of a map share one filter (**weight sharing**), and the window a unit "
    "sees on the input, its **receptive field**, grows from layer to layer.",
)


@st.cache_resource(show_spinner="Loading the digits CNN…")
def model() -> dc.DigitsCNN:
    return dc.load_pretrained()  # shared and read-only: eval mode, no gradients


@st.cache_data(show_spinner=False)
def held_out() -> tuple[np.ndarray, np.ndarray]:
    data = digits()
    return data.x_test, data.y_test


def shown(digit: np.ndarray, truth: int | None) -> tuple[np.ndarray, int | None]:
    """The digit the parts draw: a held-out one is read from its slider (the parts rerun alone)."""
    if st.session_state.get(f"{P}-digit") == SOURCES[0]:
        x_test, y_test = held_out()
        index = st.session_state[f"{P}-index"]
        return x_test[index], int(y_test[index])
    return digit, truth


@st.cache_data(show_spinner=False, max_entries=64)
def traced(digit: np.ndarray) -> dict[str, np.ndarray]:
    return dc.trace(model(), digit)


def unit_of(trace: dict[str, np.ndarray]) -> tuple[str, int, int, int]:
    """The unit the receptive field's controls chose (a row or column past a
    smaller layer's edge: clipped)."""
    state = st.session_state
    layer = state[f"{P}-layer"]
    height, width = trace[layer].shape[1:]
    return layer, state[f"{P}-channel"], min(state[f"{P}-row"], height - 1), min(state[f"{P}-col"], width - 1)


PREDICTION, UNIT = f"{P}-prediction", f"{P}-unit"
col_input, col_prediction = st.columns([1, 1], gap="large")
with col_input:
    source = st.radio("Digit", SOURCES, key=f"{P}-digit", horizontal=True)  # the whole page: other controls
    truth, digit = None, None
    try:
        if source == SOURCES[0]:
            x_test, y_test = held_out()
            index = st.slider(
                "Which held-out digit",
                0,
                len(y_test) - 1,
                0,
                key=f"{P}-index",
                on_change=parts.redraw(PREDICTION, UNIT),
            )  # reruns only what the digit changes
            digit, truth = x_test[index], int(y_test[index])
        elif source == SOURCES[1]:
            st.caption("Draw one digit, large, in the middle of the box.")
            ink = drawing_pad(P)
            digit = None if ink is None else dc.to_digit(ink)
        else:
            loaded = image_input(P, sources=("upload", "camera"), label="Picture of a digit")
            digit = None if loaded is None else dc.to_digit(dc.ink_from_picture(loaded.gray))
    except ValueError as error:
        show_error(str(error))
if digit is None:
    st.stop()


@st.fragment(key=PREDICTION)
def prediction(digit: np.ndarray, truth: int | None) -> None:
    """What the network says about the digit: the part a new held-out digit reruns."""
    digit, truth = shown(digit, truth)
    probs = dc.probabilities(traced(digit)["logits"])
    guess = int(probs.argmax())
    told = "" if truth is None else (" ✔ right" if truth == guess else f" ✘ (it is a {truth})")
    st.markdown(f"### The network says **{guess}** ({probs[guess]:.0%}){told}")
    figure = bars(
        list(probs),
        [str(d) for d in range(10)],
        "Probability of each digit (softmax)",
        highlight=guess,
        height=250,
    ).update_xaxes(type="category")
    chart(st, figure, key=f"{P}-probs", config={"displayModeBar": False})
    links.write()


with col_prediction:
    prediction(digit, truth)
    card = dc.card()
    st.caption(
        f"Held-out accuracy of this network: {card['metrics']['test_accuracy']:.1%} on "
        f"{card['data'].split('(')[-1].rstrip(')')}."
    )

st.subheader("The learned first-layer filters")
chart(
    st,
    maps_grid(
        {"filters 3x3": model().conv1.weight.detach().cpu().numpy()[:, 0]},
        cell_px=30,  # (8, 3, 3)
        room=view_room(presenting()),
    ),
    key=f"{P}-filters",
    config={"displayModeBar": False},
)


@st.fragment(key=UNIT)
def unit_part(what: str, digit: np.ndarray, truth: int | None) -> None:
    """The unit's window on the input ("field"), its words ("words") or every layer's maps ("maps")."""
    digit, _ = shown(digit, truth)
    trace = traced(digit)
    layer, channel, row, col = unit_of(trace)
    field, room = dc.receptive_field(layer, row, col), view_room(presenting())
    if what == "field":  # in the left third: cells that hold the digit's numbers in both views
        chart(
            st,
            map_figure(digit, "Input 8x8 · receptive field", window=field, room=room.columns(1 / 3)),
            key=f"{P}-field",
            config={"displayModeBar": False},
        )
    elif what == "words":
        st.markdown(dc.unit_words(LAYERS[layer], layer, channel, row, col, trace[layer][channel, row, col]))
    else:
        unit = (layer, channel, row, col)
        chart(
            st,
            maps_grid({k: trace[k] for k in ("conv1", "relu1", "pool1")}, unit=unit, room=room),
            key=f"{P}-layer1",
            config={"displayModeBar": False},
        )
        chart(
            st,
            maps_grid({k: trace[k] for k in ("conv2", "relu2", "pool2")}, unit=unit, cell_px=14, room=room),
            key=f"{P}-layer2",
            config={"displayModeBar": False},
        )
    links.write()


@st.fragment
def receptive_field(digit: np.ndarray, truth: int | None) -> None:
    """One unit's window on the input, outlined in every layer's maps (the layer reruns this,
    the rest the unit)."""
    a, b, c, d = st.columns(4)
    layer = a.selectbox("Layer", list(LAYERS), format_func=LAYERS.get, key=f"{P}-layer", index=2)
    maps = traced(shown(digit, truth)[0])[layer]
    redraw = parts.redraw(UNIT)
    b.slider("Map", 0, maps.shape[0] - 1, 0, key=f"{P}-channel", on_change=redraw)
    c.slider("Row", 0, maps.shape[1] - 1, min(1, maps.shape[1] - 1), key=f"{P}-row", on_change=redraw)
    d.slider("Column", 0, maps.shape[2] - 1, min(1, maps.shape[2] - 1), key=f"{P}-col", on_change=redraw)
    links.write()  # a fragment rerun keeps the link current
    left, right = st.columns([1, 2], gap="medium")
    with left:
        unit_part("field", digit, truth)
    with right:
        unit_part("words", digit, truth)
        st.caption(dc.field_sizes_words(LAYERS))
    st.subheader("Feature maps of every layer for this digit")
    unit_part("maps", digit, truth)


st.subheader("Receptive field of one unit")
receptive_field(digit, truth)
