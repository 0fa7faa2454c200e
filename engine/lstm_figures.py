"""Figures for the LSTM gates page: gates over time, one unit's curves, and the cell's conveyor belt."""

from __future__ import annotations

import html
import math
import re

import numpy as np
import plotly.graph_objects as go

from engine.figures import CLASS_COLORS, DIVERGING, FONT_SIZE

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
GATE_SCALE = [[0.0, "#f7f7f7"], [1.0, "#1a7f37"]]  # 0 = closed (white), 1 = open (green)


def gate_name(name: str, kind: str) -> str:
    return GRU_NAMES.get(name, GATES[name][0]) if kind == "gru" else GATES[name][0]


# Figures are built in one constructor call from plain dicts: plotly validates every update_* and
# add_* call separately, which made a page of eight figures five times slower than this.
def _layout(title: str, height: int, **extra) -> dict:
    """The look of engine.figures.base_layout, as one dict (no default template: smaller and faster).

    Margins are fixed: plotly's automatic margins redraw a chart several times in the browser.
    """
    extra.setdefault("margin", dict(l=10, r=10, t=40 if title else 10, b=10))
    return dict(
        template="none",
        title=dict(text=title, x=0.0, xanchor="left", font=dict(size=FONT_SIZE + 2)),
        font=dict(size=FONT_SIZE),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        height=height,
        **extra,
    )


def _time_axis(tokens: tuple[str, ...]) -> dict:
    words = [t if len(t) <= WORD_CHARS else t[: WORD_CHARS - 1] + "…" for t in tokens]
    return dict(
        tickmode="array",
        tickvals=list(range(len(tokens))),
        ticktext=words,
        tickangle=-60,
        showgrid=False,
        zeroline=False,
        automargin=False,
    )


WORD_CHARS = 14  # a longer word is cut in the axis (its whole text is in the hover)
NUMBERED_WORDS = 13  # beside the answer, a map's cells hold "-0.2" for up to 13 words (measured, both views)


def words_room(tokens: tuple[str, ...], font_px: float) -> int:
    """Pixels under a map for its words, written at -60°: the longest one's height, and a gap."""
    longest = max((min(len(t), WORD_CHARS + 1) for t in tokens), default=1)
    return max(75, round(0.6 * font_px * longest * math.sin(math.radians(60)) + 0.5 * font_px + 24))


