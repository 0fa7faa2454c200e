"""What the MLP playground draws: the decision surface (or one neuron's output) over the plane,
the points on it, an invisible grid that catches clicks, and the network as a graph."""

from __future__ import annotations

import functools
import time
from typing import Any, MutableMapping

import numpy as np
import plotly.graph_objects as go

from engine import mlp, toy2d
from engine.device import to_numpy
from engine.figures import (
    CLASS_COLORS as FIGURE_COLORS,
)
from engine.figures import (
    FONT_SIZE,
    Dots,
    colorize,
    dots_layer,
    dots_picture,
    draw_dots,
    legend_entry,
    to_uint8,
)
from engine.plane_picture import MARGIN, SIDE, LegendItem, as_data_uri, plane_picture

GRID = 60  # the surface is a GRID x GRID heatmap, cheap enough for 5 frames/s
REPAINT_SECONDS = 1.0  # the network and the neuron mosaic: once a second is plenty
CLICK_GRID = 31  # clickable spots (points snap to them)
CLASS_COLORS = ("#1f77b4", "#ff7f0e")  # class 0 blue, class 1 orange
SURFACE_SCALE = [[0.0, "#5b9bd5"], [0.5, "#f7f7f7"], [1.0, "#f5a05a"]]
AXIS = np.linspace(-toy2d.EXTENT, toy2d.EXTENT, GRID)


def plane_points(n: int = GRID) -> np.ndarray:
    """(n*n, 2) points of the plane, row-major with x2 growing along the rows."""
    axis = np.linspace(-toy2d.EXTENT, toy2d.EXTENT, n)
    x1, x2 = np.meshgrid(axis, axis)  # (n, n) each
    return np.stack([x1.ravel(), x2.ravel()], 1).astype(np.float32)  # (n*n, 2)


PLANE = plane_points()


def surface_view(model: mlp.MLP) -> dict[str, np.ndarray]:
    """Everything the live view needs, from one trace over the grid: p(orange) and every neuron."""
    record = mlp.trace(model, PLANE)
    view = {"output": 1.0 / (1.0 + np.exp(-record["output.a"].reshape(GRID, GRID)))}  # (G, G)
    for key, values in record.items():
        if key.endswith(".x"):
            view[key] = values.reshape(GRID, GRID, -1)  # (G, G, H)
    view["weights"] = [to_numpy(layer.weight).copy() for layer in model.layers] + [
        to_numpy(model.output.weight).copy()
    ]
    return view


def neuron_names(view: dict) -> list[str]:
    """'output' first, then 'layers.i.x[j]' for every hidden neuron."""
    names = ["output"]
    for key in sorted(k for k in view if k.endswith(".x")):
        names += [f"{key}[{j}]" for j in range(view[key].shape[2])]
    return names


def layer_neuron_names(hidden: tuple[int, ...]) -> list[str]:
    """The same names as `neuron_names`, from the hidden widths alone (before any view exists)."""
    return ["output"] + [f"layers.{i}.x[{j}]" for i, width in enumerate(hidden) for j in range(width)]


def describe_neuron(name: str) -> str:
    if name == "output":
        return "Output: p(orange | x)"
    layer, unit = name.split(".")[1], name.split("[")[1].rstrip("]")
    return f"Hidden layer {int(layer) + 1}, neuron {int(unit) + 1}: x_j = f(a_j)"


def neuron_map(view: dict, name: str) -> np.ndarray:
    if name == "output" or name not in neuron_names(view):
        return view["output"]
    key, unit = name.split("[")
    return view[key][:, :, int(unit.rstrip("]"))]


def plane_dots(data: toy2d.Toy2D, show_test: bool = True) -> tuple[Any, list[LegendItem]]:
    """The points of the plane as one transparent picture (train filled, test open), and their legend."""
    groups, legend = [], []
    for label in (0, 1):
        groups.append(Dots(data.x_train[data.y_train == label], CLASS_COLORS[label], filled=True))
        legend.append(LegendItem(f"class {label} (train)", CLASS_COLORS[label], filled=True))
        if show_test and len(data.x_test):
            groups.append(Dots(data.x_test[data.y_test == label], CLASS_COLORS[label], filled=False))
            legend.append(LegendItem(f"class {label} (test)", CLASS_COLORS[label], filled=False))
    return draw_dots(groups, toy2d.EXTENT), legend


