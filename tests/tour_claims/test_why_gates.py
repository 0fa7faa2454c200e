"""Every number the Why gates tour (and the page's caption) claims, recomputed with the page's engine and
the scene's gap: the untrained dependence at once, the trained accuracies (600 steps) as slow tests."""

import functools
from dataclasses import replace

import numpy as np
import pytest

from engine import tours, why_gates
from engine.agreement import TASKS

SCENES = tours.load("why_gates")
TASK = TASKS["agreement"]
STEPS = 600  # "by step 600", "measured at 600 steps"


def _view(gap: int, steps: int = 0) -> dict:
    """What the page's charts show for this gap after `steps` training steps (0: the untrained view)."""
    cfg = why_gates.Config(gap=gap)
    model = why_gates.build(cfg)
    if steps:
        why_gates.train(model, TASK, replace(cfg, steps=steps))
    return why_gates.view(model, why_gates.probes(TASK, gap))


@functools.lru_cache(maxsize=4)
def _trained(gap: int) -> dict:
    return _view(gap, STEPS)


def _accuracy(view: dict, cell: str) -> dict[int, float]:
    return dict(zip(view["gaps"].tolist(), view["accuracy"][cell].tolist()))


def test_scene_1_untrained_dependence_ten_steps_back():
    """Drawn before Play: the page shows the untrained models' view (tests/apptest/test_why_gates.py)."""
    scene = SCENES[0]
    assert scene.settings["why_gates-gap"] == 10
    sensitivity = _view(10)["sensitivity"]
    rnn, lstm = (sensitivity[c][0] / sensitivity[c][10] for c in ("rnn", "lstm"))
    assert (
        f"the vanilla RNN's ‖∂h_T/∂x_t‖ is about {float(f'{rnn:.2g}'):,.0f} times smaller" in scene.narration
    )
    assert f"the LSTM's only about {lstm:.1f} times smaller" in scene.narration


def _gated_right_everywhere_rnn_at_chance(view: dict, least: float = 1.0) -> None:
    for cell in ("lstm", "gru"):
        assert min(_accuracy(view, cell).values()) >= least, cell  # 100% (90%) at every gap
    rnn = _accuracy(view, "rnn")
    assert all(0.35 <= accuracy <= 0.65 for gap, accuracy in rnn.items() if gap > 0), rnn  # chance (50%)


@pytest.mark.slow
@pytest.mark.timeout(1200)  # 600 steps of three models: minutes on a busy CPU
def test_scene_2_by_step_600_gated_cells_are_right_at_every_gap_the_rnn_at_chance():
    scene = SCENES[1]
    assert scene.settings["why_gates-gap"] == 10 and "by step 600" in scene.narration
    assert "100% at every gap, even 24 words" in scene.narration and max(why_gates.TEST_GAPS) == 24
    _gated_right_everywhere_rnn_at_chance(_trained(10))


@pytest.mark.slow
@pytest.mark.timeout(1200)  # 600 steps of three models: minutes on a busy CPU
def test_scene_3_a_short_gap_the_rnn_learns_the_trained_length_only():
    scene = SCENES[2]
    assert scene.settings["why_gates-gap"] == 3
    assert "the RNN gets gap 0 and gap 3 right, but fails at 2 and 4" in scene.narration
    view = _trained(3)
    rnn, lstm = _accuracy(view, "rnn"), _accuracy(view, "lstm")
    assert rnn[0] >= 0.9 and rnn[3] >= 0.9 and rnn[2] <= 0.65 and rnn[4] <= 0.65, rnn
    assert "The LSTM is right at (almost) every gap" in scene.narration
    assert sum(accuracy < 0.9 for accuracy in lstm.values()) <= 1, lstm


@pytest.mark.slow
@pytest.mark.timeout(1200)  # 600 steps of three models: minutes on a busy CPU
def test_scene_4_twenty_words_gated_cells_still_right_and_the_rnn_falls_to_the_bottom():
    scene = SCENES[3]
    assert scene.settings["why_gates-gap"] == 20
    assert "By step 600 the gated cells still get 90% or more right at every gap" in scene.narration
    view = _trained(20)
    _gated_right_everywhere_rnn_at_chance(view, least=0.9)  # 31 of 32 on some CPUs
    sensitivity = view["sensitivity"]
    assert sensitivity["rnn"][-1] < 1e-8 * sensitivity["rnn"][0]  # falls to the bottom
    subject = why_gates.PROBE_GAP + 2
    for cell in ("lstm", "gru"):
        assert sensitivity[cell][subject] > 1e3 * sensitivity["rnn"][subject]  # still depends on the subject


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_the_caption_measured_at_600_steps():
    view = _trained(10)
    sensitivity = view["sensitivity"]
    spread = {c: np.log10(sensitivity[c].max() / sensitivity[c].min()) for c in why_gates.CELLS}
    assert spread["lstm"] < 4 and spread["gru"] < 4 and spread["rnn"] > 10, spread  # a few powers vs over ten
    subject = why_gates.PROBE_GAP + 2
    assert sensitivity["lstm"][subject] > 1e6 * sensitivity["rnn"][subject]
