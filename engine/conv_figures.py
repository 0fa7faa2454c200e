"""Figures for the convolution pages: maps as heatmaps (small) or pictures (large), the sliding window."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from engine.figures import DIVERGING, FONT_SIZE, base_layout, heatmap, to_uint8

SMALL_SIDE = 16          # up to 16 x 16 every cell shows its value, as on the slides
GAP = 1                  # empty cells between the maps of a grid
WINDOW_COLOR = "#2ca02c"


def is_small(values: np.ndarray) -> bool:
    return values.ndim == 2 and max(values.shape) <= SMALL_SIDE


@lru_cache(maxsize=2)  # two fixed 256-colour tables, the same for every user
def _palette(signed: bool) -> np.ndarray:
    from plotly.colors import sample_colorscale
    from engine.figures import _rgb
    colors = sample_colorscale(DIVERGING if signed else "Viridis", list(np.linspace(0, 1, 256)))
    table = np.array([_rgb(c) for c in colors], np.uint8)                # (256, 3)
    table.setflags(write=False)
    return table


def picture(values: np.ndarray, min_side: int = 224, max_side: int = 360, gray: bool = False) -> np.ndarray:
    """A map as an RGB picture: one channel in the diverging (signed) or sequential palette (or
    `gray`), three channels as colour; small maps are enlarged with sharp pixels, big ones shrunk
    to what a column shows. (H, W, 3) uint8."""
    values = np.asarray(values, np.float32)
    if gray and values.ndim == 2:
        rgb = np.repeat(to_uint8(values)[:, :, None], 3, axis=2)         # (H, W, 3)
    elif values.ndim == 3:
        rgb = _levels(values)                                            # (H, W, 3) all channels on one scale
    else:
        rgb = np.take(_palette(True), _levels(values), axis=0)           # (H, W, 3) zero is white
    side = max(rgb.shape[:2])
    if side < min_side:
        scale = int(np.ceil(min_side / side))
        rgb = np.asarray(Image.fromarray(rgb).resize((rgb.shape[1] * scale, rgb.shape[0] * scale),
                                                     Image.Resampling.NEAREST))
    elif side > max_side:  # box-average down to what a column shows (fast, keeps thin edges visible)
        rgb = np.asarray(Image.fromarray(rgb).reduce(int(np.ceil(side / max_side))))
    return rgb


def _levels(values: np.ndarray) -> np.ndarray:
    """0..255 with zero at 128; the scale is set by the 99.5th percentile, so a few extreme
    cells (strong edges) do not leave the rest of the map washed out."""
    step = max(1, max(values.shape[:2]) // 128)
    sample = np.abs(values[::step, ::step])                              # at most ~128 x 128 cells
    peak = float(np.percentile(sample, 99.5)) or float(np.abs(values).max()) or 1.0
    return ((values / peak + 1.0) * 127.5).clip(0, 255).astype(np.uint8)


def shape_text(values: np.ndarray) -> str:
    """"7 x 7" or "7 x 7 x 3" (rows x columns x channels)."""
    return " x ".join(str(n) for n in values.shape)


def map_figure(values: np.ndarray, title: str = "", *, window: tuple[int, int, int, int] | None = None,
               cell: tuple[int, int] | None = None, height: int = 300, zrange=None) -> go.Figure:
    """A small map with its values; `window` (top, left, bottom, right) and `cell` (row, col) outlined."""
    values = np.asarray(values, np.float32)
    decimals = 0 if np.all(values == np.round(values)) else 2
    fig = heatmap(values, title, height=height, colorbar=False, zrange=zrange, signed=True, decimals=decimals)
    if window is not None:
        top, left, bottom, right = window
        fig.add_shape(type="rect", x0=left - 0.5, x1=right + 0.5, y0=top - 0.5, y1=bottom + 0.5,
                      line=dict(color=WINDOW_COLOR, width=4))
    if cell is not None:
        fig.add_shape(type="rect", x0=cell[1] - 0.5, x1=cell[1] + 0.5, y0=cell[0] - 0.5, y1=cell[0] + 0.5,
                      line=dict(color=WINDOW_COLOR, width=4))
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False)
    return fig


def window_figure(image: np.ndarray, window, title: str = "", height: int = 300) -> go.Figure:
    """The input (with the zero padding the window reaches) and the window's taps outlined."""
    h, w = image.shape
    pad = max(0, -int(window.rows.min()), -int(window.cols.min()),
              int(window.rows.max()) - h + 1, int(window.cols.max()) - w + 1)
    shown = np.pad(image, pad)                                           # (H + 2pad, W + 2pad)
    peak = float(np.abs(image).max()) or 1.0
    fig = map_figure(shown, title, height=height, zrange=(-peak, peak) if image.min() < 0 else None)
    for r, c in zip((window.rows + pad).ravel(), (window.cols + pad).ravel()):
        fig.add_shape(type="rect", x0=c - 0.5, x1=c + 0.5, y0=r - 0.5, y1=r + 0.5,
                      line=dict(color=WINDOW_COLOR, width=3))
    return fig


