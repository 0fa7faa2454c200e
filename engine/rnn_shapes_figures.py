"""The diagram of each RNN shape, filled with a live example: inputs, hidden states, outputs."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from engine.figures import DIVERGING
from engine.rnn_figures import SCHEMATIC, arrow_trace, layout, plain_figure, text_trace

GOOD, BAD, PLAIN = "#d7f0d7", "#f8d7d7", "#eef2f7"


class _Sketch:
    """Boxes, arrows and labels gathered first and drawn as a few traces."""

    def __init__(self):
        self.x, self.y, self.text, self.fill, self.symbol = [], [], [], [], []
        self.arrows: dict[tuple[str, str], list] = {}
        self.labels: list[tuple[float, float, str]] = []
        self.row_names: list[tuple[float, str]] = []

    def box(self, x, y, text, fill=PLAIN, symbol="square"):
        self.x.append(x), self.y.append(y), self.text.append(text), self.fill.append(fill)
        self.symbol.append(symbol)

    def arrow(self, x0, y0, x1, y1, color="#666", dash=False):
        """From box to box: shortened so the line stops at the boxes' edges."""
        dx, dy = x1 - x0, y1 - y0
        length = (dx * dx + dy * dy) ** 0.5
        gap_x, gap_y = 0.34 * dx / length, 0.3 * dy / length
        self.arrows.setdefault((color, "dot" if dash else "solid"), []).append(
            (x0 + gap_x, y0 + gap_y, x1 - gap_x, y1 - gap_y)
        )

    def label(self, x, y, text):
        self.labels.append((x, y, text))

    def figure(self, width_units: float, height: int, scale: float = 1.0) -> go.Figure:
        """Boxes, type and arrows all `scale` times their size (the whole drawing grows, to scale)."""
        left = 0.6 + 0.3 * (width_units + 1.2)  # about a fifth of the width for the row names
        size = lambda n: round(n * scale)  # noqa: E731
        boxes = dict(
            type="scatter",
            x=self.x,
            y=self.y,
            mode="markers+text",
            text=self.text,
            hoverinfo="skip",
            marker=dict(size=size(34), color=self.fill, symbol=self.symbol, line=dict(color="#555", width=1)),
            textfont=dict(size=size(14)),
            showlegend=False,
        )
        arrows = [
            arrow_trace(segments, color, (1.2 if dash == "dot" else 2) * scale, dash, size(9))
            for (color, dash), segments in self.arrows.items()
        ]
        rows = text_trace(
            [(-left + 0.05, y, name) for y, name in self.row_names], "middle right", size(13), "#555"
        )
        return plain_figure(
            [*arrows, boxes, text_trace(self.labels, size=size(13), color="#777"), rows],
            layout(
                meta=dict(SCHEMATIC),
                height=size(height),
                xaxis=dict(visible=False, range=[-left, width_units + 0.6], fixedrange=True),
                yaxis=dict(visible=False, range=[-0.7, 3.9], fixedrange=True),
            ),
        )


def shape_diagram(
    shape: str,
    inputs: Sequence[str | None],
    outputs: Sequence[str | None],
    correct: Sequence[bool | None],
    *,
    bidirectional: bool = False,
    fed_back: bool = False,
    encoder_steps: int = 0,
    state_passed: bool = True,
    scale: float = 1.0,
) -> go.Figure:
    """Columns are time steps. `inputs[t]`/`outputs[t]` None means no box there; `correct[t]` colours
    the output green or red. `fed_back` draws y_{t-1} -> x_t; `encoder_steps` splits seq2seq columns;
    `state_passed` False leaves out h_{t-1} -> h_t (a net that passes only its output y on); `scale` draws
    it all bigger (presenter view), boxes and type alike."""
    s, steps = _Sketch(), len(inputs)
    h_rows = [1.5, 2.2] if bidirectional else [1.5]
    out_y = 3.2 if bidirectional else 2.9
    for t in range(steps):
        if inputs[t] is not None:
            s.box(t, 0, inputs[t])
            s.arrow(t, 0, t, h_rows[0])
        for row in h_rows:
            s.box(t, row, "h", "#fde9c9" if row == 1.5 else "#dcecf9", "circle")
        if outputs[t] is not None:
            ok = correct[t]
            s.box(t, out_y, outputs[t], PLAIN if ok is None else GOOD if ok else BAD)
            s.arrow(t, h_rows[-1], t, out_y)
        if t + 1 < steps:
            if state_passed:
                s.arrow(t, 1.5, t + 1, 1.5, color="#e08a00")
            if bidirectional:
                s.arrow(t + 1, 2.2, t, 2.2, color="#1f77b4")
            if fed_back and outputs[t] is not None and inputs[t + 1] is not None and t + 1 >= encoder_steps:
                s.arrow(t, out_y, t + 1, 0, color="#999", dash=True)
    if not state_passed:
        s.label((steps - 1) / 2, 2.2, "no h → h: only y goes on")
    s.row_names += [
        (0, "input x_t"),
        (1.5, "forward h_t →" if bidirectional else "state h_t"),
        (out_y, "output y_t"),
    ] + ([(2.2, "← backward h_t")] if bidirectional else [])
    if encoder_steps:
        s.label(encoder_steps - 0.5, 3.7, "encoder  |  decoder")
        s.label((encoder_steps - 1) / 2, -0.55, "reads the whole input into h")
    return s.figure(max(steps - 1, 3), height=300 if bidirectional else 280, scale=scale)


def states_map(states: np.ndarray, title: str, columns: Sequence[str]) -> go.Figure:
    """Hidden states (T, H) as a units × steps heatmap."""
    heat = dict(
        type="heatmap",
        z=np.asarray(states, dtype=np.float32).T,
        x=list(columns),
        y=[f"h{j + 1}" for j in range(states.shape[1])],
        colorscale=DIVERGING,
        zmin=-1.0,
        zmax=1.0,
        showscale=False,
        hovertemplate="row %{y}, col %{x}<br>state %{z:.2f}<extra></extra>",
    )
    return plain_figure(
        [heat],
        layout(
            title,
            260,
            yaxis=dict(autorange="reversed", showgrid=False, zeroline=False, showticklabels=False),
            xaxis=dict(showgrid=False, zeroline=False, side="bottom"),
        ),
    )
