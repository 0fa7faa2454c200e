"""Convolution and pooling as the lecture defines them, written out so every number can be shown.

The lecture's feature map is the *mean* of the element-wise products of a 3x3 filter and the
9x9 window under it (0.77 = 7/9, ...); `convolve` does exactly that (or the plain sum that
deep-learning libraries compute), with stride, zero padding and dilation. As in PyTorch,
"convolution" here is cross-correlation: the kernel is not flipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# ----- the lecture's 9x9 pictures (+1 = ink, -1 = background) and its three filters ----------
X_IMAGE = np.array(
    [[1 if (r == c or r + c == 8) and 0 < r < 8 else -1 for c in range(9)] for r in range(9)], np.float32
)  # (9, 9)
O_IMAGE = np.array(
    [
        [
            1
            if (r in (1, 7) and 2 < c < 6)
            or (c in (1, 7) and 2 < r < 6)
            or (r, c) in {(2, 2), (2, 6), (6, 2), (6, 6)}
            else -1
            for c in range(9)
        ]
        for r in range(9)
    ],
    np.float32,
)  # (9, 9)
LECTURE_FILTERS: dict[str, np.ndarray] = {
    "diagonal ╲": np.array([[1, -1, -1], [-1, 1, -1], [-1, -1, 1]], np.float32),
    "cross ✕": np.array([[1, -1, 1], [-1, 1, -1], [1, -1, 1]], np.float32),
    "diagonal ╱": np.array([[-1, -1, 1], [-1, 1, -1], [1, -1, -1]], np.float32),
}
ACTIVATIONS = ("none", "ReLU", "leaky ReLU", "sigmoid", "tanh")
CUT_SLACK = 1e-3  # in units of the last digit: float32's 7/9 * 9 may land a hair under 7
LEAKY_SLOPE = 0.1


@dataclass(frozen=True)
class ConvSettings:
    """How the filter slides: stride S, zero padding P ("valid", "same" or a number), dilation D."""

    stride: int = 1
    padding: str | int = "valid"
    dilation: int = 1
    mean: bool = True  # the lecture's "mean of products" instead of their sum


@dataclass(frozen=True)
class PoolSettings:
    """Pooling after the activation: "max", "average" or "none", window size, stride, ceil mode."""

    kind: str = "max"
    size: int = 2
    stride: int = 2
    ceil: bool = True  # the lecture pools 7 -> 4: the last, half-empty window is kept


def padding_amount(kernel_size: int, settings: ConvSettings) -> int:
    """P for one side: valid = 0, same = D(K-1)/2 (odd kernels), or the number given."""
    if settings.padding == "valid":
        return 0
    if settings.padding == "same":
        return settings.dilation * (kernel_size - 1) // 2
    return int(settings.padding)


def conv_output_size(n: int, kernel_size: int, settings: ConvSettings) -> int:
    """O = floor((N + 2P - D(K-1) - 1) / S) + 1: how many positions the window fits."""
    p = padding_amount(kernel_size, settings)
    return (n + 2 * p - settings.dilation * (kernel_size - 1) - 1) // settings.stride + 1


def pool_output_size(n: int, pool: PoolSettings) -> int:
    """floor or ceil of (N - K) / S, plus 1; in ceil mode the last window must start inside."""
    if pool.kind == "none":
        return n
    span = n - pool.size
    if span < 0:
        return 0
    out = (math.ceil(span / pool.stride) if pool.ceil else span // pool.stride) + 1
    if pool.ceil and (out - 1) * pool.stride >= n:
        out -= 1
    return out


def conv_formula(n: int, kernel_size: int, settings: ConvSettings) -> str:
    """The output-size formula with the current numbers, in LaTeX."""
    p, d, s = padding_amount(kernel_size, settings), settings.dilation, settings.stride
    o = conv_output_size(n, kernel_size, settings)
    return (
        r"O = \left\lfloor \frac{N + 2P - D(K-1) - 1}{S} \right\rfloor + 1 = "
        rf"\left\lfloor \frac{{{n} + 2\cdot{p} - {d}\cdot({kernel_size}-1) - 1}}{{{s}}} \right\rfloor "
        rf"+ 1 = {o}"
    )


def pool_formula(n: int, pool: PoolSettings) -> str:
    """The pooling output-size formula with the current numbers, in LaTeX."""
    if pool.kind == "none":
        return ""
    left, right = (r"\left\lceil", r"\right\rceil") if pool.ceil else (r"\left\lfloor", r"\right\rfloor")
    return (
        rf"O_{{pool}} = {left} \frac{{N - K}}{{S}} {right} + 1 = "
        rf"{left} \frac{{{n} - {pool.size}}}{{{pool.stride}}} {right} + 1 = {pool_output_size(n, pool)}"
    )


def convolve(image: np.ndarray, kernel: np.ndarray, settings: ConvSettings = ConvSettings()) -> np.ndarray:
    """Slide `kernel` (K, K) over `image` (H, W): each output is the sum (or mean) of the products."""
    k = kernel.shape[0]
    p, d, s = padding_amount(k, settings), settings.dilation, settings.stride
    padded = np.pad(np.asarray(image, np.float32), p)  # (H + 2P, W + 2P)
    out_h = conv_output_size(image.shape[0], k, settings)
    out_w = conv_output_size(image.shape[1], k, settings)
    if out_h < 1 or out_w < 1:
        raise ValueError("The filter does not fit in the picture with these settings.")
    feature_map = np.zeros((out_h, out_w), np.float32)  # (O_h, O_w)
    for i in range(k):  # add one kernel weight times the shifted picture at a time
        for j in range(k):
            window = padded[
                i * d : i * d + s * (out_h - 1) + 1 : s, j * d : j * d + s * (out_w - 1) + 1 : s
            ]  # (O_h, O_w)
            feature_map += kernel[i, j] * window
    return feature_map / kernel.size if settings.mean else feature_map


def activate(values: np.ndarray, name: str) -> np.ndarray:
    """One of ACTIVATIONS, element-wise."""
    if name == "none":
        return values
    if name == "ReLU":
        return np.maximum(values, 0.0)
    if name == "leaky ReLU":
        return np.where(values > 0, values, LEAKY_SLOPE * values).astype(values.dtype)
    if name == "sigmoid":
        return (1.0 / (1.0 + np.exp(-values))).astype(values.dtype)
    if name == "tanh":
        return np.tanh(values)
    raise ValueError(f"unknown activation {name!r}")


def pool(values: np.ndarray, settings: PoolSettings = PoolSettings()) -> np.ndarray:
    """Max or average over windows; windows cut by the border use only the cells inside."""
    if settings.kind == "none":
        return values
    out_h, out_w = pool_output_size(values.shape[0], settings), pool_output_size(values.shape[1], settings)
    if out_h < 1 or out_w < 1:
        raise ValueError("The pooling window is larger than the feature map.")
    k, s = settings.size, settings.stride
    need_h, need_w = (out_h - 1) * s + k, (out_w - 1) * s + k
    padded = np.full((max(need_h, values.shape[0]), max(need_w, values.shape[1])), np.nan, np.float32)
    padded[: values.shape[0], : values.shape[1]] = values  # NaN marks "outside"
    windows = [
        padded[i : i + s * (out_h - 1) + 1 : s, j : j + s * (out_w - 1) + 1 : s]
        for i in range(k)
        for j in range(k)
    ]  # k*k x (O_h, O_w)
    stack = np.stack(windows)  # (k*k, O_h, O_w)
    return (np.nanmax(stack, axis=0) if settings.kind == "max" else np.nanmean(stack, axis=0)).astype(
        np.float32
    )


@dataclass(frozen=True)
class Layer:
    """One filter's path through the layer: feature map, activation, pooled map."""

    feature_map: np.ndarray
    activated: np.ndarray
    pooled: np.ndarray


