"""What a drawing pad hands back, read as a picture on white paper and as ink: one reading for every pad.

streamlit-drawable-canvas paints its white background into the canvas itself, so the pad's alpha is
255 everywhere, stroke or not: ink is read from the colour (dark = ink), never from the alpha. A pad
with a transparent background (alpha 0 where nothing was drawn) reads the same, since it is first laid
over white.
"""

from __future__ import annotations

import numpy as np

LUMA = np.array(
    [299, 587, 114], np.int64
)  # ITU-R 601 in thousandths, as LoadedImage.gray: white is exactly 0 ink


def over_white(pixels: np.ndarray) -> np.ndarray:
    """A pad's pixels (H, W, 4) RGBA, (H, W, 3) RGB or (H, W) grey, laid over white paper: (H, W, 3) uint8."""
    pixels = np.asarray(pixels)
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError(f"a drawing pad gives (H, W, 3) or (H, W, 4) pixels, not {pixels.shape}")
    values = pixels.astype(np.float32)
    if pixels.shape[2] == 3:
        return values.round().clip(0, 255).astype(np.uint8)
    alpha = values[:, :, 3:4] / 255.0
    return (values[:, :, :3] * alpha + 255.0 * (1.0 - alpha)).round().clip(0, 255).astype(np.uint8)


def ink(pixels: np.ndarray) -> np.ndarray:
    """How dark each pixel of the pad is on white paper, (H, W) float32 in [0, 1]: 1 = black ink,
    0 = paper."""
    darkness = 255_000 - over_white(pixels).astype(np.int64) @ LUMA  # (H, W), 0 on white paper
    return (darkness / 255_000).astype(np.float32)
