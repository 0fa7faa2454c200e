"""Every caption, word and number the Show, Attend and Tell tour claims, recomputed with the shipped
captioner on the scene's own settings (scene number, decoding, temperature, seed, word)."""

import numpy as np
import pytest

from engine import assets, captioning, scenes, tours

SCENES = tours.load("captioning")


@pytest.fixture(scope="module")
def model():
    state, _ = assets.load("captioner")
    return captioning.load_state(state)


def _shown(model, scene: tours.Scene):
    """(view, the generated scene) exactly as the page computes them for the tour scene's settings."""
    s = scene.settings
    assert s["captioning-source"] == "Generate"
    drawn = scenes.random_scene(np.random.default_rng(s["captioning-scene"]))
    greedy = s["captioning-decoding"] == "Greedy"
    temperature, seed = (
        (1.0, 0) if greedy else (float(s["captioning-temperature"]), int(s["captioning-seed"]))
    )
    return captioning.caption_view(model, scenes.render(drawn), greedy, temperature, seed), drawn


def _on(view, drawn, word: int, which: int) -> float:
    """The share of word `word`'s attention on object `which` of the scene."""
    return float(view["attention"][word][captioning.object_cells(drawn.things[which])].sum())


def test_scene_1_annotation_vectors_and_the_caption(model):
    scene = SCENES[0]
    view, _ = _shown(model, scene)
    assert 'one word at a time, "a yellow circle left of a blue triangle"' in scene.narration
    assert view["caption"] == "a yellow circle left of a blue triangle"
    assert "L = 64 annotation vectors" in scene.narration and "4 x 4 patch" in scene.narration
    image = scenes.render(scenes.random_scene(np.random.default_rng(35)))
    annotations = captioning.trace(model, image)["encoder.annotations"]
    assert annotations.shape[0] == 64 == (scenes.SIZE // 4) ** 2


def test_scene_2_yellow_looks_at_the_circle(model):
    scene = SCENES[1]
    view, drawn = _shown(model, scene)
    t = scene.settings["captioning-word"]
    assert view["words"][t] == "yellow" and drawn.things[0].shape == "circle"
    assert 'For "yellow" almost all of the 64 weights lie on the circle' in scene.narration
    assert _on(view, drawn, t, 0) > 0.95
    np.testing.assert_allclose(view["attention"][t].sum(), 1.0, atol=1e-5)  # positive weights summing to 1


def test_scene_3_blue_looks_at_the_triangle_with_probability_1(model):
    scene = SCENES[2]
    view, drawn = _shown(model, scene)
    t = scene.settings["captioning-word"]
    assert (
        'For "blue" the attention has jumped to the triangle' in scene.narration
        and "blue at 1.00" in scene.narration
    )
    assert view["words"][t] == "blue" and drawn.things[1].shape == "triangle"
    assert _on(view, drawn, t, 1) > 0.95 and f"{view['probs'][t]:.2f}" == "1.00"
    assert view["choices"][t][0] == ("blue", view["probs"][t])  # the table's top row


def test_scene_4_above_looks_at_the_square_and_end_at_nothing(model):
    scene = SCENES[3]
    view, drawn = _shown(model, scene)
    assert 'In "a blue square above a red triangle" the word "above"' in scene.narration
    assert view["caption"] == "a blue square above a red triangle"
    above, end = view["words"].index("above"), scene.settings["captioning-word"]
    assert drawn.things[0].shape == "square" and _on(view, drawn, above, 0) > 0.9
    assert view["words"][end] == "<end>"
    assert _on(view, drawn, end, 0) + _on(view, drawn, end, 1) < 0.4  # mostly the background


def test_scene_5_sampling_writes_square_at_probability_0(model):
    scene = SCENES[4]
    view, drawn = _shown(model, scene)
    t = scene.settings["captioning-word"]
    assert (
        'at temperature 3 this draw writes "square" although the model gave it probability 0.00'
        in scene.narration
    )
    assert view["words"][t] == "square" and f"{view['probs'][t]:.2f}" == "0.00"
    assert view["caption"] != " ".join(scenes.caption_words(drawn))  # marked wrong
    assert "The attention still sits on the triangle" in scene.narration
    assert drawn.things[1].shape == "triangle" and _on(view, drawn, t, 1) > 0.95
