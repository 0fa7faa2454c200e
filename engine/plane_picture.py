"""A 2-D plane (a map over [-extent, extent]^2 with points on it) drawn as one picture.

Live training repaints its plane 5 times a second. As a Plotly chart every repaint is a fresh
chart in the browser (axes, colour bar, legend and heatmap laid out anew: 100-300 ms on a small
laptop); as a picture it is one <img> swap. The picture copies the chart's look: the same
colour scale, the same points, ticks, axis titles, colour bar and legend.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from engine.figures import _rgb, palette

INK = (110, 110, 110, 255)  # mid-grey: readable on the light and on the dark theme
MARGIN = dict(l=50, r=95, t=10, b=95)  # as the live chart's fixed margins, so both line up
SIDE = 430  # the plane itself, in pixels


@dataclass(frozen=True)
class LegendItem:
    name: str
    color: str
    filled: bool = True


@functools.lru_cache(maxsize=4)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def plane_picture(
    values: np.ndarray,
    colorscale,
    zrange: tuple[float, float],
    dots,
    extent: float,
    *,
    side: int = SIDE,
    titles: tuple[str, str] = ("x1", "x2"),
    bar_title: str = "",
    legend: Sequence[LegendItem] = (),
    background: str | None = None,
):
    """`values` (G, G) with row 0 at x2 = -extent, coloured and smoothed to (side, side), the
    transparent `dots` picture laid over it, in its frame: a PIL RGBA picture, or with the page's
    `background` ("#rrggbb") an RGB one on a frame laid on it once (not on every frame)."""
    from PIL import Image

    lut = palette(colorscale)  # (256, 3)
    lo, hi = zrange
    levels = np.clip((np.asarray(values, np.float32) - lo) / ((hi - lo) or 1.0) * 255, 0, 255).astype(
        np.uint8
    )
    surface = Image.fromarray(lut[levels[::-1]]).resize((side, side), Image.BILINEAR).convert("RGBA")  # x2 up
    surface.alpha_composite(dots if dots.size == (side, side) else dots.resize((side, side), Image.LANCZOS))
    look = (json.dumps(colorscale), zrange, extent, side, titles, bar_title, tuple(legend))
    if background is not None:
        frame, surface = _frame_on(*look, background), surface.convert("RGB")
    else:
        frame = _frame(*look)
    canvas = frame.copy()
    canvas.paste(surface, (MARGIN["l"], MARGIN["t"]))
    return canvas


def as_data_uri(picture, quality: int = 75, lossless: bool = False) -> str:
    """A picture (PIL, or an RGB uint8 array) as an inline WebP, so the browser shows it without
    fetching anything: ~25 KB for a live plane where PNG takes ~120 KB. An opaque (RGB) picture,
    such as plane_picture's on the page's background, is encoded at the fastest setting: the live
    plane is encoded 7 times a second per student while a model trains, 4.5 ms instead of 7.5 ms a
    frame for the same size. (A JPEG took 1 ms but three times the bytes, too many for a classroom's
    Wi-Fi.) `lossless` keeps every pixel, for pictures of sharp dots and lines: the GAN plane in
    8.4 ms and 43 KB, where Streamlit's PNG took 13.3 ms and 45 KB."""
    import base64
    import io

    from PIL import Image

    if isinstance(picture, np.ndarray):
        picture = Image.fromarray(picture)
    buffer = io.BytesIO()
    if lossless:
        picture.save(
            buffer, format="WEBP", lossless=True, quality=0, method=0
        )  # quality 0: the fastest effort
    else:
        picture.save(buffer, format="WEBP", quality=quality, method=0 if picture.mode == "RGB" else 1)
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def png_data_uri(picture: np.ndarray) -> str:
    """An array (grey or RGB uint8) as an inline PNG: for enlarged pixels, where PNG beats WebP
    (64 generated digits: 2.8 ms and 10 KB, lossless WebP 5.6 ms and 29 KB)."""
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _on_background(picture, background: str):
    """An RGBA picture laid on a plain `background` ("#rrggbb"): an RGB picture."""
    from PIL import Image

    flat = Image.new("RGBA", picture.size, (*_rgb(background), 255))
    flat.alpha_composite(picture.convert("RGBA"))
    return flat.convert("RGB")


@functools.lru_cache(maxsize=8)
def _frame_on(*look_and_background):
    """`_frame` laid on the page's background, once per look and background (read-only, shared)."""
    *look, background = look_and_background
    return _on_background(_frame(*look), background)


@functools.lru_cache(maxsize=8)
def _frame(
    colorscale_json: str,
    zrange: tuple[float, float],
    extent: float,
    side: int,
    titles: tuple[str, str],
    bar_title: str,
    legend: tuple[LegendItem, ...],
):
    """Everything around the surface (ticks, titles, colour bar, legend): the same on every frame."""
    from PIL import Image, ImageDraw

    left, top = MARGIN["l"], MARGIN["t"]
    canvas = Image.new("RGBA", (left + side + MARGIN["r"], top + side + MARGIN["b"]), (0, 0, 0, 0))
    draw, font = ImageDraw.Draw(canvas), _font(13)
    for tick in range(-int(extent), int(extent) + 1):
        at = (tick + extent) / (2 * extent) * side
        draw.line([(left + at, top + side), (left + at, top + side + 4)], fill=INK)
        draw.text((left + at, top + side + 6), str(tick), fill=INK, font=font, anchor="mt")
        draw.line([(left - 4, top + side - at), (left, top + side - at)], fill=INK)
        draw.text((left - 7, top + side - at), str(tick), fill=INK, font=font, anchor="rm")
    draw.text((left + side / 2, top + side + 24), titles[0], fill=INK, font=_font(14), anchor="mt")
    draw.text((12, top + side / 2), titles[1], fill=INK, font=_font(14), anchor="mm")
    _colour_bar(
        canvas, draw, palette(json.loads(colorscale_json)), zrange, left + side + 18, top, side, bar_title
    )
    _legend(draw, legend, left, top + side + 50)
    return canvas


def _colour_bar(
    canvas, draw, lut: np.ndarray, zrange: tuple[float, float], x: int, top: int, height: int, title: str
) -> None:
    for row in range(height):
        draw.line(
            [(x, top + row), (x + 12, top + row)], fill=tuple(lut[255 - row * 255 // max(1, height - 1)])
        )
    lo, hi = zrange
    for fraction in (0.0, 0.5, 1.0):
        y = top + height - fraction * height
        draw.text((x + 17, y), f"{lo + fraction * (hi - lo):.2g}", fill=INK, font=_font(12), anchor="lm")
    if title:  # written upwards, as plotly does
        from PIL import Image, ImageDraw

        font = _font(14)
        label = Image.new("RGBA", (int(draw.textlength(title, font=font)) + 4, 20), (0, 0, 0, 0))
        ImageDraw.Draw(label).text((2, 10), title, fill=INK, font=font, anchor="lm")
        label = label.rotate(90, expand=True)
        canvas.alpha_composite(label, (x + 52, int(top + height / 2 - label.height / 2)))


def _legend(draw, items: Sequence[LegendItem], x: int, y: int) -> None:
    for item in items:
        rgb = _rgb(item.color)
        box = (x, y - 5, x + 10, y + 5)
        if item.filled:
            draw.ellipse(box, fill=(*rgb, 255), outline=(255, 255, 255, 255))
        else:
            draw.ellipse(box, outline=(*rgb, 255), width=2)
        draw.text((x + 15, y), item.name, fill=INK, font=_font(12), anchor="lm")
        x += 22 + int(draw.textlength(item.name, font=_font(12)))
