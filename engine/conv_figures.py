"""Figures for the convolution pages: maps as heatmaps (small) or pictures (large), the sliding window."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from engine.figures import DIVERGING, FONT_SIZE, SEQUENTIAL, palette, to_uint8

SMALL_SIDE = 16          # up to 16 x 16 every cell shows its value, as on the slides
GAP = 1                  # empty cells between the maps of a grid
WINDOW_COLOR = "#2ca02c"


def is_small(values: np.ndarray) -> bool:
    return values.ndim == 2 and max(values.shape) <= SMALL_SIDE


def _palette(signed: bool) -> np.ndarray:
    """One of two fixed 256-colour tables, the same for every user."""
    return palette(DIVERGING if signed else SEQUENTIAL)                  # (256, 3)


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
               cell: tuple[int, int] | None = None, height: int = 300, zrange=None,
               taps: list[tuple[int, int]] | None = None) -> go.Figure:
    """A small map with its value in every cell (zero white, as the slides); `window` (top, left,
    bottom, right), `cell` (row, col) and single `taps` outlined. Built in one go: every plotly
    `update_*` call re-validates the figure, and a page draws a dozen of these per rerun."""
    values = np.asarray(values, np.float64)
    peak = float(np.abs(values).max()) or 1.0
    decimals = 0 if np.all(values == np.round(values)) else 2
    boxes = [window] if window is not None else []
    boxes += [(r, c, r, c) for r, c in ([cell] if cell is not None else []) + list(taps or [])]
    shapes = [dict(type="rect", x0=left - 0.5, x1=right + 0.5, y0=top - 0.5, y1=bottom + 0.5,
                   line=dict(color=WINDOW_COLOR, width=4 if window is not None and box is window else 3))
              for box in boxes for top, left, bottom, right in [box]]
    axis = dict(showticklabels=False, showgrid=False, zeroline=False)
    heat = go.Heatmap(z=values, zmin=zrange[0] if zrange else -peak, zmax=zrange[1] if zrange else peak,
                      colorscale=DIVERGING, showscale=False, xgap=1, ygap=1,
                      text=[[f"{v:.{decimals}f}" for v in row] for row in values], texttemplate="%{text}",
                      textfont=dict(size=max(9, FONT_SIZE - values.shape[1] // 4)),
                      hovertemplate="row %{y}, col %{x}: %{z:.2f}<extra></extra>")
    return go.Figure(heat, layout=dict(
        title=dict(text=title, x=0.0, xanchor="left", font=dict(size=FONT_SIZE + 2)), height=height,
        font=dict(size=FONT_SIZE), margin=dict(l=10, r=10, t=40 if title else 10, b=10), shapes=shapes,
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis=axis, yaxis=dict(axis, autorange="reversed", scaleanchor="x")))


def window_figure(image: np.ndarray, window, title: str = "", height: int = 300) -> go.Figure:
    """The input (with the zero padding the window reaches) and the window's taps outlined."""
    h, w = image.shape
    pad = max(0, -int(window.rows.min()), -int(window.cols.min()),
              int(window.rows.max()) - h + 1, int(window.cols.max()) - w + 1)
    shown = np.pad(image, pad)                                           # (H + 2pad, W + 2pad)
    taps = list(zip((window.rows + pad).ravel().tolist(), (window.cols + pad).ravel().tolist()))
    return map_figure(shown, title, height=height, taps=taps)


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
    info = np.full((height, width, 4), np.nan)                           # value, map, row, col for hover
    text = np.full((height, width), "", dtype=object)
    annotated = False
    for r, name in enumerate(names):
        maps = np.asarray(rows[name], np.float64)
        peak = float(np.abs(maps).max()) or 1.0
        for c in range(maps.shape[0]):
            h, w = maps[c].shape
            top, left = int(tops[r]), c * (tile + GAP)
            colour[top:top + h, left:left + w] = maps[c] / peak
            info[top:top + h, left:left + w] = np.dstack([maps[c], np.full((h, w), c), *np.mgrid[0:h, 0:w]])
            if h * w <= annotate_cells and pixels >= 22:
                text[top:top + h, left:left + w] = np.vectorize(lambda v: f"{v:.{decimals}f}")(maps[c])
                annotated = True
    # numbers only in customdata: plotly copies and cleans object arrays cell by cell (slow)
    heat = go.Heatmap(z=colour, zmin=-1, zmax=1, colorscale=DIVERGING, showscale=False, customdata=info,
                      text=text.tolist() if annotated else None, texttemplate="%{text}" if annotated else None,
                      textfont=dict(size=FONT_SIZE - 4), hoverongaps=False,
                      hovertemplate="map %{customdata[1]} · row %{customdata[2]}, col %{customdata[3]}: "
                                    "%{customdata[0]:.2f}<extra></extra>")
    shapes = []
    if unit is not None and unit[0] in names:
        top, left = int(tops[names.index(unit[0])]) + unit[2], unit[1] * (tile + GAP) + unit[3]
        shapes.append(dict(type="rect", x0=left - 0.5, x1=left + 0.5, y0=top - 0.5, y1=top + 0.5,
                           line=dict(color=WINDOW_COLOR, width=3)))
    return go.Figure(heat, layout=dict(  # one go: each update_* call would re-validate the figure
        height=int(height * pixels + 60), font=dict(size=FONT_SIZE), margin=dict(l=10, r=10, t=30, b=10),
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", shapes=shapes,
        xaxis=dict(tickvals=[c * (tile + GAP) + (tile - 1) / 2 for c in range(channels)],
                   ticktext=labels or [str(c) for c in range(channels)], side="top", showgrid=False,
                   zeroline=False, constrain="domain"),
        yaxis=dict(tickvals=[t + (h - 1) / 2 for t, h in zip(tops, row_heights)], ticktext=names,
                   autorange="reversed", scaleanchor="x", showgrid=False, zeroline=False)))
