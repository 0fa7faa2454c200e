"""Every number the ImageNet CNN tour claims, recomputed with the page's engine (the shared
EfficientNet-Lite0) on the scene's sample photo, written as the page writes it."""

import functools

import pytest

from engine import imagenet, tours
from engine.samples import sample_photo

pytestmark = pytest.mark.slow  # loads the pretrained ImageNet model
P = "imagenet_cnn"
SCENES = tours.load(P)


@functools.lru_cache(maxsize=1)
def model():
    return imagenet.load_model()


@functools.lru_cache(maxsize=None)
def look(sample: str):
    """As the page looks: the top 5 and the stages' feature maps."""
    x = imagenet.preprocess(sample_photo(sample).rgb)
    return imagenet.predict(model(), x, k=5), imagenet.stage_features(model(), x)


def said(sample: str, count: int) -> list[str]:
    """The page's words for the top classes: "Egyptian cat 39%"."""
    return [f"{name} {p:.0%}" for name, p in look(sample)[0][:count]]


def test_scene_1_three_cats():
    scene = SCENES[0]
    assert scene.settings[f"{P}-sample"] == "Cat (Chelsea)"
    assert ", ".join(said("Cat (Chelsea)", 3)) == "Egyptian cat 39%, tiger cat 33%, tabby 16%"
    assert "Egyptian cat 39%, tiger cat 33%, tabby 16%" in scene.narration
    assert "1,000 classes" in scene.narration and len(imagenet.CLASS_NAMES) == 1000


def test_scene_2_32_filters_and_112_maps():
    scene = SCENES[1]
    filters = imagenet.first_layer_filters(model())
    assert "the 32 learned 3 x 3 colour filters" in scene.narration and filters.shape[:3] == (32, 3, 3)
    assert "112 x 112" in scene.narration and look("Cat (Chelsea)")[1]["stem"].shape[1:] == (112, 112)


def test_scenes_3_and_4_the_maps_shrink_56_28_14_7():
    _, stages = look("Cat (Chelsea)")
    assert "At 56 x 56" in SCENES[2].narration and stages["blocks.2"].shape[1:] == (56, 56)
    assert "At 28 x 28" in SCENES[2].narration and stages["blocks.4"].shape[1:] == (28, 28)
    assert SCENES[2].settings[f"{P}-stages"] == ["blocks.2", "blocks.4"]
    assert "14 x 14 and 7 x 7" in SCENES[3].narration
    assert stages["blocks.10"].shape[1:] == (14, 14) and stages["blocks.15"].shape[1:] == (7, 7)
    assert SCENES[3].settings[f"{P}-stages"] == ["blocks.10", "blocks.15"]


def test_scene_5_espresso():
    scene = SCENES[4]
    assert scene.settings[f"{P}-sample"] == "Coffee"
    (top,) = said("Coffee", 1)
    assert top == "espresso 95%" and "the network is sure: espresso, 95%" in scene.narration


def test_scene_6_no_astronaut_class():
    scene = SCENES[5]
    assert scene.settings[f"{P}-sample"] == "Astronaut"
    assert "astronaut" not in {name.lower() for name in imagenet.CLASS_NAMES}
    (first, p1), (second, p2) = look("Astronaut")[0][:2]
    assert f"it answers {first} ({p1:.0%}) and {second} ({p2:.0%})" in scene.narration
    assert (first, second) == ("bobsled", "football helmet")
