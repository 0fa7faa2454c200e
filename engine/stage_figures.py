"""Pictures of a big CNN's insides: colour filter patches and mosaics of the strongest feature maps."""

from __future__ import annotations

import numpy as np
from PIL import Image


def filter_patches(filters: np.ndarray, columns: int = 8, patch: int = 36, gap: int = 4) -> np.ndarray:
    """(N, k, k, 3) filters in [0, 1] -> one (H, W, 3) uint8 mosaic, each filter blown up with
    sharp pixels."""
    n, k = filters.shape[0], filters.shape[1]
    rows = -(-n // columns)
    scale = max(1, patch // k)
    side = k * scale
    canvas = np.full((rows * (side + gap) + gap, columns * (side + gap) + gap, 3), 255, np.uint8)
    for i in range(n):
        r, c = divmod(i, columns)
        tile = np.kron(
            (filters[i] * 255).round().clip(0, 255).astype(np.uint8), np.ones((scale, scale, 1), np.uint8)
        )
        top, left = gap + r * (side + gap), gap + c * (side + gap)
        canvas[top : top + side, left : left + side] = tile
    return canvas


def strongest(maps: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` channels with the highest mean activation, strongest first."""
    return np.argsort(-maps.reshape(maps.shape[0], -1).mean(1), kind="stable")[:count]


def feature_mosaic(
    maps: np.ndarray, count: int = 16, columns: int = 4, tile: int = 96, gap: int = 3
) -> tuple[np.ndarray, np.ndarray]:
    """The `count` strongest maps of (C, H, W), each scaled to its own 0..max, as one grey mosaic
    (H, W) uint8 (bright = strong), plus the channel indices shown."""
    channels = strongest(maps, count)
    rows = -(-len(channels) // columns)
    canvas = np.full((rows * (tile + gap) + gap, columns * (tile + gap) + gap), 255, np.uint8)
    for i, channel in enumerate(channels):
        m = np.maximum(maps[channel].astype(np.float32), 0)  # what the next layer receives
        peak = float(m.max()) or 1.0
        picture = Image.fromarray((m / peak * 255).astype(np.uint8))
        picture = picture.resize(
            (tile, tile), Image.Resampling.NEAREST if m.shape[0] < tile else Image.Resampling.BOX
        )
        r, c = divmod(i, columns)
        top, left = gap + r * (tile + gap), gap + c * (tile + gap)
        canvas[top : top + tile, left : left + tile] = np.asarray(picture)
    return canvas, channels
