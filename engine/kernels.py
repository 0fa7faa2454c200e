"""Filter presets (the lecture's three, and the classic image filters) and the kernel text format.

A kernel is written as rows of numbers, one row per line; several kernels are separated by a
blank line. That text is what the page lets a student edit, number by number.
"""

from __future__ import annotations

import math
import re

import numpy as np

from engine.conv import LECTURE_FILTERS

SIZES = (3, 5, 7)
MAX_SIZE = 7
MAX_FILTERS = 8


def _gaussian(size: int, sigma: float | None = None) -> np.ndarray:
    sigma = sigma or size / 4
    r = np.arange(size) - size // 2
    g = np.exp(-(r[:, None] ** 2 + r[None, :] ** 2) / (2 * sigma**2))
    return g / g.sum()


def gabor(size: int, angle_deg: float, wavelength: float | None = None) -> np.ndarray:
    """A Gabor filter: a cosine wave at `angle_deg` under a Gaussian, zero mean."""
    r = np.arange(size) - size // 2
    y, x = np.meshgrid(r, r, indexing="ij")
    theta = math.radians(angle_deg)
    along = x * math.cos(theta) + y * math.sin(theta)
    wave = np.cos(2 * math.pi * along / (wavelength or max(3.0, size / 1.5)))
    g = _gaussian(size, size / 3) * wave
    return g - g.mean()


def preset(name: str, size: int = 3, angle: float = 0.0, seed: int = 0) -> np.ndarray:
    """The kernel called `name` at `size` (presets that only exist at 3x3 ignore `size`)."""
    fixed = {
        **LECTURE_FILTERS,
        "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
        "Sobel x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
        "Sobel y": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
        "Prewitt x": [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
        "Prewitt y": [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
        "Laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
        "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
    }
    if name in fixed:
        return np.asarray(fixed[name], np.float32)
    if name == "identity":
        k = np.zeros((size, size), np.float32)
        k[size // 2, size // 2] = 1
        return k
    if name == "box blur":
        return np.full((size, size), 1.0 / size**2, np.float32)
    if name == "Gaussian":
        return _gaussian(size).astype(np.float32)
    if name == "Gabor":
        return gabor(size, angle).astype(np.float32)
    if name == "random":
        return np.random.default_rng(seed).normal(0, 1, (size, size)).round(1).astype(np.float32)
    raise ValueError(f"unknown filter {name!r}")


PRESETS = (
    "diagonal ╲",
    "cross ✕",
    "diagonal ╱",
    "identity",
    "box blur",
    "Gaussian",
    "sharpen",
    "Sobel x",
    "Sobel y",
    "Prewitt x",
    "Prewitt y",
    "Laplacian",
    "emboss",
    "Gabor",
    "random",
)
SIZED = {"identity", "box blur", "Gaussian", "Gabor", "random"}


def format_kernels(kernels: list[np.ndarray]) -> str:
    """Kernels as editable text: short numbers, one row per line, a blank line between kernels."""

    def number(v: float) -> str:
        text = f"{v:.3f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text

    return "\n\n".join("\n".join(" ".join(number(v) for v in row) for row in k) for k in kernels)


def parse_kernels(text: str) -> list[np.ndarray]:
    """The kernel text back to square arrays; ValueError with a plain-words reason if it is not."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if not blocks:
        raise ValueError("Type at least one kernel: rows of numbers, one row per line.")
    if len(blocks) > MAX_FILTERS:
        raise ValueError(f"At most {MAX_FILTERS} kernels at once (there are {len(blocks)}).")
    kernels = []
    for n, block in enumerate(blocks, 1):
        rows = [re.split(r"[\s,;]+", line.strip()) for line in block.strip().splitlines() if line.strip()]
        try:
            numbers = [[float(v) for v in row] for row in rows]
        except ValueError:
            raise ValueError(f"Kernel {n}: every entry must be a number, like 1, -1 or 0.25.") from None
        size = len(rows)
        if any(len(row) != size for row in rows):  # before the array: numpy refuses ragged rows
            counts = ", ".join(str(len(row)) for row in rows)
            raise ValueError(
                f"Kernel {n} must be square: {size} rows need {size} numbers each (the rows have {counts})."
            )
        values = np.array(numbers, np.float64)  # (K, K)
        if size not in SIZES:
            raise ValueError(f"Kernel {n} is {size}x{size}; use 3x3, 5x5 or 7x7.")
        if not np.all(np.isfinite(values)) or np.abs(values).max() > 1e4:
            raise ValueError(f"Kernel {n}: keep the numbers between -10000 and 10000.")
        kernels.append(values.astype(np.float32))
    return kernels


def name_of(kernel: np.ndarray) -> str:
    """The preset a kernel matches (at 3 decimals), or "custom"."""
    for name in PRESETS:
        if name in SIZED and name not in ("identity", "box blur", "Gaussian"):
            continue
        candidate = preset(name, kernel.shape[0])
        if candidate.shape == kernel.shape and np.allclose(np.round(candidate, 3), kernel, atol=1e-3):
            return name
    return "custom"
