"""A GAN that learns to write 8x8 digits: an MLP generator against an MLP discriminator.

The generator maps noise z ~ N(0, I) to a picture; the discriminator says "real" or "fake".
Samples from one fixed batch of noise show the generator's progress; walking in a straight
line between two noise vectors shows what its latent space has learned.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.datasets import Split, digits
from engine.device import model_device, placed, to_numpy
from engine.pretrain import Asset
from engine.seeding import seeded

PIXELS = 64
RATES = (1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3)  # the learning rates the page offers


@dataclass(frozen=True)
class Config:
    noise: int = 16
    hidden: int = 256
    lr_d: float = 5e-4
    lr_g: float = 1e-3
    batch: int = 64
    steps: int = 100_000
    seed: int = 0


class DigitGan(nn.Module):
    """Generator G: z (noise) -> 8x8 picture in [0, 1]; discriminator D: picture -> logit of 'real'."""

    def __init__(self, cfg: Config):
        super().__init__()
        h = cfg.hidden
        self.noise = cfg.noise
        self.generator = nn.Sequential(
            nn.Linear(cfg.noise, h // 2),
            nn.LeakyReLU(0.2),
            nn.Linear(h // 2, h),
            nn.LeakyReLU(0.2),
            nn.Linear(h, PIXELS),
        )
        self.discriminator = nn.Sequential(
            nn.Linear(PIXELS, h),
            nn.LeakyReLU(0.2),
            nn.Linear(h, h // 2),
            nn.LeakyReLU(0.2),
            nn.Linear(h // 2, 1),
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.generator(z))  # (B, 64)


def build(cfg: Config) -> DigitGan:
    with seeded(cfg.seed):
        return placed(DigitGan(cfg))


def train(model: DigitGan, data: Split, cfg: Config, on_step=None, stop=None) -> dict:
    """One D update then one G update per step, non-saturating loss, Adam with beta1 = 0.5."""
    device = model_device(model)
    x_all = torch.from_numpy(np.ascontiguousarray(data.x_train.reshape(-1, PIXELS))).to(device)  # (N, 64)
    gen = torch.Generator().manual_seed(cfg.seed)
    opt_d = torch.optim.Adam(model.discriminator.parameters(), lr=cfg.lr_d, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(model.generator.parameters(), lr=cfg.lr_g, betas=(0.5, 0.999))
    ones, zeros = torch.ones(cfg.batch, 1, device=device), torch.zeros(cfg.batch, 1, device=device)
    model.train()
    metrics: dict = {}
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        real = x_all[torch.randint(len(x_all), (cfg.batch,), generator=gen)]  # (B, 64)
        fake = model(
            torch.randn(cfg.batch, cfg.noise, generator=gen).to(device)
        )  # (B, 64) noise drawn on the CPU
        real_logit, fake_logit = model.discriminator(real), model.discriminator(fake.detach())  # (B, 1)
        loss_d = (
            F.binary_cross_entropy_with_logits(real_logit, ones * 0.9)  # one-sided label smoothing
            + F.binary_cross_entropy_with_logits(fake_logit, zeros)
        )
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        fooled = model.discriminator(fake)  # (B, 1)
        loss_g = F.binary_cross_entropy_with_logits(fooled, ones)  # -log D(G(z))
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        metrics = {
            "d_loss": loss_d.item(),
            "g_loss": loss_g.item(),
            "d_real": torch.sigmoid(real_logit).mean().item(),
            "d_fake": torch.sigmoid(fake_logit).mean().item(),
        }
        if on_step is not None:
            on_step(step, metrics)
    model.eval()
    return metrics


@torch.no_grad()
def trace(model: DigitGan, z: torch.Tensor) -> dict[str, np.ndarray]:
    """The generator's layers on noise z (B, noise), ending with the pictures (B, 64)."""
    out = {"noise": to_numpy(z).copy()}
    h = z.to(model_device(model))
    for i, layer in enumerate(model.generator):
        h = layer(h)
        if isinstance(layer, nn.LeakyReLU):
            out[f"generator.{i}"] = to_numpy(h)
    out["generator.pictures"] = to_numpy(torch.sigmoid(h))  # == model(z)
    return out


