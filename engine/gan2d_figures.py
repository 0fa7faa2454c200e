"""Figures for the 2-D GAN page: real and generated points over the discriminator's surface."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.figures import FONT_SIZE
from engine.gan2d import BOX, GanView

REAL, FAKE = "#2ca02c", "#9467bd"                     # GAN Lab's green for real, purple for fake
SURFACE = [[0.0, "#c9b3e6"], [0.5, "#ffffff"], [1.0, "#b7e4b0"]]


def _xy(points: np.ndarray) -> dict:
    return {"x": np.round(points[:, 0], 3).tolist(), "y": np.round(points[:, 1], 3).tolist()}


def gan_plane(v: GanView, *, surface: bool = True, arrows: bool = True, arrow_length: float = 0.35,
              height: int = 560) -> go.Figure:
    """Real (green) and generated (purple) points; D(x) behind them (green = 'real', purple = 'fake');
    arrows: where the generator's gradient pushes each generated point. Built from plain dicts
    without plotly's validation, because it is redrawn five times a second."""
    traces = []
    if surface:
        axis = np.round(np.linspace(-BOX, BOX, v.surface.shape[0]), 3).tolist()
        traces.append({"type": "heatmap", "x": axis, "y": axis, "z": np.round(v.surface, 3).tolist(),
                       "zmin": 0, "zmax": 1, "colorscale": SURFACE, "opacity": 0.85,
                       "colorbar": {"title": {"text": "D(x)"}, "len": 0.6, "thickness": 12},
                       "hovertemplate": "D(%{x:.2f}, %{y:.2f}) = %{z:.2f}<extra>discriminator</extra>"})
    traces.append({"type": "scatter", "mode": "markers", "name": "real", **_xy(v.real),
                   "marker": {"size": 5, "color": REAL, "opacity": 0.8}, "hoverinfo": "skip"})
    traces.append({"type": "scatter", "mode": "markers", "name": "generated G(z)", **_xy(v.fake),
                   "marker": {"size": 5, "color": FAKE, "opacity": 0.85}, "hoverinfo": "skip"})
    if arrows and len(v.arrows):
        start = v.fake[:len(v.arrows)]                                        # (M, 2)
        norm = np.linalg.norm(v.arrows, axis=1, keepdims=True)
        end = start + arrow_length * v.arrows / max(float(norm.max()), 1e-8)  # longest arrow = arrow_length
        segments = np.full((len(start) * 3, 2), np.nan)
        segments[0::3], segments[1::3] = start, end
        traces.append({"type": "scatter", "mode": "lines", "name": "generator's gradient",
                       "x": [None if np.isnan(a) else round(float(a), 3) for a in segments[:, 0]],
                       "y": [None if np.isnan(a) else round(float(a), 3) for a in segments[:, 1]],
                       "line": {"color": "#3b1f66", "width": 1.5}, "hoverinfo": "skip"})
    axis = {"range": [-BOX, BOX], "showgrid": False, "zeroline": False, "constrain": "domain"}
    layout = {"font": {"size": FONT_SIZE}, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "height": height,
              "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)", "dragmode": False,
              "legend": {"orientation": "h", "y": -0.05, "x": 0}, "uirevision": "gan",
              "xaxis": axis, "yaxis": {**axis, "scaleanchor": "x"}}
    return go.Figure({"data": traces, "layout": layout}, _validate=False)
