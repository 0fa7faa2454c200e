"""Figures of the perceptron page: the plane at update t, errors per update, the margin sweep."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.figures import FONT_SIZE
from engine.perceptron import Bound, PerceptronData, Run, phi

CLASS_COLORS = {-1.0: "#1f77b4", 1.0: "#ff7f0e"}
LIMIT = 1.15
SHADE = np.linspace(-LIMIT, LIMIT, 90)


def line_points(w: np.ndarray, level: float = 0.0) -> tuple[np.ndarray, np.ndarray] | None:
    """The points of w1 x1 + w2 x2 + b = level inside the view, or None when w1 = w2 = 0."""
    a, b, c = w
    if abs(a) < 1e-12 and abs(b) < 1e-12:
        return None
    s = np.linspace(-LIMIT, LIMIT, 2)
    if abs(b) >= abs(a):
        return s, (level - c - a * s) / b
    return (level - c - b * s) / a, s


def plane_figure(
    data: PerceptronData, history: Run, t: int, limit: Bound | None, height: int = 520
) -> go.Figure:
    """The points, the half-planes of w(t), the line before and after update t, and w*.
    Built as plain dicts and wrapped unvalidated: plotly's validation cost more than the drawing."""
    w, before = history.weights[t], history.weights[max(t - 1, 0)]
    x1, x2 = np.meshgrid(SHADE, SHADE)
    side = np.sign(phi(np.stack([x1.ravel(), x2.ravel()], 1)) @ w).reshape(x1.shape)  # (90, 90)
    traces = [
        dict(
            type="heatmap",
            x=SHADE,
            y=SHADE,
            z=side,
            zmin=-1,
            zmax=1,
            showscale=False,
            hoverinfo="skip",
            colorscale=[[0, "#dbe8f5"], [0.5, "#ffffff"], [1, "#fde6d2"]],
        )
    ]
    if limit is not None:
        for level, dash, name in (
            (0.0, "dot", "w* (largest margin)"),
            (limit.delta, "dot", None),
            (-limit.delta, "dot", None),
        ):
            _add_line(
                traces,
                limit.w_star,
                level,
                name or "margin ±δ",
                "#2ca02c",
                dash,
                1.5 if level else 2.5,
                show=name is not None or level > 0,
            )
    if t > 0:
        _add_line(traces, before, 0.0, f"line before update {t}", "#7f7f7f", "dash", 2)
    _add_line(traces, w, 0.0, f"line after update {t}" if t else "w = 0: no line yet", "#111111", "solid", 3)
    wrong = data.t * (phi(data.x) @ w) <= 0
    for target, color in CLASS_COLORS.items():
        mask = data.t == target
        traces.append(
            dict(
                type="scatter",
                x=data.x[mask, 0],
                y=data.x[mask, 1],
                mode="markers",
                name=f"t = {target:+.0f} (× = misclassified)",
                marker=dict(
                    size=11,
                    color=color,
                    symbol=np.where(wrong[mask], "x", "circle"),
                    line=dict(
                        width=np.where(wrong[mask], 1.5, 0.5), color=np.where(wrong[mask], "#111111", "white")
                    ),
                ),
                customdata=np.flatnonzero(mask),
                hovertemplate="point %{customdata}<br>(%{x:.2f}, %{y:.2f})<extra></extra>",
            )
        )
    if t > 0:
        i = history.points[t - 1]
        traces.append(
            dict(
                type="scatter",
                x=[data.x[i, 0]],
                y=[data.x[i, 1]],
                mode="markers",
                name=f"update {t} uses point {i}",
                marker=dict(size=24, symbol="circle-open", color="#d62728", line=dict(width=3)),
            )
        )
    axis = dict(range=[-LIMIT, LIMIT], zeroline=False, showgrid=False, constrain="domain")
    layout = _layout(
        "",
        height,
        annotations=_arrow(w),
        legend=dict(orientation="h", y=-0.12),
        xaxis=dict(axis, title=dict(text="x1")),
        yaxis=dict(axis, title=dict(text="x2"), scaleanchor="x"),
    )
    return _figure(traces, layout)


def _add_line(traces: list, w, level, name, color, dash, width, show=True) -> None:
    points = line_points(w, level)
    if points is not None:
        traces.append(
            dict(
                type="scatter",
                x=points[0],
                y=points[1],
                mode="lines",
                name=name,
                showlegend=show,
                line=dict(color=color, dash=dash, width=width),
                hoverinfo="skip",
            )
        )


def _arrow(w) -> list[dict]:
    """w's (w1, w2) as an arrow from the line's point nearest the origin: it points to t = +1."""
    normal = w[:2]
    length = float(np.linalg.norm(normal))
    if length < 1e-12:
        return []
    foot = -w[2] * normal / length**2  # closest point of the line
    tip = foot + 0.35 * normal / length
    return [
        dict(
            x=float(tip[0]),
            y=float(tip[1]),
            ax=float(foot[0]),
            ay=float(foot[1]),
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowwidth=2.5,
            arrowcolor="#111111",
            text="w",
            font=dict(size=16),
        )
    ]


