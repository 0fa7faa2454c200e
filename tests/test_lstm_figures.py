"""The gates page's figures: one heatmap per gate with the words on its axis, and a safe SVG belt."""

import numpy as np

from engine import lstm_figures as figs
from engine.agreement import AGREEMENT
from engine.lstm import Config, build, trace


def _trace(kind="lstm"):
    model = build(Config(cell=kind, hidden=4, embed=3))
    encoded = AGREEMENT.encode("The cats, which ate the fish, were full")
    return trace(model, encoded.ids), encoded.tokens


def test_gates_figure_draws_every_gate_over_the_words():
    out, tokens = _trace()
    fig = figs.gates_figure(out, tokens)
    assert [t.type for t in fig.data] == ["heatmap"] * 6
    assert np.allclose(fig.data[3].z, out["cell.cell_state"].T)  # units x words
    assert list(fig.layout.xaxis4.ticktext) == list(tokens)
    assert "cell state C_t" in [a.text.strip("<b>/") for a in fig.layout.annotations]
    assert len(figs.gates_figure(_trace("gru")[0], tokens, "gru").data) == 4


def test_belt_shows_the_live_values_and_escapes_the_word():
    out, tokens = _trace()
    values = figs.belt_values(out, 2, 1)
    assert values["c_prev"] == out["cell.cell_state"][1, 1]
    svg = figs.lstm_belt(values, '<img src=x onerror="alert(1)">', 2, 1)
    assert svg.startswith("<svg") and "<img" not in svg and "&lt;img" in svg
    assert f"{values['forget_gate']:.2f}" in svg
    gru_out, _ = _trace("gru")
    assert "z<tspan" in figs.gru_belt(figs.belt_values(gru_out, 0, 0), "cats", 0, 0)


def test_each_cell_is_written_out_whole():
    assert len(figs.cell_equations("lstm")) == 6 and len(figs.cell_equations("gru")) == 4
    assert "C_{t-1}, h_{t-1}" in figs.cell_equations("peephole")[0]
    assert any("(1 - f_t)" in line for line in figs.cell_equations("coupled"))
