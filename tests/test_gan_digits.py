"""Digit GAN: losses against their formulas, trace, interpolation ends, the shipped asset meets its floors."""

import numpy as np
import pytest
import torch

from engine import assets
from engine import gan_digits as lib
from engine.datasets import digits
from engine.pretrain import registry


def test_training_step_uses_the_non_saturating_loss_and_is_seeded():
    cfg = lib.Config(steps=3, seed=5)
    runs = []
    for _ in range(2):
        rows = []
        lib.train(lib.build(cfg), digits(), cfg, on_step=lambda s, m: rows.append(m))
        runs.append(rows)
    assert runs[0] == runs[1]
    model = lib.build(cfg)
    z = torch.randn(8, cfg.noise)
    d_fake = torch.sigmoid(model.discriminator(model(z)))
    expected = -torch.log(d_fake).mean()
    got = torch.nn.functional.binary_cross_entropy_with_logits(
        model.discriminator(model(z)), torch.ones(8, 1)
    )
    assert torch.allclose(got, expected, atol=1e-5)


def test_trace_ends_with_the_pictures():
    model = lib.build(lib.Config()).eval()
    z = lib.fixed_noise(lib.Config(), 5)
    out = lib.trace(model, z)
    assert list(out)[-1] == "generator.pictures"
    np.testing.assert_allclose(out["generator.pictures"], model(z).detach().numpy(), atol=1e-6)


def test_interpolation_starts_and_ends_at_the_two_samples():
    model = lib.build(lib.Config())
    za, zb = lib.noise_for(1, model.noise), lib.noise_for(2, model.noise)
    strip = lib.interpolate(model, za, zb, n=7)
    assert strip.shape == (7, 8, 8)
    np.testing.assert_allclose(strip[0], lib.samples(model, za)[0], atol=1e-6)
    np.testing.assert_allclose(strip[-1], lib.samples(model, zb)[0], atol=1e-6)
    assert model.training, "sampling must leave the model's mode as it was"


@pytest.mark.slow
def test_shipped_gan_meets_the_floors_in_its_card():
    state, card = assets.load("gan_digits")
    metrics = registry()["gan_digits"].evaluate(state)
    for metric, floor in card["floors"].items():
        assert metrics[metric] >= floor, f"{metric} {metrics[metric]} < floor {floor}"
    assert metrics["classes"] >= 9  # writes (nearly) every digit: no mode collapse
