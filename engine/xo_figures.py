"""Figures for the X-vs-O network: every stage of every filter in one grid, and the votes."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from engine.conv import LECTURE_FILTERS
from engine.figures import DIVERGING, FONT_SIZE, base_layout

STAGE_TITLES = {"conv": "feature map", "relu": "ReLU", "pool": "max pool 2x2", "pool2": "pooled again"}


def _cells(values: np.ndarray, decimals: int = 2) -> go.Heatmap:
    """One map as a heatmap trace with its values written in the cells (zero white, as the slides)."""
    return go.Heatmap(z=values, zmin=-1, zmax=1, colorscale=DIVERGING, showscale=False, xgap=1, ygap=1,
                      text=np.vectorize(lambda v: f"{v:.{decimals}f}")(values), texttemplate="%{text}",
                      textfont=dict(size=max(9, FONT_SIZE - values.shape[1])),
                      hovertemplate="row %{y}, col %{x}: %{z:.2f}<extra></extra>")


def stages_figure(trace: dict[str, np.ndarray], height: int = 620) -> go.Figure:
    """Rows: the lecture's three filters; columns: feature map, ReLU, pooled (and pooled again)."""
    stages = [s for s in STAGE_TITLES if s in trace]
    names = list(LECTURE_FILTERS)
    widths = [max(4.0, float(trace[s].shape[2])) for s in stages]
    fig = make_subplots(rows=3, cols=len(stages), column_widths=widths, horizontal_spacing=0.03,
                        vertical_spacing=0.04,
                        subplot_titles=[f"{STAGE_TITLES[s]} · {trace[s].shape[1]}x{trace[s].shape[2]}" for s in stages])
    for r in range(3):
        for c, stage in enumerate(stages):
            fig.add_trace(_cells(trace[stage][r]), row=r + 1, col=c + 1)
            index = r * len(stages) + c + 1
            fig.update_yaxes(scaleanchor=f"x{index}", row=r + 1, col=c + 1)  # square cells
        fig.update_yaxes(title_text=names[r], row=r + 1, col=1)
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain")
    fig.update_annotations(font_size=FONT_SIZE)
    base_layout(fig, height=height)
    return fig.update_layout(margin=dict(t=40))


def votes_figure(features: np.ndarray, weights: np.ndarray, classes: tuple[str, ...], height: int = 260) -> go.Figure:
    """The fully connected layer: each of the features (top row) votes for each class with a weight."""
    share = weights / weights.sum(1, keepdims=True)                     # (C, F) each class's votes sum to 1
    z = np.vstack([features[None], share / share.max()])
    text = np.vstack([[f"{v:.2f}" for v in features], *[[f"{v:.2f}" for v in row] for row in share]])
    fig = go.Figure(go.Heatmap(z=z, text=text, texttemplate="%{text}", colorscale="Greens", zmin=0, zmax=1,
                               showscale=False, xgap=1, ygap=1,
                               y=["feature value", *[f"vote weight for {c}" for c in classes]],
                               hovertemplate="%{y}, feature %{x}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="the 12 (or 48) numbers after pooling, map by map", showticklabels=False)
    return base_layout(fig, height=height)