def maps_grid(rows: dict[str, np.ndarray], *, unit: tuple[str, int, int, int] | None = None,
              cell_px: int = 18, labels: list[str] | None = None, annotate_cells: int = 16,
              decimals: int = 1) -> go.Figure:
    """Many small maps drawn as ONE heatmap (dozens of plotly subplots are slow to paint): one
    row per stage (name -> (C, h, w) maps), one column per channel, empty gaps between; each
    stage's colours are scaled to its own peak (zero is white), hover shows the real values.

    `unit` (stage, channel, row, col) is outlined; maps of up to `annotate_cells` cells show
    their values when the cells are big enough to read."""
    names = list(rows)
    channels = max(m.shape[0] for m in rows.values())
    tile = max(m.shape[2] for m in rows.values())                         # column width
    row_heights = [rows[n].shape[1] for n in names]                      # each stage only as tall as its maps
    tops = np.cumsum([0] + [h + GAP for h in row_heights])[:-1]
    height, width = int(tops[-1] + row_heights[-1]), channels * (tile + GAP) - GAP
    pixels = min(cell_px, 1000 / width)
    colour = np.full((height, width), np.nan)
    value = np.full((height, width), np.nan)
    text = np.full((height, width), "", dtype=object)
    where = np.full((height, width), "", dtype=object)
    for r, name in enumerate(names):
        maps = np.asarray(rows[name], np.float64)
        peak = float(np.abs(maps).max()) or 1.0
        for c in range(maps.shape[0]):
            h, w = maps[c].shape
            top, left = int(tops[r]), c * (tile + GAP)
            colour[top:top + h, left:left + w] = maps[c] / peak
            value[top:top + h, left:left + w] = maps[c]
            where[top:top + h, left:left + w] = [[f"{name} · map {c} · row {i}, col {j}" for j in range(w)]
                                                 for i in range(h)]
            if h * w <= annotate_cells and pixels >= 22:
                text[top:top + h, left:left + w] = np.vectorize(lambda v: f"{v:.{decimals}f}")(maps[c])
    fig = go.Figure(go.Heatmap(z=colour, zmin=-1, zmax=1, colorscale=DIVERGING, showscale=False,
                               customdata=np.dstack([value, where]), text=text, texttemplate="%{text}",
                               textfont=dict(size=FONT_SIZE - 4), hoverongaps=False,
                               hovertemplate="%{customdata[1]}: %{customdata[0]:.2f}<extra></extra>"))
    if unit is not None and unit[0] in names:
        top, left = int(tops[names.index(unit[0])]) + unit[2], unit[1] * (tile + GAP) + unit[3]
        fig.add_shape(type="rect", x0=left - 0.5, x1=left + 0.5, y0=top - 0.5, y1=top + 0.5,
                      line=dict(color=WINDOW_COLOR, width=3))
    fig.update_xaxes(tickvals=[c * (tile + GAP) + (tile - 1) / 2 for c in range(channels)],
                     ticktext=labels or [str(c) for c in range(channels)], side="top", showgrid=False,
                     zeroline=False, constrain="domain")
    fig.update_yaxes(tickvals=[t + (h - 1) / 2 for t, h in zip(tops, row_heights)], ticktext=names,
                     autorange="reversed", scaleanchor="x", showgrid=False, zeroline=False)
    return base_layout(fig, height=int(height * pixels + 60))