def surface_figure(
    view: dict | None,
    data: toy2d.Toy2D,
    neuron: str = "output",
    *,
    show_test: bool = True,
    clickable: bool = True,
    height: int = 520,
    dots: tuple | None = None,
) -> go.Figure:
    """The plane: a heatmap of p(orange) or one neuron, the points on it, and (when `clickable`)
    an invisible grid of points that turns a click anywhere into a selection event. The points
    never move while the network trains, so they travel as one picture above the heatmap
    (`plane_dots`); built as plain dicts and wrapped unvalidated, so a repaint costs little."""
    picture, legend = dots or plane_dots(data, show_test)
    traces = [
        dict(
            type="heatmap",
            x=AXIS,
            y=AXIS,
            z=np.full((GRID, GRID), 0.5),
            zsmooth="fast",
            hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}<br>%{z:.3f}<extra></extra>",
        )
    ]
    if clickable:
        traces.append(_click_grid())
    traces += [legend_entry(item.name, item.color, item.filled) for item in legend]
    # Fixed margins with room for the ticks, the colour bar and the legend: plotly's automatic
    # margins measure every label and draw the plane twice.
    axis = dict(
        range=[-toy2d.EXTENT, toy2d.EXTENT],
        showgrid=False,
        zeroline=False,
        constrain="domain",
        automargin=False,
    )
    layout = _layout(
        height,
        showlegend=True,
        clickmode="event+select",
        dragmode=False,
        legend=dict(orientation="h", y=-0.12, yanchor="top"),
        uirevision="plane",
        images=[dots_layer(dots_picture(picture), toy2d.EXTENT)],
        xaxis=dict(axis, title=dict(text="x1", standoff=4)),
        yaxis=dict(axis, title=dict(text="x2", standoff=4), scaleanchor="x"),
    )
    layout["margin"] = dict(MARGIN, autoexpand=False)
    return paint_surface(_figure(traces, layout), view, neuron)


def surface_colours(
    view: dict | None, neuron: str = "output"
) -> tuple[np.ndarray, Any, tuple[float, float], str]:
    """What the plane shows: the values (G, G), their colour scale and range, and the scale's title."""
    if view is None:
        return np.full((GRID, GRID), 0.5), SURFACE_SCALE, (0.0, 1.0), "p(orange)"
    values = neuron_map(view, neuron)
    if neuron == "output":
        return values, SURFACE_SCALE, (0.0, 1.0), "p(orange)"
    peak = float(np.abs(values).max() or 1.0)
    return values, "RdBu_r", (-peak, peak), "x_j"


def paint_surface(fig: go.Figure, view: dict | None, neuron: str = "output") -> go.Figure:
    """Put p(orange) or one neuron's x_j into the figure's heatmap (cheap: nothing else is rebuilt)."""
    values, scale, (low, high), title = surface_colours(view, neuron)
    fig.data[0].update(
        z=values,
        colorscale=scale,
        zmin=low,
        zmax=high,
        colorbar=dict(title=dict(text=title, side="right"), thickness=12),
    )
    return fig


def _click_grid() -> dict:
    axis = np.linspace(-toy2d.EXTENT, toy2d.EXTENT, CLICK_GRID)
    x1, x2 = np.meshgrid(axis, axis)
    return dict(
        type="scatter",
        x=x1.ravel().round(3),
        y=x2.ravel().round(3),
        mode="markers",
        name="click to add",
        marker=dict(size=11, opacity=0.0, color="#000000"),
        showlegend=False,
        hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}<br>click to add a point here<extra></extra>",
        selected=dict(marker=dict(opacity=0.0)),
        unselected=dict(marker=dict(opacity=0.0)),
    )


def _layout(height: int, title: str = "", **extra) -> dict:
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
    """Unvalidated: plotly's checks cost ~100 ms per figure, and its later updates skip them too."""
    return go.Figure(dict(data=traces, layout=layout), _validate=False)


EDGE_GROUPS = [(positive, size) for positive in (0, 1) for size in range(4)]


def network_figure(
    view: dict | None, features: tuple[str, ...], selected: str = "output", height: int = 300
) -> go.Figure:
    """Nodes in columns (features, hidden layers, output); edges coloured by the weight's sign,
    thicker for larger |w|: eight edge traces in all, refilled by paint_network."""
    traces = [
        dict(
            type="scatter",
            x=[],
            y=[],
            mode="lines",
            hoverinfo="skip",
            opacity=0.65,
            line=dict(width=0.6 + 1.3 * size, color=CLASS_COLORS[positive]),
        )
        for positive, size in EDGE_GROUPS
    ]
    if view is None:
        return _figure(traces, _layout(height, showlegend=False))
    widths = [len(features)] + [w.shape[0] for w in view["weights"]]
    for col, n in enumerate(widths):
        labels = (
            list(features)
            if col == 0
            else ["output"]
            if col == len(widths) - 1
            else [f"layers.{col - 1}.x[{j}]" for j in range(n)]
        )
        traces.append(
            dict(
                type="scatter",
                x=[col] * n,
                y=_column_ys(n),
                mode="markers+text" if col == 0 else "markers",
                text=labels if col == 0 else None,
                textposition="middle left",
                customdata=labels,
                marker=dict(size=15, color="#555555"),
                hovertemplate="%{customdata}<extra></extra>"
                if col == 0
                else "%{customdata}: click to show it<extra></extra>",
            )
        )
    layout = _layout(
        height,
        showlegend=False,
        clickmode="event+select",
        dragmode=False,
        xaxis=dict(visible=False, range=[-1.0, len(widths) - 0.6]),
        yaxis=dict(visible=False, range=[-1.2, 1.2]),
    )
    return paint_network(_figure(traces, layout), view, selected)


