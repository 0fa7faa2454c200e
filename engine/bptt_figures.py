"""Figures for BPTT: the gradient norm at every step, its components, and the eigenvalues of W_hh."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.bptt import GradientFlow
from engine.figures import base_layout, heatmap

FLOWS, CUT = "#ff7f0e", "#b0b7c0"


def gradient_norms(flow: GradientFlow, chunk: int) -> go.Figure:
    """||dL/dh_t|| for t = 1..T on a log scale; steps cut off by truncation are grey, at the floor."""
    steps = np.arange(1, len(flow.norms) + 1)
    alive = flow.receives & (flow.norms > 0)
    floor = float(flow.norms[alive].min()) / 10 if alive.any() else 1e-12
    fig = go.Figure([
        go.Bar(x=steps[alive], y=flow.norms[alive], marker_color=FLOWS, name="receives gradient",
               hovertemplate="t = %{x}<br>||dL/dh_t|| = %{y:.3g}<extra></extra>"),
        go.Scatter(x=steps[~alive], y=np.full((~alive).sum(), floor), mode="markers", name="no gradient (0)",
                   marker=dict(color=CUT, symbol="line-ew-open", size=10, line=dict(width=3)),
                   hovertemplate="t = %{x}<br>dL/dh_t = 0: the graph was cut here<extra></extra>"),
    ])
    if chunk:
        for start in range(chunk, len(steps), chunk):
            fig.add_vline(x=start + 0.5, line=dict(color="#888", dash="dot", width=1))
    fig.update_yaxes(type="log", title="||dL/dh_t||")
    fig.update_xaxes(title="time step t (the loss is at the last step)")
    return base_layout(fig, "The gradient flowing back through time", height=330, bargap=0.1,
                       legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))


def gradient_map(flow: GradientFlow) -> go.Figure:
    """log10 |dL/dh_t[j]| for every hidden unit j (rows) and step t (columns)."""
    magnitude = np.log10(np.abs(flow.dh.T) + 1e-30)                     # (H, T)
    magnitude = np.maximum(magnitude, magnitude.max() - 12)             # 12 decades are plenty to see
    fig = heatmap(magnitude, x_labels=[str(t) for t in range(1, flow.dh.shape[0] + 1)],
                  y_labels=[f"h{j + 1}" for j in range(flow.dh.shape[1])], signed=False, annotate=False,
                  hover_name="log10 |dL/dh|", height=300)
    fig.update_xaxes(side="bottom", title="time step t")
    return fig


def eigenvalues(eig: np.ndarray) -> go.Figure:
    """The eigenvalues of W_hh in the complex plane, with the unit circle: outside grows, inside shrinks."""
    angle = np.linspace(0, 2 * np.pi, 200)
    fig = go.Figure([
        go.Scatter(x=np.cos(angle), y=np.sin(angle), mode="lines", line=dict(color="#999", dash="dash"),
                   name="|λ| = 1", hoverinfo="skip"),
        go.Scatter(x=eig.real, y=eig.imag, mode="markers", marker=dict(size=9, color="#1f77b4"),
                   name="eigenvalues", hovertemplate="λ = %{x:.2f} %{y:+.2f}i<extra></extra>"),
    ])
    peak = max(1.2, float(np.abs(eig).max()) * 1.1)
    fig.update_xaxes(range=[-peak, peak], title="real", zeroline=True)
    fig.update_yaxes(range=[-peak, peak], title="imaginary", scaleanchor="x", zeroline=True)
    return base_layout(fig, "Eigenvalues of W_hh", height=330, showlegend=False)