def fixed_noise(cfg: Config, n: int = 64) -> torch.Tensor:
    return torch.randn(n, cfg.noise, generator=torch.Generator().manual_seed(1000 + cfg.seed))  # (n, noise)


def noise_for(seed: int, size: int) -> torch.Tensor:
    """One reproducible noise vector z (1, size) for a seed the user picks."""
    return torch.randn(1, size, generator=torch.Generator().manual_seed(int(seed)))


@torch.no_grad()
def samples(model: DigitGan, z: torch.Tensor) -> np.ndarray:
    was = model.training
    model.eval()
    pictures = to_numpy(model(z.to(model_device(model))).reshape(-1, 8, 8))  # (N, 8, 8)
    model.train(was)
    return pictures


def interpolate(model: DigitGan, z_from: torch.Tensor, z_to: torch.Tensor, n: int = 9) -> np.ndarray:
    """Pictures along the straight line from z_from to z_to: (n, 8, 8)."""
    t = torch.linspace(0, 1, n)[:, None]  # (n, 1)
    return samples(model, (1 - t) * z_from + t * z_to)  # z path (n, noise)


def frozen_generator(model: DigitGan) -> DigitGan:
    """A copy in eval mode for the page to read while training goes on."""
    return copy.deepcopy(model).eval().requires_grad_(False)


# ----- judging samples: a plain classifier trained on the real digits ------------------------------
def _judge():
    from sklearn.linear_model import LogisticRegression  # lazy: scikit-learn is slow to import

    data = digits()
    return LogisticRegression(max_iter=2000).fit(data.x_train.reshape(-1, PIXELS), data.y_train)


def read_digits(pictures: np.ndarray, judge=None) -> np.ndarray:
    """The digit a plain classifier trained on the real digits reads in each picture (N, 8, 8) -> (N,)."""
    return (judge or _judge()).predict(pictures.reshape(len(pictures), PIXELS))


def sample_quality(model: DigitGan, n: int = 1000, seed: int = 7) -> dict[str, float]:
    """classes: digit classes making >= 3% of samples (diversity, out of 10); confident: share of
    samples a logistic regression trained on real digits reads with probability > 0.9 (legibility)."""
    z = torch.randn(n, model.noise, generator=torch.Generator().manual_seed(seed))
    probs = _judge().predict_proba(samples(model, z).reshape(n, PIXELS))  # (n, 10)
    share = np.bincount(probs.argmax(1), minlength=10) / n
    return {"classes": float((share >= 0.03).sum()), "confident": float((probs.max(1) > 0.9).mean())}


ASSET_STEPS = 6000


def _train_asset(quick: bool):
    cfg = Config(steps=200 if quick else ASSET_STEPS)
    model = build(cfg)
    train(model, digits(), cfg)
    metrics = sample_quality(model)
    card = {
        "data": "sklearn digits 8x8, train split (seed 0)",
        "config": asdict(cfg),
        "metrics": metrics,
        "floors": {"classes": 9.0, "confident": round(max(0.0, metrics["confident"] - 0.1), 3)},
    }
    return model.state_dict(), card


def load_asset(state: dict) -> DigitGan:
    noise, hidden = state["generator.0.weight"].shape[1], state["generator.2.weight"].shape[0]
    model = DigitGan(Config(noise=noise, hidden=hidden))
    model.load_state_dict(state)
    return placed(model).eval()


PRETRAINED = {
    "gan_digits": Asset(
        train=_train_asset,
        evaluate=lambda s: sample_quality(load_asset(s)),
        description="MLP GAN writing 8x8 digits from 16-D noise",
    ),
}
