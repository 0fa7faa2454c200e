"""Grids of small maps (filters, feature maps, frames) drawn as ONE heatmap: light for the browser.

Dozens of plotly subplots make a page slow to paint, so the maps are laid side by side into a
single mosaic with empty (NaN) gaps; every stage's colours are scaled to its own peak (zero is
white), while hover and the numbers written in small maps show the real values.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.conv_figures import WINDOW_COLOR
from engine.figures import DIVERGING, FONT_SIZE, base_layout

GAP = 1


def maps_grid(rows: dict[str, np.ndarray], *, unit: tuple[str, int, int, int] | None = None,
              cell_px: int = 18, labels: list[str] | None = None) -> go.Figure:
    """One row per stage (name -> (C, h, w) maps), one column per channel.

    `unit` (stage, channel, row, col) is outlined; maps up to 4x4 show their values when the
    cells are big enough to read."""
    names = list(rows)
    channels = max(m.shape[0] for m in rows.values())
    tile = max(max(m.shape[1], m.shape[2]) for m in rows.values())
    height, width = len(names) * (tile + GAP) - GAP, channels * (tile + GAP) - GAP
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
            top, left = r * (tile + GAP), c * (tile + GAP)
            colour[top:top + h, left:left + w] = maps[c] / peak
            value[top:top + h, left:left + w] = maps[c]
            where[top:top + h, left:left + w] = [[f"{name} · map {c} · row {i}, col {j}" for j in range(w)]
                                                 for i in range(h)]
            if h * w <= 16 and pixels >= 22:
                text[top:top + h, left:left + w] = np.vectorize(lambda v: f"{v:.1f}")(maps[c])
    fig = go.Figure(go.Heatmap(z=colour, zmin=-1, zmax=1, colorscale=DIVERGING, showscale=False,
                               customdata=np.dstack([value, where]), text=text, texttemplate="%{text}",
                               textfont=dict(size=FONT_SIZE - 4), hoverongaps=False,
                               hovertemplate="%{customdata[1]}: %{customdata[0]:.2f}<extra></extra>"))
    if unit is not None and unit[0] in names:
        top, left = names.index(unit[0]) * (tile + GAP) + unit[2], unit[1] * (tile + GAP) + unit[3]
        fig.add_shape(type="rect", x0=left - 0.5, x1=left + 0.5, y0=top - 0.5, y1=top + 0.5,
                      line=dict(color=WINDOW_COLOR, width=3))
    centres = lambda n: [i * (tile + GAP) + (tile - 1) / 2 for i in range(n)]  # noqa: E731
    fig.update_xaxes(tickvals=centres(channels), ticktext=labels or [str(c) for c in range(channels)],
                     side="top", showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(tickvals=centres(len(names)), ticktext=names, autorange="reversed", scaleanchor="x",
                     showgrid=False, zeroline=False)
    return base_layout(fig, height=int(height * pixels + 60))
