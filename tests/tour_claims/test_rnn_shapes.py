"""Every answer and number the Shapes of RNNs tour claims, recomputed with the shipped networks on the
scene's own settings (the same choice of network as the page makes)."""

import pytest

from engine import rnn_shapes as shapes
from engine import tours

SCENES = {scene.title: scene for scene in tours.load("rnn_shapes")}


@pytest.fixture(scope="module")
def nets():
    return {name: shapes.load(name) for name in shapes.VARIANTS}


def _answer(nets, scene: tours.Scene, mode: str | None = None, force=None):
    """The page's answer for a one-to-many scene: the network its settings choose, run as they say."""
    s = scene.settings
    net = nets[shapes.one_to_many_name(s["rnn_shapes-task"], s["rnn_shapes-feedback"])]
    forced = s.get("rnn_shapes-force", "no") if force is None else force
    return shapes.explain(
        net,
        [s["rnn_shapes-digit"]],
        mode or s.get("rnn_shapes-mode", "free"),
        None if forced == "no" else int(forced),
    )


def test_state_only_counts_down_from_5(nets):
    scene = SCENES["One to many: passing only the state"]
    assert "the digit 5 in, the countdown 4 3 2 1 0 out, then the end symbol ⏎" in scene.narration
    assert _answer(nets, scene).answer == "43210⏎" and scene.settings["rnn_shapes-feedback"] == "state"


def test_output_feedback_carries_a_forced_mistake_and_teacher_forcing_does_not(nets):
    scene = SCENES["Passing the output to the future"]
    assert (
        "answers 76543210⏎" in scene.narration
        and "the next input is the true one again, 73210⏎" in scene.narration
    )
    assert _answer(nets, scene).answer == "76543210⏎"
    assert _answer(nets, scene, mode="teacher").answer == "73210⏎"


def test_passing_only_y_both_halves(nets):
    scene = SCENES["Passing only the output: less powerful, trained in isolation"]
    ex = _answer(nets, scene)
    assert f"Counting up from 5 it writes {ex.answer}" in scene.narration and ex.answer == "01234567⏎"
    assert not ex.state_passed and ex.expected == "01234⏎"
    rows = {r["feedback"]: r for r in shapes.compare_feedback(lambda name: nets[name])}
    y = rows["output-only"]
    assert (
        f"gives it {y['countup']} of 10 digits counting up ({y['countdown']} of 10 counting down)"
        in scene.narration
    )
    h = rows["state"]
    assert (
        f"reaches back to {y['reach']} of the {y['steps']} steps, against {h['reach']} of {h['steps']}"
        in scene.narration
    )
    assert rows["output"]["reach"] == h["reach"]  # "when h is passed on": both such nets


def test_many_to_one_counts_the_ones(nets):
    scene = SCENES["Many to one"]
    assert "the bits 1011001" in scene.narration and "how many 1s it saw, 4" in scene.narration
    bits = shapes.parse(scene.settings["rnn_shapes-bits"], "01", shapes.MAX_BITS)
    assert shapes.explain(nets["rnn_many_to_one"], bits).answer == "4"


def test_many_to_many_one_directional_and_its_score(nets):
    scene = SCENES["Many to many: the future is missing"]
    ex = shapes.explain(nets["rnn_many_to_many"], shapes.parse("3172945", "0123456789", 9, 3))
    assert "for 3172945 it answers 3377995, not 3779995" in scene.narration
    assert (ex.answer, ex.expected) == ("3377995", "3779995")
    card = shapes.card("rnn_many_to_many")["metrics"]["accuracy"]  # the page's caption shows the card
    assert f"It answers only {card:.0%} of fresh examples" in scene.narration
    assert shapes.accuracy(nets["rnn_many_to_many"]) == pytest.approx(card, abs=0.005)


def test_bidirectional_gets_it_right(nets):
    scene = SCENES["Bidirectional RNN"]
    ex = shapes.explain(nets["rnn_many_to_many_bi"], shapes.parse("3172945", "0123456789", 9, 3))
    assert "3172945 gives 3779995, all green" in scene.narration
    assert ex.answer == "3779995" and all(ex.correct) and "hidden.backward" in ex.states


def test_encoder_decoder_reverses(nets):
    scene = SCENES["Encoder-decoder: many to one + one to many"]
    assert "The encoder reads 2468, the decoder writes it reversed, 8642⏎" in scene.narration
    ex = shapes.explain(nets["rnn_encoder_decoder"], [2, 4, 6, 8], scene.settings["rnn_shapes-mode-s2s"])
    assert ex.answer == "8642⏎"
