"""BPTT by hand against autograd; truncation stops the gradient after k steps; the radius decides."""

import numpy as np
import pytest

from engine import bptt, bptt_figures

SETTINGS = [
    bptt.Config(),
    bptt.Config(activation="ReLU", radius=1.2),
    bptt.Config(chunk=7),
    bptt.Config(activation="ReLU + identity init", clip=0.5, seq_len=25),
    bptt.Config(clip=0.1, chunk=5),
]


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
    last_chunk = 40 - 1 - (40 - 1) % k  # the loss sits in the chunk holding step T
    assert (flow.norms[:last_chunk] == 0).all()
    assert (flow.norms[last_chunk:] > 0).all()
    assert flow.receives.sum() == 40 - last_chunk <= k
    model = bptt.build(cfg)
    x, target = bptt.make_data(cfg)
    dh_auto, _, _ = bptt.autograd_gradients(model, x, target, cfg)  # autograd agrees: nothing flows back
    assert (np.linalg.norm(dh_auto[:last_chunk], axis=1) == 0).all()


def test_the_hidden_state_is_carried_across_chunks():
    full, cut = bptt.gradient_flow(bptt.Config(chunk=0)), bptt.gradient_flow(bptt.Config(chunk=5))
    np.testing.assert_allclose(full.states, cut.states)  # truncation changes the gradient only
    assert full.loss == pytest.approx(cut.loss)


def test_small_radius_vanishes_large_radius_explodes():
    small = bptt.gradient_flow(bptt.Config(radius=0.5, seq_len=40, activation="ReLU + identity init"))
    large = bptt.gradient_flow(bptt.Config(radius=1.3, seq_len=40, activation="ReLU + identity init"))
    assert small.norms[0] < 1e-6 * small.norms[-1]  # 0.5^39: vanished
    assert large.norms[0] > 1e3 * large.norms[-1]  # 1.3^39: exploded
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


RELU_ID = "ReLU + identity init"


def test_an_overflow_is_located_not_printed_as_inf_or_nan():
    """Issue 18: radius 1.5, T = 200 gave Loss inf, ||dL/dh_1|| nan and empty charts."""
    flow = bptt.gradient_flow(bptt.Config(seq_len=200, radius=1.5, activation=RELU_ID))
    assert np.isfinite(flow.norms).all() and np.isfinite(flow.loss) and np.isfinite(flow.dh).all()
    assert flow.norms[0] > bptt.FLOAT32_MAX > flow.norms[-1]  # float64 keeps the true size
    step = flow.overflow_step  # the step where float32 would overflow
    assert np.abs(flow.dh[step - 1]).max() > bptt.FLOAT32_MAX >= np.abs(flow.dh[step:]).max()
    assert flow.loss_overflows
    words = bptt.verdict(flow)
    assert f"at step t = {step}" in words and "exploding: ×1.50" in words
    assert "inf" not in words.replace("infinite", "") and "nan" not in words.lower()
    figure = bptt_figures.gradient_norms(flow, 0)
    red = next(t for t in figure.data if t.name == "past float32's range")
    assert len(red.x) == step and max(red.x) == step  # drawn, in red, from that step back


def test_radius_1_3_over_100_steps_explodes_by_1_3_not_inf():
    """Issue 18: 'exploding: ×inf' (the float32 norm of a finite gradient overflowed)."""
    flow = bptt.gradient_flow(bptt.Config(seq_len=100, radius=1.3, activation=RELU_ID))
    assert flow.per_step_factor == pytest.approx(1.3, abs=0.01)
    assert "exploding: ×1.30 per step back" in bptt.verdict(flow)
    assert flow.overflow_step is None


def test_a_gradient_that_reaches_exactly_zero_is_not_called_stable():
    """Issue 18: at r = 1, T = 100 the verdict said 'stable ×0.98' while ||dL/dh_1|| = 0, and the metric and
    the chart disagreed on which steps get gradient."""
    flow = bptt.gradient_flow(bptt.Config(seq_len=100, radius=1.0, activation=RELU_ID))
    assert flow.norms[0] == 0 and flow.dead_from is not None
    assert (flow.norms[: flow.dead_from] == 0).all() and (flow.norms[flow.dead_from :] > 0).all()
    words = bptt.verdict(flow)
    assert "stable" not in words and f"from step t = {flow.dead_from} back" in words and "exactly 0" in words
    figure = bptt_figures.gradient_norms(flow, 0)
    drawn = sum(len(t.x) for t in figure.data if t.type == "bar")
    zero = next(t for t in figure.data if t.name == "exactly 0 (ReLUs off)")
    assert drawn == flow.reached.sum() == 100 - flow.dead_from and len(zero.x) == flow.dead_from


@pytest.mark.parametrize(
    "cfg",
    [
        bptt.Config(chunk=1),
        bptt.Config(seq_len=41, chunk=10),
        bptt.Config(seq_len=5, radius=0.5, activation=RELU_ID),
    ],
)
def test_every_verdict_is_whole_sentences(cfg):
    """Issue 18: 'The gradient is too few steps receive gradient to tell.'"""
    words = bptt.verdict(bptt.gradient_flow(cfg))
    assert words[0].isupper() and words.endswith(".") and "too few steps" not in words
    assert "nan" not in words.lower() and "×inf" not in words
