"""A GAN on 2-D points (GAN Lab in Python): generator vs discriminator on rings, grids, spirals.

Generator objective: fool the discriminator by generating more real-looking points.
Discriminator objective: become better at telling real points from generated ones.
One training step = k discriminator updates, then one generator update.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.device import model_device, placed, to_numpy

DATASETS = ("ring", "grid", "spiral", "moons", "drawn")
LOSSES = {
    "minimax": "minimax (log(1 − D(G(z))))",
    "nonsat": "non-saturating (−log D(G(z)))",
    "lsgan": "least squares",
}
RING_MODES, RING_RADIUS, MODE_STD = 8, 2.0, 0.1
BOX = 3.0  # the plane shown: [-3, 3] x [-3, 3]
RATES = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)  # the learning rates the page offers


@dataclass(frozen=True)
class Config:
    dataset: str = "ring"
    loss: str = "nonsat"
    noise: int = 2  # size of the generator's input z
    hidden: int = 64
    lr_d: float = 1e-3
    lr_g: float = 1e-3
    k: int = 1  # discriminator updates per generator update
    batch: int = 128
    steps: int = 100_000
    seed: int = 0


def mode_centres(dataset: str) -> np.ndarray | None:
    """The centres of the Gaussians for the datasets made of modes; None for the others."""
    if dataset == "ring":
        angles = np.arange(RING_MODES) * 2 * np.pi / RING_MODES
        return RING_RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)  # (8, 2)
    if dataset == "grid":
        return np.stack(np.meshgrid([-2.0, 0.0, 2.0], [-2.0, 0.0, 2.0]), -1).reshape(-1, 2)  # (9, 2)
    return None


def sample_real(dataset: str, n: int, gen: torch.Generator, drawn: np.ndarray | None = None) -> torch.Tensor:
    """n real points (n, 2) from the chosen distribution; `drawn` holds the user's shape's points."""
    centres = mode_centres(dataset)
    if centres is not None:
        pick = torch.randint(len(centres), (n,), generator=gen)
        return torch.as_tensor(centres, dtype=torch.float32)[pick] + MODE_STD * torch.randn(
            n, 2, generator=gen
        )
    if dataset == "spiral":
        t = torch.rand(n, generator=gen) * 3 * math.pi + 0.5  # (n,)
        points = torch.stack([t * torch.cos(t), t * torch.sin(t)], 1) * (2.6 / (3.5 * math.pi))
        return points + 0.05 * torch.randn(n, 2, generator=gen)
    if dataset == "moons":
        t = torch.rand(n, generator=gen) * math.pi
        upper = torch.rand(n, generator=gen) < 0.5
        x = torch.where(upper, torch.cos(t), 1 - torch.cos(t)) - 0.5
        y = torch.where(upper, torch.sin(t), 0.5 - torch.sin(t)) - 0.25
        return torch.stack([x, y], 1) * 1.8 + 0.08 * torch.randn(n, 2, generator=gen)
    if dataset == "drawn":
        if drawn is None or len(drawn) == 0:
            raise ValueError("draw a shape first")
        pick = torch.randint(len(drawn), (n,), generator=gen)
        return torch.as_tensor(drawn, dtype=torch.float32)[pick] + 0.04 * torch.randn(n, 2, generator=gen)
    raise ValueError(f"unknown dataset {dataset!r}")


def points_from_ink(ink: np.ndarray, limit: int = 4000) -> np.ndarray:
    """The inked pixels of a drawing (H, W) as points in the plane, y up, scaled into [-2.5, 2.5]."""
    rows, cols = np.nonzero(ink > 0.5)
    if len(rows) == 0:
        raise ValueError("the drawing is empty")
    h, w = ink.shape
    points = np.stack([cols / (w - 1) * 5 - 2.5, 2.5 - rows / (h - 1) * 5], 1).astype(np.float32)
    step = max(1, len(points) // limit)
    return points[::step]


class Gan(nn.Module):
    """Generator G: z -> x and discriminator D: x -> logit of 'real'."""

    def __init__(self, cfg: Config):
        super().__init__()
        h = cfg.hidden
        self.noise = cfg.noise
        self.generator = nn.Sequential(
            nn.Linear(cfg.noise, h), nn.LeakyReLU(0.2), nn.Linear(h, h), nn.LeakyReLU(0.2), nn.Linear(h, 2)
        )
        self.discriminator = nn.Sequential(
            nn.Linear(2, h), nn.LeakyReLU(0.2), nn.Linear(h, h), nn.LeakyReLU(0.2), nn.Linear(h, 1)
        )
        self.phase: str | None = None  # "d" or "g": the next step updates only that player (Step D / Step G)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.generator(z)  # (B, 2)


def build(cfg: Config) -> Gan:
    from engine.seeding import seeded

    with seeded(cfg.seed):
        return placed(Gan(cfg))


def d_loss(real_logit: torch.Tensor, fake_logit: torch.Tensor, loss: str) -> torch.Tensor:
    """The discriminator's loss: push D(real) to 1 and D(fake) to 0."""
    if loss == "lsgan":
        return 0.5 * ((torch.sigmoid(real_logit) - 1).pow(2).mean() + torch.sigmoid(fake_logit).pow(2).mean())
    return F.binary_cross_entropy_with_logits(
        real_logit, torch.ones_like(real_logit)
    ) + F.binary_cross_entropy_with_logits(fake_logit, torch.zeros_like(fake_logit))


