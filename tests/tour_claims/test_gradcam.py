"""Every number the Grad-CAM tour claims, recomputed with the page's engine (gradcam.explain on the shared
EfficientNet-Lite0) with each scene's photo and feature maps, written as the page writes it."""

import functools

import numpy as np
import pytest

from engine import gradcam, imagenet, tours
from engine.conv_figures import map_figure
from engine.samples import sample_photo

pytestmark = pytest.mark.slow  # loads the pretrained ImageNet model
P = "gradcam"
SCENES = tours.load(P)


@functools.lru_cache(maxsize=1)
def model():
    return imagenet.load_model()


@functools.lru_cache(maxsize=None)
def explained(sample: str, layer: str) -> dict:
    """As the page computes it: the top 5 classes, of which the slider shows k."""
    return gradcam.explain(model(), sample_photo(sample).rgb, 5, layer)


def scene_result(scene: tours.Scene) -> dict:
    s = scene.settings
    return explained(s[f"{P}-sample"], s[f"{P}-layer"])


def captions(result: dict, k: int) -> list[str]:
    """The page's captions under the maps: "tripod (94%)"."""
    return [f"{n} ({p:.0%})" for n, p in zip(result["names"][:k], result["probs"][:k])]


def test_scene_1_three_cat_classes():
    scene = SCENES[0]
    assert scene.settings[f"{P}-k"] == 3
    assert captions(scene_result(scene), 3) == ["Egyptian cat (39%)", "tiger cat (33%)", "tabby (16%)"]
    assert "an Egyptian cat (39%), a tiger cat (33%) or a tabby (16%)" in scene.narration


def test_scene_2_tripod_binoculars_harmonica():
    scene = SCENES[1]
    shown = captions(scene_result(scene), scene.settings[f"{P}-k"])
    assert shown == ["tripod (94%)", "binoculars (1%)", "harmonica (1%)"]
    assert 'For "tripod" (94%)' in scene.narration and 'for "binoculars" (1%)' in scene.narration
    assert '"harmonica"' in scene.narration


def test_scene_3_the_7x7_numbers_of_tripod():
    scene = SCENES[2]
    result = scene_result(scene)
    chosen = scene.settings[f"{P}-class"]
    heat = result["maps"][chosen]
    assert result["names"][chosen] == "tripod" and heat.shape == (7, 7)
    assert (
        "a 7 x 7 grid" in scene.narration
        and "each covering 32 x 32 pixels of the 224 x 224" in scene.narration
    )
    assert imagenet.IMAGE_SIZE == 224 == 7 * 32
    written = np.array(map_figure(heat, zrange=(0, 1)).data[0].text, dtype=float)  # the numbers on the page
    assert "near 0 in the top row" in scene.narration and written[0].max() <= 0.1
    assert "reach their peak, 1, in the bottom rows" in scene.narration
    assert written.max() == 1.0 and np.argwhere(written == 1.0)[:, 0].min() >= 4


def test_scene_4_an_earlier_layer_is_14x14():
    scene = SCENES[3]
    assert scene.settings[f"{P}-layer"] == "blocks.10" and "14 x 14" in scene.narration
    assert scene_result(scene)["maps"].shape[1:] == (14, 14)