def paint_network(fig: go.Figure, view: dict, selected: str = "output") -> go.Figure:
    """Refill the edge traces from the current weights and mark the selected neuron."""
    # each (out, in); a weight that is not a number (a run that blew up) draws as the thinnest edge:
    # cast to int, nan gives an undefined edge size
    weights = [np.nan_to_num(w, nan=0.0, posinf=0.0, neginf=0.0) for w in view["weights"]]
    peak = max(float(np.abs(w).max()) for w in weights) or 1.0
    segments: dict[tuple[int, int], list[np.ndarray]] = {group: [] for group in EDGE_GROUPS}
    for col, w in enumerate(weights):
        y_in, y_out = _column_ys(w.shape[1]), _column_ys(w.shape[0])
        j, i = np.indices(w.shape)  # (out, in) each
        positive, size = (w > 0).astype(int), np.minimum(3, (4 * np.abs(w) / peak).astype(int))
        for group in EDGE_GROUPS:
            mask = (positive == group[0]) & (size == group[1])
            if mask.any():
                xs = np.tile([col, col + 1, np.nan], (int(mask.sum()), 1))
                ys = np.stack([y_in[i[mask]], y_out[j[mask]], np.full(int(mask.sum()), np.nan)], 1)
                segments[group].append(np.stack([xs.ravel(), ys.ravel()]))
    with fig.batch_update():
        for trace, group in zip(fig.data, EDGE_GROUPS):
            both = np.concatenate(segments[group], 1) if segments[group] else np.zeros((2, 0))
            trace.update(x=both[0], y=both[1])
        for trace in fig.data[len(EDGE_GROUPS) :]:
            trace.marker.color = ["#d62728" if name == selected else "#555555" for name in trace.customdata]
    return fig


def _column_ys(n: int) -> np.ndarray:
    return np.linspace(1, -1, n) if n > 1 else np.zeros(1)


def neuron_at(widths: list[int], x: float, y: float) -> str | None:
    """The neuron drawn at (x, y) in network_figure (widths: features, hidden..., 1), or None."""
    col = int(round(x))
    if col < 1 or col >= len(widths):
        return None
    if col == len(widths) - 1:
        return "output"
    return f"layers.{col - 1}.x[{int(np.argmin(np.abs(_column_ys(widths[col]) - y)))}]"


def live_job(cfg: mlp.Config, data: toy2d.Toy2D):
    """A TrainingJob for the playground: trains `cfg` on `data`, viewing the surface between steps."""
    from engine.runner import TrainingJob

    model = mlp.build(cfg)
    # A fresh view every 0.1 s (it costs ~0.5 ms): the page asks for a frame every 0.15 s, and a
    # frame can only show a surface as new as the last view.
    return TrainingJob(
        lambda on_step, stop: mlp.train(model, data, cfg, on_step=on_step, stop=stop),
        view=lambda: surface_view(model),
        model=model,
        view_every=0.1,
    )


def loss_curves(height: int = 260) -> go.Figure:
    """engine.figures.curves for the train and test loss, empty, as an unvalidated figure to refill."""
    traces = [
        dict(
            type="scatter", x=[], y=[], mode="lines", name=name, line=dict(width=2.5, color=FIGURE_COLORS[i])
        )
        for i, name in enumerate(LiveFigures.LOSSES.values())
    ]
    return _figure(
        traces,
        _layout(
            height,
            "Cross-entropy loss",
            xaxis=dict(title=dict(text="step")),
            legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        ),
    )