def g_loss(fake_logit: torch.Tensor, loss: str) -> torch.Tensor:
    """The generator's loss: minimax minimises log(1 - D(G(z))), non-saturating -log D(G(z))."""
    if loss == "minimax":
        return -F.binary_cross_entropy_with_logits(fake_logit, torch.zeros_like(fake_logit))
    if loss == "lsgan":
        return 0.5 * (torch.sigmoid(fake_logit) - 1).pow(2).mean()
    return F.binary_cross_entropy_with_logits(fake_logit, torch.ones_like(fake_logit))


def train(model: Gan, data: np.ndarray | None, cfg: Config, on_step=None, stop=None) -> dict:
    """k D-updates then one G-update per step (Adam, beta1 = 0.5); `data`: the drawn points or None."""
    gen = torch.Generator().manual_seed(cfg.seed)
    opt_d = torch.optim.Adam(model.discriminator.parameters(), lr=cfg.lr_d, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(model.generator.parameters(), lr=cfg.lr_g, betas=(0.5, 0.999))
    metrics: dict = {}
    device = model_device(model)  # the noise and real points are drawn on the CPU: the same on every device
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        phase, model.phase = model.phase, None
        if phase != "g":
            for _ in range(cfg.k):
                real = sample_real(cfg.dataset, cfg.batch, gen, data).to(device)  # (B, 2)
                with torch.no_grad():
                    fake = model(torch.randn(cfg.batch, cfg.noise, generator=gen).to(device))  # (B, 2)
                loss_d = d_loss(model.discriminator(real), model.discriminator(fake), cfg.loss)
                opt_d.zero_grad(set_to_none=True)
                loss_d.backward()
                opt_d.step()
            metrics["d_loss"] = loss_d.item()
        if phase != "d":
            z = torch.randn(cfg.batch, cfg.noise, generator=gen).to(device)  # (B, noise)
            fake_logit = model.discriminator(model(z))  # (B, 1)
            loss_g = g_loss(fake_logit, cfg.loss)
            opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            opt_g.step()  # D's grads from this pass are cleared by its own zero_grad before use
            metrics["g_loss"] = loss_g.item()
            metrics["d_fake"] = torch.sigmoid(fake_logit).mean().item()
        if on_step is not None:
            on_step(step, dict(metrics))
    return metrics


@torch.no_grad()
def trace(model: Gan, z: torch.Tensor) -> dict[str, np.ndarray]:
    """The generator's layers on noise z (B, noise): hidden activations, then the points."""
    out = {"noise": to_numpy(z).copy()}
    h = z.to(model_device(model))
    for i, layer in enumerate(model.generator):
        h = layer(h)
        if isinstance(layer, nn.LeakyReLU):
            out[f"generator.{i}"] = to_numpy(h)
    out["generator.points"] = to_numpy(h)  # (B, 2) == model(z)
    return out


# ----- what the page draws ------------------------------------------------------------------------
@dataclass(frozen=True)
class GanView:
    real: np.ndarray  # (N, 2)
    fake: np.ndarray  # (N, 2) generated from fixed noise
    surface: np.ndarray  # (G, G) D(x) = probability of "real" over the plane, row 0 = bottom
    arrows: np.ndarray  # (M, 2) -grad of the generator's loss at M fake points (where G pushes them)
    covered: int | None  # modes the generator covers (ring / grid), else None
    modes: int | None
    coverage: float  # share of real points with a generated point within 0.25


def fixed_noise(cfg: Config, n: int = 600) -> torch.Tensor:
    return torch.randn(n, cfg.noise, generator=torch.Generator().manual_seed(cfg.seed + 1))  # (n, noise)


def view(
    model: Gan, cfg: Config, noise: torch.Tensor, real: np.ndarray, grid: int = 48, n_arrows: int = 120
) -> GanView:
    """Everything the page draws, read between two steps."""
    device = model_device(model)
    axis = torch.linspace(-BOX, BOX, grid)
    xs, ys = torch.meshgrid(axis, axis, indexing="xy")  # (G, G)
    plane = torch.stack([xs, ys], -1).reshape(-1, 2).to(device)  # (G*G, 2)
    with torch.no_grad():
        fake = model(noise.to(device))  # (N, 2)
        surface = torch.sigmoid(model.discriminator(plane))  # (G*G, 1)
    points = fake[:n_arrows].clone().requires_grad_(True)  # (M, 2)
    loss = g_loss(model.discriminator(points), cfg.loss) * len(points)
    (grad,) = torch.autograd.grad(loss, points)  # (M, 2)
    # float32 distances on the model's device: a (N, N) float64 numpy table cost a fifth of a live step
    nearest = torch.cdist(torch.as_tensor(real, dtype=torch.float32, device=device), fake).amin(1)  # (N,)
    centres, fake = mode_centres(cfg.dataset), to_numpy(fake)
    covered = modes_covered(fake, centres) if centres is not None else None
    return GanView(
        real,
        fake,
        to_numpy(surface.reshape(grid, grid)),
        -to_numpy(grad),
        covered,
        None if centres is None else len(centres),
        float((nearest < 0.25).float().mean()),
    )


def real_sample(cfg: Config, drawn: np.ndarray | None, n: int = 600) -> np.ndarray:
    """A fixed sample of real points to draw (n, 2)."""
    return sample_real(cfg.dataset, n, torch.Generator().manual_seed(cfg.seed + 2), drawn).numpy()


def mode_collapse(v: GanView) -> str | None:
    """Words for the page when the generator covers too little of the data, else None."""
    if v.modes is not None and v.covered < v.modes:
        return f"covers only {v.covered} of the {v.modes} modes"
    if v.modes is None and v.coverage < 0.5:
        return f"reaches only {v.coverage:.0%} of the real points"
    return None


def collapse_advice(cfg: Config) -> str:
    """What to try against mode collapse, leaving out what the settings already do."""
    tries = [] if cfg.loss == "nonsat" else ["the non-saturating loss"]
    if cfg.lr_g > min(RATES):
        tries.append(
            "a smaller generator learning rate"
            + (" (it is above the discriminator's)" if cfg.lr_g > cfg.lr_d else "")
        )
    if cfg.k < 5:
        tries.append(f"more D steps (k, now {cfg.k})")
    tries.append("another seed")
    return "Try " + (", ".join(tries[:-1]) + " or " + tries[-1] if len(tries) > 1 else tries[0]) + "."


def modes_covered(
    points: np.ndarray, centres: np.ndarray, radius: float = 4 * MODE_STD, min_share: float = 0.25
) -> int:
    """A mode counts as covered when at least `min_share` of its fair share of the generated
    points (1 / number of modes) lies within `radius` (4 standard deviations) of its centre."""
    dist = np.linalg.norm(points[:, None, :] - centres[None], axis=-1)  # (N, modes)
    near = (dist < radius).sum(0)  # (modes,)
    return int((near >= min_share * len(points) / len(centres)).sum())
