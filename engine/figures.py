"""Shared Plotly figure builders: one look for every page, readable on a projector.

Small maps are heatmaps with the value of every cell written in it and on hover (as on the
slides); large maps go through `image_figure`, which ships a PNG instead of a big JSON grid.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import plotly.graph_objects as go

FONT_SIZE = 14
# One colour convention for signed values on every page and in both views: negative blue, zero white,
# positive red (plotly's "RdBu" reversed). Red always means "more than zero"; a page drawing signed maps
# uses DIVERGING (or "RdBu" with reversescale=True, the same scale), never plain "RdBu".
DIVERGING = "RdBu_r"
SEQUENTIAL = "Viridis"
ANNOTATE_MAX_CELLS = 16 * 16  # up to 16 x 16, every cell shows its value
CLASS_COLORS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def stacked_latex(lines: Sequence[str]) -> str:
    """Equations one under the other as ONE KaTeX block: every element costs each rerun, server and
    browser."""
    return r"\begin{gathered}" + r" \\[4pt] ".join(lines) + r"\end{gathered}"


# A legend in one row above the plot area, right-aligned: clear of both axis titles (below and left)
# and of a left-aligned title, in both views (plotly's automatic margins make room for it).
LEGEND_ABOVE = dict(orientation="h", x=1.0, xanchor="right", y=1.02, yanchor="bottom")
SCHEMATIC = "schematic"  # layout.meta flag: a diagram whose markers are drawn to scale


def base_layout(fig: go.Figure, title: str = "", height: int | None = None, **layout) -> go.Figure:
    """Margins, fonts and transparent background shared by every figure."""
    fig.update_layout(**layout_dict(title, height, **layout))
    return fig


def layout_dict(title: str = "", height: int | None = None, **layout) -> dict:
    """base_layout's settings as a plain dict, for figures built without plotly's checks.

    The legend sits above the plot area (`LEGEND_ABOVE`) unless `legend=` says otherwise; a legend
    placed below the plot, where the x axis's title is, is moved above (`legend_clear_of_axes`)."""
    layout.setdefault("legend", dict(LEGEND_ABOVE))
    return legend_clear_of_axes(
        dict(
            title=dict(text=title, x=0.0, xanchor="left", font=dict(size=FONT_SIZE + 2)),
            font=dict(size=FONT_SIZE),
            margin=dict(l=10, r=10, t=40 if title else 10, b=10),
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            height=height,
            **layout,
        )
    )


def legend_clear_of_axes(layout: dict) -> dict:
    """`layout` (a plain dict, not changed) with a legend that would sit over an axis title moved above
    the plot area: a legend below the plot (y < 0, where the x axis's ticks and title are) or over the
    left edge (x < 0, the y axis's). Fixed margins (`margin.autoexpand` False) grow at the top to hold it.
    The pages' figures go through this once more when drawn (pages.widgets.classroom.chart)."""
    legend = layout.get("legend")
    if not isinstance(legend, dict):
        return layout
    y, x = legend.get("y"), legend.get("x")
    below = isinstance(y, (int, float)) and y < 0
    left = isinstance(x, (int, float)) and x < 0 and legend.get("orientation") != "h"
    if not (below or left):
        return layout
    moved = {**layout, "legend": {**legend, **LEGEND_ABOVE}}
    margin = layout.get("margin")
    if isinstance(margin, dict) and margin.get("autoexpand") is False:
        font = (layout.get("font") or {}).get("size") or FONT_SIZE
        moved["margin"] = {**margin, "t": (margin.get("t") or 0) + round(2 * font + 6)}
    return moved


