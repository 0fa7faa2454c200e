"""Figures for the LSTM gates page: gates over time, one unit's curves, and the cell's conveyor belt."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.figures import CLASS_COLORS, DIVERGING, base_layout

# what each recorded array is called on the slides, and the range its colours span
GATES = {
    "forget_gate": ("forget gate f_t", (0.0, 1.0)),
    "input_gate": ("input gate i_t", (0.0, 1.0)),
    "candidate": ("candidate C~_t", (-1.0, 1.0)),
    "cell_state": ("cell state C_t", None),
    "output_gate": ("output gate o_t", (0.0, 1.0)),
    "hidden": ("hidden state h_t", (-1.0, 1.0)),
    "update_gate": ("update gate z_t (Γ_u)", (0.0, 1.0)),
    "relevance_gate": ("relevance gate r_t (Γ_r)", (0.0, 1.0)),
}
GRU_NAMES = {"candidate": "candidate h~_t", "hidden": "hidden state h_t = c_t"}
GATE_SCALE = [[0.0, "#f7f7f7"], [1.0, "#1a7f37"]]   # 0 = closed (white), 1 = open (green)
_LIGHT = dict(template="none")                        # no default template: smaller, faster figures


def gate_name(name: str, kind: str) -> str:
    return GRU_NAMES.get(name, GATES[name][0]) if kind == "gru" else GATES[name][0]


def _time_axis(fig: go.Figure, tokens: tuple[str, ...]) -> None:
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(tokens))), ticktext=list(tokens),
                     tickangle=-60, side="bottom", showgrid=False, zeroline=False)


def gate_heatmap(values: np.ndarray, tokens: tuple[str, ...], name: str, kind: str = "lstm",
                 step: int | None = None, height: int = 250) -> go.Figure:
    """One gate over time, (T, H) drawn as units x words, its value in every cell and on hover."""
    values = np.asarray(values, dtype=float)                    # (T, H)
    steps, units = values.shape
    zrange = GATES[name][1]
    if zrange is None:
        peak = float(np.abs(values).max()) or 1.0
        zrange = (-peak, peak)
    gate_like = zrange == (0.0, 1.0)
    words = np.broadcast_to(np.array(tokens, dtype=object), (units, steps))
    trace = go.Heatmap(
        z=values.T, x=list(range(steps)), y=[f"unit {u}" for u in range(units)], customdata=words,
        colorscale=GATE_SCALE if gate_like else DIVERGING, zmin=zrange[0], zmax=zrange[1], xgap=1, ygap=1,
        colorbar=dict(thickness=10, len=0.9),
        hovertemplate="word %{customdata} (step %{x})<br>%{y}: %{z:.3f}<extra></extra>")
    if steps <= 32:
        trace.update(text=np.round(values.T, 1), texttemplate="%{text:.1f}", textfont=dict(size=9))
    fig = go.Figure(trace, layout=_LIGHT)
    _time_axis(fig, tokens)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    if step is not None:
        fig.add_vrect(x0=step - 0.5, x1=step + 0.5, line=dict(color="#d62728", width=2))
    return base_layout(fig, gate_name(name, kind), height)


def unit_curves(trace: dict[str, np.ndarray], unit: int, tokens: tuple[str, ...], kind: str = "lstm",
                height: int = 300) -> go.Figure:
    """Every gate of one unit over time, one line each."""
    fig = go.Figure(layout=_LIGHT)
    names = [k.split(".", 1)[1] for k in trace if k.startswith("cell.")]
    for i, name in enumerate(names):
        fig.add_trace(go.Scatter(x=list(range(len(tokens))), y=trace[f"cell.{name}"][:, unit], mode="lines+markers",
                                 name=gate_name(name, kind), line=dict(color=CLASS_COLORS[i % 10], width=2.5),
                                 customdata=list(tokens), hovertemplate="%{customdata}: %{y:.3f}"))
    _time_axis(fig, tokens)
    fig.update_yaxes(zeroline=True, zerolinecolor="#bbb", gridcolor="#eee")
    return base_layout(fig, f"unit {unit} over time", height, hovermode="x unified",
                       legend=dict(orientation="h", y=-0.35, x=0, yanchor="top"))


# ----- the conveyor belt ----------------------------------------------------------------------------
def _green(value: float) -> str:
    v = float(np.clip(value, 0.0, 1.0))
    return f"rgb({int(247 - 221 * v)},{int(247 - 120 * v)},{int(247 - 192 * v)})"


def _box(fig, x, y, label, value, color=None, w=0.8, h=0.6):
    fig.add_shape(type="rect", x0=x - w / 2, x1=x + w / 2, y0=y - h / 2, y1=y + h / 2,
                  fillcolor=color or _green(value), line=dict(color="#333", width=1.5))
    ink = "#fff" if color is None and value > 0.55 else "#111"
    fig.add_annotation(x=x, y=y, text=f"{label}<br><b>{value:.2f}</b>", showarrow=False,
                       font=dict(size=13, color=ink))


def _op(fig, x, y, symbol):
    fig.add_shape(type="circle", x0=x - 0.22, x1=x + 0.22, y0=y - 0.22, y1=y + 0.22,
                  fillcolor="#fff7d6", line=dict(color="#333", width=1.5))
    fig.add_annotation(x=x, y=y, text=f"<b>{symbol}</b>", showarrow=False, font=dict(size=15))


def _wire(fig, points, width=2.0, color="#555", dash=None):
    xs, ys = zip(*points)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=color, width=width, dash=dash),
                             hoverinfo="skip", showlegend=False))


def _note(fig, x, y, text, size=13, color="#222", anchor="center"):
    fig.add_annotation(x=x, y=y, text=text, showarrow=False, font=dict(size=size, color=color), xanchor=anchor)


def _belt_width(value: float) -> float:
    return 2.0 + 6.0 * min(1.0, abs(value))


def lstm_belt(values: dict[str, float], word: str, step: int, unit: int, variant: str = "lstm",
              height: int = 380) -> go.Figure:
    """The cell of lecture 002 for one unit at one step: the belt C_{t-1} -> × f -> + i·C~ -> C_t."""
    f, i, c_tilde = values["forget_gate"], values["input_gate"], values["candidate"]
    c_prev, c, o, h = values["c_prev"], values["cell_state"], values["output_gate"], values["hidden"]
    fig = go.Figure(layout=_LIGHT)
    belt = "#1f77b4" if c >= 0 else "#d62728"
    _wire(fig, [(0, 5), (3, 5)], _belt_width(c_prev), belt)
    _wire(fig, [(3, 5), (5.5, 5)], _belt_width(f * c_prev), belt)
    _wire(fig, [(5.5, 5), (10, 5)], _belt_width(c), belt)
    _wire(fig, [(0, 0.6), (7.6, 0.6)])                                    # [h_{t-1}, x_t] bus
    for x in (3, 4.8, 6.2, 7.6):
        _wire(fig, [(x, 0.6), (x, 1.7)])
    _wire(fig, [(3, 2.3), (3, 4.78)])
    _wire(fig, [(4.8, 2.3), (4.8, 3.4), (5.28, 3.4)])
    _wire(fig, [(6.2, 2.3), (6.2, 3.4), (5.72, 3.4)])
    _wire(fig, [(5.5, 3.62), (5.5, 4.78)])
    _wire(fig, [(8.6, 5), (8.6, 3.92)])
    _wire(fig, [(8.6, 3.48), (8.6, 2.72)])
    _wire(fig, [(7.6, 2.3), (7.6, 2.5), (8.38, 2.5)])
    _wire(fig, [(8.82, 2.5), (10, 2.5)], 3)
    if variant == "peephole":
        for x in (3, 4.8, 7.6):
            _wire(fig, [(x - 0.3, 5), (x - 0.3, 2.3)], 1.2, "#888", "dot")
    _op(fig, 3, 5, "×")
    _op(fig, 5.5, 5, "+")
    _op(fig, 5.5, 3.4, "×")
    _op(fig, 8.6, 2.5, "×")
    fig.add_shape(type="rect", x0=8.2, x1=9.0, y0=3.48, y1=3.92, fillcolor="#fde8e8", line=dict(color="#333"))
    _note(fig, 8.6, 3.7, "tanh", 12)
    _box(fig, 3, 2, "σ  f<sub>t</sub>", f)
    _box(fig, 4.8, 2, "1 − f<sub>t</sub>" if variant == "coupled" else "σ  i<sub>t</sub>", i)
    _box(fig, 6.2, 2, "tanh  C̃<sub>t</sub>", c_tilde, "#fde8e8")
    _box(fig, 7.6, 2, "σ  o<sub>t</sub>", o)
    _note(fig, 0, 5.45, f"C<sub>t-1</sub> = <b>{c_prev:.2f}</b>", anchor="left")
    _note(fig, 10, 5.45, f"C<sub>t</sub> = <b>{c:.2f}</b>", anchor="right")
    _note(fig, 3, 5.8, f"keeps {f:.0%} of the memory: {f * c_prev:+.2f}", 12, "#1a7f37")
    _note(fig, 6.3, 4.3, f"writes i·C̃ = {i * c_tilde:+.2f}", 12, "#1a7f37")
    _note(fig, 9.95, 2.8, f"h<sub>t</sub> = <b>{h:.2f}</b>", anchor="right")
    _note(fig, 8.6, 1.2, f"shows {o:.0%} of tanh(C<sub>t</sub>) = {np.tanh(c):+.2f}", 12, "#1a7f37")
    _note(fig, 0, 0.25, f"h<sub>t-1</sub>, x<sub>t</sub> = “{word}”", anchor="left")
    return _belt_layout(fig, f"unit {unit} at step {step} (“{word}”)", height)


def gru_belt(values: dict[str, float], word: str, step: int, unit: int, height: int = 380) -> go.Figure:
    """The GRU for one unit at one step: h_{t-1} -> × (1 - z) -> + z·h~ -> h_t."""
    z, r, h_tilde = values["update_gate"], values["relevance_gate"], values["candidate"]
    h_prev, h = values["h_prev"], values["hidden"]
    fig = go.Figure(layout=_LIGHT)
    belt = "#1f77b4" if h >= 0 else "#d62728"
    _wire(fig, [(0, 5), (3, 5)], _belt_width(h_prev), belt)
    _wire(fig, [(3, 5), (6, 5)], _belt_width((1 - z) * h_prev), belt)
    _wire(fig, [(6, 5), (10, 5)], _belt_width(h), belt)
    _wire(fig, [(0, 0.6), (7, 0.6)])
    for x in (3, 4.6, 7):
        _wire(fig, [(x, 0.6), (x, 1.7)])
    _wire(fig, [(3, 2.3), (3, 4.78)])
    _wire(fig, [(3, 3.4), (5.78, 3.4)])
    _wire(fig, [(4.6, 2.3), (4.6, 2.9), (7, 2.9)], 1.2, "#888", "dot")
    _wire(fig, [(7, 2.3), (7, 3.4), (6.22, 3.4)])
    _wire(fig, [(6, 3.62), (6, 4.78)])
    _op(fig, 3, 5, "× (1−z)")
    _op(fig, 6, 5, "+")
    _op(fig, 6, 3.4, "×")
    _box(fig, 3, 2, "σ  z<sub>t</sub>", z)
    _box(fig, 4.6, 2, "σ  r<sub>t</sub>", r)
    _box(fig, 7, 2, "tanh  h̃<sub>t</sub>", h_tilde, "#fde8e8")
    _note(fig, 0, 5.45, f"h<sub>t-1</sub> = <b>{h_prev:.2f}</b>", anchor="left")
    _note(fig, 10, 5.45, f"h<sub>t</sub> = <b>{h:.2f}</b>", anchor="right")
    _note(fig, 3, 5.8, f"keeps {1 - z:.0%} of the memory: {(1 - z) * h_prev:+.2f}", 12, "#1a7f37")
    _note(fig, 7.2, 4.3, f"writes z·h̃ = {z * h_tilde:+.2f}", 12, "#1a7f37")
    _note(fig, 5.8, 2.6, f"r = {r:.0%} of h<sub>t-1</sub> is relevant to h̃", 11, "#555", "left")
    _note(fig, 0, 0.25, f"h<sub>t-1</sub>, x<sub>t</sub> = “{word}”", anchor="left")
    return _belt_layout(fig, f"unit {unit} at step {step} (“{word}”)", height)


def _belt_layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_xaxes(visible=False, range=[-0.2, 10.2])
    fig.update_yaxes(visible=False, range=[0, 6.1])
    return base_layout(fig, title, height, showlegend=False)


def belt_values(trace: dict[str, np.ndarray], step: int, unit: int) -> dict[str, float]:
    """The numbers one unit's diagram shows at one step, with the previous memory (0 before step 0)."""
    values = {k.split(".", 1)[1]: float(v[step, unit]) for k, v in trace.items() if k.startswith("cell.")}
    if "cell.cell_state" in trace:
        values["c_prev"] = float(trace["cell.cell_state"][step - 1, unit]) if step > 0 else 0.0
    values["h_prev"] = float(trace["cell.hidden"][step - 1, unit]) if step > 0 else 0.0
    return values


