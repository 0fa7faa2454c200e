"""Every checkable claim of the Learned filters tour, recomputed with the page's engine (the shipped
digits CNN, scikit-learn's held-out digits) and each scene's settings."""

import functools

import numpy as np

from engine import digits_cnn as dc
from engine import tours
from engine.datasets import digits

P = "learned_filters"
SCENES = tours.load(P)


@functools.lru_cache(maxsize=1)
def model():
    return dc.load_pretrained()


@functools.lru_cache(maxsize=1)
def held_out():
    data = digits()
    return data.x_test, data.y_test


def scene_digit(scene: tours.Scene) -> tuple[np.ndarray, int]:
    x_test, y_test = held_out()
    index = scene.settings[f"{P}-index"]
    return x_test[index], int(y_test[index])


def says(digit: np.ndarray) -> np.ndarray:
    return dc.probabilities(dc.trace(model(), digit)["logits"])


def test_scene_1_a_3_and_eight_filters_several_of_them_edges():
    scene = SCENES[0]
    digit, truth = scene_digit(scene)
    assert "says this held-out digit is a 3" in scene.narration and int(says(digit).argmax()) == 3 == truth
    filters = model().conv1.weight.detach().cpu().numpy()[:, 0]  # (8, 3, 3)
    assert "Its eight 3 x 3 first-layer filters" in scene.narration and filters.shape == (8, 3, 3)
    # an edge detector: one side (left/right or top/bottom column/row) negative, the other positive
    sides = [(f[:, 0].mean(), f[:, 2].mean()) for f in filters] + [
        (f[0].mean(), f[2].mean()) for f in filters
    ]
    edges = {i % 8 for i, (a, b) in enumerate(sides) if a * b < 0 and min(abs(a), abs(b)) > 0.05}
    assert "several are edge detectors" in scene.narration and len(edges) >= 3


def test_scene_2_a_layer_1_unit_sees_only_its_3x3_window():
    scene = SCENES[1]
    s = scene.settings
    layer, channel, row, col = s[f"{P}-layer"], s[f"{P}-channel"], s[f"{P}-row"], s[f"{P}-col"]
    assert "The layer-1 unit at row 1, column 1 sees just the 3 x 3 window" in scene.narration
    assert (layer, row, col) == ("conv1", 1, 1) and dc.receptive_field(layer, row, col) == (0, 0, 2, 2)
    digit, _ = scene_digit(scene)
    changed = digit.copy()
    changed[3:, :] = 1 - changed[3:, :]  # every pixel outside the window
    changed[:3, 3:] = 1 - changed[:3, 3:]
    before, after = (dc.trace(model(), d)[layer][channel, row, col] for d in (digit, changed))
    assert "change any pixel outside it and this unit does not change" in scene.narration
    assert before == after


def test_scene_3_the_digit_is_a_0_and_layer_1_has_8_maps():
    scene = SCENES[2]
    digit, truth = scene_digit(scene)
    assert "Here the digit is a 0" in scene.narration and truth == 0
    assert "each of the 8 feature maps in layer 1" in scene.narration
    assert dc.trace(model(), digit)["conv1"].shape[0] == 8


def test_scene_4_pooling_8_to_4_and_a_4x4_field():
    scene = SCENES[3]
    trace = dc.trace(model(), scene_digit(scene)[0])
    assert "the 8 x 8 maps become 4 x 4" in scene.narration
    assert trace["conv1"].shape[1:] == (8, 8) and trace["pool1"].shape[1:] == (4, 4)
    assert "A pooled unit already sees a 4 x 4 window" in scene.narration
    assert dc.receptive_field_size("pool1") == 4 and scene.settings[f"{P}-layer"] == "pool1"


def test_scene_5_the_receptive_field_grows_to_8_then_10():
    scene = SCENES[4]
    assert "a layer-2 unit sees 4 + 2 × 2 = 8 pixels" in scene.narration
    assert dc.receptive_field_size("conv2") == 4 + 2 * 2 == 8 and scene.settings[f"{P}-layer"] == "conv2"
    assert 'Pick "layer 2 (pooled)": 10.' in scene.narration and dc.receptive_field_size("pool2") == 10


def test_scene_6_the_8_it_gets_wrong():
    scene = SCENES[5]
    x_test, y_test = held_out()
    accuracy = dc.accuracy(model(), x_test, y_test)
    assert f"right on {accuracy:.0%} of the {len(y_test)} held-out digits" in scene.narration
    digit, truth = scene_digit(scene)
    probs = says(digit)
    assert "This 8 is one of the few it gets wrong" in scene.narration and truth == 8 and probs.argmax() != 8
    assert "gives 1 and 8 almost the same probability, about 50% each" in scene.narration
    assert probs.argmax() == 1 and 0.4 < probs[8] < probs[1] < 0.6
