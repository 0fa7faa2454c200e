"""Every number the MLP playground tour claims, recomputed by training what the scene sets with the
page's engine (the page's live job runs the same seeded mlp.train on the same data). Training a few
hundred steps takes a while on a busy CPU: the tests are marked slow."""

import functools

import pytest

from engine import mlp, tours, toy2d

SCENES = tours.load("mlp_playground")
K = "mlp_playground"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def _cfg(scene: tours.Scene, **change) -> tuple[mlp.Config, toy2d.Toy2D]:
    s = {key.removeprefix(f"{K}-"): value for key, value in scene.settings.items()} | change
    cfg = mlp.Config(
        features=tuple(s["features"]),
        hidden=(s.get("neurons", 16),) * s["layers"],
        activation=s["activation"],
        learning_rate=s["lr"],
        optimizer=s.get("optimizer", "Adam"),
        l1=s.get("l1", 0.0),
        l2=s.get("l2", 0.0),
        dropout=s.get("dropout", 0.0),
        batch_size=s.get("batch", 32),
    )
    return cfg, toy2d.make(s["dataset"], noise=s["noise"], seed=0)


@functools.lru_cache(maxsize=16)
def _history(cfg: mlp.Config, data_key: tuple, steps: int = 1000) -> dict[int, dict]:
    """The metrics of every step that evaluated the whole train and test set, up to `steps`."""
    data = toy2d.make(data_key[0], noise=data_key[1], seed=0)
    rows = {}
    mlp.train(
        mlp.build(cfg),
        data,
        mlp.Config(**{**cfg.__dict__, "steps": steps}),
        on_step=lambda step, metrics: (
            rows.__setitem__(step, metrics) if "train_accuracy" in metrics else None
        ),
    )
    return rows


def _run(scene: tours.Scene, **change) -> dict[int, dict]:
    cfg, _ = _cfg(scene, **change)
    settings = {key.removeprefix(f"{K}-"): value for key, value in scene.settings.items()}
    return _history(cfg, (settings["dataset"], settings["noise"]))


def test_scene_1_no_hidden_layer_stays_a_coin_toss():
    scene = SCENES[0]
    assert (
        "the loss stays at 0.69 (log 2, a coin toss) and the accuracy wanders around 50%" in scene.narration
    )
    rows = _run(scene)
    losses = [row["train_loss"] for step, row in rows.items() if step >= 100]
    accuracies = [row["train_accuracy"] for row in rows.values()]
    assert max(abs(loss - 0.6931) for loss in losses) < 0.01, (min(losses), max(losses))  # log 2
    assert 0.3 <= min(accuracies) and max(accuracies) <= 0.7, (min(accuracies), max(accuracies))


def test_scene_2_the_product_feature_solves_xor_within_100_steps():
    scene = SCENES[1]
    assert "over 99% within a hundred steps" in scene.narration
    row = _run(scene)[100]
    assert row["train_accuracy"] > 0.99 and row["test_accuracy"] > 0.99


def test_scene_3_one_hidden_layer_of_4_learns_xor():
    scene = SCENES[2]
    row = _run(scene)[1000]
    assert (
        f"by step 1,000 {row['train_accuracy']:.0%} of the training points and {row['test_accuracy']:.0%} "
        "of the test points" in scene.narration
    )


def test_scene_4_linear_layers_stay_linear_tanh_closes_the_circle():
    scene = SCENES[3]
    assert "the accuracy stays below 70%" in scene.narration and "100% by step 1,000" in scene.narration
    assert max(row["train_accuracy"] for row in _run(scene).values()) < 0.70
    row = _run(scene, activation="tanh")[1000]
    assert row["train_accuracy"] == 1.0 and row["test_accuracy"] == 1.0


def test_scene_5_overfitting():
    scene = SCENES[4]
    rows = _run(scene)
    assert f"by step 1,000 the train loss is down to {rows[1000]['train_loss']:.2f}" in scene.narration
    assert (
        f"the test loss has climbed from {rows[100]['test_loss']:.2f} at step 100 to "
        f"{rows[1000]['test_loss']:.2f}" in scene.narration
    )
    assert rows[1000]["test_loss"] > rows[500]["test_loss"] > rows[100]["test_loss"]  # it keeps climbing


def test_scene_6_l2_keeps_the_test_loss_down_dropout_does_not():
    scene = SCENES[5]
    row = _run(scene)[1000]
    assert f"{row['train_loss']:.2f}" == f"{row['test_loss']:.2f}"
    assert (
        f"at step 1,000 both are {row['test_loss']:.2f}, at {row['test_accuracy']:.0%} test accuracy"
        in scene.narration
    )
    dropout = _run(scene, l2=0.0, dropout=0.3)
    assert "at p = 0.3 (with L2 back at 0) it does not stop the climb" in scene.narration
    assert dropout[1000]["test_loss"] > dropout[100]["test_loss"] + 0.1