def gates_figure(
    trace: dict[str, np.ndarray],
    tokens: tuple[str, ...],
    kind: str = "lstm",
    text_scale: float = 1.0,
    map_height: int = 195,
) -> go.Figure:
    """Every gate, the cell state and h_t as units x words heatmaps, two per row, in ONE figure.

    One figure of six maps draws several times faster in the browser than six figures of one map.
    `text_scale`: how much bigger the page writes the words (presenter view): they get the room they need
    under each map, never over the next map's title.
    """
    names = [k.split(".", 1)[1] for k in trace if k.startswith("cell.")]
    rows = (len(names) + 1) // 2
    title_px, ticks_px = 28, words_room(tokens, FONT_SIZE * text_scale)  # room above (title), below (words)
    row_height = map_height + ticks_px
    height = rows * row_height + 40
    data, layout = [], {}
    for n, name in enumerate(names):
        values = np.asarray(trace[f"cell.{name}"], dtype=float)  # (T, H)
        row, col = divmod(n, 2)
        top = 1 - (row * row_height + title_px + 10) / height
        bottom = 1 - ((row + 1) * row_height - ticks_px + 10) / height
        left, right = (0.06, 0.44) if col == 0 else (0.57, 0.95)
        zrange = GATES[name][1] or (lambda peak: (-peak, peak))(float(np.abs(values).max()) or 1.0)
        axis = "" if n == 0 else str(n + 1)
        data.append(
            dict(
                type="heatmap",
                z=values.T.astype(np.float32),
                x=list(range(len(tokens))),
                y=[f"unit {u}" for u in range(values.shape[1])],
                text=[list(tokens)] * values.shape[1],
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                colorscale=GATE_SCALE if zrange == (0.0, 1.0) else DIVERGING,
                zmin=zrange[0],
                zmax=zrange[1],
                xgap=1,
                ygap=1,
                textfont=dict(size=9),
                texttemplate="%{z:.1f}" if len(tokens) <= NUMBERED_WORDS else "",  # else only in the hover
                colorbar=dict(
                    thickness=10,
                    len=(top - bottom),
                    y=(top + bottom) / 2,
                    x=right + 0.005,
                    xanchor="left",
                    yanchor="middle",
                ),
                hovertemplate=f"{gate_name(name, kind)}<br>word “%{{text}}” (step %{{x}})"
                "<br>%{y}: %{z:.3f}<extra></extra>",
            )
        )
        layout[f"xaxis{axis}"] = dict(_time_axis(tokens), domain=[left, right], anchor=f"y{axis}")
        layout[f"yaxis{axis}"] = dict(
            domain=[bottom, top], anchor=f"x{axis}", autorange="reversed", showgrid=False, automargin=False
        )
    notes = [
        dict(
            text=f"<b>{gate_name(name, kind)}</b>",
            x=(0.06 if n % 2 == 0 else 0.57),
            xanchor="left",
            y=1 - ((n // 2) * row_height + 4) / height,
            yanchor="top",
            xref="paper",
            yref="paper",
            showarrow=False,
            font=dict(size=FONT_SIZE + 1),
        )
        for n, name in enumerate(names)
    ]
    return go.Figure(
        {
            "data": data,
            "layout": _layout("", height, annotations=notes, margin=dict(l=10, r=10, t=10, b=10), **layout),
        },
        _validate=False,
    )  # plain dicts, not validated: validation cost more than drawing


def unit_curves(
    trace: dict[str, np.ndarray], unit: int, tokens: tuple[str, ...], kind: str = "lstm", height: int = 340
) -> go.Figure:
    """Every gate of one unit over time, one line each."""
    names = [k.split(".", 1)[1] for k in trace if k.startswith("cell.")]
    lines = [
        dict(
            type="scatter",
            x=list(range(len(tokens))),
            y=trace[f"cell.{name}"][:, unit].astype(float),
            mode="lines+markers",
            name=gate_name(name, kind),
            line=dict(color=CLASS_COLORS[i % 10], width=2.5),
            text=list(tokens),
            hovertemplate="%{text}: %{y:.3f}",
        )
        for i, name in enumerate(names)
    ]
    return go.Figure(
        {
            "data": lines,
            "layout": _layout(
                f"unit {unit} over time",
                height,
                hovermode="x unified",
                xaxis=_time_axis(tokens),
                yaxis=dict(zeroline=True, zerolinecolor="#bbb", gridcolor="#eee", automargin=False),
                margin=dict(l=40, r=200, t=40, b=70),
                legend=dict(x=1.02, y=1, xanchor="left", yanchor="top"),
            ),
        },
        _validate=False,
    )


# ----- the conveyor belt ----------------------------------------------------------------------------
def _green(value: float) -> str:
    v = float(np.clip(value, 0.0, 1.0))
    return f"rgb({int(247 - 221 * v)},{int(247 - 120 * v)},{int(247 - 192 * v)})"


class _Drawing:
    """An SVG diagram in the coordinates of the slides' cell picture: x in [0, 10], y in [0, 6] (up).

    An SVG shown as a picture swaps in at once, where a plotly chart of forty shapes took hundreds of
    milliseconds to redraw on every move of the step slider. Every word drawn is XML-escaped first.
    """

    SCALE = 60

    def __init__(self):
        self.parts: list[str] = []

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return round((x + 0.2) * self.SCALE, 1), round((6.7 - y) * self.SCALE, 1)

    def box(self, x, y, label, value, color=None, w=1.0, h=0.75):
        x0, y0 = self._xy(x - w / 2, y + h / 2)
        self.parts.append(
            f'<rect x="{x0}" y="{y0}" width="{w * self.SCALE}" height="{h * self.SCALE}" '
            f'fill="{color or _green(value)}" stroke="#333" stroke-width="1.5"/>'
        )
        ink = "#fff" if color is None and value > 0.55 else "#111"
        self.note(x, y, f"{label}<br><b>{value:.2f}</b>", 15, ink)

    def op(self, x, y, symbol):
        cx, cy = self._xy(x, y)
        self.parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{0.22 * self.SCALE}" fill="#fff7d6" stroke="#333" '
            'stroke-width="1.5"/>'
        )
        self.note(x, y, f"<b>{symbol}</b>", 17)

    def rect(self, x0, y0, x1, y1, fill):
        left, top = self._xy(x0, y1)
        self.parts.append(
            f'<rect x="{left}" y="{top}" width="{(x1 - x0) * self.SCALE:.1f}" '
            f'height="{(y1 - y0) * self.SCALE:.1f}" fill="{fill}" stroke="#333"/>'
        )

    def wire(self, points, width=2.0, color="#555", dash=None):
        path, pen_up = [], True
        for point in points:
            if point is None:  # None lifts the pen
                pen_up = True
                continue
            path.append(("M" if pen_up else "L") + "%s %s" % self._xy(*point))
            pen_up = False
        dashes = ' stroke-dasharray="3 4"' if dash else ""
        self.parts.append(
            f'<path d="{" ".join(path)}" fill="none" stroke="{color}" stroke-width="{width:.1f}"{dashes}/>'
        )

    def note(self, x, y, markup, size=15, color="#222", anchor="center"):
        """Text with the slides' <b>, <sub> and <br>; anything else in it is escaped."""
        cx, cy = self._xy(x, y)
        lines = markup.split("<br>")
        spans = "".join(
            f'<tspan x="{cx}" dy="{(-0.6 * (len(lines) - 1) if k == 0 else 1.2):.1f}em">{_rich(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        self.parts.append(
            f'<text x="{cx}" y="{cy}" font-size="{size}" fill="{color}" dominant-baseline="middle" '
            f'text-anchor="{ {"center": "middle", "left": "start", "right": "end"}[anchor] }">'
            f"{spans}</text>"
        )

    def svg(self, title: str) -> str:
        width, height = 10.8 * self.SCALE, 6.8 * self.SCALE
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'font-family="sans-serif">'
        )
        return head + "".join(self.parts) + _title(title) + "</svg>"


