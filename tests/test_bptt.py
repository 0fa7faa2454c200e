"""BPTT by hand against autograd; truncation stops the gradient after k steps; the radius decides."""
import numpy as np
import pytest
import torch

from engine import bptt

SETTINGS = [bptt.Config(), bptt.Config(activation="ReLU", radius=1.2), bptt.Config(chunk=7),
            bptt.Config(activation="ReLU + identity init", clip=0.5, seq_len=25), bptt.Config(clip=0.1, chunk=5)]


@pytest.mark.parametrize("cfg", SETTINGS, ids=lambda c: f"{c.activation}-r{c.radius}-k{c.chunk}-clip{c.clip}")
def test_hand_bptt_equals_autograd(cfg):
    model = bptt.build(cfg)
    x, target = bptt.make_data(cfg)
    dh_auto, grads_auto, _ = bptt.autograd_gradients(model, x, target, cfg)
    dh_hand, grads_hand = bptt.hand_bptt(model, x, target, cfg)
    np.testing.assert_allclose(dh_hand, dh_auto, rtol=1e-4, atol=1e-6)
    for name in ("W_hh", "W_xh", "b_h", "W_hy"):
        np.testing.assert_allclose(grads_hand[name], grads_auto[name], rtol=1e-4, atol=1e-6, err_msg=name)


@pytest.mark.parametrize("k", [1, 5, 8, 40])
def test_truncated_bptt_gives_zero_gradient_beyond_k_steps(k):
    cfg = bptt.Config(seq_len=40, chunk=k)
    flow = bptt.gradient_flow(cfg)
    last_chunk = 40 - 1 - (40 - 1) % k                      # the loss sits in the chunk holding step T
    assert (flow.norms[:last_chunk] == 0).all()
    assert (flow.norms[last_chunk:] > 0).all()
    assert flow.receives.sum() == 40 - last_chunk <= k
    model = bptt.build(cfg)
    x, target = bptt.make_data(cfg)
    dh_auto, _, _ = bptt.autograd_gradients(model, x, target, cfg)   # autograd agrees: nothing flows back
    assert (np.linalg.norm(dh_auto[:last_chunk], axis=1) == 0).all()


def test_the_hidden_state_is_carried_across_chunks():
    full, cut = bptt.gradient_flow(bptt.Config(chunk=0)), bptt.gradient_flow(bptt.Config(chunk=5))
    np.testing.assert_allclose(full.states, cut.states)      # truncation changes the gradient only
    assert full.loss == pytest.approx(cut.loss)


def test_small_radius_vanishes_large_radius_explodes():
    small = bptt.gradient_flow(bptt.Config(radius=0.5, seq_len=40, activation="ReLU + identity init"))
    large = bptt.gradient_flow(bptt.Config(radius=1.3, seq_len=40, activation="ReLU + identity init"))
    assert small.norms[0] < 1e-6 * small.norms[-1]           # 0.5^39: vanished
    assert large.norms[0] > 1e3 * large.norms[-1]            # 1.3^39: exploded
    assert small.per_step_factor < 0.6 < 1.2 < large.per_step_factor
    assert np.abs(small.eigenvalues).max() == pytest.approx(0.5, rel=1e-4)


def test_clipping_caps_every_backward_message():
    flow = bptt.gradient_flow(bptt.Config(radius=1.3, activation="ReLU + identity init", clip=1.0))
    assert flow.norms.max() <= 1.0 + 1e-5


def test_trace_and_train():
    cfg = bptt.Config(seq_len=5, steps=60, learning_rate=0.05)
    model, data = bptt.build(cfg), bptt.make_data(cfg)
    out = bptt.trace(model, data[0])
    assert list(out)[-1] == "output.y"
    np.testing.assert_allclose(out["output.y"], model(data[0])[0].detach().numpy(), atol=1e-6)
    losses = []
    bptt.train(model, data, cfg, on_step=lambda s, m: losses.append(m["loss"]))
    assert losses[-1] < 0.5 * losses[0]
