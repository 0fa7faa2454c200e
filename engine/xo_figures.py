"""Figures for the X-vs-O network: every stage of every filter in one mosaic, and the votes."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.conv import LECTURE_FILTERS
from engine.conv_figures import maps_grid
from engine.figures import base_layout

STAGE_TITLES = {"conv": "feature map", "relu": "ReLU", "pool": "max pool 2x2", "pool2": "pooled again"}


def stages_figure(trace: dict[str, np.ndarray]) -> go.Figure:
    """Rows: feature map, ReLU, pooled (and pooled again); columns: the lecture's three filters."""
    rows = {f"{STAGE_TITLES[s]} {trace[s].shape[1]}x{trace[s].shape[2]}": trace[s] for s in STAGE_TITLES if s in trace}
    return maps_grid(rows, labels=list(LECTURE_FILTERS), cell_px=28, annotate_cells=49, decimals=2)


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
