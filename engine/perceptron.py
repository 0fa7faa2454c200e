"""Rosenblatt's perceptron on 2-D points, one update at a time, and its convergence theorem.

The lecture's rule: f(x) = w^T phi(x) with phi(x) = (x1, x2, 1), and for a misclassified point
w <- w + eta * t_i * phi(x_i). Starting from w = 0 on data with margin delta for a unit-norm w*
(t <w*, phi(x)> > delta) and <phi(x), phi(x)> < M, it makes at most t <= M / delta^2 updates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

DATASETS = ("separable", "xor")


@dataclass(frozen=True)
class Config:
    dataset: str = "separable"
    margin: float = 0.15  # gap on each side of the generating line, in plane units
    n_points: int = 30
    seed: int = 0
    learning_rate: float = 1.0  # eta; from w = 0 it scales w but never changes which updates happen
    max_epochs: int = 60  # XOR never converges: stop after this many passes


@dataclass(frozen=True)
class PerceptronData:
    x: np.ndarray  # (N, 2) points in the unit disc
    t: np.ndarray  # (N,) targets in {-1, +1}
    line: np.ndarray  # (3,) the unit-norm (w1, w2, b) the data was made from


class Perceptron:
    """sign(w^T phi(x)); w = (w1, w2, b) starts at zero."""

    def __init__(self, w: np.ndarray | None = None):
        self.w = np.zeros(3) if w is None else np.asarray(w, float).copy()


def phi(x: np.ndarray) -> np.ndarray:
    """(N, 2) -> (N, 3): the point with a constant 1 appended, so the line need not pass through 0."""
    x = np.asarray(x, float)
    return np.concatenate([x, np.ones((len(x), 1))], 1)


def make_data(cfg: Config) -> PerceptronData:
    rng = np.random.default_rng(cfg.seed)
    if cfg.dataset == "xor":
        corners = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], float) * 0.5
        which = np.arange(cfg.n_points) % 4
        x = corners[which] + rng.normal(0, 0.12, (cfg.n_points, 2))  # (N, 2)
        t = np.where(which < 2, 1.0, -1.0)  # same signs: +1
        return PerceptronData(np.clip(x, -1, 1), t, np.zeros(3))
    angle = rng.uniform(0, 2 * math.pi)
    normal, offset = np.array([math.cos(angle), math.sin(angle)]), rng.uniform(-0.25, 0.25)
    points: list[np.ndarray] = []
    while len(points) < cfg.n_points:
        candidate = rng.uniform(-1, 1, 2)
        if candidate @ candidate <= 1 and abs(candidate @ normal + offset) >= cfg.margin:
            points.append(candidate)
    x = np.array(points)  # (N, 2)
    t = np.sign(x @ normal + offset)  # (N,)
    if len(set(t)) < 2:  # one class only: redraw
        return make_data(replace(cfg, seed=cfg.seed + 1000))
    line = np.append(normal, offset)
    return PerceptronData(x, t, line / np.linalg.norm(line))


def build(cfg: Config) -> Perceptron:
    return Perceptron()


def train(model: Perceptron, data: PerceptronData, cfg: Config, on_step=None, stop=None) -> Perceptron:
    """Sweep the points in order; every misclassified one (t f(x) <= 0) is one update.

    Ends after a whole pass without updates (converged) or `max_epochs` passes. Each update calls
    on_step(update number, {"point": i, "errors": points still misclassified, "epoch": pass})."""
    features = phi(data.x)  # (N, 3)
    updates = 0
    for epoch in range(1, cfg.max_epochs + 1):
        changed = False
        for i in range(len(features)):
            if stop is not None and stop():
                return model
            if data.t[i] * (features[i] @ model.w) <= 0:
                model.w = model.w + cfg.learning_rate * data.t[i] * features[i]
                updates += 1
                changed = True
                if on_step is not None:
                    on_step(
                        updates,
                        {"point": float(i), "errors": float(errors(model, data)), "epoch": float(epoch)},
                    )
        if not changed:
            break
    return model


def errors(model: Perceptron, data: PerceptronData) -> int:
    """How many points the current w gets wrong (t f(x) <= 0 counts as wrong, as in the rule)."""
    return int(np.sum(data.t * (phi(data.x) @ model.w) <= 0))


def trace(model: Perceptron, x: np.ndarray) -> dict[str, np.ndarray]:
    features = phi(x)  # (N, 3)
    score = features @ model.w  # (N,)
    return {
        "input": np.asarray(x, float),
        "phi": features,
        "f": score,
        "output": np.where(score > 0, 1.0, -1.0),
    }


@dataclass(frozen=True)
class Run:
    """The whole learning history: w after each update (row 0 is the start, w = 0)."""

    weights: np.ndarray  # (T + 1, 3)
    points: np.ndarray  # (T,) which point each update used
    errors: np.ndarray  # (T + 1,) misclassified points after each update
    epochs: np.ndarray  # (T,) the pass each update happened in
    converged: bool

    @property
    def updates(self) -> int:
        return len(self.points)


def run(data: PerceptronData, cfg: Config) -> Run:
    model = build(cfg)
    weights, points, errs, epochs = [model.w.copy()], [], [errors(model, data)], []

    def record(step: int, metrics: dict) -> None:
        weights.append(model.w.copy())
        points.append(int(metrics["point"]))
        errs.append(int(metrics["errors"]))
        epochs.append(int(metrics["epoch"]))

    train(model, data, cfg, on_step=record)
    return Run(
        np.array(weights),
        np.array(points, int),
        np.array(errs, int),
        np.array(epochs, int),
        converged=errors(model, data) == 0,
    )


@dataclass(frozen=True)
class Bound:
    """The theorem's numbers: M = max <phi(x), phi(x)>, delta = min t <w*, phi(x)> for unit w*."""

    M: float
    delta: float
    w_star: np.ndarray  # (3,) unit norm, the largest-margin separator

    @property
    def updates(self) -> float:
        return self.M / self.delta**2


def bound(data: PerceptronData) -> Bound | None:
    """The tightest bound: w* is the max-margin separator (None if the data are not separable)."""
    from scipy.optimize import minimize  # lazily: scipy is slow to import

    features = phi(data.x) * data.t[:, None]  # (N, 3) rows t_i phi(x_i)
    start = data.line / max(float(np.min(features @ data.line)), 1e-3) if data.line.any() else np.ones(3)
    result = minimize(
        lambda w: 0.5 * w @ w,
        start,
        jac=lambda w: w,
        method="SLSQP",
        constraints=[{"type": "ineq", "fun": lambda w: features @ w - 1.0, "jac": lambda w: features}],
        options={"maxiter": 200, "ftol": 1e-10},
    )
    w = result.x if result.success else start
    margin = float(np.min(features @ w))
    if margin <= 1e-9:
        return None
    w_star = w / np.linalg.norm(w)
    return Bound(
        M=float(np.max(np.sum(phi(data.x) ** 2, 1))), delta=float(np.min(features @ w_star)), w_star=w_star
    )


def sweep(cfg: Config, margins: tuple[float, ...]) -> list[dict[str, float]]:
    """Updates until convergence and the bound M / delta^2, for data made with each margin."""
    rows = []
    for margin in margins:
        setting = replace(cfg, dataset="separable", margin=margin, max_epochs=10_000)
        data = make_data(setting)
        result, limit = run(data, setting), bound(data)
        if limit is not None:
            rows.append(
                {"margin": margin, "delta": limit.delta, "updates": result.updates, "bound": limit.updates}
            )
    return rows