class LiveFigures:
    """The playground's three figures, built once per data and network and then only refilled:
    rebuilding plotly figures 5 times a second costs ~50 ms a frame, refilling them a few ms."""

    LOSSES = {"train_loss": "train", "test_loss": "test"}

    def __init__(
        self,
        key: tuple,
        data: toy2d.Toy2D,
        features: tuple[str, ...],
        show_test: bool,
        clickable: bool = True,
    ):
        self.key, self.data, self.features = key, data, features
        self.show_test, self.clickable = show_test, clickable
        self.dots = plane_dots(data, show_test)  # drawn once: the points never move
        self.plane: go.Figure | None = None
        self.network: go.Figure | None = None
        self.losses = loss_curves(height=220)
        self._mosaic: np.ndarray | None = None
        self._frame_dots = None  # the points at the live frame's size
        self._painted: dict[str, tuple[float, tuple]] = {}

    @classmethod
    def kept_in(
        cls,
        store: MutableMapping,
        name: str,
        data: toy2d.Toy2D,
        features: tuple[str, ...],
        show_test: bool,
        clickable: bool,
        key: tuple,
    ) -> "LiveFigures":
        """The figures kept in `store` (one user's session) under `name`,
        rebuilt when anything drawn changes."""
        key = (*key, features, show_test, clickable)
        figures = store.get(name)
        if figures is None or figures.key != key:
            figures = store[name] = cls(key, data, features, show_test, clickable)
        return figures

    def plane_figure(self, view: dict | None, neuron: str) -> go.Figure:
        if self.plane is None:
            self.plane = surface_figure(
                view, self.data, neuron, show_test=self.show_test, clickable=self.clickable, dots=self.dots
            )
            return self.plane
        return paint_surface(self.plane, view, neuron)

    def plane_frame(self, view: dict | None, neuron: str, background: str = "#ffffff") -> str:
        """The plane as a picture on the page's `background` (an inline WebP): what live training
        shows 5 times a second. The points are scaled to the frame once, not on every frame."""
        values, scale, zrange, title = surface_colours(view, neuron)
        if self._frame_dots is None:
            from PIL import Image

            self._frame_dots = self.dots[0].resize((SIDE, SIDE), Image.LANCZOS)
        return as_data_uri(
            plane_picture(
                values,
                scale,
                zrange,
                self._frame_dots,
                toy2d.EXTENT,
                bar_title=title,
                legend=self.dots[1],
                background=background,
            )
        )

    def network_figure(self, view: dict | None, neuron: str, throttle: bool = False) -> go.Figure:
        """The network; while `throttle` (training runs) repainted at most once a second."""
        if view is None:
            return network_figure(None, self.features)
        if self.network is None:
            self.network = network_figure(view, self.features, neuron)
            self._due("network", False, neuron)  # remember when it was painted
        elif self._due("network", throttle, neuron):
            paint_network(self.network, view, neuron)
        return self.network

    def mosaic(self, view: dict | None, throttle: bool = False) -> np.ndarray | None:
        """neuron_mosaic; while `throttle` (training runs) recomputed at most once a second."""
        if view is not None and (self._mosaic is None or self._due("mosaic", throttle)):
            self._mosaic = neuron_mosaic(view)
        return self._mosaic

    def _due(self, what: str, throttle: bool, *state) -> bool:
        now = time.monotonic()
        last_time, last_state = self._painted.get(what, (-1e9, None))
        if throttle and now - last_time < REPAINT_SECONDS and state == last_state:
            return False
        self._painted[what] = (now, state)
        return True

    def loss_figure(self, history: list[dict]) -> go.Figure:
        with self.losses.batch_update():
            for trace, key in zip(self.losses.data, self.LOSSES):
                rows = [r for r in history if key in r]
                trace.update(x=np.array([r["step"] for r in rows]), y=np.array([r[key] for r in rows]))
        return self.losses


@functools.lru_cache(maxsize=1)
def _diverging_palette() -> np.ndarray:
    """(256, 3) uint8: the shared diverging palette, computed once (a constant, not user data)."""
    return colorize(np.linspace(-1.0, 1.0, 256)[None, :], signed=True)[0]


def neuron_mosaic(view: dict | None, gap: int = 4) -> np.ndarray | None:
    """Every hidden neuron's x_j over the plane as one picture: a row per layer, x2 growing upwards;
    each map in the diverging palette on its own scale (red positive, blue negative)."""
    layers = sorted(k for k in (view or {}) if k.endswith(".x"))
    if not layers:
        return None
    widest = max(view[k].shape[2] for k in layers)
    tile = GRID + gap
    mosaic = np.full((len(layers) * tile - gap, widest * tile - gap, 3), 255, np.uint8)  # (rows, cols, 3)
    for row, key in enumerate(layers):
        for unit in range(view[key].shape[2]):
            levels = to_uint8(view[key][::-1, :, unit], signed=True)  # (G, G)
            picture = _diverging_palette()[levels]  # (G, G, 3)
            mosaic[row * tile : row * tile + GRID, unit * tile : unit * tile + GRID] = picture
    return mosaic
