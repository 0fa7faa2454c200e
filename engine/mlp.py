"""A multilayer perceptron on 2-D points, trained live: input features, hidden layers, one output.

Forward propagation in the lecture's words: every hidden node j sums its inputs,
a_j = sum_i w_ij x_i, and fires x_j = f(a_j). The output node's a is the class score; its
sigmoid is p(orange | x). Training minimises the mean cross-entropy plus L1 and L2 penalties.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine import toy2d
from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1²": lambda x1, x2: x1 * x1,
    "x2²": lambda x1, x2: x2 * x2,
    "x1·x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: torch.sin(x1),
    "sin(x2)": lambda x1, x2: torch.sin(x2),
}
ACTIVATIONS = {
    "tanh": torch.tanh,
    "ReLU": F.relu,
    "sigmoid": torch.sigmoid,
    "leaky ReLU": lambda a: F.leaky_relu(a, 0.1),
    "ELU": F.elu,
    "linear": lambda a: a,
}
OPTIMIZERS = ("Adam", "SGD")
EVAL_EVERY = 5  # full train/test loss and accuracy every few steps (cheap, 2-D data)


@dataclass(frozen=True)
class Config:
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (16, 16)
    activation: str = "tanh"
    learning_rate: float = 0.03
    optimizer: str = "Adam"
    l1: float = 0.0
    l2: float = 0.0
    dropout: float = 0.0
    batch_size: int = 32
    steps: int = 20_000
    seed: int = 0


class MLP(nn.Module):
    """features -> [Linear -> f -> dropout] * len(hidden) -> Linear -> one class score."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.features = tuple(cfg.features)
        self.activation = cfg.activation
        widths = [len(self.features), *cfg.hidden]
        self.layers = nn.ModuleList(nn.Linear(w_in, w_out) for w_in, w_out in zip(widths, widths[1:]))
        self.output = nn.Linear(widths[-1], 1)
        self.drop_p = float(cfg.dropout)

    def featurize(self, points: torch.Tensor) -> torch.Tensor:
        x1, x2 = points[:, 0], points[:, 1]  # (N,), (N,)
        return torch.stack([FEATURES[name](x1, x2) for name in self.features], 1)  # (N, F)

    def forward(self, points: torch.Tensor) -> torch.Tensor:
        return self.propagate(points)[-1][1]

    def propagate(
        self, points: torch.Tensor, dropout: torch.Generator | None = None
    ) -> list[tuple[str, torch.Tensor]]:
        """Every layer's a (weighted sums) and x (activations), in order; the last is the output's a.

        With a `dropout` generator (training only) each hidden x is zeroed with probability p
        and the survivors scaled by 1 / (1 - p), from that generator, never the global RNG."""
        f = ACTIVATIONS[self.activation]
        x = self.featurize(points)  # (N, F)
        record = [("features", x)]
        for i, layer in enumerate(self.layers):
            a = layer(x)  # (N, H_i)
            x = f(a)  # (N, H_i)
            if dropout is not None and self.drop_p > 0:
                keep = (torch.rand(x.shape, generator=dropout) >= self.drop_p).to(x.device)  # (N, H_i)
                x = x * keep / (1.0 - self.drop_p)
            record += [(f"layers.{i}.a", a), (f"layers.{i}.x", x)]
        record.append(("output.a", self.output(x).squeeze(1)))  # (N,)
        return record


def build(cfg: Config) -> MLP:
    with seeded(cfg.seed):
        return placed(MLP(cfg))


def trace(model: MLP, x: np.ndarray | torch.Tensor) -> dict[str, np.ndarray]:
    """Inputs, features, every layer's a and x, and the output score (== model(x) in eval mode)."""
    points = torch.as_tensor(np.asarray(x, np.float32))  # (N, 2)
    with torch.no_grad():
        record = model.propagate(points.to(model_device(model)))
    return {"input": points.numpy(), **{k: to_numpy(v) for k, v in record}}


def penalty(model: MLP, cfg: Config) -> torch.Tensor:
    """lambda * Omega(W): L1 and L2 on the weights (not the biases)."""
    weights = [layer.weight for layer in model.layers] + [model.output.weight]
    total = torch.zeros((), device=weights[0].device)
    if cfg.l1:
        total = total + cfg.l1 * sum(w.abs().sum() for w in weights)
    if cfg.l2:
        total = total + cfg.l2 * sum((w * w).sum() for w in weights)
    return total


def evaluate(model: MLP, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) without dropout; mutates nothing."""
    if len(x) == 0:
        return float("nan"), float("nan")
    with torch.no_grad():
        device = model_device(model)
        score = model(torch.as_tensor(x, device=device))  # (N,)
        target = torch.as_tensor(y, dtype=torch.float32, device=device)  # (N,)
        loss = F.binary_cross_entropy_with_logits(score, target).item()
        accuracy = ((score > 0).long() == torch.as_tensor(y, device=device)).float().mean().item()
    return loss, accuracy


def make_optimizer(model: MLP, cfg: Config) -> torch.optim.Optimizer:
    if cfg.optimizer == "SGD":
        return torch.optim.SGD(model.parameters(), lr=cfg.learning_rate, momentum=0.9)
    return torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)


def train(model: MLP, data: toy2d.Toy2D, cfg: Config, on_step=None, stop=None) -> MLP:
    """Minibatch steps on the training points; metrics: loss (the batch objective) and, every
    EVAL_EVERY steps, train/test loss and accuracy on all points."""
    optimizer = make_optimizer(model, cfg)
    device = model_device(model)
    x_train = torch.as_tensor(data.x_train, device=device)  # (N, 2)
    y_train = torch.as_tensor(data.y_train, dtype=torch.float32, device=device)  # (N,)
    n = len(x_train)
    batch = max(1, min(cfg.batch_size, n))
    generator = torch.Generator().manual_seed(cfg.seed)
    order, cursor = torch.randperm(n, generator=generator), 0
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        if cursor + batch > n:
            order, cursor = torch.randperm(n, generator=generator), 0
        index = order[cursor : cursor + batch]  # (B,)
        cursor += batch
        score = model.propagate(x_train[index], dropout=generator)[-1][1]  # (B,)
        loss = F.binary_cross_entropy_with_logits(score, y_train[index]) + penalty(model, cfg)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if on_step is not None:
            metrics = {"loss": loss.item()}
            if step % EVAL_EVERY == 0 or step == 1:
                metrics.update(_full_metrics(model, data))
            on_step(step, metrics)
    return model


def _full_metrics(model: MLP, data: toy2d.Toy2D) -> dict[str, float]:
    train_loss, train_acc = evaluate(model, data.x_train, data.y_train)
    test_loss, test_acc = evaluate(model, data.x_test, data.y_test)
    metrics = {"train_loss": train_loss, "train_accuracy": train_acc}
    if len(data.x_test):
        metrics.update(test_loss=test_loss, test_accuracy=test_acc)
    return metrics
