"""What the MLP playground draws: the decision surface (or one neuron's output) over the plane,
the points on it, an invisible grid that catches clicks, and the network as a graph."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine import mlp, toy2d
from engine.figures import base_layout

GRID = 60                        # the surface is a GRID x GRID heatmap, cheap enough for 5 frames/s
CLICK_GRID = 41                  # clickable spots (points snap to them)
CLASS_COLORS = ("#1f77b4", "#ff7f0e")   # class 0 blue, class 1 orange
SURFACE_SCALE = [[0.0, "#5b9bd5"], [0.5, "#f7f7f7"], [1.0, "#f5a05a"]]
AXIS = np.linspace(-toy2d.EXTENT, toy2d.EXTENT, GRID)


def plane_points(n: int = GRID) -> np.ndarray:
    """(n*n, 2) points of the plane, row-major with x2 growing along the rows."""
    axis = np.linspace(-toy2d.EXTENT, toy2d.EXTENT, n)
    x1, x2 = np.meshgrid(axis, axis)                                           # (n, n) each
    return np.stack([x1.ravel(), x2.ravel()], 1).astype(np.float32)            # (n*n, 2)


PLANE = plane_points()


def surface_view(model: mlp.MLP) -> dict[str, np.ndarray]:
    """Everything the live view needs, from one trace over the grid: p(orange) and every neuron."""
    record = mlp.trace(model, PLANE)
    view = {"output": 1.0 / (1.0 + np.exp(-record["output.a"].reshape(GRID, GRID)))}  # (G, G)
    for key, values in record.items():
        if key.endswith(".x"):
            view[key] = values.reshape(GRID, GRID, -1)                          # (G, G, H)
    view["weights"] = [layer.weight.detach().numpy().copy() for layer in model.layers] + \
        [model.output.weight.detach().numpy().copy()]
    return view


def neuron_names(view: dict) -> list[str]:
    """'output' first, then 'layers.i.x[j]' for every hidden neuron."""
    names = ["output"]
    for key in sorted(k for k in view if k.endswith(".x")):
        names += [f"{key}[{j}]" for j in range(view[key].shape[2])]
    return names


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


def surface_figure(view: dict | None, data: toy2d.Toy2D, neuron: str = "output", *, show_test: bool = True,
                   height: int = 520) -> go.Figure:
    """The plane: a heatmap of p(orange) or one neuron, the points, and the click-catching grid."""
    fig = go.Figure()
    if view is not None:
        values = neuron_map(view, neuron)
        is_output = neuron == "output"
        fig.add_trace(go.Heatmap(
            z=values, x=AXIS, y=AXIS, colorscale=SURFACE_SCALE if is_output else "RdBu_r",
            zmin=0.0 if is_output else -float(np.abs(values).max() or 1.0),
            zmax=1.0 if is_output else float(np.abs(values).max() or 1.0), zsmooth="best",
            colorbar=dict(title=dict(text="p(orange)" if is_output else "x_j", side="right"), thickness=12),
            hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}<br>value %{z:.3f}<extra></extra>"))
    fig.add_trace(_click_grid())
    for label in (0, 1):
        _add_points(fig, data.x_train[data.y_train == label], label, "train")
        if show_test and len(data.x_test):
            _add_points(fig, data.x_test[data.y_test == label], label, "test")
    extent = toy2d.EXTENT
    fig.update_xaxes(range=[-extent, extent], title="x1", showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(range=[-extent, extent], title="x2", showgrid=False, zeroline=False,
                     scaleanchor="x", constrain="domain")
    return base_layout(fig, "", height, showlegend=True, clickmode="event+select", dragmode=False,
                       legend=dict(orientation="h", y=-0.12), uirevision="plane")


def _click_grid() -> go.Scatter:
    axis = np.linspace(-toy2d.EXTENT, toy2d.EXTENT, CLICK_GRID)
    x1, x2 = np.meshgrid(axis, axis)
    return go.Scatter(x=x1.ravel().round(3), y=x2.ravel().round(3), mode="markers", name="click to add",
                      marker=dict(size=11, opacity=0.0, color="#000000"), showlegend=False,
                      hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}<br>click to add a point here<extra></extra>",
                      selected=dict(marker=dict(opacity=0.0)), unselected=dict(marker=dict(opacity=0.0)))


def _add_points(fig: go.Figure, points: np.ndarray, label: int, split: str) -> None:
    train = split == "train"
    fig.add_trace(go.Scatter(
        x=points[:, 0], y=points[:, 1], mode="markers", name=f"class {label} ({split})",
        marker=dict(size=8 if train else 7, color=CLASS_COLORS[label], symbol="circle" if train else "circle-open",
                    line=dict(width=1 if train else 2, color="white" if train else CLASS_COLORS[label])),
        hoverinfo="skip"))


def network_figure(view: dict | None, features: tuple[str, ...], selected: str = "output",
                   height: int = 300) -> go.Figure:
    """Nodes in columns (features, hidden layers, output); edges coloured by the weight's sign,
    thicker for larger |w| (a few traces in all, so it redraws fast)."""
    fig = go.Figure()
    if view is None:
        return base_layout(fig, "", height)
    weights = view["weights"]                                                  # each (out, in)
    widths = [len(features)] + [w.shape[0] for w in weights]
    ys = [np.linspace(1, -1, n) if n > 1 else np.zeros(1) for n in widths]
    peak = max(float(np.abs(w).max()) for w in weights) or 1.0
    edges: dict[tuple[int, int], tuple[list, list]] = {}
    for col, w in enumerate(weights):
        for (j, i), value in np.ndenumerate(w):
            group = (int(value > 0), min(3, int(4 * abs(value) / peak)))
            xs, ys_ = edges.setdefault(group, ([], []))
            xs += [col, col + 1, None]
            ys_ += [ys[col][i], ys[col + 1][j], None]
    for (positive, size), (xs, ys_) in sorted(edges.items()):
        fig.add_trace(go.Scatter(x=xs, y=ys_, mode="lines", hoverinfo="skip", opacity=0.65,
                                 line=dict(width=0.6 + 1.3 * size, color=CLASS_COLORS[positive])))
    for col, n in enumerate(widths):
        labels = (list(features) if col == 0 else ["output"] if col == len(widths) - 1
                  else [f"layers.{col - 1}.x[{j}]" for j in range(n)])
        fig.add_trace(go.Scatter(
            x=[col] * n, y=ys[col], mode="markers+text" if col == 0 else "markers",
            text=labels if col == 0 else None, textposition="middle left", customdata=labels,
            marker=dict(size=15, color=["#d62728" if name == selected else "#555555" for name in labels]),
            hovertemplate="%{customdata}<extra></extra>" if col == 0 else "%{customdata}: click to show it<extra></extra>"))
    fig.update_xaxes(visible=False, range=[-1.0, len(widths) - 0.6])
    fig.update_yaxes(visible=False, range=[-1.2, 1.2])
    return base_layout(fig, "", height, showlegend=False, clickmode="event+select", dragmode=False)


def neuron_at(widths: list[int], x: float, y: float) -> str | None:
    """The neuron drawn at (x, y) in network_figure (widths: features, hidden..., 1), or None."""
    col = int(round(x))
    if col < 1 or col >= len(widths):
        return None
    if col == len(widths) - 1:
        return "output"
    ys = np.linspace(1, -1, widths[col]) if widths[col] > 1 else np.zeros(1)
    return f"layers.{col - 1}.x[{int(np.argmin(np.abs(ys - y)))}]"


def live_job(cfg: mlp.Config, data: toy2d.Toy2D):
    """A TrainingJob for the playground: trains `cfg` on `data`, viewing the surface between steps."""
    from engine.runner import TrainingJob
    model = mlp.build(cfg)
    return TrainingJob(lambda on_step, stop: mlp.train(model, data, cfg, on_step=on_step, stop=stop),
                       view=lambda: surface_view(model))
