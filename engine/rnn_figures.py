"""Figures for the unrolled "hello" RNN: the slide's diagram, the weights, the losses, the equations."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from engine.figures import CLASS_COLORS, DIVERGING, FONT_SIZE, palette

GREEN, RED = "#2ca02c", "#d62728"
GREEN_FILL, RED_FILL = "#d7f0d7", "#f8d7d7"
CELL = 30  # marker size of one unit, in pixels
# engine.figures' layout.meta flag for a diagram drawn to scale: presenter view enlarges its text but not
# its boxes and arrowheads (they are markers; enlarged, they overlap)
SCHEMATIC = {"schematic": True}


def _blue_red(v: float) -> str:
    """A value in [-1, 1] as a fill colour from the project's diverging scale: blue negative, red positive."""
    r, g, b = palette(DIVERGING)[int(round((float(np.clip(v, -1.0, 1.0)) + 1.0) * 127.5))]
    return f"rgb({r},{g},{b})"


# Every figure here is built from plain dicts in one constructor call, without plotly's validation:
# validating cost 40-80 ms per figure, several times more than drawing it, and the live view redraws
# them five times a second. The look is engine.figures.base_layout's.
def layout(title: str = "", height: int | None = None, **extra) -> dict:
    """base_layout as one dict; margins fixed (automatic margins redraw a chart several times)."""
    extra.setdefault("margin", dict(l=10, r=10, t=40 if title else 10, b=10))
    return dict(
        template="none",
        title=dict(text=title, x=0.0, xanchor="left", font=dict(size=FONT_SIZE + 2)),
        font=dict(size=FONT_SIZE),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        height=height,
        **extra,
    )


def plain_figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from trusted plain dicts, not validated (the builders here are tested instead)."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def loss_curve(history: Sequence[dict], key: str, title: str, height: int = 240) -> go.Figure:
    """One training curve from the runner's history rows, as engine.figures.curves draws it."""
    points = [(r["step"], r[key]) for r in history if key in r]
    line = dict(
        type="scatter",
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="lines",
        name=key,
        line=dict(width=2.5, color=CLASS_COLORS[0]),
    )
    return plain_figure(
        [line],
        layout(
            title,
            height,
            xaxis=dict(title=dict(text="step")),
            legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        ),
    )


def arrow_trace(
    segments: list[tuple[float, float, float, float]],
    color: str = "#666",
    width: float = 1.5,
    dash: str = "solid",
    head: float = 9,
) -> dict:
    """Many arrows as one trace (plotly draws one trace far faster than many annotations)."""
    xs, ys, symbols, sizes = [], [], [], []
    for x0, y0, x1, y1 in segments:
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        symbols += ["circle", "arrow", "circle"]
        sizes += [0, head, 0]
    return dict(
        type="scatter",
        x=xs,
        y=ys,
        mode="lines+markers",
        hoverinfo="skip",
        showlegend=False,
        line=dict(color=color, width=width, dash=dash),
        marker=dict(symbol=symbols, size=sizes, color=color, angleref="previous"),
    )


def text_trace(
    points: list[tuple[float, float, str]],
    position: str = "middle center",
    size: int = 13,
    color: str = "#444",
) -> dict:
    """Labels as one text trace."""
    return dict(
        type="scatter",
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        text=[p[2] for p in points],
        mode="text",
        textposition=position,
        textfont=dict(size=size, color=color),
        hoverinfo="skip",
        showlegend=False,
    )


class _Canvas:
    """Cells, arrows and labels collected first, then made into one figure of a few traces."""

    def __init__(self):
        self.cells = {k: [] for k in ("x", "y", "fill", "text", "hover", "ink")}
        self.arrows: list[tuple[float, float, float, float]] = []
        self.labels: dict[str, list[tuple[float, float, str]]] = {}

    def cell(self, x: float, y: float, fill: str, text: str, hover: str, ink: str = "#111") -> None:
        for k, v in zip(("x", "y", "fill", "text", "hover", "ink"), (x, y, fill, text, hover, ink)):
            self.cells[k].append(v)

    def label(self, x: float, y: float, text: str, position: str = "middle center") -> None:
        self.labels.setdefault(position, []).append((x, y, text))

    def arrow(self, x0: float, y0: float, x1: float, y1: float, label: str = "") -> None:
        self.arrows.append((x0, y0, x1, y1))
        if label:
            vertical = x0 == x1
            self.label(
                (x0 + x1) / 2 + (0.3 if vertical else 0),
                (y0 + y1) / 2 + (0 if vertical else 0.35),
                label,
                "middle right" if vertical else "middle center",
            )

    def traces(self, scale: float = 1.0) -> list[dict]:
        c, size = self.cells, lambda n: round(n * scale)  # noqa: E731
        scatter = dict(
            type="scatter",
            x=c["x"],
            y=c["y"],
            mode="markers+text",
            text=c["text"],
            hovertext=c["hover"],
            hoverinfo="text",
            showlegend=False,
            textfont=dict(size=size(11), color=c["ink"]),
            marker=dict(symbol="square", size=size(CELL), color=c["fill"], line=dict(color="#555", width=1)),
        )
        labels = [text_trace(points, position, size(13)) for position, points in self.labels.items()]
        return [scatter, arrow_trace(self.arrows, width=1.5 * scale, head=size(9)), *labels]


