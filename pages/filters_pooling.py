"""Filters & Pooling: slide filters over the lecture's X, a photo or a drawing; activation and
pooling after."""

import numpy as np
import streamlit as st

from engine import conv, kernels
from engine import conv_figures as cf
from engine.figures import stacked_latex
from engine.samples import SAMPLE_PHOTOS
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import presenting
from pages.widgets.conv_maps import show_map, sliding_window
from pages.widgets.inputs import image_input, ink_grid

P = "filters_pooling"
SOURCES = {"x": "The lecture's X", "o": "The lecture's O", "grid": "Your 9x9 grid", "picture": "A picture"}
SIDES = {"as loaded (≤ 512)": None, "256": 256, "128": 128, "64": 64, "32": 32, "16": 16, "9": 9}
PADDINGS = ["valid", "same", 1, 2, 3]

header(
    "Filters & Pooling",
    "002 ConvNets: filters, feature maps, pooling, ReLU · 001 CNNs",
    "A filter slides over the picture. At every position the element-wise products of filter and window "
    "are averaged (the lecture's **mean of products**) into one cell of the **feature map**; an activation "
    "such as **ReLU** zeroes the negatives, and **pooling** keeps the strongest answer of each window.",
)
state = st.session_state
# the filters that suit each kind of input: the lecture's +-1 filters match the 9x9 +-1 pictures, a photo's
# 0..1 pixels need edge filters (the X's filters leave its ReLU and pool maps nearly blank)
FITTING = {"grid": list(conv.LECTURE_FILTERS), "picture": ["Sobel x"]}
KIND, WRITTEN = f"{P}-kind", f"{P}-kernels-from"  # the input's kind last drawn; the presets the text shows


def kind_of(source: str) -> str:
    return "picture" if source == "picture" else "grid"


# a link such as ?input=picture&sample=Astronaut opens on a photo
state.setdefault(f"{P}-input", "picture" if st.query_params.get("input") == "picture" else "x")
state.setdefault(f"{P}-presets", FITTING[kind_of(state[f"{P}-input"])])


def write_kernels() -> None:
    names = state.get(f"{P}-presets") or ["identity"]
    state[f"{P}-kernels"] = kernels.format_kernels(
        [kernels.preset(n, state.get(f"{P}-size", 3), state.get(f"{P}-angle", 0)) for n in names]
    )
    state[WRITTEN] = list(state.get(f"{P}-presets") or [])


def fit_filters() -> None:
    """A new kind of input (a photo after the 9x9 pictures, or back) brings the filters that suit it."""
    kind = kind_of(state[f"{P}-input"])
    if state.get(KIND) != kind:
        state[f"{P}-presets"] = list(FITTING[kind])
        write_kernels()
    state[KIND] = kind


if f"{P}-kernels" not in state:
    write_kernels()
elif state.get(WRITTEN) is None:
    state[WRITTEN] = list(state.get(f"{P}-presets") or [])  # a link's own kernel text stays as it came
elif state[WRITTEN] != list(state.get(f"{P}-presets") or []):
    write_kernels()  # presets set by a tour scene: the kernel text follows them
state[KIND] = kind_of(state[f"{P}-input"])  # what the next change of input compares with
room = cf.view_room(presenting())  # how big the maps' cells may be, and whether their numbers fit

col_input, col_picture = st.columns([1.2, 2], gap="medium")
with col_input:
    source = st.radio(
        "Input",
        list(SOURCES),
        format_func=SOURCES.get,
        key=f"{P}-input",
        horizontal=True,
        on_change=fit_filters,
    )
    if source in ("x", "o"):
        image, colour = (conv.X_IMAGE if source == "x" else conv.O_IMAGE), False
        st.caption("9 x 9 pixels: +1 is ink, -1 is background, as on the slides.")
    elif source == "grid":
        image, colour = ink_grid(f"{P}-grid", conv.X_IMAGE), False
    else:
        sample = st.query_params.get("sample")
        loaded = image_input(P, default_sample=sample if sample in SAMPLE_PHOTOS else "Temple (China)")
        side = SIDES[st.selectbox("Shrink to (pixels, longest side)", list(SIDES), key=f"{P}-side")]
        colour = (
            st.radio("Colour", ["grayscale", "per channel"], key=f"{P}-colour", horizontal=True)
            != "grayscale"
        )
        image = None if loaded is None else conv.prepare_picture(loaded.rgb, side, colour)


def show(values: np.ndarray, title: str, where, key: str, share: float, gray: bool = False) -> None:
    show_map(values, title, where, f"{P}-map-{key}", share, room, gray)


if image is not None:
    show(image, "Input", col_picture, "input", 2 / 3.2, gray=True)
