"""Every checkable claim of the LSTM gates tour and captions, recomputed with the page's own engine."""

import numpy as np
import pytest

from engine import lstm, lstm_assets, lstm_gates_text, tours
from engine import lstm_figures as figs

SCENES = {scene.title: scene for scene in tours.load("lstm_gates")}


def _page(title: str):
    """What the page computes for a scene's settings: the scene, the trace and the answer shown."""
    scene = SCENES[title]
    settings = scene.settings
    model, card, task = lstm_assets.load_pretrained(settings["lstm_gates-model"])
    encoded = lstm_gates_text.read(task, settings["lstm_gates-sentence"])
    target, clamp, wipe = (settings[f"lstm_gates-{k}"] for k in ("unit", "clamp", "wipe"))
    intervention = lstm.Intervention(
        clamp=None if clamp == "no clamp" else float(clamp),
        units=None if target == "all units" else (int(target.split()[1]),),
        zero_at=None if wipe == "never" else int(wipe),
    )
    trace = lstm.trace(model, encoded.ids, intervention)
    return scene, trace, lstm.answer(trace["readout.probs"][-1], task.classes), encoded


def _said(label_prob: tuple[str, float]) -> str:
    return f"{label_prob[0]} ({label_prob[1]:.0%})"


def test_the_conveyor_belt_carries_plural_in_unit_4():
    scene, trace, answer, encoded = _page("The cell state: a conveyor belt")
    assert "the model answers were" in scene.narration and answer[0] == "were"
    cell = trace["cell.cell_state"][:, 4]
    start = encoded.tokens.index("cats")
    assert (cell[start:] > 0).all()  # positive from 'cats' on
    assert "0.65 at the last comma" in scene.narration and f"{cell[-1]:.2f}" == "0.65"


def test_one_step_of_the_gates_at_cats():
    scene, trace, _, encoded = _page("Forget, input, output: one step")
    step = scene.settings["lstm_gates-step"]
    assert encoded.tokens[step] == "cats" and "At 'cats' (step 1)" in scene.narration
    for symbol, name in (
        ("f_t", "forget_gate"),
        ("i_t", "input_gate"),
        ("C~_t", "candidate"),
        ("o_t", "output_gate"),
    ):
        assert f"{symbol} = {trace[f'cell.{name}'][step, 4]:.2f}" in scene.narration
    assert f"= {trace['cell.cell_state'][step, 4]:.2f}. The" in scene.narration


def test_the_singular_keeps_a_quiet_memory_and_says_was():
    scene, trace, answer, _ = _page("The cat ... was full")
    forget = trace["cell.forget_gate"][:, 4]
    assert f"between {forget.min():.2f} and {forget.max():.2f}" in scene.narration
    assert np.abs(trace["cell.cell_state"][:, 4]).max() < 0.15  # "near zero" (the plural reaches 0.65)
    assert scene.narration.rstrip().endswith("was.") and answer[0] == "was"


def test_closing_the_forget_gate_brings_a_coin_flip():
    scene, _, answer, _ = _page("Close the forget gate")
    assert f"to a coin flip, {_said(answer)}" in scene.narration and answer[1] < 0.65
    untouched = _page("The cell state: a conveyor belt")[2]
    assert f"from were ({untouched[1]:.0%})" in scene.narration


def test_wiping_the_memory_after_the_subject_flips_the_answer():
    scene, _, answer, encoded = _page("Wipe the memory")
    assert encoded.tokens[scene.settings["lstm_gates-wipe"]] == "cat"
    assert f"turns to {_said(answer)}" in scene.narration and answer[0] == "were"
    model, _, task = lstm_assets.load_pretrained("lstm_agreement")
    untouched = lstm.answer(lstm.trace(model, encoded.ids)["readout.probs"][-1], task.classes)
    assert f"answers {_said(untouched)}" in scene.narration and untouched[0] == "was"


def test_zeroing_the_memory_zeroes_both_c_and_h_of_the_lstm():
    _, trace, _, _ = _page("Wipe the memory")
    assert not trace["cell.cell_state"][1].any() and not trace["cell.hidden"][1].any()
    assert "cell state C_t and hidden state h_t" in lstm.MEMORY_NAMES["lstm"]


def test_the_coupled_lstm_overwrites_its_memory():
    scene, _, answer, _ = _page("Variant: coupled forget and input gates")
    assert f"it now says {_said(answer)}, wrongly" in scene.narration and answer[0] == "was"


def test_the_gru_copies_its_memory_forward_until_z_is_clamped():
    scene, trace, answer, _ = _page("GRU: one update gate")
    assert f"flips to {_said(answer)}" in scene.narration and answer[0] == "was"
    model, _, task = lstm_assets.load_pretrained("gru_agreement")
    encoded = lstm_gates_text.read(task, scene.settings["lstm_gates-sentence"])
    z = lstm.trace(model, encoded.ids)["cell.update_gate"]  # untouched: (T, H)
    assert (z.mean(0) < 0.15).sum() > z.shape[1] / 2  # "close to 0 in most units"


@pytest.mark.parametrize("name", ["lstm_agreement", "gru_agreement"])
def test_the_memory_caption_is_what_the_engine_measures(name):
    """ "from 100% to 84%" (GRU) is the card's number, and recomputing it gives the same."""
    model, card, task = lstm_assets.load_pretrained(name)
    gate, memory = lstm.MEMORY_GATE[model.kind], int(card["metrics"]["memory_unit"])
    measured = lstm.accuracy(
        model, task, lstm_assets.LONG_GAP, intervention=lstm.Intervention(lstm.FORGETS[gate], (memory,))
    )
    assert measured == pytest.approx(card["metrics"]["accuracy_gap20_memory_unit_forgets"])
    encoded = lstm_gates_text.read(task, task.examples[0])
    caption = lstm_gates_text.memory_caption(
        model, card, task, encoded.ids, figs.gate_name(gate, model.kind), lstm_assets.LONG_GAP
    )
    assert f"to {measured:.0%} (guessing: 50%)" in caption
    assert "coin flip" not in caption  # 84% is not one
    clamped = lstm.trace(model, encoded.ids, lstm.Intervention(lstm.FORGETS[gate], (memory,)))
    assert (
        "it answers {} ({:.0%})".format(*lstm.answer(clamped["readout.probs"][-1], task.classes)) in caption
    )


def test_the_gru_equations_are_the_decks_own_and_the_biases_are_said():
    for line in figs.EQUATIONS["gru"]:
        assert "b" not in line.replace("\\tilde", "")  # decks 001 and 002: no biases
    assert "bias" in figs.GRU_DIFFERENCE and "003" in figs.GRU_DIFFERENCE
