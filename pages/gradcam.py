"""Where a real CNN looks: Grad-CAM of the shared EfficientNet-Lite0 for its top classes."""

import numpy as np
import streamlit as st

from engine.attention_figures import heat_overlay
from engine.conv_figures import map_figure, view_room
from engine.figures import SEQUENTIAL, bars
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting
from pages.widgets.inputs import image_input

K = "gradcam"

header(
    "Where a CNN looks",
    "002 Analysing visual attention; 001 what CNN layers respond to",
    "Attention in a captioning model is learned; a classifier has none, but we can still ask it **where "
    "the evidence for a class lies**. Grad-CAM takes the gradient of the class score $y_c$ with respect "
    "to the last feature maps $A^k$, averages it into one weight per map, $w_k = \\frac{1}{Z}\\sum_{ij} "
    "\\partial y_c / \\partial A^k_{ij}$, and draws $\\mathrm{ReLU}(\\sum_k w_k A^k)$ over the photo.",
)


@st.cache_resource(show_spinner="Loading EfficientNet-Lite0…")
def load_model():
    from engine import imagenet

    return imagenet.load_model()  # shared and frozen: Grad-CAM never changes it


def explained(rgb: np.ndarray, layer: str, k: int = 5) -> dict:
    """Grad-CAM of this user's photo for the top 5 classes, kept in their own session only (not a shared
    cache); the top-classes slider then only shows fewer or more of them."""
    import hashlib

    from engine import gradcam

    settings = (hashlib.sha1(rgb.tobytes()).hexdigest(), rgb.shape, k, layer)
    kept = st.session_state.get(f"{K}-result")
    if kept is None or kept[0] != settings:
        with st.spinner("Computing Grad-CAM…"):
            kept = (settings, gradcam.explain(load_model(), rgb, k, layer))
        st.session_state[f"{K}-result"] = kept
    return kept[1]


def layer_names() -> dict[str, str]:
    from engine.gradcam import LAYERS

    return LAYERS


def result_of(rgb: np.ndarray, say: bool = True) -> dict | None:
    """The photo's Grad-CAM for the chosen feature maps, or None (said when `say`) if it cannot be read."""
    try:
        return explained(rgb, st.session_state[f"{K}-layer"])
    except Exception:  # the photo already passed safe loading; this is a last guard
        if say:
            show_error("The network could not read this picture. Please try another one.")
        return None


MAPS, NUMBERS = f"{K}-maps-part", f"{K}-numbers-part"


@st.fragment(key=MAPS)
def heat_maps(rgb: np.ndarray) -> None:
    """The photo and one blended heat map per top class: what the opacity reruns alone."""
    if (result := result_of(rgb)) is None:
        return
    k, opacity = st.session_state[f"{K}-k"], st.session_state[f"{K}-opacity"]
    names, probs, maps = result["names"][:k], result["probs"][:k], result["maps"][:k]
    pictures = [result["view"]] + [heat_overlay(result["view"], m, opacity) for m in maps]
    captions = ["what the network sees"] + [f"{n} ({p:.0%})" for n, p in zip(names, probs)]
    with st.container(key=f"{K}-maps"):
        for column, picture_, caption in zip(st.columns(max(4, len(pictures))), pictures, captions):
            column.image(picture_, caption=caption, width="stretch")
    links.write()


@st.fragment(key=NUMBERS)
def class_numbers(rgb: np.ndarray) -> None:
    """The top classes' probabilities and, when asked for, one class's map as numbers."""
    if (result := result_of(rgb, say=False)) is None:
        return
    k = st.session_state[f"{K}-k"]
    names, probs, maps = result["names"][:k], result["probs"][:k], result["maps"][:k]
    chart(
        st,
        bars(list(probs), names, "The top classes' probabilities", highlight=0, height=220),
        key=f"{K}-bars",
        config={"displayModeBar": False},
    )
    if st.session_state[f"{K}-numbers"]:
        chosen = st.radio(
            "Class",
            list(range(len(names))),
            format_func=lambda i: names[i],
            horizontal=True,
            key=f"{K}-class",
        )
        side = maps[chosen].shape[0]  # in the right two thirds: cells that hold their numbers, or none
        chart(
            st,
            map_figure(
                maps[chosen],
                f"Grad-CAM for “{names[chosen]}” · {side} x {side}, peak 1",
                zrange=(0.0, 1.0),
                colorscale=SEQUENTIAL,
                room=view_room(presenting()).columns(2 / 3),
            ),
            key=f"{K}-grid",
            config={"displayModeBar": False},
        )
    links.write()


left, right = st.columns([1, 2], gap="large")
with left:
    picture = image_input(K, sources=("sample", "upload", "camera"), default_sample="Cat (Chelsea)")
    # none of these changes another control, so each reruns only the parts it changes
    st.slider("Top classes", 1, 5, 3, key=f"{K}-k", on_change=parts.redraw(MAPS, NUMBERS))
    layers = layer_names()
    st.radio(
        "Feature maps",
        list(layers),
        format_func=lambda n: f"{n}: {layers[n]}",
        key=f"{K}-layer",
        on_change=parts.redraw(MAPS, NUMBERS),
    )
    st.slider("Heat-map opacity", 0.0, 1.0, 0.5, 0.05, key=f"{K}-opacity", on_change=parts.redraw(MAPS))
    st.toggle("Show the map's numbers", key=f"{K}-numbers", on_change=parts.redraw(NUMBERS))

with right, parts.drawing(MAPS, NUMBERS):  # no photo: the page stops before its parts
    if picture is None:
        st.info("Choose a sample photo, or upload or take one, to see where the network looks.")
        st.stop()
    rgb = np.ascontiguousarray(picture.rgb)
    if result_of(rgb) is None:
        st.stop()
    heat_maps(rgb)
    class_numbers(rgb)
    st.caption(
        "Bright means: these positions raised the class score the most. Try a photo with two "
        "things in it (a cat and a cup) and compare the maps of their classes."
    )
