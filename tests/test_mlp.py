"""The playground's MLP: a_j and x_j as in the lecture, a faithful trace, and it really learns."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine import mlp, mlp_figures, toy2d


def test_trace_follows_the_lecture_and_ends_with_the_output():
    cfg = mlp.Config(features=("x1", "x2", "x1²", "x1·x2", "sin(x2)"), hidden=(5, 3), activation="tanh")
    model = mlp.build(cfg)
    points = np.array([[0.5, -1.0], [2.0, 0.3]], np.float32)
    record = mlp.trace(model, points)
    assert list(record) == [
        "input",
        "features",
        "layers.0.a",
        "layers.0.x",
        "layers.1.a",
        "layers.1.x",
        "output.a",
    ]
    x1, x2 = points[:, 0], points[:, 1]
    np.testing.assert_allclose(
        record["features"], np.stack([x1, x2, x1**2, x1 * x2, np.sin(x2)], 1), rtol=1e-6
    )
    layer = model.layers[0]
    a = F.linear(torch.tensor(record["features"]), layer.weight, layer.bias).detach().numpy()
    np.testing.assert_allclose(record["layers.0.a"], a, rtol=1e-5)  # a_j = sum_i w_ij x_i
    np.testing.assert_allclose(record["layers.0.x"], np.tanh(a), rtol=1e-5)  # x_j = f(a_j)
    with torch.no_grad():
        np.testing.assert_allclose(record["output.a"], model(torch.tensor(points)).numpy(), rtol=1e-6)


def test_trace_mutates_nothing_and_ignores_dropout():
    model = mlp.build(mlp.Config(dropout=0.5))
    before = [p.detach().clone() for p in model.parameters()]
    points = np.random.default_rng(0).normal(size=(50, 2)).astype(np.float32)
    first, second = mlp.trace(model, points), mlp.trace(model, points)
    np.testing.assert_array_equal(first["output.a"], second["output.a"])
    assert all(torch.equal(b, p) for b, p in zip(before, model.parameters()))


def test_dropout_zeroes_about_p_and_rescales_the_rest():
    model = mlp.build(mlp.Config(hidden=(200,), dropout=0.5, activation="sigmoid"))
    points = torch.zeros(20, 2)  # (20, 2)
    clean = model.propagate(points)[2][1]  # layers.0.x
    dropped = model.propagate(points, dropout=torch.Generator().manual_seed(1))[2][1]
    assert [k for k, _ in model.propagate(points)][2] == "layers.0.x"
    kept = dropped != 0
    assert 0.4 < kept.float().mean() < 0.6
    torch.testing.assert_close(dropped[kept], clean[kept] * 2.0)


def test_penalty_is_lambda_times_l1_and_l2_of_the_weights_only():
    cfg = mlp.Config(hidden=(4,), l1=0.01, l2=0.1)
    model = mlp.build(cfg)
    weights = [model.layers[0].weight, model.output.weight]
    expected = 0.01 * sum(w.abs().sum() for w in weights) + 0.1 * sum((w**2).sum() for w in weights)
    torch.testing.assert_close(mlp.penalty(model, cfg), expected)


def test_train_calls_back_every_step_and_honours_stop():
    data = toy2d.make("gaussians", n=100)
    seen = []
    mlp.train(
        mlp.build(mlp.Config()),
        data,
        mlp.Config(),
        on_step=lambda s, m: seen.append((s, m)),
        stop=lambda: len(seen) >= 7,
    )
    assert [s for s, _ in seen] == list(range(1, 8))
    assert {"loss", "train_loss", "test_loss", "train_accuracy", "test_accuracy"} <= set(seen[4][1])


def test_surface_view_is_the_output_probability_over_the_plane():
    model = mlp.build(mlp.Config(hidden=(3,)))
    view = mlp_figures.surface_view(model)
    assert view["output"].shape == (mlp_figures.GRID, mlp_figures.GRID)
    assert view["layers.0.x"].shape == (mlp_figures.GRID, mlp_figures.GRID, 3)
    corner = torch.tensor([[-toy2d.EXTENT, toy2d.EXTENT]])  # row -1, column 0
    with torch.no_grad():
        assert view["output"][-1, 0] == pytest.approx(torch.sigmoid(model(corner)).item(), abs=1e-5)
    assert mlp_figures.neuron_names(view) == ["output", "layers.0.x[0]", "layers.0.x[1]", "layers.0.x[2]"]
    assert mlp_figures.layer_neuron_names((3,)) == mlp_figures.neuron_names(view)  # before any view: the same


@pytest.mark.slow
@pytest.mark.parametrize("name, steps", [("circles", 500), ("spiral", 1500)])
def test_default_configuration_reaches_95_percent(name, steps):
    """The page's default settings (only the run is cut short: the page trains up to 20,000 steps)."""
    torch.set_num_threads(1)
    data = toy2d.make(name)
    cfg = mlp.Config(steps=steps)
    model = mlp.train(mlp.build(cfg), data, cfg)
    assert mlp.evaluate(model, data.x_test, data.y_test)[1] >= 0.95


def test_a_click_on_the_network_picks_the_neuron_drawn_there():
    view = mlp_figures.surface_view(mlp.build(mlp.Config(hidden=(4, 3))))
    fig = mlp_figures.network_figure(view, ("x1", "x2"))
    widths = [2, 4, 3, 1]
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            for x, y, name in zip(trace.x, trace.y, trace.customdata):
                expected = None if name in ("x1", "x2") else name
                assert mlp_figures.neuron_at(widths, x + 0.1, y - 0.05) == expected


def test_live_figures_throttle_the_network_only_while_training_runs():
    data = toy2d.make("circles", n=40)
    figures = mlp_figures.LiveFigures((), data, ("x1", "x2"), True)
    model = mlp.build(mlp.Config(hidden=(3,)))
    first = mlp_figures.surface_view(model)

    def edges(fig):
        return np.concatenate([np.asarray(t.y, float) for t in fig.data[:8] if t.y is not None])

    before = edges(figures.network_figure(first, "output", True)).copy()
    with torch.no_grad():
        model.layers[0].weight.mul_(-1.0)  # flips every first-layer edge's colour
    moved = mlp_figures.surface_view(model)
    assert np.array_equal(edges(figures.network_figure(moved, "output", True)), before, equal_nan=True)
    assert not np.array_equal(edges(figures.network_figure(moved, "output", False)), before, equal_nan=True)
