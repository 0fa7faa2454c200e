"""Learned filters: a CNN trained on handwritten digits, its filters, feature maps and receptive fields."""
import numpy as np
import streamlit as st

from engine import digits_cnn as dc
from engine.conv_figures import map_figure, maps_grid
from engine.datasets import digits
from engine.figures import bars
from pages.widgets import links
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart
from pages.widgets.inputs import drawing_pad, image_input

P = "learned_filters"
SOURCES = ["A held-out digit", "Draw", "Upload or camera"]
LAYERS = {"conv1": "layer 1 (conv)", "pool1": "layer 1 (pooled)", "conv2": "layer 2 (conv)", "pool2": "layer 2 (pooled)"}

header("Learned filters", "001 CNNs: local connectivity, weight sharing, receptive field, pooling",
       "A small CNN trained by LayerLab on scikit-learn's 8x8 handwritten digits. Nobody designed its "
       "filters: they were **learned**. Every unit sees only a small window of the layer below (**local "
       "connectivity**), all units of a map share one filter (**weight sharing**), and the window a unit "
       "sees on the input, its **receptive field**, grows from layer to layer.")


@st.cache_resource(show_spinner="Loading the digits CNN…")
def model() -> dc.DigitsCNN:
    return dc.load_pretrained()  # shared and read-only: eval mode, no gradients


@st.cache_data(show_spinner=False)
def held_out() -> tuple[np.ndarray, np.ndarray]:
    data = digits()
    return data.x_test, data.y_test


col_input, col_prediction = st.columns([1, 1], gap="large")
with col_input:
    source = st.radio("Digit", SOURCES, key=f"{P}-digit", horizontal=True)
    truth, digit = None, None
    try:
        if source == SOURCES[0]:
            x_test, y_test = held_out()
            index = st.slider("Which held-out digit", 0, len(y_test) - 1, 0, key=f"{P}-index")
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

trace = dc.trace(model(), digit)
probs = dc.probabilities(trace["logits"])
guess = int(probs.argmax())
with col_prediction:
    told = "" if truth is None else (" ✔ right" if truth == guess else f" ✘ (it is a {truth})")
    st.markdown(f"### The network says **{guess}** ({probs[guess]:.0%}){told}")
    figure = bars(list(probs), [str(d) for d in range(10)], "Probability of each digit (softmax)",
                  highlight=guess, height=250).update_xaxes(type="category")
    chart(st, figure, key=f"{P}-probs", config={"displayModeBar": False})
    card = dc.card()
    st.caption(f"Held-out accuracy of this network: {card['metrics']['test_accuracy']:.1%} on "
               f"{card['data'].split('(')[-1].rstrip(')')}.")

st.subheader("The learned first-layer filters")
filters = model().conv1.weight.detach().cpu().numpy()[:, 0]             # (8, 3, 3)
chart(st, maps_grid({"filters 3x3": filters}, cell_px=30), key=f"{P}-filters",
          config={"displayModeBar": False})


@st.fragment
def receptive_field(trace: dict[str, np.ndarray], digit: np.ndarray) -> None:
    """One unit's window on the input, outlined in every layer's maps: only this reruns when it moves."""
    st.subheader("Receptive field of one unit")
    a, b, c, d = st.columns(4)
    layer = a.selectbox("Layer", list(LAYERS), format_func=LAYERS.get, key=f"{P}-layer", index=2)
    maps = trace[layer]
    channel = b.slider("Map", 0, maps.shape[0] - 1, 0, key=f"{P}-channel")
    row = c.slider("Row", 0, maps.shape[1] - 1, min(1, maps.shape[1] - 1), key=f"{P}-row")
    col = d.slider("Column", 0, maps.shape[2] - 1, min(1, maps.shape[2] - 1), key=f"{P}-col")
    links.write()  # a fragment rerun keeps the link current
    row, col = min(row, maps.shape[1] - 1), min(col, maps.shape[2] - 1)
    field = dc.receptive_field(layer, row, col)
    left, right = st.columns([1, 2], gap="medium")
    chart(left, map_figure(digit, "Input 8x8 · receptive field", window=field, height=330),
          key=f"{P}-field", config={"displayModeBar": False})
    size = dc.receptive_field_size(layer)
    right.markdown(f"Unit (row {row}, column {col}) of map {channel} in **{LAYERS[layer]}** has the value "
                   f"**{maps[channel, row, col]:.2f}**. It depends only on the {size}x{size} window of input "
                   f"pixels outlined in green (rows {field[0]}–{field[2]}, columns {field[1]}–{field[3]} after "
                   "clipping to the picture). Change any pixel outside it and this unit does not change.")
    right.caption("Receptive field sides: " + ", ".join(f"{LAYERS[n]} {dc.receptive_field_size(n)}" for n in LAYERS)
                  + ". Each 3x3 convolution adds 2 × the spacing of its input units; each 2x2 pooling doubles it.")
    st.subheader("Feature maps of every layer for this digit")
    unit = (layer, channel, row, col)
    chart(st, maps_grid({k: trace[k] for k in ("conv1", "relu1", "pool1")}, unit=unit), key=f"{P}-layer1",
          config={"displayModeBar": False})
    chart(st, maps_grid({k: trace[k] for k in ("conv2", "relu2", "pool2")}, unit=unit, cell_px=14),
          key=f"{P}-layer2", config={"displayModeBar": False})


receptive_field(trace, digit)
