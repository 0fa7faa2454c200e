"""Pictures for the attention pages: attention maps laid over images, alignment matrices."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from engine.figures import FONT_SIZE, SEQUENTIAL, base_layout, colorize

HIGHLIGHT = np.array([255, 255, 255], np.float32)


def upscale(image: np.ndarray, size: int, smooth: bool = False) -> np.ndarray:
    """A small picture or map blown up to (size, size[, 3]); nearest keeps pixels crisp."""
    method = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    if image.ndim == 2:
        return np.asarray(Image.fromarray(image.astype(np.float32), mode="F").resize((size, size), method))
    return np.asarray(Image.fromarray(image).resize((size, size), method))


def attention_overlay(image: np.ndarray, alpha: np.ndarray, size: int = 192) -> np.ndarray:
    """The lecture's figure: the picture dimmed where the model does not look, lit where it does.

    image (H, W, 3) uint8, alpha (L,) or (side, side) weights -> (size, size, 3) uint8.
    """
    side = int(round(np.sqrt(alpha.size)))
    weights = np.asarray(alpha, np.float32).reshape(side, side)
    light = upscale(weights / max(float(weights.max()), 1e-8), size, smooth=True)[:, :, None]  # (S, S, 1)
    picture = upscale(image, size).astype(np.float32)  # (S, S, 3)
    dimmed = picture * 0.25 + 40.0
    glow = picture * 0.7 + HIGHLIGHT * 0.3
    return (dimmed * (1 - light) + glow * light).round().clip(0, 255).astype(np.uint8)


def word_strip(
    image: np.ndarray, alphas: np.ndarray, words: Sequence[str], probs: Sequence[float], size: int = 96
) -> np.ndarray:
    """Every word's attention overlay side by side, each labelled "word (p)": one picture."""
    from PIL import ImageDraw

    gap, label = 6, 22
    strip = Image.new("RGB", (len(words) * (size + gap) - gap, size + label), "white")
    draw = ImageDraw.Draw(strip)
    font = _font(13)
    for i, (alpha, word, p) in enumerate(zip(alphas, words, probs)):
        left = i * (size + gap)
        strip.paste(Image.fromarray(attention_overlay(image, alpha, size)), (left, 0))
        draw.text(
            (left + size / 2, size + label / 2),
            f"{word} ({p:.2f})",
            fill=(60, 60, 60),
            font=font,
            anchor="mm",
        )
    return np.asarray(strip)


def heat_overlay(image: np.ndarray, heat: np.ndarray, opacity: float = 0.5) -> np.ndarray:
    """A map in [0, 1] coloured (viridis-like) and blended over a picture of the same size."""
    h, w = image.shape[:2]
    heat = np.asarray(
        Image.fromarray(np.asarray(heat, np.float32), mode="F").resize((w, h), Image.Resampling.BILINEAR)
    )
    colored = _viridis()[(np.clip(heat, 0, 1) * 255).round().astype(int)].astype(np.float32)  # (H, W, 3)
    return (image.astype(np.float32) * (1 - opacity) + colored * opacity).round().astype(np.uint8)


@lru_cache(maxsize=1)
def _viridis() -> np.ndarray:
    """The sequential palette as a (256, 3) uint8 lookup table (a constant, computed once)."""
    palette = colorize(np.linspace(0, 1, 256)[None], signed=False)[0]
    palette.setflags(write=False)
    return palette


@lru_cache(maxsize=4)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def attention_grid_image(alpha: np.ndarray, cell: int = 40) -> np.ndarray:
    """One word's weights alpha_ti as a picture of the (side x side) grid, each value written in its
    cell: (side * cell, side * cell, 3) uint8. A PNG repaints far faster than a 64-label plotly chart."""
    from PIL import ImageDraw

    side = int(round(np.sqrt(alpha.size)))
    values = np.asarray(alpha, np.float32).reshape(side, side)
    peak = max(float(values.max()), 1e-8)
    colors = _viridis()[np.clip(values.ravel() / peak * 255, 0, 255).round().astype(int)]  # (L, 3)
    picture = Image.new("RGB", (side * cell, side * cell), "white")
    draw = ImageDraw.Draw(picture)
    font = _font(round(cell * 0.36))
    for i, (value, color) in enumerate(zip(values.ravel(), colors)):
        row, col = divmod(i, side)
        box = (col * cell + 1, row * cell + 1, (col + 1) * cell - 1, (row + 1) * cell - 1)
        draw.rectangle(box, fill=tuple(int(c) for c in color))
        text = "1" if value >= 0.995 else f"{value:.2f}"[1:]
        ink = "black" if value > 0.6 * peak else "white"
        draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), text, fill=ink, font=font, anchor="mm")
    return np.asarray(picture)


def alignment(
    weights: np.ndarray,
    inputs: Sequence[str],
    outputs: Sequence[str],
    title: str = "",
    height: int = 420,
    colorbar: bool = True,
) -> go.Figure:
    """An alignment matrix: one row per output symbol, one column per input symbol.

    Built from plain dicts without plotly's validation (it is redrawn on every new input and
    validation costs several times the drawing); the look is base_layout's.
    """
    show = [repr(c)[1:-1] if c.strip() else "␣" for c in inputs]
    labels_x = [f"{i}:{c}" for i, c in enumerate(show)]
    labels_y = [f"{i}:{c}" for i, c in enumerate(outputs)]
    trace = {
        "type": "heatmap",
        "z": np.asarray(weights, np.float32).round(4),
        "x": labels_x,
        "y": labels_y,
        "colorscale": SEQUENTIAL,
        "zmin": 0,
        "zmax": 1,
        "showscale": colorbar,
        "xgap": 1,
        "ygap": 1,
        "hovertemplate": "row %{y}<br>looks at %{x}<br>weight %{z:.2f}<extra></extra>",
    }
    layout = {
        "title": {
            "text": title,
            "x": 0.0,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "font": {"size": FONT_SIZE + 2},
        },
        "font": {"size": FONT_SIZE},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 70 if title else 30, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "yaxis": {
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": labels_y,
            "ticktext": list(outputs),
        },
        "xaxis": {"side": "top", "tickmode": "array", "tickvals": labels_x, "ticktext": show, "tickangle": 0},
    }
    return go.Figure({"data": [trace], "layout": layout}, _validate=False)


def accuracy_by_length(
    lengths: Sequence[int], curves: dict[str, Sequence[float]], title: str = "", height: int = 360
) -> go.Figure:
    """Accuracy of several models against input length."""
    fig = go.Figure()
    for name, values in curves.items():
        fig.add_trace(go.Scatter(x=list(lengths), y=list(values), mode="lines+markers", name=name))
    fig.update_xaxes(title="input length (characters)")
    fig.update_yaxes(title="exact-match accuracy", range=[0, 1.05])
    fig = base_layout(
        fig, title, height, legend=dict(orientation="h", y=-0.28, x=0.5, xanchor="center", yanchor="top")
    )
    fig.update_layout(margin=dict(b=70))
    return fig
