"""Figures of the perceptron page: the plane at update t, errors per update, the margin sweep."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.figures import base_layout
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


def plane_figure(data: PerceptronData, history: Run, t: int, limit: Bound | None, height: int = 520) -> go.Figure:
    """The points, the half-planes of w(t), the line before and after update t, and w*."""
    w, before = history.weights[t], history.weights[max(t - 1, 0)]
    fig = go.Figure()
    x1, x2 = np.meshgrid(SHADE, SHADE)
    side = np.sign(phi(np.stack([x1.ravel(), x2.ravel()], 1)) @ w).reshape(x1.shape)   # (90, 90)
    fig.add_trace(go.Heatmap(x=SHADE, y=SHADE, z=side, zmin=-1, zmax=1, showscale=False, hoverinfo="skip",
                             colorscale=[[0, "#dbe8f5"], [0.5, "#ffffff"], [1, "#fde6d2"]]))
    if limit is not None:
        for level, dash, name in ((0.0, "dot", "w* (largest margin)"), (limit.delta, "dot", None),
                                  (-limit.delta, "dot", None)):
            _add_line(fig, limit.w_star, level, name or "margin ±δ", "#2ca02c", dash, 1.5 if level else 2.5,
                      show=name is not None or level > 0)
    if t > 0:
        _add_line(fig, before, 0.0, f"line before update {t}", "#7f7f7f", "dash", 2)
    _add_line(fig, w, 0.0, f"line after update {t}" if t else "w = 0: no line yet", "#111111", "solid", 3)
    wrong = data.t * (phi(data.x) @ w) <= 0
    for target, color in CLASS_COLORS.items():
        mask = data.t == target
        fig.add_trace(go.Scatter(
            x=data.x[mask, 0], y=data.x[mask, 1], mode="markers", name=f"t = {target:+.0f} (× = misclassified)",
            marker=dict(size=11, color=color, symbol=np.where(wrong[mask], "x", "circle"),
                        line=dict(width=np.where(wrong[mask], 1.5, 0.5), color=np.where(wrong[mask], "#111111", "white"))),
            customdata=np.flatnonzero(mask), hovertemplate="point %{customdata}<br>(%{x:.2f}, %{y:.2f})<extra></extra>"))
    if t > 0:
        i = history.points[t - 1]
        fig.add_trace(go.Scatter(x=[data.x[i, 0]], y=[data.x[i, 1]], mode="markers", name=f"update {t} uses point {i}",
                                 marker=dict(size=24, symbol="circle-open", color="#d62728", line=dict(width=3))))
    _add_arrow(fig, w)
    fig.update_xaxes(range=[-LIMIT, LIMIT], title="x1", zeroline=False, showgrid=False, constrain="domain")
    fig.update_yaxes(range=[-LIMIT, LIMIT], title="x2", zeroline=False, showgrid=False, scaleanchor="x",
                     constrain="domain")
    return base_layout(fig, "", height, legend=dict(orientation="h", y=-0.12))


def _add_line(fig, w, level, name, color, dash, width, show=True) -> None:
    points = line_points(w, level)
    if points is not None:
        fig.add_trace(go.Scatter(x=points[0], y=points[1], mode="lines", name=name, showlegend=show,
                                 line=dict(color=color, dash=dash, width=width), hoverinfo="skip"))


def _add_arrow(fig, w) -> None:
    """w's (w1, w2) as an arrow from the line's point nearest the origin: it points to t = +1."""
    normal = w[:2]
    length = float(np.linalg.norm(normal))
    if length < 1e-12:
        return
    foot = -w[2] * normal / length ** 2                                      # closest point of the line
    tip = foot + 0.35 * normal / length
    fig.add_annotation(x=tip[0], y=tip[1], ax=foot[0], ay=foot[1], xref="x", yref="y", axref="x", ayref="y",
                       showarrow=True, arrowhead=2, arrowwidth=2.5, arrowcolor="#111111", text="w", font=dict(size=16))


def errors_figure(history: Run, t: int, height: int = 230) -> go.Figure:
    steps = np.arange(history.updates + 1)
    fig = go.Figure(go.Scatter(x=steps, y=history.errors, mode="lines+markers" if len(steps) < 80 else "lines",
                               line=dict(color="#1f5fbf", width=2), name="misclassified points",
                               hovertemplate="after update %{x}: %{y} wrong<extra></extra>"))
    fig.add_vline(x=t, line=dict(color="#d62728", width=2))
    fig.update_xaxes(title="update")
    fig.update_yaxes(title="misclassified", rangemode="tozero")
    return base_layout(fig, "Misclassified points after each update", height)


def sweep_figure(rows: list[dict], current: float | None = None, height: int = 300) -> go.Figure:
    """Updates until convergence and the bound M / δ², against the margin δ (log-log)."""
    delta = [r["delta"] for r in rows]
    fig = go.Figure([
        go.Scatter(x=delta, y=[r["bound"] for r in rows], mode="lines+markers", name="bound M / δ²",
                   line=dict(color="#2ca02c", width=2.5, dash="dot")),
        go.Scatter(x=delta, y=[r["updates"] for r in rows], mode="lines+markers", name="updates until convergence",
                   line=dict(color="#1f5fbf", width=2.5))])
    if current is not None:
        fig.add_vline(x=current, line=dict(color="#d62728", width=2))
    fig.update_xaxes(type="log", title="margin δ of the data (largest-margin w*)")
    fig.update_yaxes(type="log", title="updates")
    return base_layout(fig, "Larger margin, faster convergence", height,
                       legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
