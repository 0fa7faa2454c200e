"""The digits CNN: trace == forward, the asset beats 97%, receptive fields are what the formula says."""

import itertools

import numpy as np
import pytest
import torch
from PIL import Image

from engine import digits_cnn as dc
from engine.datasets import digits


@pytest.fixture(scope="module")
def model():
    return dc.load_pretrained()


def test_the_shipped_asset_beats_97_percent_on_held_out_digits(model):
    data = digits()
    assert dc.accuracy(model, data.x_test, data.y_test) >= 0.97
    assert dc.card()["floors"]["test_accuracy"] == 0.97


def test_trace_ends_with_the_models_output_and_changes_nothing(model):
    x = digits().x_test[0]
    before = {k: v.clone() for k, v in model.state_dict().items()}
    trace = dc.trace(model, x)
    assert list(trace) == ["input", "conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "logits"]
    with torch.no_grad():
        np.testing.assert_allclose(trace["logits"], model(torch.from_numpy(x)[None])[0].numpy(), rtol=1e-5)
    assert trace["conv1"].shape == (8, 8, 8) and trace["pool2"].shape == (16, 2, 2)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_receptive_fields_grow_as_the_formula_says():
    assert [dc.receptive_field_size(n) for n in ("conv1", "relu1", "pool1", "conv2", "pool2")] == [
        3,
        3,
        4,
        8,
        10,
    ]
    assert dc.receptive_field("conv1", 0, 0) == (0, 0, 1, 1)  # clipped by the zero padding
    assert dc.receptive_field("pool1", 1, 2) == (1, 3, 4, 6)


@pytest.mark.parametrize("layer", ["conv1", "pool1", "conv2", "pool2"])
def test_pixels_outside_the_receptive_field_never_change_the_unit(layer):
    net = dc.build(dc.Config(seed=3))
    rng = np.random.default_rng(0)
    x = rng.random((8, 8)).astype(np.float32)
    shape = dc.trace(net, x)[layer].shape
    for row, col in itertools.product(range(shape[1]), range(shape[2])):
        top, left, bottom, right = dc.receptive_field(layer, row, col)
        outside = np.ones((8, 8), bool)
        outside[top : bottom + 1, left : right + 1] = False
        changed = np.where(outside, rng.random((8, 8)), x).astype(np.float32)
        np.testing.assert_allclose(
            dc.trace(net, changed)[layer][:, row, col], dc.trace(net, x)[layer][:, row, col], atol=1e-6
        )
    if layer == "conv1":  # and the field is tight: every pixel counts
        xt = torch.from_numpy(x)[None].requires_grad_(True)
        net.stages(xt)["conv1"][0, :, 3, 4].abs().sum().backward()
        assert set(zip(*np.nonzero(xt.grad[0].numpy()))) == {(r, c) for r in range(2, 5) for c in range(3, 6)}


def test_training_learns_calls_back_and_stops():
    cfg = dc.Config(epochs=1)
    seen = []
    dc.train(
        dc.build(cfg),
        digits(),
        cfg,
        on_step=lambda s, m: seen.append(m["loss"]),
        stop=lambda: len(seen) >= 15,
    )
    assert len(seen) == 15 and np.mean(seen[-5:]) < np.mean(seen[:5])


def test_a_drawn_digit_is_brought_to_the_datasets_8x8():
    data = digits()
    model = dc.load_pretrained()
    right = 0
    for x, y in zip(data.x_test[:60], data.y_test[:60]):
        big = np.asarray(Image.fromarray(x).resize((256, 256), Image.Resampling.BILINEAR))  # like a drawing
        right += int(dc.trace(model, dc.to_digit(big))["logits"].argmax() == y)
    assert right >= 54  # measured 97% on all 359
    paper = 1.0 - np.pad(np.ones((20, 10), np.float32), 30) * 0.9  # dark stroke on white paper
    digit = dc.to_digit(dc.ink_from_picture(paper))
    assert digit.shape == (8, 8) and digit.max() == 1.0 and digit[:, 0].max() == 0  # centred, a thin stroke
    with pytest.raises(ValueError):
        dc.to_digit(np.zeros((50, 50)))


def test_a_4000x2_sliver_becomes_a_digit_at_once():
    """A 4000 x 2 upload made a 4000 x 4000 square before shrinking it to 8 x 8 (seconds, 64 MB)."""
    import time

    from engine.digits_cnn import ink_from_picture, to_digit

    sliver = np.zeros((4000, 2), np.float32)
    sliver[:, 0] = 1.0  # a dark line on light paper
    start = time.perf_counter()
    digit = to_digit(ink_from_picture(1.0 - sliver))
    assert time.perf_counter() - start < 0.3
    assert digit.shape == (8, 8) and digit.max() == 1.0 and np.isfinite(digit).all()
    assert digit[:, 3:5].sum() > 0 and digit[:, :2].sum() == 0  # a thin upright stroke, centred
