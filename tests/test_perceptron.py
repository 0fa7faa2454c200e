"""Rosenblatt's perceptron: the lecture's rule, its convergence bound M / delta^2, and XOR."""

import numpy as np
import pytest

from engine import perceptron as P


def test_each_update_is_w_plus_t_phi_of_a_misclassified_point():
    cfg = P.Config(margin=0.05, n_points=20, seed=2, learning_rate=0.5)
    data = P.make_data(cfg)
    history = P.run(data, cfg)
    assert np.array_equal(history.weights[0], np.zeros(3))
    for n, i in enumerate(history.points):
        before, after = history.weights[n], history.weights[n + 1]
        features = np.array([*data.x[i], 1.0])
        assert data.t[i] * (features @ before) <= 0  # it was misclassified
        np.testing.assert_allclose(after, before + 0.5 * data.t[i] * features)
    assert history.converged and history.errors[-1] == 0
    assert P.trace(P.Perceptron(history.weights[-1]), data.x)["output"].tolist() == data.t.tolist()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("margin", [0.01, 0.05, 0.2])
def test_converges_on_separable_data_within_the_bound(seed, margin):
    cfg = P.Config(margin=margin, n_points=40, seed=seed, max_epochs=100_000)
    data = P.make_data(cfg)
    limit = P.bound(data)
    assert limit is not None and limit.delta >= margin / np.sqrt(1 + 0.25**2) - 1e-6  # |b| <= 0.25
    assert np.linalg.norm(limit.w_star) == pytest.approx(1.0)
    assert np.min(data.t * (P.phi(data.x) @ limit.w_star)) == pytest.approx(limit.delta)
    history = P.run(data, cfg)
    assert history.converged
    assert history.updates <= limit.M / limit.delta**2


def test_the_bound_uses_the_lectures_symbols():
    data = P.PerceptronData(np.array([[0.5, 0.0], [-0.5, 0.0]]), np.array([1.0, -1.0]), np.array([1.0, 0, 0]))
    limit = P.bound(data)
    assert limit.M == pytest.approx(1.25)  # <phi, phi> = 0.25 + 1
    assert limit.delta == pytest.approx(0.5)  # w* = (1, 0, 0)
    assert limit.updates == pytest.approx(5.0)


def test_xor_never_converges():
    cfg = P.Config(dataset="xor", n_points=20, max_epochs=200)
    data = P.make_data(cfg)
    assert P.bound(data) is None
    history = P.run(data, cfg)
    assert not history.converged
    assert history.epochs[-1] == cfg.max_epochs  # it updated in every pass
    assert history.errors.min() >= 1


def test_larger_margin_converges_in_fewer_updates():
    rows = P.sweep(P.Config(n_points=40, seed=1), (0.01, 0.3))
    assert rows[0]["bound"] > rows[1]["bound"] and rows[0]["updates"] >= rows[1]["updates"]
    assert all(r["updates"] <= r["bound"] for r in rows)