def title_above_legend(layout: dict, traces: Sequence[dict] = ()) -> dict:
    """`layout` (a plain dict, not changed) with its title and a legend above the plot in two rows: the
    title at the top of the figure, the legend under it, and a top margin that holds both (a right-aligned
    legend ran into a long left-aligned title, most of all in presenter view's big type)."""
    title, legend = layout.get("title"), layout.get("legend")
    text = title.get("text") if isinstance(title, dict) else title
    if not text or not isinstance(legend, dict) or not _above(legend) or not _shows_legend(layout, traces):
        return layout
    title = dict(title) if isinstance(title, dict) else {"text": title}
    font = (layout.get("font") or {}).get("size") or FONT_SIZE
    title_size = (title.get("font") or {}).get("size") or font * 1.15
    legend_size = (legend.get("font") or {}).get("size") or font
    title.update(yref="container", y=1, yanchor="top", pad={**(title.get("pad") or {}), "t": 6})
    margin = dict(layout.get("margin") or {})
    margin["t"] = max(margin.get("t") or 0, round(1.3 * title_size + 1.6 * legend_size + 18))
    return {**layout, "title": title, "margin": margin}


def _above(legend: dict) -> bool:
    y = legend.get("y")
    return isinstance(y, (int, float)) and y >= 1 and legend.get("yanchor") == "bottom"


def _shows_legend(layout: dict, traces: Sequence[dict]) -> bool:
    if layout.get("showlegend") is not None:
        return bool(layout["showlegend"])
    return sum(1 for trace in traces if isinstance(trace, dict) and trace.get("showlegend") is not False) >= 2


