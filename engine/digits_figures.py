"""Figures for the learned-filters page: grids of small maps (filters, feature maps) with a unit marked."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from engine.conv_figures import WINDOW_COLOR
from engine.figures import DIVERGING, FONT_SIZE, base_layout


def maps_grid(rows: dict[str, np.ndarray], *, unit: tuple[str, int, int, int] | None = None,
              cell_px: int = 18, labels: list[str] | None = None) -> go.Figure:
    """One row per stage (name -> (C, h, w) maps), one column per channel; zero is white.

    `unit` (stage, channel, row, col) is outlined; small maps (up to 4x4) show their values."""
    names = list(rows)
    channels = max(m.shape[0] for m in rows.values())
    fig = make_subplots(rows=len(names), cols=channels, horizontal_spacing=0.01, vertical_spacing=0.08,
                        row_titles=names, column_titles=labels or [str(c) for c in range(channels)])
    for r, name in enumerate(names):
        maps = rows[name]
        peak = float(np.abs(maps).max()) or 1.0
        annotate = maps.shape[1] * maps.shape[2] <= 16
        for c in range(maps.shape[0]):
            heat = go.Heatmap(z=maps[c], zmin=-peak, zmax=peak, colorscale=DIVERGING, showscale=False,
                              hovertemplate=f"{name} map {c}<br>row %{{y}}, col %{{x}}: %{{z:.2f}}<extra></extra>")
            if annotate:
                heat.update(text=np.vectorize(lambda v: f"{v:.1f}")(maps[c]), texttemplate="%{text}",
                            textfont=dict(size=FONT_SIZE - 4))
            fig.add_trace(heat, row=r + 1, col=c + 1)
            index = r * channels + c + 1
            fig.update_yaxes(scaleanchor=f"x{index}", row=r + 1, col=c + 1)
            if unit is not None and unit[0] == name and unit[1] == c:
                fig.add_shape(type="rect", x0=unit[3] - 0.5, x1=unit[3] + 0.5, y0=unit[2] - 0.5, y1=unit[2] + 0.5,
                              line=dict(color=WINDOW_COLOR, width=3), row=r + 1, col=c + 1)
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain")
    fig.update_annotations(font_size=FONT_SIZE - 2)
    width_px = max(60, cell_px * max(m.shape[2] for m in rows.values()))
    base_layout(fig, height=int(len(names) * min(width_px, 1100 / channels) + 70))
    return fig.update_layout(margin=dict(t=30, r=40))
