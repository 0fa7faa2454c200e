"""3-D convolution: a kernel that spans several contiguous frames, as in the lecture's 3D ConvNet.

The clip is a handwritten digit (scikit-learn's 8x8 digits) moving across a 16x16 canvas. A
3-D kernel (frames x rows x columns) slides over space *and* time, so one output cell is
connected to the same neighbourhood in several consecutive frames: it can see motion.
"""

from __future__ import annotations

import numpy as np

CANVAS = 16
DIRECTIONS = {"right": (0, 1), "left": (0, -1), "down": (1, 0), "up": (-1, 0), "still": (0, 0)}


def make_clip(
    digit: np.ndarray, frames: int = 8, direction: str = "right", speed: int = 1, canvas: int = CANVAS
) -> np.ndarray:
    """The 8x8 `digit` moving `speed` pixels per frame on a blank canvas: (T, canvas, canvas) in [0, 1]."""
    dy, dx = DIRECTIONS[direction]
    h, w = digit.shape
    span_y, span_x = canvas - h, canvas - w
    y0 = span_y // 2 if dy == 0 else (0 if dy > 0 else span_y)
    x0 = span_x // 2 if dx == 0 else (0 if dx > 0 else span_x)
    clip = np.zeros((frames, canvas, canvas), np.float32)  # (T, H, W)
    for t in range(frames):
        y = int(np.clip(y0 + dy * speed * t, 0, span_y))
        x = int(np.clip(x0 + dx * speed * t, 0, span_x))
        clip[t, y : y + h, x : x + w] = digit
    return clip


def convolve3d(clip: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Slide the (kT, kH, kW) kernel over (T, H, W): sum of products; zero padding and stride in
    space only."""
    kt, kh, kw = kernel.shape
    padded = np.pad(np.asarray(clip, np.float32), ((0, 0), (padding, padding), (padding, padding)))
    out_t = clip.shape[0] - kt + 1
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    if min(out_t, out_h, out_w) < 1:
        raise ValueError("The kernel is longer than the clip or wider than the frames.")
    out = np.zeros((out_t, out_h, out_w), np.float32)  # (T', H', W')
    for a in range(kt):  # one kernel weight times the shifted clip at a time
        for i in range(kh):
            for j in range(kw):
                out += (
                    kernel[a, i, j]
                    * padded[
                        a : a + out_t,
                        i : i + stride * (out_h - 1) + 1 : stride,
                        j : j + stride * (out_w - 1) + 1 : stride,
                    ]
                )
    return out


def _edge_moving(dy: int, dx: int, frames: int = 3) -> np.ndarray:
    """Responds to a bright stroke moving one pixel per frame in direction (dy, dx)."""
    k = np.full((frames, 3, 3), -1.0 / 8, np.float32)
    for t in range(frames):
        k[t, 1 + dy * (t - 1), 1 + dx * (t - 1)] = 1.0
    return k


def _change() -> np.ndarray:
    """Next frame minus this frame at the same pixel: lights up where the digit arrives."""
    k = np.zeros((2, 3, 3), np.float32)
    k[0, 1, 1], k[1, 1, 1] = -1.0, 1.0
    return k


KERNELS: dict[str, np.ndarray] = {
    "2-D blur (1 frame)": np.full((1, 3, 3), 1 / 9, np.float32),
    "3-D blur (3 frames)": np.full((3, 3, 3), 1 / 27, np.float32),
    "change over time (next - this frame)": _change(),
    "moving right": _edge_moving(0, 1),
    "moving left": _edge_moving(0, -1),
    "moving down": _edge_moving(1, 0),
}


def response_over_time(output: np.ndarray) -> np.ndarray:
    """How strongly each output frame answers: the sum of its positive values, (T',)."""
    return np.maximum(output, 0).reshape(output.shape[0], -1).sum(1)


def direction_responses(
    digit: np.ndarray, kernel: np.ndarray, frames: int = 8, speed: int = 1, stride: int = 1, padding: int = 1
) -> dict[str, float]:
    """The kernel's mean response (per output frame) to the digit moving each way: a motion
    detector answers most to its own direction."""
    return {
        d: float(
            response_over_time(convolve3d(make_clip(digit, frames, d, speed), kernel, stride, padding)).mean()
        )
        for d in DIRECTIONS
    }