# ----- the equations as the lectures write them ----------------------------------------------------
EQUATIONS = {
    "lstm": [r"f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f)", r"i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + b_i)",
             r"\tilde{C}_t = \tanh(W_C \cdot [h_{t-1}, x_t] + b_C)", r"C_t = f_t * C_{t-1} + i_t * \tilde{C}_t",
             r"o_t = \sigma(W_o \cdot [h_{t-1}, x_t] + b_o)", r"h_t = o_t * \tanh(C_t)"],
    "peephole": [r"f_t = \sigma(W_f \cdot [C_{t-1}, h_{t-1}, x_t] + b_f)",
                 r"i_t = \sigma(W_i \cdot [C_{t-1}, h_{t-1}, x_t] + b_i)",
                 r"o_t = \sigma(W_o \cdot [C_t, h_{t-1}, x_t] + b_o)"],
    "coupled": [r"C_t = f_t * C_{t-1} + (1 - f_t) * \tilde{C}_t"],
    "gru": [r"z_t = \sigma(W_z \cdot [h_{t-1}, x_t] + b_z)", r"r_t = \sigma(W_r \cdot [h_{t-1}, x_t] + b_r)",
            r"\tilde{h}_t = \tanh(W \cdot [r_t * h_{t-1}, x_t] + b)", r"h_t = (1 - z_t) * h_{t-1} + z_t * \tilde{h}_t"],
    "rnn": [r"a^{<t>} = \tanh(W_a [a^{<t-1>}, x^{<t>}] + b_a)"],
}
