"""Figures for BPTT: the gradient norm at every step, its components, and the eigenvalues of W_hh."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.bptt import FLOAT32_MAX, GradientFlow
from engine.figures import SEQUENTIAL
from engine.rnn_figures import layout, plain_figure

FLOWS, CUT, DEAD, OVERFLOW = "#ff7f0e", "#b0b7c0", "#333333", "#d62728"


def gradient_norms(flow: GradientFlow, chunk: int) -> go.Figure:
    """||dL/dh_t|| for t = 1..T on a log scale. Steps cut off by truncation (grey) and steps whose gradient
    is exactly 0 (dark) sit at the floor; past float32's largest number (the dashed red line) bars are red."""
    steps = np.arange(1, len(flow.norms) + 1)
    alive, cut, dead = flow.reached, ~flow.receives, flow.receives & (flow.norms == 0)
    over = alive & (np.abs(flow.dh).max(1) > FLOAT32_MAX)
    floor = float(flow.norms[alive].min()) / 10 if alive.any() else 1e-12
    data = [
        dict(
            type="bar",
            x=steps[alive & ~over].tolist(),
            y=flow.norms[alive & ~over].tolist(),
            marker=dict(color=FLOWS),
            name="receives gradient",
            hovertemplate="t = %{x}<br>||dL/dh_t|| = %{y:.3g}<extra></extra>",
        ),
        dict(
            type="bar",
            x=steps[over].tolist(),
            y=flow.norms[over].tolist(),
            marker=dict(color=OVERFLOW),
            name="past float32's range",
            hovertemplate="t = %{x}<br>||dL/dh_t|| = %{y:.3g}: in float32 an "
            "infinite gradient<extra></extra>",
        ),
        dict(
            type="scatter",
            x=steps[cut].tolist(),
            y=[floor] * int(cut.sum()),
            mode="markers",
            name="cut by truncation (0)",
            marker=dict(color=CUT, symbol="line-ew-open", size=10, line=dict(width=3)),
            hovertemplate="t = %{x}<br>dL/dh_t = 0: the graph was cut here<extra></extra>",
        ),
        dict(
            type="scatter",
            x=steps[dead].tolist(),
            y=[floor] * int(dead.sum()),
            mode="markers",
            name="exactly 0 (ReLUs off)",
            marker=dict(color=DEAD, symbol="x-thin-open", size=9, line=dict(width=2)),
            hovertemplate="t = %{x}<br>dL/dh_t = 0: every ReLU on the way back is off<extra></extra>",
        ),
    ]
    data = [trace for trace in data if trace["x"]]  # an empty trace would still take a legend entry
    shapes = [
        dict(
            type="line",
            x0=start + 0.5,
            x1=start + 0.5,
            y0=0,
            y1=1,
            xref="x",
            yref="paper",
            line=dict(color="#888", dash="dot", width=1),
        )
        for start in (range(chunk, len(steps), chunk) if chunk else ())
    ]
    notes = []
    if over.any():
        shapes.append(
            dict(
                type="line",
                x0=0,
                x1=1,
                xref="paper",
                y0=FLOAT32_MAX,
                y1=FLOAT32_MAX,
                yref="y",
                line=dict(color=OVERFLOW, dash="dash", width=2),
            )
        )
        notes.append(
            dict(
                x=1,
                xref="paper",
                xanchor="right",
                y=np.log10(FLOAT32_MAX),
                yref="y",
                yanchor="bottom",
                showarrow=False,
                text=f"float32's largest number, {FLOAT32_MAX:.1e}",
                font=dict(color=OVERFLOW),
                bgcolor="rgba(255,255,255,0.85)",
            )
        )
    return plain_figure(
        data,
        layout(
            "The gradient flowing back through time",
            330,
            bargap=0.1,
            shapes=shapes,
            annotations=notes,
            barmode="overlay",
            legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
            yaxis=dict(type="log", title=dict(text="||dL/dh_t||"), exponentformat="power"),
            xaxis=dict(title=dict(text="time step t (the loss is at the last step)")),
        ),
    )


def gradient_map(flow: GradientFlow) -> go.Figure:
    """log10 |dL/dh_t[j]| for every hidden unit j (rows) and step t (columns)."""
    magnitude = np.log10(np.abs(flow.dh.T) + 1e-30)  # (H, T)
    magnitude = np.maximum(magnitude, magnitude.max() - 12)  # 12 decades are plenty to see
    heat = dict(
        type="heatmap",
        z=magnitude.astype(np.float32),
        x=[str(t) for t in range(1, flow.dh.shape[0] + 1)],
        y=[f"h{j + 1}" for j in range(flow.dh.shape[1])],
        colorscale=SEQUENTIAL,
        zmin=float(magnitude.min()),
        zmax=float(magnitude.max()) or 1.0,
        hovertemplate="row %{y}, col %{x}<br>log10 |dL/dh| %{z:.2f}<extra></extra>",
    )
    return plain_figure(
        [heat],
        layout(
            height=300,
            yaxis=dict(autorange="reversed", showgrid=False, zeroline=False),
            xaxis=dict(side="bottom", title=dict(text="time step t"), showgrid=False, zeroline=False),
        ),
    )


def eigenvalues(eig: np.ndarray) -> go.Figure:
    """The eigenvalues of W_hh in the complex plane, with the unit circle: outside grows, inside shrinks."""
    angle = np.linspace(0, 2 * np.pi, 200)
    data = [
        dict(
            type="scatter",
            x=np.cos(angle).round(4).tolist(),
            y=np.sin(angle).round(4).tolist(),
            mode="lines",
            line=dict(color="#999", dash="dash"),
            name="|λ| = 1",
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            x=eig.real.tolist(),
            y=eig.imag.tolist(),
            mode="markers",
            marker=dict(size=9, color="#1f77b4"),
            name="eigenvalues",
            hovertemplate="λ = %{x:.2f} %{y:+.2f}i<extra></extra>",
        ),
    ]
    peak = max(1.2, float(np.abs(eig).max()) * 1.1)
    return plain_figure(
        data,
        layout(
            "Eigenvalues of W_hh",
            330,
            showlegend=False,
            xaxis=dict(range=[-peak, peak], title=dict(text="real"), zeroline=True),
            yaxis=dict(range=[-peak, peak], title=dict(text="imaginary"), scaleanchor="x", zeroline=True),
        ),
    )
