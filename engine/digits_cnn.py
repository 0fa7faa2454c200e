"""A small CNN for scikit-learn's 8x8 handwritten digits: filters, feature maps, receptive fields.

conv1 (8 filters 3x3, zero padding 1) -> ReLU -> 2x2 max pool -> conv2 (16 filters 3x3) -> ReLU
-> 2x2 max pool -> fully connected to the 10 digits. Local connectivity and weight sharing as in
the lecture: every unit sees only a small window of the layer below, and the window (its
receptive field on the input) grows layer by layer.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Callable

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from engine.datasets import Split, digits
from engine.device import model_device, placed, to_numpy
from engine.pretrain import Asset
from engine.seeding import seeded

ASSET = "digits_cnn"
# (kernel, stride, padding) of every layer that moves the window, by its trace name
GEOMETRY: dict[str, tuple[int, int, int]] = {
    "conv1": (3, 1, 1),
    "pool1": (2, 2, 0),
    "conv2": (3, 1, 1),
    "pool2": (2, 2, 0),
}


@dataclass(frozen=True)
class Config:
    channels1: int = 8
    channels2: int = 16
    epochs: int = 60
    batch: int = 64
    lr: float = 0.01
    weight_decay: float = 1e-4
    seed: int = 0


class DigitsCNN(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.conv1 = nn.Conv2d(1, cfg.channels1, 3, padding=1)
        self.conv2 = nn.Conv2d(cfg.channels1, cfg.channels2, 3, padding=1)
        self.fc = nn.Linear(cfg.channels2 * 2 * 2, 10)

    def stages(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """x (B, 8, 8) -> every layer's output, last the logits (B, 10)."""
        out: dict[str, torch.Tensor] = {}
        out["conv1"] = h = self.conv1(x[:, None])  # (B, 8, 8, 8)
        out["relu1"] = h = F.relu(h)
        out["pool1"] = h = F.max_pool2d(h, 2)  # (B, 8, 4, 4)
        out["conv2"] = h = self.conv2(h)  # (B, 16, 4, 4)
        out["relu2"] = h = F.relu(h)
        out["pool2"] = h = F.max_pool2d(h, 2)  # (B, 16, 2, 2)
        out["logits"] = self.fc(h.flatten(1))  # (B, 10)
        return out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.stages(x)["logits"]


def build(cfg: Config = Config()) -> DigitsCNN:
    with seeded(cfg.seed):
        return placed(DigitsCNN(cfg))