def schematic(fig: go.Figure) -> go.Figure:
    """Mark `fig` as a diagram drawn to scale (boxes and arrowheads as markers): presenter view enlarges
    its text but leaves its markers and lines as drawn (pages.widgets.classroom.projector_style)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.layout.meta = {**meta, SCHEMATIC: True}
    return fig


def is_schematic(layout) -> bool:
    """Whether a figure's layout (a dict or plotly's Layout) carries the `schematic` mark."""
    meta = layout.get("meta") if isinstance(layout, dict) else getattr(layout, "meta", None)
    return isinstance(meta, dict) and bool(meta.get(SCHEMATIC))


def heatmap(
    values: np.ndarray,
    title: str = "",
    *,
    x_labels: Sequence | None = None,
    y_labels: Sequence | None = None,
    signed: bool | None = None,
    annotate: bool | None = None,
    decimals: int = 2,
    zrange: tuple[float, float] | None = None,
    height: int | None = None,
    colorbar: bool = True,
    hover_name: str = "value",
) -> go.Figure:
    """A 2-D array as a heatmap, row 0 at the top; values written in the cells when small. Signed maps
    use DIVERGING around a zero at white (red positive, blue negative), others SEQUENTIAL."""
    values = np.asarray(values, dtype=float)
    if signed is None:
        signed = bool(np.nanmin(values) < 0) if values.size else False
    if zrange is None:
        peak = float(np.nanmax(np.abs(values))) if values.size else 1.0
        peak = peak or 1.0
        zrange = (-peak, peak) if signed else (float(np.nanmin(values)), float(np.nanmax(values)) or 1.0)
    if annotate is None:
        annotate = values.size <= ANNOTATE_MAX_CELLS
    trace = go.Heatmap(
        z=values,
        x=list(x_labels) if x_labels is not None else None,
        y=list(y_labels) if y_labels is not None else None,
        colorscale=DIVERGING if signed else SEQUENTIAL,
        zmin=zrange[0],
        zmax=zrange[1],
        showscale=colorbar,
        xgap=1 if annotate else 0,
        ygap=1 if annotate else 0,
        hovertemplate=f"row %{{y}}, col %{{x}}<br>{hover_name} %{{z:.{decimals}f}}<extra></extra>",
    )
    if annotate:
        trace.update(
            text=np.vectorize(lambda v: f"{v:.{decimals}f}")(values),
            texttemplate="%{text}",
            textfont=dict(size=max(9, FONT_SIZE - values.shape[1] // 4)),
        )
    fig = go.Figure(trace)
    fig.update_yaxes(
        autorange="reversed", scaleanchor="x" if x_labels is None else None, showgrid=False, zeroline=False
    )
    fig.update_xaxes(showgrid=False, zeroline=False, side="top" if x_labels is not None else "bottom")
    return base_layout(fig, title, height)


def image_figure(image: np.ndarray, title: str = "", height: int | None = None) -> go.Figure:
    """A picture (H, W, 3) uint8 or (H, W) in [0, 1], sent as one PNG (fast for large maps)."""
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.repeat(to_uint8(image)[:, :, None], 3, axis=2)
    fig = go.Figure(go.Image(z=image, binary_string=True, hovertemplate="x %{x}, y %{y}<extra></extra>"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return base_layout(fig, title, height)


@dataclass(frozen=True)
class Dots:
    """One group of scatter points drawn into a picture: filled discs (white rim) or open rings."""

    xy: np.ndarray  # (N, 2) in the plane's coordinates
    color: str  # "#rrggbb"
    filled: bool = True


def draw_dots(groups: Sequence[Dots], extent: float, side: int = 512, radius: float = 4.5):
    """Scatter points drawn into a transparent (side, side) PIL picture of [-extent, extent]^2."""
    from PIL import Image, ImageDraw

    scale = 2  # drawn at twice the size, then smoothed
    picture = Image.new("RGBA", (side * scale, side * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    r = radius * scale
    for group in groups:
        xy = np.asarray(group.xy, dtype=np.float64).reshape(-1, 2)
        cols = (xy[:, 0] + extent) / (2 * extent) * side * scale
        rows = (extent - xy[:, 1]) / (2 * extent) * side * scale  # x2 grows upwards
        rgb = _rgb(group.color)
        for col, row in zip(cols, rows):
            box = (col - r, row - r, col + r, row + r)
            if group.filled:
                draw.ellipse(box, fill=(*rgb, 255), outline=(255, 255, 255, 255), width=scale)
            else:
                draw.ellipse(box, outline=(*rgb, 255), width=2 * scale)
    return picture.reduce(scale)  # a 2x2 box average: smooth edges, ~1 ms


def dots_picture(picture) -> str:
    """A `draw_dots` picture as a PNG data URI, for `dots_layer`.

    The browser then draws one picture instead of styling hundreds of SVG markers on every
    repaint (that styling was most of a live plane's cost).
    """
    import base64
    import io

    from PIL import Image

    buffer = (
        io.BytesIO()
    )  # 32 colours: ~25 KB instead of ~130 KB; light compression: 3 ms, not 23 for 2 KB less
    picture.quantize(32, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def palette(colorscale) -> np.ndarray:
    """A plotly colour scale (a name or [[t, colour], ...]) as a (256, 3) uint8 lookup table,
    built once per scale and read-only (every user shares it)."""
    return _palette(json.dumps(colorscale))


@functools.lru_cache(maxsize=16)
def _palette(colorscale_json: str) -> np.ndarray:
    from plotly.colors import get_colorscale, sample_colorscale

    scale = json.loads(colorscale_json)
    scale = get_colorscale(scale) if isinstance(scale, str) else scale
    table = np.array([_rgb(c) for c in sample_colorscale(scale, list(np.linspace(0, 1, 256)))], np.uint8)
    table.setflags(write=False)
    return table


def dots_layer(source: str, extent: float) -> dict:
    """The layout image that lays a `dots_picture` exactly over the axes' square, above the traces."""
    return dict(
        source=source,
        xref="x",
        yref="y",
        x=-extent,
        y=extent,
        sizex=2 * extent,
        sizey=2 * extent,
        sizing="stretch",
        xanchor="left",
        yanchor="top",
        layer="above",
    )


def legend_entry(name: str, color: str, filled: bool = True) -> dict:
    """A legend line for points drawn in a picture: a trace with no points of its own."""
    return dict(
        type="scatter",
        x=[None],
        y=[None],
        mode="markers",
        name=name,
        hoverinfo="skip",
        marker=dict(
            size=8,
            color=color if filled else "rgba(0,0,0,0)",
            symbol="circle",
            line=dict(width=1 if filled else 2, color="white" if filled else color),
        ),
    )


def to_uint8(values: np.ndarray, signed: bool = False) -> np.ndarray:
    """Scale an array to 0..255 for display; signed arrays keep 0 at mid-grey (and so does a value that is
    not a number, from a training run that blew up)."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    if signed:
        peak = float(np.abs(values).max()) or 1.0
        scaled = (values / peak + 1.0) / 2.0
    else:
        lo, hi = float(values.min()), float(values.max())
        scaled = np.zeros_like(values) if hi <= lo else (values - lo) / (hi - lo)
    return (scaled * 255).round().clip(0, 255).astype(np.uint8)


def colorize(values: np.ndarray, signed: bool = True) -> np.ndarray:
    """A map as an RGB picture in the diverging (signed) or sequential palette: (H, W, 3) uint8."""
    levels = to_uint8(values, signed) / 255.0
    return palette(DIVERGING if signed else SEQUENTIAL)[(levels * 255).round().astype(int)]


def _rgb(color: str) -> tuple[int, int, int]:
    if color.startswith("#"):
        return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    parts = color[color.index("(") + 1 : color.index(")")].split(",")
    return tuple(int(round(float(p))) for p in parts[:3])  # type: ignore[return-value]


NO_STEPS_YET = dict(
    text="no training steps yet",
    x=0.5,
    y=0.5,
    xref="paper",
    yref="paper",
    showarrow=False,
    font=dict(color="#808495"),
)


def curves(
    history: Iterable[dict],
    keys: Sequence[str],
    title: str = "",
    *,
    x: str = "step",
    log_y: bool = False,
    height: int = 260,
    names: dict[str, str] | None = None,
) -> go.Figure:
    """Training curves (loss, accuracy ...) from the runner's history rows."""
    rows = list(history)
    traces = []
    for i, key in enumerate(keys):
        xs = np.array([r[x] for r in rows if key in r], dtype=float)  # (points,)
        ys = np.array([r[key] for r in rows if key in r], dtype=float)  # (points,)
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                name=(names or {}).get(key, key),
                line=dict(width=2.5, color=CLASS_COLORS[i % 10]),
            )
        )
    layout = layout_dict(title, height, xaxis=dict(title=dict(text=x)))
    if log_y:
        layout["yaxis"] = dict(type="log")
    if not any(len(trace["x"]) for trace in traces):  # plotly's empty axes run from -1: "step -1"
        layout["xaxis"]["range"] = [0, 10]
        layout["yaxis"] = {**layout.get("yaxis", {}), "showticklabels": False}
        layout["annotations"] = [NO_STEPS_YET]
    # Unvalidated, from plain dicts: live views redraw their curves 5 times a second, and plotly's
    # checks of a 2,000-point figure cost 30 ms (12 ms with arrays)
    return go.Figure(dict(data=traces, layout=layout), _validate=False)


def bars(
    values: Sequence[float],
    labels: Sequence[str],
    title: str = "",
    *,
    highlight: int | None = None,
    height: int = 240,
    decimals: int = 2,
    horizontal: bool = False,
) -> go.Figure:
    """Scores or probabilities as bars with their numbers; `highlight` marks one bar."""
    colors = ["#2ca02c" if i == highlight else "#9aa5b1" for i in range(len(values))]
    text = [f"{v:.{decimals}f}" for v in values]
    bar = (
        go.Bar(y=list(labels), x=list(values), orientation="h", marker_color=colors, text=text)
        if horizontal
        else go.Bar(x=list(labels), y=list(values), marker_color=colors, text=text)
    )
    fig = go.Figure(bar)
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, height)
