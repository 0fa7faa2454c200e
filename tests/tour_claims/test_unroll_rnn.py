"""Every number and string the Unroll an RNN tour (and the learning-rate help) claims, recomputed with
the page's engine and the scene's own settings."""

import numpy as np
import pytest

from engine import rnn, tours

SCENES = tours.load("unroll_rnn")
DATA = rnn.HelloData()


def _cfg(scene: tours.Scene) -> rnn.Config:
    s = scene.settings
    return rnn.Config(
        hidden_size=s["unroll_rnn-hidden"],
        learning_rate=s["unroll_rnn-lr"],
        steps=s["unroll_rnn-steps"],
        seed=s["unroll_rnn-seed"],
    )


def _trained(cfg: rnn.Config):
    """The model after cfg.steps steps, and every step's metrics."""
    model, rows = rnn.build(cfg), []
    rnn.train(model, DATA, cfg, on_step=lambda step, metrics: rows.append(metrics))
    return rnn.trace(model, DATA.inputs), rows


def _said(trace) -> str:
    return rnn.predicted_text(trace["output.scores"])


def test_scene_1_untrained_says_oolo():
    scene = SCENES[0]
    assert "'oolo' instead of 'ello'" in scene.narration
    assert _said(rnn.trace(rnn.build(_cfg(scene)), DATA.inputs)) == "oolo"


def test_scene_2_the_confidences_after_h():
    scene = SCENES[1]
    scores = rnn.trace(rnn.build(_cfg(scene)), DATA.inputs)["output.scores"][0]
    written = ", ".join(f"{ch} {v:.2f}" for ch, v in zip(rnn.VOCAB, scores))
    assert f"here the equations for t = 1 give {written}." in scene.narration  # h 0.05, e -0.66 ...


def test_scene_4_learns_at_step_27_and_the_softmax_sits_on_the_targets():
    scene = SCENES[3]
    cfg = _cfg(scene)
    assert (
        "within 300 steps the network says 'ello' (first at step 27)" in scene.narration and cfg.steps == 300
    )
    assert rnn.steps_to_learn(cfg) == 27
    trace, _ = _trained(cfg)
    assert _said(trace) == "ello"
    assert trace["output.probs"][np.arange(4), DATA.targets.numpy()].min() > 0.95  # "almost all"


def test_scene_5_rate_1_saturates_and_sticks_at_ln2():
    scene = SCENES[4]
    assert "sticks at 0.693 for t = 3 and t = 4, a total of 1.386" in scene.narration
    trace, rows = _trained(_cfg(scene))
    last = rows[-1]
    assert (
        f"{last['loss_t3']:.3f}" == f"{last['loss_t4']:.3f}" == "0.693" and f"{last['loss']:.3f}" == "1.386"
    )
    np.testing.assert_allclose(trace["hidden.state"][2], trace["hidden.state"][3], atol=1e-3)  # h_3 = h_4
    assert np.abs(trace["hidden.state"]).min() > 0.75  # saturated
    np.testing.assert_allclose(trace["output.probs"][2:, 2:], 0.5, atol=1e-3)  # l or o, 0.5 each
    assert not any("learned_at" in row for row in rows)  # never 'ello'


def test_scene_6_one_hidden_unit():
    scene = SCENES[5]
    cfg = _cfg(scene)
    assert "after 300 steps it still says 'elll'" in scene.narration
    assert "says 'ello' from step 991 on" in scene.narration
    assert "from 1.00 after 'h' to -0.87 after the second 'l'" in scene.narration
    short, _ = _trained(rnn.Config(**{**cfg.__dict__, "steps": 300}))
    assert _said(short) == "elll"
    trace, rows = _trained(cfg)
    assert rows[990]["learned_at"] == 991 and "learned_at" not in rows[989]
    assert all(row["correct"] == 4 for row in rows[990:])  # "from ... on"
    h = trace["hidden.state"][:, 0]
    assert f"{h[0]:.2f}" == "1.00" and f"{h[3]:.2f}" == "-0.87" and np.all(np.diff(h) < 0)  # falls each step


@pytest.fixture(scope="module")
def rate_help() -> str:
    """The learning-rate slider's help, as the page shows it."""
    from streamlit.testing.v1 import AppTest

    from pages.widgets.catalog import ROOT

    at = AppTest.from_file(str(ROOT / "pages/unroll_rnn.py"), default_timeout=60).run()
    assert not at.exception
    return at.select_slider(key="unroll_rnn-lr").help


@pytest.mark.parametrize("rate, learns_at", [(1.0, None), (3.0, None), (10.0, 5)])
def test_the_learning_rate_help(rate_help, rate, learns_at):
    assert "rates 1 and 3 never say 'ello' in 3,000 steps, while 10 lands on it at step 5" in rate_help
    assert rnn.steps_to_learn(rnn.Config(learning_rate=rate, steps=3000)) == learns_at
