"""The lecture's whole X-vs-O ConvNet: its three filters, ReLU and pooling (twice), then the votes.

The picture is convolved with the three 3x3 filters (mean of products), ReLU zeroes the
negatives and 2x2 max pooling (ceil mode: 7 -> 4) shrinks each map; pooling once more gives three
2x2 maps: 12 numbers. (Filtering the pooled maps again with the same +1/-1 filters was tried and
separates X from O far worse, 48% vs 95% on shifted/rotated/noisy pictures: those filters are made
for +1/-1 pictures, not for feature maps.) In the fully connected layer every number votes for X
and for O with a weight; the class with the higher score wins. The vote weights are either the
lecture's "prototype" votes (the features of the clean X and O, so a value votes for a class as
strongly as that class's picture has it) or learned from shifted, rotated and noisy examples.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.conv import LECTURE_FILTERS, O_IMAGE, X_IMAGE
from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

CLASSES = ("X", "O")


@dataclass(frozen=True)
class Config:
    poolings: int = 2  # 1: votes on three 4x4 maps; 2: pooled again to three 2x2 maps
    steps: int = 200  # training steps when the votes are learned
    lr: float = 0.5
    examples: int = 256  # shifted / rotated / noisy pictures to learn the votes from
    seed: int = 0


class XONet(nn.Module):
    """Fixed lecture filters, learnable (or prototype) votes."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.register_buffer(
            "filters", torch.tensor(np.stack(list(LECTURE_FILTERS.values())))[:, None]
        )  # (3, 1, 3, 3)
        n_features = 3 * (4 * 4 if cfg.poolings == 1 else 2 * 2)
        self.votes = nn.Linear(n_features, len(CLASSES), bias=False)
        with torch.no_grad():
            self.votes.weight.copy_(prototype_votes(self))

    def stages(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every stage for a batch of 9x9 pictures x (B, 9, 9), last entry the scores (B, 2)."""
        out: dict[str, torch.Tensor] = {}
        h = F.conv2d(x[:, None], self.filters) / 9  # (B, 3, 7, 7) mean of products
        out["conv"] = h
        h = F.relu(h)
        out["relu"] = h
        h = F.max_pool2d(h, 2, ceil_mode=True)  # (B, 3, 4, 4)
        out["pool"] = h
        if self.cfg.poolings == 2:
            h = F.max_pool2d(h, 2, ceil_mode=True)  # (B, 3, 2, 2)
            out["pool2"] = h
        features = h.flatten(1)  # (B, 12)
        out["features"] = features
        out["scores"] = self.scores(features)  # (B, 2)
        return out

    def scores(self, features: torch.Tensor) -> torch.Tensor:
        """Weighted votes: sum(weight * value) / sum(weight) per class (B, 2)."""
        w = self.votes.weight  # (2, F)
        return features @ w.T / w.sum(1).clamp_min(1e-6)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.stages(x)["scores"]


def prototype_votes(model: XONet) -> torch.Tensor:
    """The lecture's votes: each class's weights are the features its clean picture produces."""
    with torch.no_grad():
        clean = torch.from_numpy(np.stack([X_IMAGE, O_IMAGE])).to(model_device(model))  # (2, 9, 9)
        saved = model.votes.weight.clone()
        model.votes.weight.fill_(1.0)
        features = model.stages(clean)["features"]  # (2, F)
        model.votes.weight.copy_(saved)
    return features


def build(cfg: Config = Config()) -> XONet:
    with seeded(
        cfg.seed
    ):  # nn.Linear draws its (overwritten) init from torch's RNG: keep it off the global one
        return placed(XONet(cfg))


# ----- what the page does to the picture -----------------------------------------------------
def shift(image: np.ndarray, down: int, right: int) -> np.ndarray:
    """Move the picture; what comes in from the border is background (-1)."""
    out = np.full_like(image, -1.0)
    h, w = image.shape
    src = image[max(0, -down) : h - max(0, down), max(0, -right) : w - max(0, right)]
    out[max(0, down) : max(0, down) + src.shape[0], max(0, right) : max(0, right) + src.shape[1]] = src
    return out


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate about the centre (nearest pixel); corners that come from outside are background."""
    h, w = image.shape
    cy, cx = (h - 1) / 2, (w - 1) / 2
    t = math.radians(degrees)
    y, x = np.mgrid[0:h, 0:w]
    src_y = np.rint(cy + (y - cy) * math.cos(t) - (x - cx) * math.sin(t)).astype(int)
    src_x = np.rint(cx + (y - cy) * math.sin(t) + (x - cx) * math.cos(t)).astype(int)
    inside = (src_y >= 0) & (src_y < h) & (src_x >= 0) & (src_x < w)
    return np.where(inside, image[src_y.clip(0, h - 1), src_x.clip(0, w - 1)], -1.0).astype(np.float32)


def add_noise(image: np.ndarray, flips: int, seed: int = 0) -> np.ndarray:
    """Flip `flips` random pixels (ink <-> background)."""
    out = image.copy()
    cells = np.random.default_rng(seed).choice(image.size, size=min(flips, image.size), replace=False)
    out.flat[cells] *= -1
    return out


def transform(
    image: np.ndarray, down: int = 0, right: int = 0, degrees: float = 0.0, flips: int = 0, seed: int = 0
) -> np.ndarray:
    return add_noise(shift(rotate(image, degrees), down, right), flips, seed)


# ----- learning the votes ----------------------------------------------------------------------
def make_data(cfg: Config) -> tuple[torch.Tensor, torch.Tensor]:
    """Shifted (±1), slightly rotated and noisy X and O pictures with their labels."""
    rng = np.random.default_rng(cfg.seed)
    pictures, labels = [], []
    for i in range(cfg.examples):
        label = i % 2
        base = X_IMAGE if label == 0 else O_IMAGE
        pictures.append(
            transform(
                base,
                int(rng.integers(-1, 2)),
                int(rng.integers(-1, 2)),
                float(rng.choice([0, 15, -15, 90])),
                int(rng.integers(0, 6)),
                int(rng.integers(1 << 30)),
            )
        )
        labels.append(label)
    return torch.from_numpy(np.stack(pictures)), torch.tensor(labels)  # (N, 9, 9), (N,)


def train(
    model: XONet,
    data: tuple[torch.Tensor, torch.Tensor],
    cfg: Config,
    on_step: Callable[[int, dict], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> XONet:
    """Learn the vote weights (kept positive, as votes) with the filters fixed."""
    x, y = (t.to(model_device(model)) for t in data)  # (N, 9, 9), (N,)
    features = model.stages(x)["features"].detach()  # (N, F): the filters never change
    raw = nn.Parameter(model.votes.weight.detach().clamp_min(1e-3).log())  # (2, F): weight = exp(raw) > 0
    optimizer = torch.optim.Adam([raw], lr=cfg.lr / 10)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        w = raw.exp()
        scores = features @ w.T / w.sum(1)  # (N, 2)
        loss = F.cross_entropy(scores * 20, y)  # scores are in [0, 1]: sharpen
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            model.votes.weight.copy_(raw.exp())
        if on_step is not None:
            accuracy = float((scores.argmax(1) == y).float().mean())
            on_step(step, {"loss": loss.item(), "accuracy": accuracy})
    return model


def trace(model: XONet, x: np.ndarray) -> dict[str, np.ndarray]:
    """Every stage for one 9x9 picture: "input", "conv", "relu", "pool", ("pool2"), "features",
    then "scores" (2,)."""
    with torch.no_grad():
        stages = model.stages(torch.from_numpy(np.asarray(x, np.float32))[None].to(model_device(model)))
    return {"input": np.asarray(x, np.float32), **{k: to_numpy(v[0]) for k, v in stages.items()}}


def accuracy(model: XONet, data: tuple[torch.Tensor, torch.Tensor]) -> float:
    with torch.no_grad():
        x, y = (t.to(model_device(model)) for t in data)  # (N, 9, 9), (N,)
        return float((model(x).argmax(1) == y).float().mean())