def unrolled_diagram(
    trace: dict[str, np.ndarray],
    vocab: Sequence[str],
    targets: Sequence[int],
    input_text: str,
    scale: float = 1.0,
) -> go.Figure:
    """The network unrolled over time as on the slide: x_t, h_t, y_t and softmax(y_t) per step.

    The target's score is green and the other scores red; the hidden units are coloured by value.
    `scale` draws it all bigger (presenter view): cells, numbers, arrows and height alike.
    """
    x, h = trace["inputs.onehot"], trace["hidden.state"]  # (T, V), (T, H)
    y, p = trace["output.scores"], trace["output.probs"]  # (T, V), (T, V)
    steps, vocab_size, hidden = x.shape[0], x.shape[1], h.shape[1]
    base_h, base_y = vocab_size + 1.5, vocab_size + hidden + 3.0
    top = base_y + vocab_size
    canvas = _Canvas()
    for t in range(steps):
        cx, n = 4.0 * t, t + 1
        for i, ch in enumerate(vocab):
            on = x[t, i] > 0.5
            canvas.cell(
                cx,
                vocab_size - 1 - i,
                "#333" if on else "#fff",
                f"{x[t, i]:.0f}",
                f"x_{n}[{ch}] = {x[t, i]:.0f}",
                "#fff" if on else "#111",
            )
            good = i == targets[t]
            canvas.cell(
                cx,
                top - 1 - i,
                GREEN_FILL if good else RED_FILL,
                f"{y[t, i]:.1f}",
                f"score y_{n}[{ch}] = {y[t, i]:.3f}",
                GREEN if good else RED,
            )
            alpha = 0.15 + 0.85 * float(p[t, i])
            canvas.cell(
                cx + 1.3,
                top - 1 - i,
                f"rgba(44,160,44,{alpha:.2f})" if good else f"rgba(214,39,40,{alpha:.2f})",
                f"{p[t, i]:.2f}",
                f"softmax(y_{n})[{ch}] = {p[t, i]:.3f}",
            )
        for j, v in enumerate(h[t]):
            canvas.cell(
                cx,
                base_h + hidden - 1 - j,
                _blue_red(v),
                f"{v:.2f}",
                f"h_{n}[{j + 1}] = {v:.3f}",
                "#fff" if abs(v) > 0.6 else "#111",
            )
        canvas.arrow(cx, vocab_size - 0.4, cx, base_h - 0.6, "W_xh" if t == 0 else "")
        canvas.arrow(cx, base_h + hidden - 0.4, cx, base_y - 0.6, "W_hy" if t == 0 else "")
        if t + 1 < steps:
            mid = base_h + (hidden - 1) / 2
            canvas.arrow(cx + 0.6, mid, cx + 3.4, mid, "W_hh")
        canvas.label(cx, -1.1, f"input <b>{input_text[t]}</b>")
        canvas.label(
            cx + 0.65,
            top + 0.4,
            f"target <b>{vocab[targets[t]]}</b> · says <b>{vocab[int(y[t].argmax())]}</b>",
        )
    for label, yy in (
        ("input layer x_t", (vocab_size - 1) / 2),
        ("hidden layer h_t", base_h + (hidden - 1) / 2),
        ("output y_t | softmax", base_y + (vocab_size - 1) / 2),
    ):
        canvas.label(-1.0, yy, label, "middle left")
    for i, ch in enumerate(vocab):
        canvas.label(-0.7, vocab_size - 1 - i, ch)
        canvas.label(4.0 * steps - 2.0, top - 1 - i, ch)
    return plain_figure(
        canvas.traces(scale),
        layout(
            meta=dict(SCHEMATIC),
            height=int(34 * (top + 3) * scale),
            xaxis=dict(visible=False, range=[-5.5, 4.0 * steps - 1.5], fixedrange=True),
            yaxis=dict(visible=False, range=[-1.8, top + 1.0], fixedrange=True),
        ),
    )


NUMBERED_COLUMNS = 5  # a panel is 30% of the chart: at 1400 px, six columns' cells are narrower than "-0.57"


