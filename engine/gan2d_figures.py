"""Figures for the 2-D GAN page: real and generated points over the discriminator's surface."""

from __future__ import annotations

import numpy as np

from engine.gan2d import BOX, GanView

REAL, FAKE = "#2ca02c", "#9467bd"  # GAN Lab's green for real, purple for fake


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def gan_plane_image(
    v: GanView, *, surface: bool = True, arrow_length: float = 0.35, size: int = 560
) -> np.ndarray:
    """Real (green) and generated (purple) points over D(x) (green = 'real', purple = 'fake'), and
    arrows where the generator's gradient pushes each generated point: an RGB image (size, size, 3).

    Drawn here as a picture because the live view redraws it five times a second: a picture swaps
    in the browser at once, where a changed plotly chart is rebuilt from scratch (about a second on
    a busy 2-core laptop).
    """
    from PIL import Image, ImageDraw

    if surface:  # D(x) from purple (0, fake) through white (0.5) to green (1, real); row 0 = bottom
        low, mid, high = (np.array(_hex(c), np.float32) for c in ("#c9b3e6", "#ffffff", "#b7e4b0"))
        d = v.surface[::-1, :, None]  # (G, G, 1), top row first
        rgb = np.where(d < 0.5, low + (mid - low) * (d / 0.5), mid + (high - mid) * ((d - 0.5) / 0.5))
        image = Image.fromarray(rgb.round().astype(np.uint8)).resize((size, size), Image.Resampling.BILINEAR)
    else:
        image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    for tick in range(-int(BOX), int(BOX) + 1):  # faint lines at whole numbers
        at = (tick + BOX) / (2 * BOX) * size
        draw.line([at, 0, at, size], fill="#e3e6ea", width=1)
        draw.line([0, at, size, at], fill="#e3e6ea", width=1)
    draw.rectangle([0, 0, size - 1, size - 1], outline="#9aa5b1")

    def pixel(points: np.ndarray) -> np.ndarray:  # plane -> pixel coordinates
        return np.stack([(points[:, 0] + BOX) / (2 * BOX) * size, (BOX - points[:, 1]) / (2 * BOX) * size], 1)

    for x, y in pixel(v.real):
        draw.ellipse([x - 2.5, y - 2.5, x + 2.5, y + 2.5], fill=REAL)
    if arrow_length > 0 and len(v.arrows):
        start = v.fake[: len(v.arrows)]
        norm = max(float(np.linalg.norm(v.arrows, axis=1).max()), 1e-8)
        for (x0, y0), (x1, y1) in zip(pixel(start), pixel(start + arrow_length * v.arrows / norm)):
            draw.line([x0, y0, x1, y1], fill="#3b1f66", width=2)
    for x, y in pixel(v.fake):
        draw.ellipse([x - 2.5, y - 2.5, x + 2.5, y + 2.5], fill=FAKE)
    return np.asarray(image)