_TAGS = {
    "<b>": '<tspan font-weight="bold">',
    "</b>": "</tspan>",
    "<sub>": '<tspan baseline-shift="sub" font-size="75%">',
    "</sub>": "</tspan>",
}


def _rich(line: str) -> str:
    return "".join(_TAGS.get(piece, piece) for piece in re.split(r"(</?b>|</?sub>)", line))


def _title(text: str) -> str:
    return f'<text x="10" y="28" font-size="19" font-weight="bold" fill="#222">{text}</text>'


def _word(word: str) -> str:
    """A user's word, safe inside the SVG (and so inside the picture the browser shows)."""
    return html.escape(word, quote=True)


def _belt_width(value: float) -> float:
    return 2.0 + 6.0 * min(1.0, abs(value))


def lstm_belt(
    values: dict[str, float],
    word: str,
    step: int,
    unit: int,
    variant: str = "lstm",
) -> str:
    """The cell of lecture 002 for one unit at one step, as SVG: the belt C_{t-1} -> × f -> + i·C~ -> C_t."""
    f, i, c_tilde = values["forget_gate"], values["input_gate"], values["candidate"]
    c_prev, c, o, h = values["c_prev"], values["cell_state"], values["output_gate"], values["hidden"]
    d = _Drawing()
    belt = "#1f77b4" if c >= 0 else "#d62728"
    d.wire([(0, 5), (3, 5)], _belt_width(c_prev), belt)
    d.wire([(3, 5), (5.5, 5)], _belt_width(f * c_prev), belt)
    d.wire([(5.5, 5), (10.5, 5)], _belt_width(c), belt)
    d.wire(
        [
            (0, 0.6),
            (7.6, 0.6),
            None,
            (3, 0.6),
            (3, 1.7),
            None,
            (4.8, 0.6),
            (4.8, 1.7),
            None,
            (6.2, 0.6),
            (6.2, 1.7),
            None,
            (7.6, 0.6),
            (7.6, 1.7),
            None,
            (3, 2.3),
            (3, 4.78),
            None,
            (4.8, 2.3),
            (4.8, 3.4),
            (5.28, 3.4),
            None,
            (6.2, 2.3),
            (6.2, 3.4),
            (5.72, 3.4),
            None,
            (5.5, 3.62),
            (5.5, 4.78),
            None,
            (8.6, 5),
            (8.6, 3.92),
            None,
            (8.6, 3.48),
            (8.6, 2.72),
            None,
            (7.6, 2.3),
            (7.6, 2.5),
            (8.38, 2.5),
        ]
    )  # [h_{t-1}, x_t] into every gate
    d.wire([(8.82, 2.5), (10.5, 2.5)], 3)
    if variant == "peephole":
        d.wire([p for x in (3, 4.8, 7.6) for p in ((x - 0.3, 5), (x - 0.3, 2.3), None)], 1.2, "#888", "dot")
    for x, y, symbol in ((3, 5, "×"), (5.5, 5, "+"), (5.5, 3.4, "×"), (8.6, 2.5, "×")):
        d.op(x, y, symbol)
    d.rect(8.2, 3.48, 9.0, 3.92, "#fde8e8")
    d.note(8.6, 3.7, "tanh", 14)
    d.box(3, 2, "σ  f<sub>t</sub>", f)
    d.box(4.8, 2, "1 − f<sub>t</sub>" if variant == "coupled" else "σ  i<sub>t</sub>", i)
    d.box(6.2, 2, "tanh C̃<sub>t</sub>", c_tilde, "#fde8e8")
    d.box(7.6, 2, "σ  o<sub>t</sub>", o)
    d.note(0, 5.45, f"C<sub>t-1</sub> = <b>{c_prev:.2f}</b>", anchor="left")
    d.note(10.5, 5.45, f"C<sub>t</sub> = <b>{c:.2f}</b>", anchor="right")
    d.note(3, 5.8, f"keeps {f:.0%} of the memory: {f * c_prev:+.2f}", 15, "#1a7f37")
    d.note(5.75, 4.3, f"writes i·C̃ = {i * c_tilde:+.2f}", 15, "#1a7f37", "left")
    d.note(10.5, 2.85, f"h<sub>t</sub> = <b>{h:.2f}</b>", anchor="right")
    d.note(9.4, 1.3, f"shows {o:.0%} of<br>tanh(C<sub>t</sub>) = {np.tanh(c):+.2f}", 14, "#1a7f37")
    d.note(0, 0.25, f"h<sub>t-1</sub>, x<sub>t</sub> = “{_word(word)}”", anchor="left")
    return d.svg(f"unit {unit} at step {step} (“{_word(word)}”)")