def _vline(x: float) -> dict:
    return dict(
        type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=dict(color="#d62728", width=2)
    )


def errors_figure(history: Run, t: int, height: int = 230) -> go.Figure:
    steps = np.arange(history.updates + 1)
    trace = dict(
        type="scatter",
        x=steps,
        y=history.errors,
        mode="lines+markers" if len(steps) < 80 else "lines",
        line=dict(color="#1f5fbf", width=2),
        name="misclassified points",
        hovertemplate="after update %{x}: %{y} wrong<extra></extra>",
    )
    layout = _layout(
        "Misclassified points after each update",
        height,
        shapes=[_vline(t)],
        xaxis=dict(title=dict(text="update")),
        yaxis=dict(title=dict(text="misclassified"), rangemode="tozero"),
    )
    return _figure([trace], layout)


def sweep_figure(rows: list[dict], current: float | None = None, height: int = 300) -> go.Figure:
    """Updates until convergence and the bound M / δ², against the margin δ (log-log)."""
    delta = [r["delta"] for r in rows]
    traces = [
        dict(
            type="scatter",
            x=delta,
            y=[r["bound"] for r in rows],
            mode="lines+markers",
            name="bound M / δ²",
            line=dict(color="#2ca02c", width=2.5, dash="dot"),
        ),
        dict(
            type="scatter",
            x=delta,
            y=[r["updates"] for r in rows],
            mode="lines+markers",
            name="updates until convergence",
            line=dict(color="#1f5fbf", width=2.5),
        ),
    ]
    layout = _layout(
        "Larger margin, faster convergence",
        height,
        shapes=[_vline(current)] if current is not None else [],
        xaxis=dict(type="log", title=dict(text="margin δ of the data (largest-margin w*)")),
        yaxis=dict(type="log", title=dict(text="updates")),
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
    )
    return _figure(traces, layout)


def _layout(title: str, height: int, **extra) -> dict:
    """engine.figures.base_layout as a plain dict (same margins, fonts and transparent background)."""
    return dict(
        title=dict(text=title, x=0.0, xanchor="left", font=dict(size=FONT_SIZE + 2)),
        font=dict(size=FONT_SIZE),
        margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        height=height,
        **extra,
    )


def _figure(traces: list[dict], layout: dict) -> go.Figure:
    return go.Figure(dict(data=traces, layout=layout), _validate=False)


def update_words(data: PerceptronData, history: Run, t: int) -> tuple[str, str | None]:
    """What update t did, in the lecture's words, and (after the start) its two equations in LaTeX."""
    if t == 0:
        return "**Start:** w = (0, 0, 0). Every point has t f(x) = 0 ≤ 0, so the first point updates w.", None
    i, w = history.points[t - 1], history.weights[t]
    x_i, t_i = data.x[i], data.t[i]
    score = history.weights[t - 1] @ phi(data.x[i : i + 1])[0]
    words = (
        f"**Update {t}** (pass {history.epochs[t - 1]} over the data): point {i} at "
        f"({x_i[0]:.2f}, {x_i[1]:.2f}) with t = {t_i:+.0f} was misclassified."
    )
    return words, (
        rf"\begin{{gathered}} t_i f(x_i) = {t_i:+.0f} \times {score:.3f} = {t_i * score:.3f} \le 0 \\ "
        rf"w \leftarrow w + \eta\, t_i \varphi(x_i) = ({w[0]:.2f},\ {w[1]:.2f},\ {w[2]:.2f}) \end{{gathered}}"
    )


def theorem_words(history: Run, limit: Bound | None, max_epochs: int) -> tuple[str, str, str]:
    """The convergence theorem for this data: its statement, the bound in LaTeX and the verdict (for data
    no line separates, XOR, only the verdict: the theorem does not apply)."""
    last = history.updates
    if limit is None:
        return (
            "",
            "",
            (
                f"No line separates these points, so the rule never stops: {last:,} updates in "
                f"{max_epochs} passes and still {history.errors[-1]} points wrong. The theorem "
                "needs a margin δ > 0; XOR has none."
            ),
        )
    return (
        f"**Convergence theorem.** Inputs lie in a ball ⟨φ(x), φ(x)⟩ < M = {limit.M:.2f}; the "
        f"unit-norm w* with the largest margin has t⟨w*, φ(x)⟩ ≥ δ = {limit.delta:.3f}. "
        f"From w = 0 the rule makes at most",
        rf"t \le \frac{{M}}{{\delta^2}} = \frac{{{limit.M:.2f}}}{{{limit.delta:.3f}^2}} "
        rf"= {limit.updates:,.0f}\ \text{{updates}}",
        f"Converged after {last} updates: {last} ≤ {limit.updates:,.0f}, as the theorem promises.",
    )
