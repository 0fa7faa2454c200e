"""The X-vs-O network: its first layer gives the slide's maps, it tells X from O,
and small shifts don't fool it."""

import itertools

import numpy as np
import pytest

from engine import xo_net as xo
from engine.conv import LECTURE_FILTERS, O_IMAGE, X_IMAGE, PoolSettings, activate, convolve, pool


def test_the_network_computes_the_lectures_layer():
    trace = xo.trace(xo.build(), X_IMAGE)
    assert list(trace)[-1] == "scores" and trace["scores"].shape == (2,)
    for i, kernel in enumerate(LECTURE_FILTERS.values()):
        feature_map = convolve(X_IMAGE, kernel)
        np.testing.assert_allclose(trace["conv"][i], feature_map, atol=1e-6)
        np.testing.assert_allclose(trace["relu"][i], activate(feature_map, "ReLU"), atol=1e-6)
        np.testing.assert_allclose(
            trace["pool"][i], pool(activate(feature_map, "ReLU"), PoolSettings()), atol=1e-6
        )
    assert trace["pool2"].shape == (3, 2, 2) and trace["features"].shape == (12,)
    assert trace["pool"][0, 0, 0] == pytest.approx(1.0)  # the slide's pooled map starts with 1.00


def test_prototype_votes_recognise_the_lectures_pictures_and_their_shifts():
    model = xo.build()
    for (name, picture), down, right in itertools.product(
        (("X", X_IMAGE), ("O", O_IMAGE)), (-1, 0, 1), (-1, 0, 1)
    ):
        scores = xo.trace(model, xo.shift(picture, down, right))["scores"]
        assert xo.CLASSES[int(scores.argmax())] == name, (name, down, right, scores)
        assert 0 <= scores.min() and scores.max() <= 1


def test_learned_votes_generalise_to_unseen_moved_pictures():
    cfg = xo.Config(steps=120)
    model = xo.train(xo.build(cfg), xo.make_data(cfg), cfg)
    unseen = xo.make_data(xo.Config(seed=1))
    assert xo.accuracy(model, unseen) >= 0.9
    assert (model.votes.weight > 0).all()  # votes stay votes
    assert np.isclose(
        model.filters.numpy()[:, 0], np.stack(list(LECTURE_FILTERS.values()))
    ).all()  # filters fixed


def test_transforms_move_turn_and_spoil_the_picture():
    moved = xo.shift(X_IMAGE, 1, 2)
    np.testing.assert_array_equal(moved[1:, 2:], X_IMAGE[:-1, :-2])
    assert (moved[0] == -1).all() and (moved[:, :2] == -1).all()
    np.testing.assert_array_equal(xo.rotate(O_IMAGE, 90), O_IMAGE)  # the lecture's O is symmetric
    np.testing.assert_array_equal(xo.rotate(X_IMAGE, 90), X_IMAGE)
    noisy = xo.add_noise(X_IMAGE, 5, seed=3)
    assert (noisy != X_IMAGE).sum() == 5
    np.testing.assert_array_equal(noisy, xo.add_noise(X_IMAGE, 5, seed=3))  # seeded