def gru_belt(values: dict[str, float], word: str, step: int, unit: int) -> str:
    """The GRU for one unit at one step, as SVG: h_{t-1} -> × (1 - z) -> + z·h~ -> h_t."""
    z, r, h_tilde = values["update_gate"], values["relevance_gate"], values["candidate"]
    h_prev, h = values["h_prev"], values["hidden"]
    d = _Drawing()
    belt = "#1f77b4" if h >= 0 else "#d62728"
    d.wire([(0, 5), (3, 5)], _belt_width(h_prev), belt)
    d.wire([(3, 5), (6, 5)], _belt_width((1 - z) * h_prev), belt)
    d.wire([(6, 5), (10.5, 5)], _belt_width(h), belt)
    d.wire(
        [
            (0, 0.6),
            (7, 0.6),
            None,
            (3, 0.6),
            (3, 1.7),
            None,
            (4.6, 0.6),
            (4.6, 1.7),
            None,
            (7, 0.6),
            (7, 1.7),
            None,
            (3, 2.3),
            (3, 4.78),
            None,
            (3, 3.4),
            (5.78, 3.4),
            None,
            (7, 2.3),
            (7, 3.4),
            (6.22, 3.4),
            None,
            (6, 3.62),
            (6, 4.78),
        ]
    )
    d.wire([(4.6, 2.3), (4.6, 2.9), (7, 2.9)], 1.2, "#888", "dot")
    d.op(3, 5, "×")
    d.op(6, 5, "+")
    d.op(6, 3.4, "×")
    d.box(3, 2, "σ  z<sub>t</sub>", z)
    d.box(4.6, 2, "σ  r<sub>t</sub>", r)
    d.box(7, 2, "tanh h̃<sub>t</sub>", h_tilde, "#fde8e8")
    d.note(0, 5.45, f"h<sub>t-1</sub> = <b>{h_prev:.2f}</b>", anchor="left")
    d.note(10.5, 5.45, f"h<sub>t</sub> = <b>{h:.2f}</b>", anchor="right")
    d.note(3, 5.8, f"keeps {1 - z:.0%} of the memory: {(1 - z) * h_prev:+.2f}", 15, "#1a7f37")
    d.note(6.25, 4.3, f"writes z·h̃ = {z * h_tilde:+.2f}", 15, "#1a7f37", "left")
    d.note(7.6, 2.0, f"r = {r:.0%} of h<sub>t-1</sub><br>is relevant to h̃", 14, "#555", "left")
    d.note(0, 0.25, f"h<sub>t-1</sub>, x<sub>t</sub> = “{_word(word)}”", anchor="left")
    return d.svg(f"unit {unit} at step {step} (“{_word(word)}”)")


