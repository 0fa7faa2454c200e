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


def gap_words(model: str, beta: float = 1.0, reach: float | None = None) -> str:
    """The words under a plane, following the KL weight β the VAE trains with (the pretrained VAE: β = 1);
    `reach`: how far from 0 the codes go now (the largest |z|), said when the KL term is off."""
    if model == "ae" or beta == 1.0:
        return GAP_WORDS[model]
    where = "" if reach is None else f", out to |z| = {reach:.1f} now,"
    if beta == 0:
        return (
            "With **β = 0** there is no KL term: nothing pulls the codes towards N(0, I) and the VAE is "
            f"a noisy autoencoder. Its codes spread where the encoder puts them{where} with **gaps** "
            "between the clusters, and a z in a gap need not decode to a digit."
        )
    strength = "weakly" if beta < 1 else "harder than the ELBO does"
    return (
        f"The KL term, weighted β = {beta:g}, pulls every code {strength} towards **N(0, I)**: the "
        "stronger the pull, the rounder the cloud around 0 and the fewer its holes, so more of the z's "
        "you click decode to something digit-like (and the blurrier each reconstruction)."
    )


CLICK_GRID = 40  # the invisible scatter grid that catches clicks on empty latent space


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
            out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = images[r, c]
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
    return {
        "type": "scatter",
        "x": np.round(np.asarray(x, np.float32), 4),
        "y": np.round(np.asarray(y, np.float32), 4),
        "mode": "markers",
        **trace,
    }


def clamp_to_box(xy, box: tuple) -> tuple[np.ndarray, bool]:
    """A point held inside the plane's box (x0, x1, y0, y1), and whether it had to move (off the plane)."""
    x0, x1, y0, y1 = box
    xy = np.asarray(xy, np.float64)
    inside = np.array([np.clip(xy[0], x0, x1), np.clip(xy[1], y0, y1)])
    return inside, bool(np.any(inside != xy))


def off_plane_words(what: str, xy, box: tuple) -> str:
    """What the page says when a code falls outside the plane: where it is and where it is drawn."""
    x0, x1, y0, y1 = box
    return (
        f"{what} has its code at z = ({xy[0]:.2f}, {xy[1]:.2f}), outside this plane "
        f"(z₁ from {x0:g} to {x1:g}, z₂ from {y0:g} to {y1:g}): the ★ marks it on the nearest edge."
    )


def plane_base(
    xy: np.ndarray,
    labels: np.ndarray,
    box: tuple,
    title: str,
    *,
    manifold: str | None = None,
    path: np.ndarray | None = None,
    axis_names: tuple = ("z₁", "z₂"),
    height: int = 400,
    tick: int = FONT_SIZE,
) -> dict:
    """The parts of the plane that stay while z moves, as a plain figure dict: the invisible click grid
    (trace 0), the held-out codes coloured by label (traces 1-10), the interpolation path, the manifold.

    Each cluster is labelled with its digit at its median code, big enough to read from the back row,
    instead of a legend above the plane; `tick`: the size of the axes' numbers (bigger in presenter view).
    Built as plain dicts without plotly's validation.
    """
    x0, x1, y0, y1 = box
    gx, gy = np.meshgrid(np.linspace(x0, x1, CLICK_GRID), np.linspace(y0, y1, CLICK_GRID))
    traces = [
        _scatter(
            gx.ravel(),
            gy.ravel(),
            marker={"size": 9, "opacity": 0},
            showlegend=False,
            hovertemplate="decode z = (%{x:.2f}, %{y:.2f})<extra>click</extra>",
        )
    ]
    notes = []
    for label in range(10):
        idx = np.flatnonzero(labels == label)
        traces.append(
            _scatter(
                xy[idx, 0],
                xy[idx, 1],
                name=str(label),
                showlegend=False,
                marker={"size": 7, "color": CLASS_COLORS[label], "line": {"width": 0.5, "color": "white"}},
                hovertemplate=f"digit {label}<br>z = (%{{x:.2f}}, %{{y:.2f}})<extra>click</extra>",
            )
        )
        if len(idx):
            mx, my = np.median(xy[idx], axis=0)
            notes.append(
                {
                    "x": float(mx),
                    "y": float(my),
                    "text": f"<b>{label}</b>",
                    "showarrow": False,
                    "font": {"color": CLASS_COLORS[label], "size": FONT_SIZE + 6},
                    "bgcolor": "rgba(255,255,255,0.8)",
                    "bordercolor": CLASS_COLORS[label],
                    "borderpad": 1,
                }
            )
    if path is not None:
        traces.append(
            _scatter(
                path[:, 0],
                path[:, 1],
                mode="lines+markers",
                showlegend=False,
                hoverinfo="skip",
                line={"color": "black", "width": 2, "dash": "dot"},
                marker={"size": 5, "color": "black"},
            )
        )
    images = (
        []
        if manifold is None
        else [
            {
                "source": manifold,
                "xref": "x",
                "yref": "y",
                "x": x0,
                "y": y1,
                "sizex": x1 - x0,
                "sizey": y1 - y0,
                "sizing": "stretch",
                "layer": "below",
                "opacity": 0.6,
            }
        ]
    )
    axis = {"showgrid": False, "zeroline": True, "tickfont": {"size": tick}, "automargin": True}
    layout = {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": FONT_SIZE + 4}},
        "font": {"size": FONT_SIZE},
        "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "height": height,
        "showlegend": False,
        "annotations": notes,
        "clickmode": "event",
        "dragmode": False,
        "hovermode": "closest",
        "images": images,
        "xaxis": {"range": [x0, x1], "title": {"text": axis_names[0]}, **axis},
        "yaxis": {"range": [y0, y1], "title": {"text": axis_names[1]}, **axis},
    }
    return {"data": traces, "layout": layout}