def weight_maps(w: dict[str, np.ndarray], vocab: Sequence[str]) -> go.Figure:
    """W_xh (hidden × input), W_hh (hidden × hidden), W_hy (output × hidden) side by side, one colour scale.

    The three panels are laid out by hand: plotly's make_subplots costs more than the whole redraw.
    """
    units = [f"h{j + 1}" for j in range(w["W_hh"].shape[0])]
    peak = max(float(np.abs(w[n]).max()) for n in ("W_xh", "W_hh", "W_hy")) or 1.0
    panels = {
        "W_xh": (list(vocab), units, "hidden × input"),
        "W_hh": (units, units, "hidden × hidden"),
        "W_hy": (units, list(vocab), "output × hidden"),
    }
    traces, axes, titles = [], {}, []
    for i, (name, (columns, rows, shape)) in enumerate(panels.items()):
        values, axis = w[name], "" if i == 0 else str(i + 1)
        small = len(columns) <= NUMBERED_COLUMNS  # wider panels' cells cannot hold a number (issue 18)
        heat = dict(
            type="heatmap",
            z=values.tolist(),
            x=columns,
            y=rows,
            xaxis=f"x{axis}",
            yaxis=f"y{axis}",
            colorscale=DIVERGING,
            zmin=-peak,
            zmax=peak,
            showscale=False,
            xgap=1,
            ygap=1,
            textfont=dict(size=12),
            hovertemplate=f"{name}[%{{y}}, %{{x}}] = %{{z:.3f}}<extra></extra>",
        )
        if small:
            heat.update(text=[[f"{v:.2f}" for v in row] for row in values], texttemplate="%{text}")
        traces.append(heat)
        left = i * 0.35
        axes[f"xaxis{axis}"] = dict(domain=[left, left + 0.3], anchor=f"y{axis}", showgrid=False)
        axes[f"yaxis{axis}"] = dict(anchor=f"x{axis}", autorange="reversed", showgrid=False)
        titles.append(
            dict(
                text=f"{name} ({shape})",
                x=left + 0.15,
                y=1.0,
                xref="paper",
                yref="paper",
                xanchor="center",
                yanchor="bottom",
                showarrow=False,
            )
        )
    return plain_figure(
        traces,
        layout(
            height=90 + 28 * max(len(units), len(vocab)),
            annotations=titles,
            margin=dict(l=10, r=10, t=40, b=10),
            **axes,
        ),
    )


def step_losses(losses: Sequence[float], input_text: str, target_text: str) -> go.Figure:
    """The cross-entropy at every time step, with their sum (the total loss) in the title."""
    labels = [f"t={t + 1}: {a}→{b}" for t, (a, b) in enumerate(zip(input_text, target_text))]
    decimals = 3 if min(losses) >= 0.01 else 5
    bar = dict(
        type="bar",
        x=labels,
        y=[float(v) for v in losses],
        marker=dict(color="#9aa5b1"),
        text=[f"{v:.{decimals}f}" for v in losses],
    )
    return plain_figure([bar], layout(f"Loss per time step · total {sum(losses):.{decimals}f}", 240))


def _column(values: np.ndarray, decimals: int = 2) -> str:
    return r"\begin{bmatrix}" + r"\\".join(f"{v:.{decimals}f}" for v in values) + r"\end{bmatrix}"


def step_equations(
    trace: dict[str, np.ndarray], w: dict[str, np.ndarray], t: int, vocab: Sequence[str]
) -> list[str]:
    """The two equations of step t (0-based) with every vector written out, as LaTeX lines."""
    h = trace["hidden.state"]  # (T, H)
    h_prev = h[t - 1] if t > 0 else np.zeros(h.shape[1])
    x_t = trace["inputs.onehot"][t]  # (V,)
    letter = vocab[int(x_t.argmax())]
    recurrent, from_input = w["W_hh"] @ h_prev, w["W_xh"] @ x_t  # (H,), (H,)
    n = t + 1
    hidden = (
        rf"h_{{{n}}} = \tanh\big(\underbrace{{{_column(recurrent)}}}_{{W_{{hh}}\,h_{{{n - 1}}}}}"
        rf" + \underbrace{{{_column(from_input)}}}_{{W_{{xh}}\,x_{{{n}}}\ (\text{{column }}{letter})}}"
        rf" + \underbrace{{{_column(w['b_h'])}}}_{{b_h}}\big)"
        rf" = \tanh{_column(trace['hidden.pre'][t])} = {_column(h[t])}"
    )
    output = (
        rf"y_{{{n}}} = \underbrace{{{_column(w['W_hy'] @ h[t])}}}_{{W_{{hy}}\,h_{{{n}}}}}"
        rf" + \underbrace{{{_column(w['b_y'])}}}_{{b_y}} = {_column(trace['output.scores'][t])}"
        rf"\begin{{matrix}}" + r"\\".join(vocab) + r"\end{matrix}"
        rf"\quad \operatorname{{softmax}}(y_{{{n}}}) = {_column(trace['output.probs'][t])}"
    )
    return [hidden, output]