def conv_layer(
    image: np.ndarray, kernel: np.ndarray, conv: ConvSettings, activation: str, pooling: PoolSettings
) -> Layer:
    """Convolution, activation and pooling of one 2-D picture with one kernel."""
    feature_map = convolve(image, kernel, conv)
    activated = activate(feature_map, activation)
    return Layer(feature_map, activated, pool(activated, pooling))


def conv_layer_channels(
    image: np.ndarray, kernel: np.ndarray, conv: ConvSettings, activation: str, pooling: PoolSettings
) -> Layer:
    """`conv_layer` on each colour channel of (H, W, C) separately; maps come back (h, w, C)."""
    layers = [conv_layer(image[:, :, c], kernel, conv, activation, pooling) for c in range(image.shape[2])]
    return Layer(
        *(
            np.stack([getattr(layer, f) for layer in layers], axis=2)
            for f in ("feature_map", "activated", "pooled")
        )
    )


def conv_layers(
    image: np.ndarray,
    kernels: list[np.ndarray],
    conv: ConvSettings,
    activation: str,
    pool: PoolSettings,
    channels: bool = False,
) -> list[Layer]:
    """One Layer per kernel; `channels`: filter each colour channel of an (H, W, 3) image on its own."""
    run = conv_layer_channels if channels else conv_layer
    return [run(image, k, conv, activation, pool) for k in kernels]