def plane_marks(
    base: dict,
    box: tuple,
    *,
    chosen: tuple | None = None,
    digit: np.ndarray | None = None,
    digit_name: str = "",
    own: np.ndarray | None = None,
) -> go.Figure:
    """The plane with what the controls choose drawn on it, from their values (so a link or a tour
    shows them too): the decoded z (the red dot), the chosen held-out digit (a black ring), and the
    user's digit (a gold star, held on the edge when its code lies off the plane)."""
    traces = list(base["data"])
    if digit is not None:
        traces.append(
            _scatter(
                [digit[0]],
                [digit[1]],
                name=digit_name,
                showlegend=False,
                hoverinfo="skip",
                marker={"size": 20, "symbol": "circle-open", "color": "black", "line": {"width": 3}},
            )
        )
    if own is not None:
        at, outside = clamp_to_box(own, box)
        traces.append(
            _scatter(
                [at[0]],
                [at[1]],
                name="your digit",
                showlegend=False,
                hoverinfo="skip",
                marker={
                    "size": 20,
                    "symbol": "star-open-dot" if outside else "star",
                    "color": "gold",
                    "line": {"width": 1.5, "color": "black"},
                },
            )
        )
    if chosen is not None:
        traces.append(
            _scatter(
                [chosen[0]],
                [chosen[1]],
                name="decoded z",
                showlegend=False,
                hoverinfo="skip",
                marker={"size": 16, "color": "crimson", "line": {"width": 2, "color": "white"}},
            )
        )
    return FrozenFigure({"data": traces, "layout": base["layout"]}, _validate=False)


def latent_plane(
    xy: np.ndarray,
    labels: np.ndarray,
    box: tuple,
    title: str,
    *,
    manifold: str | None = None,
    path: np.ndarray | None = None,
    own: np.ndarray | None = None,
    axis_names: tuple = ("z₁", "z₂"),
    height: int = 400,
    chosen: tuple | None = None,
    digit: int | None = None,
) -> go.Figure:
    """The whole plane in one call: `plane_base` with `plane_marks` (digit: an index into `xy`)."""
    base = plane_base(
        xy, labels, box, title, manifold=manifold, path=path, axis_names=axis_names, height=height
    )
    return plane_marks(
        base,
        box,
        chosen=chosen,
        own=own,
        digit=None if digit is None else xy[digit],
        digit_name="" if digit is None else f"held-out #{digit}",
    )


def read_click(point: dict, labels: np.ndarray) -> tuple[str, object]:
    """What a clicked plotly point is: ("digit", index into the held-out set) or ("z", (x, y))."""
    curve = int(point.get("curve_number", 0))
    if 1 <= curve <= 10:
        return "digit", int(np.flatnonzero(labels == curve - 1)[int(point["point_index"])])
    return "z", (float(point["x"]), float(point["y"]))