def belt_values(trace: dict[str, np.ndarray], step: int, unit: int) -> dict[str, float]:
    """The numbers one unit's diagram shows at one step, with the previous memory (0 before step 0)."""
    values = {k.split(".", 1)[1]: float(v[step, unit]) for k, v in trace.items() if k.startswith("cell.")}
    if "cell.cell_state" in trace:
        values["c_prev"] = float(trace["cell.cell_state"][step - 1, unit]) if step > 0 else 0.0
    values["h_prev"] = float(trace["cell.hidden"][step - 1, unit]) if step > 0 else 0.0
    return values


# ----- the equations as the lectures write them ----------------------------------------------------
EQUATIONS = {
    "lstm": [
        r"f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f)",
        r"i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + b_i)",
        r"\tilde{C}_t = \tanh(W_C \cdot [h_{t-1}, x_t] + b_C)",
        r"C_t = f_t * C_{t-1} + i_t * \tilde{C}_t",
        r"o_t = \sigma(W_o \cdot [h_{t-1}, x_t] + b_o)",
        r"h_t = o_t * \tanh(C_t)",
    ],
    "peephole": [
        r"f_t = \sigma(W_f \cdot [C_{t-1}, h_{t-1}, x_t] + b_f)",
        r"i_t = \sigma(W_i \cdot [C_{t-1}, h_{t-1}, x_t] + b_i)",
        r"o_t = \sigma(W_o \cdot [C_t, h_{t-1}, x_t] + b_o)",
    ],
    "coupled": [r"C_t = f_t * C_{t-1} + (1 - f_t) * \tilde{C}_t"],
    # decks 001 and 002 write the GRU without biases; our cells have them, as deck 003 writes (GRU_DIFFERENCE)
    "gru": [
        r"z_t = \sigma(W_z \cdot [h_{t-1}, x_t])",
        r"r_t = \sigma(W_r \cdot [h_{t-1}, x_t])",
        r"\tilde{h}_t = \tanh(W \cdot [r_t * h_{t-1}, x_t])",
        r"h_t = (1 - z_t) * h_{t-1} + z_t * \tilde{h}_t",
    ],
    "rnn": [r"a^{<t>} = \tanh(W_a [a^{<t-1>}, x^{<t>}] + b_a)"],
}


GRU_DIFFERENCE = (
    "Ours adds a bias to each line, b_z, b_r and b, as lecture 003 writes its GRU "
    "(b_u, b_r, b_c); decks 001 and 002 leave them out."
)


def cell_equations(kind: str) -> list[str]:
    """The whole cell of one kind, the lecture's LSTM lines with the variant's lines swapped in."""
    f, i, c_tilde, c, o, h = EQUATIONS["lstm"]
    if kind == "peephole":
        f, i, o = EQUATIONS["peephole"]
        return [f, i, c_tilde, c, o, h]
    if kind == "coupled":
        return [f, c_tilde, EQUATIONS["coupled"][0], o, h]
    return EQUATIONS[kind]