def train(
    model: DigitsCNN,
    data: Split,
    cfg: Config,
    on_step: Callable[[int, dict], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> DigitsCNN:
    """Adam on shuffled mini-batches for `cfg.epochs` epochs; metrics of each batch go to on_step."""
    device = model_device(model)
    x, y = (
        torch.from_numpy(data.x_train).to(device),
        torch.from_numpy(data.y_train).to(device),
    )  # (N, 8, 8), (N,)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    model.train()
    step = 0
    gen = torch.Generator().manual_seed(cfg.seed)  # the only randomness of training: the batch order
    for _ in range(cfg.epochs):
        order = torch.randperm(len(y), generator=gen)
        for start in range(0, len(y), cfg.batch):
            if stop is not None and stop():
                model.eval()
                return model
            batch = order[start : start + cfg.batch]
            logits = model(x[batch])  # (b, 10)
            loss = F.cross_entropy(logits, y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if on_step is not None:
                on_step(
                    step,
                    {"loss": loss.item(), "accuracy": float((logits.argmax(1) == y[batch]).float().mean())},
                )
    model.eval()
    return model


def trace(model: DigitsCNN, x: np.ndarray) -> dict[str, np.ndarray]:
    """Every layer for one 8x8 digit: "input", "conv1" ... "pool2", then "logits" (10,)."""
    with torch.no_grad():
        stages = model.stages(torch.from_numpy(np.asarray(x, np.float32))[None].to(model_device(model)))
    return {"input": np.asarray(x, np.float32), **{k: to_numpy(v[0]) for k, v in stages.items()}}


def probabilities(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max())
    return e / e.sum()


def accuracy(model: DigitsCNN, x: np.ndarray, y: np.ndarray) -> float:
    with torch.no_grad():
        return float((to_numpy(model(torch.from_numpy(x).to(model_device(model))).argmax(1)) == y).mean())


# ----- receptive field -------------------------------------------------------------------------
def receptive_field(layer: str, row: int, col: int, size: int = 8) -> tuple[int, int, int, int]:
    """The input pixels (top, left, bottom, right; inclusive, clipped to the picture) that unit
    (row, col) of `layer` can see: r_out = r_in + (k - 1) * jump, jump *= stride, layer by layer."""
    names = [n for n in GEOMETRY]
    last = names.index(layer.replace("relu", "conv")) + 1
    extent, jump, start = 1, 1, 0.0  # window size, step between units, first window's top
    for name in names[:last]:
        k, s, p = GEOMETRY[name]
        start -= p * jump
        extent += (k - 1) * jump
        jump *= s
    top, left = int(start) + row * jump, int(start) + col * jump
    clip = lambda v: max(0, min(size - 1, v))  # noqa: E731
    return clip(top), clip(left), clip(top + extent - 1), clip(left + extent - 1)


def receptive_field_size(layer: str) -> int:
    """The side of the window (before clipping) a unit of `layer` sees on the input."""
    top, _, bottom, _ = receptive_field(layer, 4, 4, size=10_000)
    return bottom - top + 1


def field_sizes_words(labels: dict[str, str]) -> str:
    """How wide every layer's receptive field is and why, in words (`labels`: how the page names them)."""
    return (
        "Receptive field sides: "
        + ", ".join(f"{labels[n]} {receptive_field_size(n)}" for n in labels)
        + ". Each 3x3 convolution adds 2 × the spacing of its input units; each 2x2 pooling doubles it."
    )


def unit_words(label: str, layer: str, channel: int, row: int, col: int, value: float) -> str:
    """One unit, its value and its receptive field, in words (`label`: how the page names the layer)."""
    field, size = receptive_field(layer, row, col), receptive_field_size(layer)
    return (
        f"Unit (row {row}, column {col}) of map {channel} in **{label}** has the value **{value:.2f}**. "
        f"It depends only on the {size}x{size} window of input pixels outlined in green (rows "
        f"{field[0]}–{field[2]}, columns {field[1]}–{field[3]} after clipping to the picture). Change any "
        "pixel outside it and this unit does not change."
    )


# ----- a user's digit as the dataset draws them ---------------------------------------------------
MAX_SIDE = 512  # ink is cropped to at most this before it is squared and shrunk to 8x8


def to_digit(ink: np.ndarray) -> np.ndarray:
    """Ink (H, W) in [0, 1] (1 = ink) -> an 8x8 digit like scikit-learn's: cropped tight to the
    ink, centred in a square, averaged down to 8x8, strongest pixel = 1. (Measured: held-out
    digits blown up to 256x256 and brought back this way are still 97% right; with a 10% margin
    around the ink only 91%, since the dataset's digits fill their box.)"""
    ink = np.asarray(ink, np.float32)
    rows, cols = np.nonzero(ink > 0.1)
    if rows.size == 0:
        raise ValueError(
            "There is no ink: draw a digit or pick a picture with a dark digit on a light background."
        )
    crop = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    if max(crop.shape) > MAX_SIDE:  # a 4000 x 2 sliver would make a 4000 x 4000 square: shrink it first
        scale = MAX_SIDE / max(crop.shape)
        size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
        crop = np.asarray(Image.fromarray(crop).resize(size, Image.Resampling.BOX), np.float32)
    side = max(crop.shape)
    square = np.zeros((side, side), np.float32)
    top, left = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    small = np.asarray(Image.fromarray(square).resize((8, 8), Image.Resampling.BOX), np.float32)  # (8, 8)
    return small / max(float(small.max()), 1e-6)


def ink_from_picture(gray: np.ndarray) -> np.ndarray:
    """A photo or scan (H, W) in [0, 1] -> ink: dark strokes on light paper become bright."""
    gray = np.asarray(gray, np.float32)
    ink = 1.0 - gray if gray.mean() > 0.5 else gray
    lo = float(np.percentile(ink, 50))
    return np.clip((ink - lo) / max(float(ink.max()) - lo, 1e-6), 0, 1)


# ----- the shipped asset -------------------------------------------------------------------------
def _pretrain(quick: bool) -> tuple[dict, dict]:
    cfg = Config(epochs=2 if quick else Config.epochs)
    data = digits()
    start = time.perf_counter()
    model = train(build(cfg), data, cfg)
    metrics = _evaluate(model.state_dict())
    card = {
        "data": "scikit-learn load_digits, 80/20 split with seed 0 (1,438 train / 359 held out)",
        "config": asdict(cfg),
        "metrics": metrics,
        "floors": {"test_accuracy": 0.97},
        "train_seconds": round(time.perf_counter() - start, 1),
    }
    return model.state_dict(), card


def _evaluate(state_dict: dict) -> dict[str, float]:
    model = DigitsCNN(Config())
    model.load_state_dict(state_dict)
    model.eval()
    data = digits()
    return {
        "test_accuracy": round(accuracy(model, data.x_test, data.y_test), 4),
        "train_accuracy": round(accuracy(model, data.x_train, data.y_train), 4),
    }


def load_pretrained() -> DigitsCNN:
    """The shipped asset, in eval mode (share it read-only)."""
    from engine import assets

    state, card = assets.load(ASSET)
    model = DigitsCNN(Config(**{k: v for k, v in card["config"].items() if k in Config.__dataclass_fields__}))
    model.load_state_dict(state)
    model.eval()
    model.requires_grad_(False)
    return placed(model)


def card() -> dict:
    """The shipped asset's card: its data, config and measured metrics."""
    from engine import assets

    return assets.card(ASSET)


PRETRAINED = {
    ASSET: Asset(
        train=_pretrain,
        evaluate=_evaluate,
        description="8x8 digits CNN: conv 8 -> pool -> conv 16 -> pool -> 10 classes",
    )
}
