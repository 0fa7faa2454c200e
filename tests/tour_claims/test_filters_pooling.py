"""Every number the Filters & Pooling tour claims, recomputed with the page's engine and the settings the
scenes have set so far (each scene keeps what the earlier ones set, as on the page)."""

import numpy as np

from engine import conv, kernels, tours
from engine.conv_figures import map_figure

P = "filters_pooling"
SCENES = tours.load(P)
DEFAULTS = {
    "input": "x",
    "presets": list(conv.LECTURE_FILTERS),
    "stride": 1,
    "padding": "valid",
    "dilation": 1,
    "mean": True,
    "activation": "ReLU",
    "pool": "max",
    "pool-size": 2,
    "pool-stride": 2,
    "ceil": True,
}


def settings_at(index: int) -> dict:
    """The page's settings once scene `index` is applied after the scenes before it."""
    s = dict(DEFAULTS)
    for scene in SCENES[: index + 1]:
        s |= {key.removeprefix(f"{P}-"): value for key, value in scene.settings.items()}
    return s


def layers_at(index: int):
    s = settings_at(index)
    image = {"x": conv.X_IMAGE, "o": conv.O_IMAGE}[s["input"]]
    filters = [kernels.preset(name) for name in s["presets"]]
    settings = conv.ConvSettings(s["stride"], s["padding"], s["dilation"], s["mean"])
    pooling = conv.PoolSettings(s["pool"], s["pool-size"], s["pool-stride"], s["ceil"])
    return image, filters, conv.conv_layers(image, filters, settings, s["activation"], pooling)


def test_scene_1_the_x_its_three_filters_and_the_corner_value():
    scene = SCENES[0]
    image, filters, layers = layers_at(0)
    assert "The X is 9 x 9 pixels, +1 for ink and -1 for background" in scene.narration
    assert image.shape == (9, 9) and set(np.unique(image)) == {-1.0, 1.0}
    assert "the three 3 x 3 filters" in scene.narration and [f.shape for f in filters] == [(3, 3)] * 3
    feature_map = layers[0].feature_map
    assert "A 1 means a perfect match" in scene.narration and feature_map.max() == 1.0
    corner = map_figure(feature_map).data[0].text[0][0]  # what the page writes in that cell
    assert feature_map[0, 0] * 9 == 7 and corner == "0.77"
    assert "7/9, written 0.77 as on the slide" in scene.narration


def test_scene_2_relu_then_pooling_7_to_4():
    scene = SCENES[1]
    _, _, layers = layers_at(1)
    assert "Rectified linear units change every negative number into zero" in scene.narration
    assert layers[0].activated.min() == 0 and layers[0].feature_map.min() < 0
    assert "2 x 2 window, stride 2: the 7 x 7 map shrinks to 4 x 4" in scene.narration
    assert layers[0].activated.shape == (7, 7) and layers[0].pooled.shape == (4, 4)
    assert layers[0].pooled.max() == 1.0  # "the strong matches survive"


def test_scene_3_same_padding_and_stride_2():
    scene = SCENES[2]
    image, filters, layers = layers_at(2)
    s = settings_at(2)
    assert (s["stride"], s["padding"]) == (2, "same")
    assert "P = 1" in scene.narration and conv.padding_amount(3, conv.ConvSettings(2, "same")) == 1
    assert "with stride 1 the map would keep the input's 9 x 9" in scene.narration
    assert conv.convolve(image, filters[0], conv.ConvSettings(1, "same")).shape == (9, 9)
    assert "shrinks to 5 x 5" in scene.narration and layers[0].feature_map.shape == (5, 5)
