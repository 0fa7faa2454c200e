"""Figures for the X-vs-O network: every stage of every filter in one mosaic, and the votes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.conv import LECTURE_FILTERS, slide_number
from engine.conv_figures import CELL_TEXT, Room, maps_grid, text_fits, text_width
from engine.figures import FONT_SIZE

STAGE_TITLES = {"conv": "feature map", "relu": "ReLU", "pool": "max pool 2x2", "pool2": "pooled again"}


def stages_figure(trace: dict[str, np.ndarray], room: Room | None = None) -> go.Figure:
    """Rows: feature map, ReLU, pooled (and pooled again); columns: the lecture's three filters.
    The pooled numbers (the ones that vote) are written in the cells; the 7x7 maps, whose numbers
    the Filters & Pooling page shows, only on hover: hundreds of labels slow the page down."""
    rows = {
        f"{STAGE_TITLES[s]} {trace[s].shape[1]}x{trace[s].shape[2]}": trace[s]
        for s in STAGE_TITLES
        if s in trace
    }
    return maps_grid(rows, labels=list(LECTURE_FILTERS), cell_px=28, annotate_cells=16, decimals=2, room=room)


def votes_figure(
    features: np.ndarray,
    weights: np.ndarray,
    classes: tuple[str, ...],
    height: int = 260,
    room: Room | None = None,
) -> go.Figure:
    """The fully connected layer: each of the features (top row) votes for each class with a weight. With
    a `room`, rows are tall enough for their numbers, and the numbers are written only where a cell holds
    them (48 votes across a page do not fit: hover tells them)."""
    share = weights / weights.sum(1, keepdims=True)  # (C, F) each class's votes sum to 1
    z = np.vstack([features[None], share / share.max()])
    text = [[slide_number(v) for v in features], *[[slide_number(v) for v in row] for row in share]]
    names = ["feature value", *[f"vote weight for {c}" for c in classes]]
    show = True
    if room is not None:
        font = room.text_px(CELL_TEXT)
        labels = text_width(max(names, key=len), FONT_SIZE * (1.5 if room.presenter else 1))
        cell_width = (room.width - labels - 30) / len(features)
        row_height = max(room.cell, 2.6 * font)
        show = text_fits([t for row in text for t in row], min(cell_width, row_height), font)
        height = int(len(names) * row_height + (80 if room.presenter else 60))
    heat = go.Heatmap(
        z=z,
        colorscale="Greens",
        zmin=0,
        zmax=1,
        showscale=False,
        xgap=1,
        ygap=1,
        y=names,
        customdata=text,
        hovertemplate="%{y}, feature %{x}: %{customdata}<extra></extra>",
        **(dict(text=text, texttemplate="%{text}", textfont=dict(size=CELL_TEXT)) if show else {}),
    )
    return go.Figure(
        heat,
        layout=dict(  # built in one go (each update_* call re-validates)
            height=height,
            font=dict(size=FONT_SIZE),
            margin=dict(l=10, r=10, t=10, b=10),
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            yaxis=dict(autorange="reversed"),
            xaxis=dict(title="the numbers after pooling, map by map", showticklabels=False),
        ),
    )


def scores_figure(scores: np.ndarray, classes: tuple[str, ...], height: int = 260) -> go.Figure:
    """The two scores as bars, the winner green."""
    winner = int(np.argmax(scores))
    bar = go.Bar(
        x=[f"score for {c}" for c in classes],
        y=list(map(float, scores)),
        text=[slide_number(v) for v in scores],
        marker_color=["#2ca02c" if i == winner else "#9aa5b1" for i in range(len(classes))],
    )
    return go.Figure(
        bar,
        layout=dict(
            title=dict(text="Votes: weighted mean of the numbers", x=0.0, font=dict(size=FONT_SIZE + 2)),
            height=height,
            font=dict(size=FONT_SIZE),
            margin=dict(l=10, r=10, t=40, b=10),
            yaxis=dict(range=[0, 1]),
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
        ),
    )
