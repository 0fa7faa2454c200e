"""Every number the Activations & backprop tour claims, recomputed with the page's engine and each
scene's settings (a scene starts from the seed's weights: the page forgets gradient steps taken with
other settings)."""

import numpy as np
from streamlit.testing.v1 import AppTest

from engine import backprop, tours
from pages.widgets.catalog import ROOT
from pages.widgets.links import as_setting

SCENES = tours.load("backprop")
K = "backprop"


def _record(settings: dict, steps: int = 0) -> dict:
    cfg = backprop.Config(
        activation=settings[f"{K}-activation"],
        hidden=settings[f"{K}-hidden"],
        seed=settings[f"{K}-seed"],
        learning_rate=settings.get(f"{K}-lr", 0.5),
        steps=steps,
    )
    example = backprop.Example(x=(settings[f"{K}-x1"], settings[f"{K}-x2"]), target=settings[f"{K}-target"])
    model = backprop.train(backprop.build(cfg), example, cfg)
    return backprop.backward(model, np.array(example.x), example.target)


def test_scene_1_the_step_passes_no_error_back():
    scene = SCENES[0]
    assert "every hidden node gets g_j = 0" in scene.narration
    record = _record(scene.settings)
    assert (record["hidden.g"] == 0).all() and (record["output.g"] != 0).all()


def test_scene_2_the_sigmoid_saturates_at_a_4():
    scene = SCENES[1]
    a = scene.settings[f"{K}-a"]
    slope = backprop.activation("sigmoid", np.array([a, 0.0]))[1]
    assert f"At a = {a:g} its slope is only f'(a) = σ(a)(1 − σ(a)) = {slope[0]:.3f}" in scene.narration
    assert f"against {slope[1]:.2f} at a = 0" in scene.narration
    assert any(lo <= a <= hi for lo, hi in backprop.saturated_regions("sigmoid"))  # "inside the grey band"


def test_scene_5_relu_zeroes_the_gradient_of_an_inactive_node():
    scene = SCENES[4]
    settings = scene.settings
    assert (
        f"With input ({settings[f'{K}-x1']:g}, {settings[f'{K}-x2']:g})".replace("-", "−") in scene.narration
    )
    record = _record(settings)
    h3 = 2
    assert "node h3 has a negative a_j, so g_h3 = 0 although Σ_j w_ij g_j is not zero" in scene.narration
    assert (
        record["hidden.a"][h3] < 0
        and record["hidden.g"][h3] == 0
        and abs(record["hidden.upstream"][h3]) > 0.01
    )


def test_scene_6_one_gradient_step_lowers_the_loss():
    scene = SCENES[5]
    before, after = _record(scene.settings, 0), _record(scene.settings, 1)
    assert f"η = {scene.settings[f'{K}-lr']:g}" in scene.narration
    assert (
        f"the loss falls from {float(before['loss']):.2f} to {float(after['loss']):.2f} after one step"
        in scene.narration
    )
    assert before["output.x"][1] < 0.5  # y2 is unlikely


def test_a_scene_starts_from_the_seeds_weights_after_steps_taken_elsewhere():
    """The page shows what scene 6 claims, even when gradient steps were taken before the scene."""
    at = AppTest.from_file(str(ROOT / "pages/backprop.py"), default_timeout=60).run()
    at.button(key=f"{K}-step").click().run()
    at.run()
    at.button(key=f"{K}-step").click().run()
    at.run()
    assert "after 2 gradient steps" in at.metric[0].label
    for key, value in SCENES[5].settings.items():
        at.session_state[key] = as_setting(value)  # as the tour sets a scene
    at.run()
    expected = float(_record(SCENES[5].settings, 0)["loss"])
    assert "after 0 gradient steps" in at.metric[0].label and float(at.metric[0].value) == round(expected, 4)
    at.button(key=f"{K}-step").click().run()
    assert "after 1 gradient steps" in at.metric[0].label
    assert float(at.metric[0].value) == round(float(_record(SCENES[5].settings, 1)["loss"]), 4)
