"""Figures of the activations & backprop page: f and f' with saturation shaded, and the tiny
network with a_j, x_j and g_j written at every node."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine import backprop
from engine.figures import FONT_SIZE

A = np.linspace(-5, 5, 401)
POSITIVE, NEGATIVE = "#ff7f0e", "#1f77b4"


def activation_figure(name: str, mark: float | None = None, height: int = 340) -> go.Figure:
    """f(a) and f'(a) on [-5, 5]; grey bands where |f'(a)| < 0.1 (saturating: gradients vanish).
    Built as plain dicts and wrapped unvalidated: plotly's validation cost ~100 ms a redraw."""
    value, slope = backprop.activation(name, A)
    bands = [
        dict(
            type="rect",
            xref="x",
            yref="y domain",
            x0=lo,
            x1=hi,
            y0=0,
            y1=1,
            fillcolor="#9aa5b1",
            opacity=0.22,
            line=dict(width=0),
            layer="below",
        )
        for lo, hi in backprop.saturated_regions(name)
    ]
    data = [
        dict(
            type="scatter",
            x=A,
            y=value,
            name="f(a)",
            line=dict(color="#1f5fbf", width=3),
            hovertemplate="a = %{x:.2f}<br>f(a) = %{y:.3f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=A,
            y=slope,
            name="f'(a)",
            line=dict(color="#d62728", width=2.5, dash="dash"),
            hovertemplate="a = %{x:.2f}<br>f'(a) = %{y:.3f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[None],
            y=[None],
            mode="markers",
            name="saturating: |f'(a)| < 0.1",
            marker=dict(symbol="square", size=14, color="#9aa5b1", opacity=0.5),
        ),
    ]
    if mark is not None:
        (f_mark,), (d_mark,) = (np.atleast_1d(v) for v in backprop.activation(name, np.array([mark])))
        data.append(
            dict(
                type="scatter",
                x=[mark, mark],
                y=[float(f_mark), float(d_mark)],
                mode="markers+text",
                showlegend=False,
                text=[f"f = {f_mark:.3f}", f"f' = {d_mark:.3f}"],
                textposition="middle right",
                marker=dict(size=11, color=["#1f5fbf", "#d62728"]),
            )
        )
    layout = _layout(
        name,
        height,
        shapes=bands,
        legend=dict(orientation="h", y=-0.25),
        xaxis=dict(title=dict(text="a"), zeroline=True, zerolinecolor="#bbbbbb"),
        yaxis=dict(zeroline=True, zerolinecolor="#bbbbbb", range=[-1.6, 2.2]),
    )
    return go.Figure(dict(data=data, layout=layout), _validate=False)


def network_figure(
    record: dict[str, np.ndarray], model: backprop.TinyNet, selected: str = "", height: int = 420
) -> go.Figure:
    """Inputs, hidden and output nodes with their numbers; edge labels are the weights w_ij."""
    hidden = len(record["hidden.a"])
    columns = {"input": _column(0.0, 2), "hidden": _column(1.0, hidden), "output": _column(2.0, 2)}
    data = []
    peak = max(np.abs(model.w1).max(), np.abs(model.w2).max()) or 1.0
    for src, dst, w, grad in (
        ("input", "hidden", model.w1, record["w1.grad"]),
        ("hidden", "output", model.w2, record["w2.grad"]),
    ):
        for (i, j), value in np.ndenumerate(w):
            (x0, y0), (x1, y1) = columns[src][i], columns[dst][j]
            data.append(
                dict(
                    type="scatter",
                    x=[x0, (x0 + x1) / 2, x1],
                    y=[y0, (y0 + y1) / 2, y1],
                    mode="lines",
                    line=dict(width=1 + 4 * abs(value) / peak, color=POSITIVE if value > 0 else NEGATIVE),
                    opacity=0.55,
                    showlegend=False,
                    hovertemplate=f"w = {value:.3f}<br>∂L/∂w = g_j x_i = {grad[i, j]:.4f}<extra></extra>",
                )
            )
    for name, layer in (("x", "input"), ("h", "hidden"), ("y", "output")):
        xs, ys = (list(v) for v in zip(*columns[layer]))
        names = [f"{name}{k + 1}" for k in range(len(xs))]
        data.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="markers+text",
                textposition="bottom center",
                text=[_node_text(record, layer, k, names[k]) for k in range(len(xs))],
                showlegend=False,
                marker=dict(size=34, color=["#d62728" if n == selected else "#33415c" for n in names]),
                hoverinfo="skip",
                textfont=dict(size=13),
            )
        )
        data.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="text",
                text=names,
                textfont=dict(color="white", size=13),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    layout = _layout(
        "",
        height,
        xaxis=dict(visible=False, range=[-0.35, 2.35]),
        yaxis=dict(visible=False, range=[-1.55, 1.25]),
    )
    return go.Figure(dict(data=data, layout=layout), _validate=False)