@dataclass(frozen=True)
class Window:
    """What lands in one output cell: the window on the input, the products and their mean."""

    top: int  # window's top-left corner in padded-input coordinates
    left: int
    rows: np.ndarray  # input row index of every kernel tap (K, K), may be outside the picture
    cols: np.ndarray
    patch: np.ndarray  # the input values under the taps (K, K), 0 where it is padding
    products: np.ndarray  # kernel * patch (K, K)
    value: float  # sum or mean of the products


def window_at(image: np.ndarray, kernel: np.ndarray, settings: ConvSettings, row: int, col: int) -> Window:
    """The sliding window behind output cell (row, col)."""
    k = kernel.shape[0]
    p, d, s = padding_amount(k, settings), settings.dilation, settings.stride
    taps = np.arange(k) * d
    rows = (row * s + taps - p)[:, None].repeat(k, axis=1)  # (K, K)
    cols = (col * s + taps - p)[None, :].repeat(k, axis=0)  # (K, K)
    inside = (rows >= 0) & (rows < image.shape[0]) & (cols >= 0) & (cols < image.shape[1])
    patch = np.where(inside, image[rows.clip(0, image.shape[0] - 1), cols.clip(0, image.shape[1] - 1)], 0.0)
    products = (kernel * patch).astype(np.float32)  # (K, K)
    value = float(products.mean() if settings.mean else products.sum())
    return Window(row * s - p, col * s - p, rows, cols, patch.astype(np.float32), products, value)


def slide_number(value: float, decimals: int = 2) -> str:
    """`value` as the slides print it: cut toward zero (not rounded) to `decimals` places,
    7/9 = 0.777... -> "0.77", -5/9 -> "-0.55", and never "-0.00"."""
    if not math.isfinite(value):
        return "—"
    scale = 10**decimals
    cut = math.trunc(float(value) * scale + math.copysign(CUT_SLACK, value)) / scale
    return f"{cut + 0.0:.{decimals}f}" if cut else f"{0:.{decimals}f}"


def window_formula(row: int, col: int, window: Window, mean: bool) -> str:
    """One output cell as the (mean of the) sum of its window's products, in LaTeX."""
    scale = rf"\frac{{1}}{{{window.products.size}}}" if mean else ""
    return (
        rf"\text{{cell }}({row}, {col}) = {scale}\sum \text{{products}} = "
        rf"{scale}\,({slide_number(window.products.sum())}) = {slide_number(window.value)}"
    )


def prepare_picture(rgb: np.ndarray, side: int | None = None, colour: bool = False) -> np.ndarray:
    """A photo as numbers in [0, 1]: (H, W) grayscale or (H, W, 3), longest side at most `side`."""
    from PIL import Image

    h, w = rgb.shape[:2]
    if side and max(h, w) > side:
        scale = side / max(h, w)
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        rgb = np.asarray(Image.fromarray(np.ascontiguousarray(rgb)).resize(size, Image.Resampling.BOX))
    values = rgb.astype(np.float32) / 255.0  # (H, W, 3)
    return values if colour else values @ np.array([0.299, 0.587, 0.114], np.float32)  # (H, W)
