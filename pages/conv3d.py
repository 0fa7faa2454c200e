"""3-D convolution: a digit moving across frames, convolved over space and time with a 3-D kernel."""

import numpy as np
import streamlit as st

from engine import conv3d as c3
from engine.conv_figures import maps_grid
from engine.datasets import digits
from engine.figures import bars
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart

P = "conv3d"

header(
    "3-D convolution",
    "002 ConvNets: 3D ConvNets (Ji et al., 2013)",
    "The 3-D convolution is achieved by convolving a **3-D kernel** to the cube formed by stacking several "
    "**contiguous frames** together. Each output cell is connected to the same neighbourhood in several "
    "frames, so the feature maps capture **motion**. Here a handwritten digit crosses a 16x16 screen.",
)


@st.cache_data(show_spinner=False)
def example_digits() -> dict[int, np.ndarray]:
    """The first held-out example of every digit 0-9."""
    data = digits()
    return {d: data.x_test[np.nonzero(data.y_test == d)[0][0]] for d in range(10)}


SETTINGS = ("digit", "frames", "direction", "speed", "kernel", "stride", "padding")
LATEX, CAPTION, KERNEL, CLIP = (f"{P}-{part}-part" for part in ("latex", "caption", "kernel", "clip"))


@st.cache_data(show_spinner=False, max_entries=256)
def convolved(
    digit: int, frames: int, direction: str, speed: int, kernel: str, stride: int, padding: int
) -> tuple[np.ndarray, np.ndarray]:
    clip = c3.make_clip(example_digits()[digit], frames, direction, speed)  # (T, 16, 16)
    return clip, c3.convolve3d(clip, c3.KERNELS[kernel], stride, padding)  # (T', H', W')


def settings() -> dict:
    """The controls' values: the parts read them here, as a part reruns without the page's body."""
    return {name: st.session_state[f"{P}-{name}"] for name in SETTINGS}


def clip_and_output(s: dict) -> tuple[np.ndarray, np.ndarray]:
    try:
        return convolved(**s)
    except ValueError:
        st.rerun()  # the whole page, which says why


# Each control reruns only the parts it changes (none of them changes another control).
parts_of = {
    "digit": (CLIP,),
    "direction": (CLIP,),
    "speed": (CLIP,),
    "frames": (LATEX, CLIP),
    "kernel": (LATEX, CAPTION, KERNEL, CLIP),
    "stride": (CAPTION, CLIP),
    "padding": (CAPTION, CLIP),
}
redraw = {name: parts.redraw(*keys) for name, keys in parts_of.items()}
a, b, c, d = st.columns(4)
a.selectbox("Digit", list(range(10)), index=3, key=f"{P}-digit", on_change=redraw["digit"])
b.selectbox("It moves", list(c3.DIRECTIONS), key=f"{P}-direction", on_change=redraw["direction"])
c.slider("Speed (pixels per frame)", 0, 2, 1, key=f"{P}-speed", on_change=redraw["speed"])
d.slider("Frames", 3, 8, 8, key=f"{P}-frames", on_change=redraw["frames"])
a, b, c = st.columns([2, 1, 1])
a.selectbox("3-D kernel", list(c3.KERNELS), index=3, key=f"{P}-kernel", on_change=redraw["kernel"])
b.slider("Stride in space", 1, 2, 1, key=f"{P}-stride", on_change=redraw["stride"])
c.slider("Padding in space", 0, 1, 1, key=f"{P}-padding", on_change=redraw["padding"])

try:
    convolved(**settings())
except ValueError as error:
    show_error(str(error))
    st.stop()


@st.fragment(key=LATEX)
def output_length() -> None:
    s = settings()
    frames, kt, out_t = s["frames"], c3.KERNELS[s["kernel"]].shape[0], clip_and_output(s)[1].shape[0]
    st.latex(rf"\text{{kernel }} {kt}\times3\times3:\quad T' = T - k_T + 1 = {frames} - {kt} + 1 = {out_t}")
    links.write()


@st.fragment(key=CAPTION)
def windows() -> None:
    s = settings()
    clip, output = clip_and_output(s)
    kt = c3.KERNELS[s["kernel"]].shape[0]
    st.caption(
        f"Output frame t sees input frames t … t+{kt - 1}; in space the window is 3x3 "
        f"(stride {s['stride']}, padding {s['padding']}): {clip.shape[1]} → {output.shape[1]} pixels."
    )
    links.write()


@st.fragment(key=KERNEL)
def kernel_figure() -> None:
    kernel = c3.KERNELS[st.session_state[f"{P}-kernel"]]
    chart(
        st,
        maps_grid({"kernel": kernel}, cell_px=40, labels=[f"frame +{t}" for t in range(kernel.shape[0])]),
        key=f"{P}-kernel-fig",
        config={"displayModeBar": False},
    )
    links.write()


@st.fragment(key=CLIP)
def clip_figures() -> None:
    """The clip, the output maps, and how the kernel answers over time and to each direction."""
    s = settings()
    clip, output = clip_and_output(s)
    name, direction, kernel = s["kernel"], s["direction"], c3.KERNELS[s["kernel"]]
    chart(
        st,
        maps_grid(
            {"input": clip, "output": output}, cell_px=12, labels=[f"t = {t}" for t in range(s["frames"])]
        ),
        key=f"{P}-frames-fig",
        config={"displayModeBar": False},
    )
    response = c3.response_over_time(output)
    chart(
        st,
        bars(
            list(response),
            [f"t = {t}" for t in range(len(response))],
            "How strongly each output frame answers (sum of its positive values)",
            height=240,
        ),
        key=f"{P}-response",
        config={"displayModeBar": False},
    )
    by_direction = c3.direction_responses(
        example_digits()[s["digit"]], kernel, s["frames"], max(s["speed"], 1), s["stride"], s["padding"]
    )
    chart(
        st,
        bars(
            list(by_direction.values()),
            list(by_direction),
            f"The “{name}” kernel's answer to the digit moving each way (mean over frames)",
            highlight=list(by_direction).index(direction),
            height=240,
        ),
        key=f"{P}-directions",
        config={"displayModeBar": False},
    )
    links.write()


output_length()
windows()
kernel_figure()
st.subheader("The clip and the output maps over time")
clip_figures()
st.caption(
    "A 3-D kernel can tell the direction of motion (try “moving left” or “moving down”), which no 2-D "
    "filter applied to one frame at a time can: the 2-D blur answers the same whichever way the digit moves."
)