def _layout(title: str, height: int, **extra) -> dict:
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


def _column(x: float, n: int) -> list[tuple[float, float]]:
    ys = np.linspace(0.9, -0.9, n) if n > 1 else [0.0]
    return [(x, float(y)) for y in ys]


def _node_text(record, layer: str, k: int, name: str) -> str:
    if layer == "input":
        return f"x = {record['input.x'][k]:.2f}"
    x_value = record[f"{layer}.x"][k]
    label = "p" if layer == "output" else "x"
    return (
        f"a = {record[f'{layer}.a'][k]:.3f}<br>{label} = {x_value:.3f}<br>g = {record[f'{layer}.g'][k]:.4f}"
    )


def node_equations(
    record: dict[str, np.ndarray], model: backprop.TinyNet, node: str, target: int
) -> list[str]:
    """The lecture's equations for one node with the current numbers filled in (LaTeX lines)."""
    kind, k = node[0], int(node[1:]) - 1
    if kind == "h":
        terms = " + ".join(f"({model.w1[i, k]:.2f})({record['input.x'][i]:.2f})" for i in range(2))
        upstream = " + ".join(f"({model.w2[k, j]:.2f})({record['output.g'][j]:.4f})" for j in range(2))
        return [
            rf"a_{{{node}}} = \sum_{{i \in Pre}} w_{{i,{node}}} x_i + b = {terms} + ({model.b1[k]:.2f}) = "
            rf"{record['hidden.a'][k]:.4f}",
            rf"x_{{{node}}} = f(a_{{{node}}}) = {record['hidden.x'][k]:.4f}",
            rf"\frac{{\partial L}}{{\partial x_{{{node}}}}} = \sum_{{j \in Post}} w_{{{node},j}}\, g_j = "
            rf"{upstream} = {record['hidden.upstream'][k]:.4f}",
            rf"g_{{{node}}} = f'(a_{{{node}}}) \sum_j w_{{{node},j}} g_j = "
            rf"{record['hidden.df'][k]:.4f} \times "
            rf"{record['hidden.upstream'][k]:.4f} = {record['hidden.g'][k]:.4f}",
        ]
    hidden = len(record["hidden.x"])
    terms = " + ".join(f"({model.w2[i, k]:.2f})({record['hidden.x'][i]:.3f})" for i in range(hidden))
    indicator = int(k == target)
    return [
        rf"a_{{{node}}} = \sum_{{i \in Pre}} w_{{i,{node}}} x_i + b = {terms} + ({model.b2[k]:.2f}) = "
        rf"{record['output.a'][k]:.4f}",
        rf"p_{{{node}}} = \frac{{e^{{a_{{{node}}}}}}}{{\sum_k e^{{a_k}}}} = {record['output.x'][k]:.4f}",
        rf"g_{{{node}}} = \frac{{\partial L}}{{\partial a_{{{node}}}}} = "
        rf"p_{{{node}}} - [{node} = \text{{target}}] = "
        rf"{record['output.x'][k]:.4f} - {indicator} = {record['output.g'][k]:.4f}",
        rf"\frac{{\partial L}}{{\partial w_{{h1,{node}}}}} = g_{{{node}}}\, x_{{h1}} = "
        rf"({record['output.g'][k]:.4f})({record['hidden.x'][0]:.4f}) = {record['w2.grad'][0, k]:.4f}",
    ]


def node_table(record: dict[str, np.ndarray]) -> dict[str, list]:
    """Every hidden and output node: a_j, x_j (p for outputs), f'(a_j) and g_j, as table columns."""
    names = [f"h{k + 1}" for k in range(len(record["hidden.a"]))] + ["y1", "y2"]
    return {
        "node": names,
        "a_j": [*record["hidden.a"], *record["output.a"]],
        "x_j (p for outputs)": [*record["hidden.x"], *record["output.x"]],
        "f'(a_j)": [*record["hidden.df"], None, None],
        "g_j = ∂L/∂a_j": [*record["hidden.g"], *record["output.g"]],
    }


def node_table_markdown(record: dict[str, np.ndarray]) -> str:
    """`node_table` as a markdown table, 4 decimals: plain HTML draws far faster than a data grid."""
    columns = node_table(record)
    rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for i, node in enumerate(columns["node"]):
        cells = [f"**{node}**"] + [
            "" if columns[c][i] is None else f"{float(columns[c][i]):.4f}" for c in list(columns)[1:]
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