if image is not None and not cf.is_small(image):
    col_picture.caption(
        "Large maps are drawn as pictures (red positive, blue negative, white zero). Shrink the "
        "picture to 16 or 9 pixels to read every number and to follow the sliding window."
    )


MAPS = f"{P}-maps"
redraw_maps = parts.redraw(MAPS)  # a setting reruns only the maps; the controls stay as they are
col_filters, col_settings = st.columns(2, gap="medium")
with col_filters:
    st.multiselect(
        "Filters (several give a stack of feature maps)",
        kernels.PRESETS,
        key=f"{P}-presets",
        on_change=write_kernels,
        max_selections=kernels.MAX_FILTERS,
    )
    size_col, angle_col = st.columns(2)
    size_col.select_slider(
        "Size of blur/Gabor/random", kernels.SIZES, key=f"{P}-size", on_change=write_kernels
    )
    angle_col.slider("Gabor angle (°)", 0, 180, 0, 15, key=f"{P}-angle", on_change=write_kernels)
    st.text_area(
        "Kernels: edit any number (one row per line, a blank line between filters)",
        key=f"{P}-kernels",
        height=220,
        on_change=redraw_maps,
    )
with col_settings:
    a, b = st.columns(2)
    a.slider("Stride S", 1, 4, 1, key=f"{P}-stride", on_change=redraw_maps)
    b.slider("Dilation D", 1, 3, 1, key=f"{P}-dilation", on_change=redraw_maps)
    st.radio("Padding P", PADDINGS, key=f"{P}-padding", horizontal=True, on_change=redraw_maps)
    st.toggle("Mean of products (as in the lecture)", True, key=f"{P}-mean", on_change=redraw_maps)
    st.selectbox("Activation", conv.ACTIVATIONS, index=1, key=f"{P}-activation", on_change=redraw_maps)
    st.radio("Pooling", ["max", "average", "none"], key=f"{P}-pool", horizontal=True, on_change=redraw_maps)
    a, b = st.columns(2)
    a.slider("Pool size", 2, 4, 2, key=f"{P}-pool-size", on_change=redraw_maps)
    b.slider("Pool stride", 1, 4, 2, key=f"{P}-pool-stride", on_change=redraw_maps)
    st.toggle("Ceil mode (7 → 4)", True, key=f"{P}-ceil", on_change=redraw_maps)


@st.fragment(key=MAPS)
def layer(image: np.ndarray | None, colour: bool) -> None:
    """Every formula and map: a setting above reruns only this part, not the input or the controls."""
    links.write()  # the link follows the settings
    if image is None:  # no picture yet (or a refused one)
        return
    settings = conv.ConvSettings(
        *(state[f"{P}-{name}"] for name in ("stride", "padding", "dilation", "mean"))
    )
    activation, kind, pool_size = state[f"{P}-activation"], state[f"{P}-pool"], state[f"{P}-pool-size"]
    pooling = conv.PoolSettings(kind, pool_size, state[f"{P}-pool-stride"], state[f"{P}-ceil"])
    try:
        filters = kernels.parse_kernels(state[f"{P}-kernels"])
        layers = conv.conv_layers(image, filters, settings, activation, pooling, channels=colour)
    except ValueError as error:
        show_error(str(error))
        return
    st.latex(
        stacked_latex(
            [
                f
                for f in (
                    conv.conv_formula(image.shape[0], filters[0].shape[0], settings),  # one block
                    conv.pool_formula(layers[0].activated.shape[0], pooling),
                )
                if f
            ]
        )
    )
    if image.shape[0] != image.shape[1]:
        st.caption(
            f"The formula is for the rows (N = {image.shape[0]}); the columns give "
            f"N = {image.shape[1]} → {layers[0].feature_map.shape[1]}."
        )
    if settings.mean and image.shape == (9, 9):
        st.caption(
            "As on the slides, numbers are cut (not rounded) to two decimals: 7/9 = 0.777… is written "
            "0.77. Hover a cell for three decimals."
        )
    for i, (kernel, maps) in enumerate(zip(filters, layers)):
        cols, name = st.columns(3), kernels.name_of(kernel)
        show(maps.feature_map, f"{i + 1}. {name}: feature map", cols[0], f"fm{i}", 1 / 3)
        show(maps.activated, f"{i + 1}. {activation}", cols[1], f"act{i}", 1 / 3)
        if kind != "none":
            show(maps.pooled, f"{i + 1}. {kind} pool {pool_size}x{pool_size}", cols[2], f"pool{i}", 1 / 3)
    if image.ndim == 2 and max(image.shape) <= cf.SMALL_SIDE:
        sliding_window(P, image, filters, layers, settings, room)


layer(image, colour)
