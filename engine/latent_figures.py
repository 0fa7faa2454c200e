"""Figures for the latent-space page: the clickable latent plane, tiles of digits, what a click hit."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.figures import CLASS_COLORS, FONT_SIZE
from engine.plane_picture import png_data_uri

GAP_WORDS = {  # what the page says under each plane: the lecture's point about the gaps
    "ae": "Codes sit where the encoder happened to put them: clusters with **gaps** between them. "
          "Click a gap and the decoder returns a blur that is no digit: the latent space is not well separated.",
    "vae": "The KL term pulls every code towards **N(0, I)**: one round cloud around 0 with no holes, "
           "so almost any z you click decodes to something digit-like. That makes the VAE a generator.",
}

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


class FrozenFigure(go.Figure):
    """A figure that works out its plain-dict form once. st.plotly_chart calls to_dict() on every
    rerun, which costs plotly ~40 ms for a plane of 2,000 points; this one is cached and shared,
    and nothing changes it after it is built, so the first result stays right."""

    def to_dict(self) -> dict:
        if getattr(self, "_as_dict", None) is None:
            self._as_dict = super().to_dict()
        return self._as_dict


def manifold_png(manifold: np.ndarray, scale: int = 3) -> str:
    """The decoded grid as a PNG data URI, dark ink on white, to lay behind the plane's dots."""
    return png_data_uri(enlarge(1.0 - manifold, scale))


def _scatter(x, y, **trace) -> dict:
    # numpy arrays, not lists: plotly ships them as one base64 block instead of walking every number
    return {"type": "scatter", "x": np.round(np.asarray(x, np.float32), 4),
            "y": np.round(np.asarray(y, np.float32), 4), "mode": "markers", **trace}


def latent_plane(xy: np.ndarray, labels: np.ndarray, box: tuple, title: str, *,
                 manifold: str | None = None, path: np.ndarray | None = None,
                 own: np.ndarray | None = None, axis_names: tuple = ("z₁", "z₂"),
                 height: int = 460) -> go.Figure:
    """Held-out codes coloured by label over an invisible click grid; trace 0 is the grid.

    manifold: a PNG data URI (`manifold_png`) drawn behind the points over `box`; path: an
    interpolation line; own: the user's digit (a star). The clicked point is marked by plotly's own
    selection styling, in the browser: the figure stays the same when the decoded z moves, so a click
    costs no re-render of the plane (a changed figure costs the browser about a second on 2 cores).
    Built as plain dicts without plotly's validation (~100 ms for a figure this size).
    """
    x0, x1, y0, y1 = box
    gx, gy = np.meshgrid(np.linspace(x0, x1, CLICK_GRID), np.linspace(y0, y1, CLICK_GRID))
    traces = [_scatter(gx.ravel(), gy.ravel(), marker={"size": 9, "opacity": 0}, showlegend=False,
                       selected={"marker": {"opacity": 1, "size": 16, "color": "crimson"}},
                       unselected={"marker": {"opacity": 0}},
                       hovertemplate="decode z = (%{x:.2f}, %{y:.2f})<extra>click</extra>")]
    for label in range(10):
        idx = np.flatnonzero(labels == label)
        traces.append(_scatter(xy[idx, 0], xy[idx, 1], name=str(label),
                               marker={"size": 7, "color": CLASS_COLORS[label], "line": {"width": 0.5, "color": "white"}},
                               selected={"marker": {"size": 16, "opacity": 1}}, unselected={"marker": {"opacity": 1}},
                               hovertemplate=f"digit {label}<br>z = (%{{x:.2f}}, %{{y:.2f}})<extra>click</extra>"))
    if path is not None:
        traces.append(_scatter(path[:, 0], path[:, 1], mode="lines+markers", showlegend=False, hoverinfo="skip",
                               line={"color": "black", "width": 2, "dash": "dot"}, marker={"size": 5, "color": "black"}))
    if own is not None:
        traces.append(_scatter([own[0]], [own[1]], name="your digit", hoverinfo="skip",
                               marker={"size": 20, "symbol": "star", "color": "gold", "line": {"width": 1.5, "color": "black"}}))
    images = [] if manifold is None else [{"source": manifold, "xref": "x", "yref": "y", "x": x0, "y": y1,
                                           "sizex": x1 - x0, "sizey": y1 - y0, "sizing": "stretch",
                                           "layer": "below", "opacity": 0.6}]
    layout = {"title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": FONT_SIZE + 2}},
              "font": {"size": FONT_SIZE}, "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
              "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)", "height": height,
              "legend": {"title": {"text": "digit "}, "orientation": "h", "y": 1.01, "yanchor": "bottom", "x": 0,
                         "itemsizing": "constant", "itemwidth": 30},
              "clickmode": "event+select", "dragmode": False, "hovermode": "closest", "images": images,
              "xaxis": {"range": [x0, x1], "title": {"text": axis_names[0]}, "showgrid": False, "zeroline": True},
              "yaxis": {"range": [y0, y1], "title": {"text": axis_names[1]}, "showgrid": False, "zeroline": True}}
    return FrozenFigure({"data": traces, "layout": layout}, _validate=False)


def read_click(point: dict, labels: np.ndarray) -> tuple[str, object]:
    """What a clicked plotly point is: ("digit", index into the held-out set) or ("z", (x, y))."""
    curve = int(point.get("curve_number", 0))
    if 1 <= curve <= 10:
        return "digit", int(np.flatnonzero(labels == curve - 1)[int(point["point_index"])])
    return "z", (float(point["x"]), float(point["y"]))
