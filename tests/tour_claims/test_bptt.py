"""Every number the BPTT tour claims, recomputed with the page's engine and each scene's settings, in the
page's own formats (the verdict's ×factor, the metrics' 3 significant digits)."""

import numpy as np

from engine import bptt, tours

SCENES = tours.load("bptt")


def _flow(scene: tours.Scene) -> bptt.GradientFlow:
    s = scene.settings
    cfg = bptt.Config(
        seq_len=s["bptt-length"],
        radius=s["bptt-radius"],
        activation=s["bptt-activation"],
        clip=s.get("bptt-clip", 1.0) if s["bptt-clip-on"] else 0.0,
        chunk=s.get("bptt-chunk", 10) if s["bptt-truncate"] else 0,
    )
    return bptt.gradient_flow(cfg)


def test_scene_1_tanh_vanishes():
    scene = SCENES[0]
    flow = _flow(scene)
    assert (
        f"shrinks ×{flow.per_step_factor:.2f} per step back: {flow.norms[-1]:.3g} at the last step, "
        f"{flow.norms[0]:.3g} at the first." in scene.narration
    )
    assert "vanishing" in bptt.verdict(flow) and "T = 40" in scene.narration


def test_scene_2_a_larger_radius_does_not_save_tanh():
    scene = SCENES[1]
    flow = _flow(scene)
    assert "vanishing" in bptt.verdict(flow)
    assert f"(×{flow.per_step_factor:.2f} per step back, {flow.norms[0]:.3g} at step 1)" in scene.narration
    assert "radius of W_hh is now 1.5" in scene.narration and scene.settings["bptt-radius"] == 1.5


def test_scene_3_relu_identity_is_roughly_stable():
    scene, first = SCENES[2], SCENES[0]
    flow, tanh = _flow(scene), _flow(first)
    assert "roughly stable" in bptt.verdict(flow)
    assert (
        f"roughly stable (×{flow.per_step_factor:.2f} per step back) and reaches step 1 with "
        f"{flow.norms[0]:.3g} instead of {tanh.norms[0]:.3g}." in scene.narration
    )


def test_scene_4_radius_1_3_explodes():
    scene = SCENES[3]
    flow = _flow(scene)
    assert "exploding" in bptt.verdict(flow)
    assert (
        f"×{flow.per_step_factor:.2f} per step back, and over 40 steps ||dL/dh_1|| blows up to "
        f"{flow.norms[0]:.3g}." in scene.narration
    )
    assert "W_hh = 1.3 I" in scene.narration and (np.abs(flow.eigenvalues) > 1).all()
    np.testing.assert_allclose(flow.eigenvalues, 1.3, rtol=1e-6)


def test_scene_5_clipping_gives_norm_1_at_every_step():
    scene = SCENES[4]
    flow = _flow(scene)
    assert "larger than 1" in scene.narration and scene.settings["bptt-clip"] == 1.0
    assert "now has norm 1 at every step" in scene.narration
    np.testing.assert_allclose(flow.norms, 1.0, rtol=1e-6)


def test_scene_6_truncation_leaves_the_last_10_steps():
    scene = SCENES[5]
    flow = _flow(scene)
    assert (
        "only the last 10 of the 40 steps receive gradient; the grey steps get exactly zero"
        in scene.narration
    )
    assert flow.reached.sum() == 10 and flow.reached[-10:].all() and (flow.norms[:-10] == 0).all()
