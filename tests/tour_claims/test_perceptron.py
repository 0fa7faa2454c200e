"""Every number the Perceptron tour claims, recomputed with the page's engine and each scene's settings."""

from engine import perceptron, tours

SCENES = tours.load("perceptron")


def _learn(scene: tours.Scene):
    """What the page computes for the scene: its data, the whole run and the theorem's bound."""
    s = scene.settings
    cfg = perceptron.Config(
        dataset=s["perceptron-data"],
        margin=s.get("perceptron-margin", 0.1),
        n_points=s["perceptron-points"],
        seed=s["perceptron-seed"],
    )
    data = perceptron.make_data(cfg)
    return data, perceptron.run(data, cfg), perceptron.bound(data)


def test_scene_1_every_point_is_wrong_at_w_0():
    scene = SCENES[0]
    _, history, _ = _learn(scene)
    assert scene.settings["perceptron-t"] == 0 and history.errors[0] == 30
    assert "all 30 points are wrong" in scene.narration


def test_scene_2_one_update_leaves_10_wrong():
    scene = SCENES[1]
    _, history, _ = _learn(scene)
    t = scene.settings["perceptron-t"]
    assert f"now only {history.errors[t]} points are wrong" in scene.narration and t == 1


def test_scene_3_converges_after_10_updates_below_the_bound():
    scene = SCENES[2]
    _, history, limit = _learn(scene)
    assert scene.settings["perceptron-t"] == history.updates  # the scene shows the last update
    assert history.converged and history.errors[-1] == 0
    assert (
        f"it stops after {history.updates} updates with no point wrong, far below the bound of "
        f"{limit.updates:,.0f}." in scene.narration
    )


def test_scene_4_a_smaller_margin_needs_more_updates():
    scene, before = SCENES[3], SCENES[2]
    _, history, limit = _learn(scene)
    _, earlier, _ = _learn(before)
    assert (
        f"δ falls to {limit.delta:.3f} and the bound M / δ² rises to {limit.updates:,.0f}" in scene.narration
    )
    assert (
        f"the perceptron now needs {history.updates} updates instead of {earlier.updates}" in scene.narration
    )


def test_scene_5_xor_never_converges():
    scene = SCENES[4]
    _, history, limit = _learn(scene)
    assert limit is None and not history.converged
    assert f"{history.updates:,} updates in {perceptron.Config().max_epochs} passes" in scene.narration
    assert f"never falls below {history.errors.min()} wrong points" in scene.narration
