"""3-D convolution: a digit moving across frames, convolved over space and time with a 3-D kernel."""
import numpy as np
import streamlit as st

from engine import conv3d as c3
from engine.datasets import digits
from engine.conv_figures import maps_grid
from engine.figures import bars
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart

P = "conv3d"

header("3-D convolution", "002 ConvNets: 3D ConvNets (Ji et al., 2013)",
       "The 3-D convolution is achieved by convolving a **3-D kernel** to the cube formed by stacking several "
       "**contiguous frames** together. Each output cell is connected to the same neighbourhood in several "
       "frames, so the feature maps capture **motion**. Here a handwritten digit crosses a 16x16 screen.")


@st.cache_data(show_spinner=False)
def example_digits() -> dict[int, np.ndarray]:
    """The first held-out example of every digit 0-9."""
    data = digits()
    return {d: data.x_test[np.nonzero(data.y_test == d)[0][0]] for d in range(10)}


a, b, c, d = st.columns(4)
digit = a.selectbox("Digit", list(range(10)), index=3, key=f"{P}-digit")
direction = b.selectbox("It moves", list(c3.DIRECTIONS), key=f"{P}-direction")
speed = c.slider("Speed (pixels per frame)", 0, 2, 1, key=f"{P}-speed")
frames = d.slider("Frames", 3, 8, 8, key=f"{P}-frames")
a, b, c = st.columns([2, 1, 1])
name = a.selectbox("3-D kernel", list(c3.KERNELS), index=3, key=f"{P}-kernel")
stride = b.slider("Stride in space", 1, 2, 1, key=f"{P}-stride")
padding = c.slider("Padding in space", 0, 1, 1, key=f"{P}-padding")

clip = c3.make_clip(example_digits()[digit], frames, direction, speed)   # (T, 16, 16)
kernel = c3.KERNELS[name]
try:
    output = c3.convolve3d(clip, kernel, stride, padding)                # (T', H', W')
except ValueError as error:
    show_error(str(error))
    st.stop()

kt = kernel.shape[0]
st.latex(rf"\text{{kernel }} {kt}\times3\times3:\quad T' = T - k_T + 1 = {frames} - {kt} + 1 = {output.shape[0]}")
st.caption(f"Output frame t sees input frames t … t+{kt - 1}; in space the window is 3x3 "
           f"(stride {stride}, padding {padding}): {clip.shape[1]} → {output.shape[1]} pixels.")
chart(st, maps_grid({"kernel": kernel}, cell_px=40, labels=[f"frame +{t}" for t in range(kt)]),
          key=f"{P}-kernel-fig", config={"displayModeBar": False})
st.subheader("The clip and the output maps over time")
chart(st, maps_grid({"input": clip, "output": output}, cell_px=12,
                    labels=[f"t = {t}" for t in range(frames)]), key=f"{P}-frames-fig",
          config={"displayModeBar": False})
response = c3.response_over_time(output)
chart(st, bars(list(response), [f"t = {t}" for t in range(len(response))],
               "How strongly each output frame answers (sum of its positive values)", height=240),
          key=f"{P}-response", config={"displayModeBar": False})
by_direction = c3.direction_responses(example_digits()[digit], kernel, frames, max(speed, 1), stride, padding)
chart(st, bars(list(by_direction.values()), list(by_direction), f"The “{name}” kernel's answer to the digit "
               "moving each way (mean over frames)", highlight=list(by_direction).index(direction), height=240),
          key=f"{P}-directions", config={"displayModeBar": False})
st.caption("A 3-D kernel can tell the direction of motion (try “moving left” or “moving down”), which no 2-D "
           "filter applied to one frame at a time can: the 2-D blur answers the same whichever way the digit moves.")
