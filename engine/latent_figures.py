"""Figures for the latent-space page: the clickable latent plane, tiles of digits, what a click hit."""
from __future__ import annotations

import base64
import io

import numpy as np
import plotly.graph_objects as go

from engine.figures import CLASS_COLORS, base_layout

CLICK_GRID = 40          # the invisible scatter grid that catches clicks on empty latent space


def box_of(xy: np.ndarray, pad: float = 0.15) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) holding 99% of the codes, padded, rounded out to halves."""
    lo, hi = np.percentile(xy, 0.5, axis=0), np.percentile(xy, 99.5, axis=0)
    span = np.maximum(hi - lo, 1e-3)
    lo, hi = np.floor((lo - pad * span) * 2) / 2, np.ceil((hi + pad * span) * 2) / 2
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def tile(images: np.ndarray, gap: int = 1) -> np.ndarray:
    """(rows, cols, h, w) images as one (H, W) picture with `gap` dark pixels between them."""
    rows, cols, h, w = images.shape
    out = np.zeros((rows * (h + gap) - gap, cols * (w + gap) - gap), np.float32)
    for r in range(rows):
        for c in range(cols):
            out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = images[r, c]
    return out


def enlarge(image: np.ndarray, scale: int = 12) -> np.ndarray:
    """Nearest-neighbour upscaling so 8x8 digits stay crisp on a projector: (H*s, W*s) uint8."""
    pixels = (np.clip(image, 0, 1) * 255).round().astype(np.uint8)
    return np.kron(pixels, np.ones((scale, scale), np.uint8))


def _png_uri(image: np.ndarray) -> str:
    from PIL import Image
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def latent_plane(xy: np.ndarray, labels: np.ndarray, box: tuple, title: str, *,
                 manifold: np.ndarray | None = None, digit: int | None = None,
                 probe: tuple | None = None, path: np.ndarray | None = None,
                 own: np.ndarray | None = None, axis_names: tuple = ("z₁", "z₂"),
                 height: int = 460) -> go.Figure:
    """Held-out codes coloured by label over an invisible click grid; trace 0 is the grid.

    manifold: the decoded grid picture drawn behind the points over `box`; digit: index of the
    selected code (ringed); probe: the z being decoded (a cross); path: an interpolation line;
    own: the user's digit (a star).
    """
    x0, x1, y0, y1 = box
    gx, gy = np.meshgrid(np.linspace(x0, x1, CLICK_GRID), np.linspace(y0, y1, CLICK_GRID))
    fig = go.Figure(go.Scatter(x=gx.ravel().round(3), y=gy.ravel().round(3), mode="markers",
                               marker=dict(size=9, opacity=0), showlegend=False,
                               hovertemplate="decode z = (%{x:.2f}, %{y:.2f})<extra>click</extra>"))
    for label in range(10):
        idx = np.flatnonzero(labels == label)
        fig.add_trace(go.Scatter(x=xy[idx, 0], y=xy[idx, 1], mode="markers", name=str(label),
                                 marker=dict(size=7, color=CLASS_COLORS[label], line=dict(width=0.5, color="white")),
                                 hovertemplate=f"digit {label}<br>z = (%{{x:.2f}}, %{{y:.2f}})<extra>click</extra>"))
    if path is not None:
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers", name="path", showlegend=False,
                                 line=dict(color="black", width=2, dash="dot"), marker=dict(size=5, color="black"),
                                 hoverinfo="skip"))
    if digit is not None:
        fig.add_trace(go.Scatter(x=[xy[digit, 0]], y=[xy[digit, 1]], mode="markers", name="selected", showlegend=False,
                                 marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(width=3, color="black")),
                                 hoverinfo="skip"))
    if own is not None:
        fig.add_trace(go.Scatter(x=[own[0]], y=[own[1]], mode="markers", name="your digit",
                                 marker=dict(size=20, symbol="star", color="gold", line=dict(width=1.5, color="black")),
                                 hoverinfo="skip"))
    if probe is not None:
        fig.add_trace(go.Scatter(x=[probe[0]], y=[probe[1]], mode="markers", name="decoded z", showlegend=False,
                                 marker=dict(size=16, symbol="x-thin", line=dict(width=3, color="crimson")),
                                 hoverinfo="skip"))
    if manifold is not None:
        fig.add_layout_image(source=_png_uri(enlarge(1.0 - manifold, 4)), xref="x", yref="y", x=x0, y=y1,
                             sizex=x1 - x0, sizey=y1 - y0, sizing="stretch", layer="below", opacity=0.55)
    fig.update_xaxes(range=[x0, x1], title=axis_names[0], showgrid=False, zeroline=True)
    fig.update_yaxes(range=[y0, y1], title=axis_names[1], showgrid=False, zeroline=True)
    return base_layout(fig, title, height, legend=dict(title="digit", itemsizing="constant", tracegroupgap=0),
                       clickmode="event+select", dragmode=False, hovermode="closest")


def read_click(point: dict, labels: np.ndarray) -> tuple[str, object]:
    """What a clicked plotly point is: ("digit", index into the held-out set) or ("z", (x, y))."""
    curve = int(point.get("curve_number", 0))
    if 1 <= curve <= 10:
        return "digit", int(np.flatnonzero(labels == curve - 1)[int(point["point_index"])])
    return "z", (float(point["x"]), float(point["y"]))
