"""Figures for the char-RNN: the distribution at every sampling step, the beam tree, the hidden-state path."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from engine.char_rnn import Candidate, Draw
from engine.figures import CLASS_COLORS, bars, base_layout, heatmap


def shown(ch: str) -> str:
    """A character as it can be read in a chart: space and tab made visible."""
    return {" ": "␣", "\t": "⇥"}.get(ch, ch)


def step_distributions(draws: Sequence[Draw], chars: Sequence[str], max_columns: int = 24) -> go.Figure:
    """Probability of the likeliest characters (columns) at every step (rows); row labels = drawn char."""
    probs = np.stack([d.probs for d in draws])  # (S, V)
    columns = np.argsort(-probs.max(0))[:max_columns]
    columns = np.sort(columns)
    rows = [f"{i + 1}: {shown(chars[d.chosen])}" for i, d in enumerate(draws)]
    fig = heatmap(
        probs[:, columns],
        x_labels=[shown(chars[c]) for c in columns],
        y_labels=rows,
        signed=False,
        zrange=(0.0, 1.0),
        annotate=False,
        colorbar=False,
        hover_name="probability",
        height=max(220, 60 + 18 * len(draws)),
    )
    return fig


def one_step(draw: Draw, chars: Sequence[str], step: int, top: int = 12) -> go.Figure:
    """The distribution at one step as bars (the top characters); the one drawn is green."""
    order = list(np.argsort(-draw.probs)[:top])
    if draw.chosen not in order:
        order[-1] = draw.chosen
    return bars(
        [float(draw.probs[i]) for i in order],
        [shown(chars[i]) for i in order],
        f"Step {step}: drew '{shown(chars[draw.chosen])}'",
        highlight=order.index(draw.chosen),
        height=260,
    )


def beam_tree(levels: Sequence[Sequence[Candidate]], chars: Sequence[str], steps: int = 10) -> go.Figure:
    """The candidates kept at each of the first steps; lines join each one to the string it extends."""
    xs, ys, labels, hovers, lines_x, lines_y = [], [], [], [], [], []
    for depth, level in enumerate(levels[:steps]):
        for rank, cand in enumerate(level):
            xs.append(depth + 1)
            ys.append(rank)
            labels.append(shown(chars[cand.tokens[-1]]))
            hovers.append(f"'{''.join(shown(chars[t]) for t in cand.tokens)}'<br>log p = {cand.log_prob:.2f}")
            if depth > 0:
                lines_x += [depth, depth + 1, None]
                lines_y += [cand.parent, rank, None]
    fig = go.Figure(
        [
            go.Scatter(
                x=lines_x,
                y=lines_y,
                mode="lines",
                line=dict(color="#bbb", width=1.5),
                hoverinfo="skip",
                showlegend=False,
            ),
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers+text",
                text=labels,
                hovertext=hovers,
                hoverinfo="text",
                marker=dict(size=26, color="#e8f0fb", line=dict(color="#1f77b4", width=1)),
                textfont=dict(size=14),
                showlegend=False,
            ),
        ]
    )
    fig.update_xaxes(title="step", dtick=1)
    fig.update_yaxes(title="rank (0 = most likely)", autorange="reversed", dtick=1)
    return base_layout(
        fig, "Beam search: the candidates kept at every step", height=120 + 40 * len(levels[0])
    )


def trajectory(points: np.ndarray, chars: Sequence[str], colored: int = 9) -> go.Figure:
    """The hidden-state path in 2-D (PCA); the most common characters each get a colour."""
    common = [ch for ch, _ in Counter(chars).most_common(colored)]
    fig = go.Figure(
        go.Scatter(
            x=points[:, 0],
            y=points[:, 1],
            mode="lines",
            line=dict(color="#ddd", width=1),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for i, ch in enumerate(common + ["other"]):
        mask = np.array([(c == ch) if ch != "other" else (c not in common) for c in chars])
        if not mask.any():
            continue
        index = np.flatnonzero(mask)
        fig.add_trace(
            go.Scatter(
                x=points[mask, 0],
                y=points[mask, 1],
                mode="markers+text",
                name=shown(ch),
                text=[shown(chars[j]) for j in index],
                textposition="top center",
                hovertext=[f"char {j + 1}: '{shown(chars[j])}'" for j in index],
                hoverinfo="text",
                marker=dict(size=8, color=CLASS_COLORS[i] if ch != "other" else "#aaa"),
            )
        )
    fig.update_xaxes(title="principal component 1")
    fig.update_yaxes(title="principal component 2")
    return base_layout(fig, "Hidden state h_t after each character (PCA to 2-D)", height=460)
