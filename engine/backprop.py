"""Activation functions and backpropagation by hand, with the lecture's a_j, x_j and g_j.

Forward:  a_j = sum_{i in Pre(j)} w_ij x_i + b_j,   x_j = f(a_j)   (softmax at the outputs)
Backward: g_j = dL/da_j;  at the outputs g_k = p_k - [k = c] for L = -log p_c;
          g_i = f'(a_i) * sum_{j in Post(i)} w_ij g_j;   dL/dw_ij = g_j x_i.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SATURATED_BELOW = 0.1  # where |f'(a)| < 0.1 the gradient almost vanishes: saturation


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


ACTIVATIONS = {
    "step": (lambda a: np.where(a > 0, 1.0, 0.0), lambda a: np.zeros_like(a, dtype=float)),
    "sigmoid": (_sigmoid, lambda a: _sigmoid(a) * (1 - _sigmoid(a))),
    "tanh": (np.tanh, lambda a: 1 - np.tanh(a) ** 2),
    "ReLU": (lambda a: np.maximum(a, 0.0), lambda a: np.where(a > 0, 1.0, 0.0)),
    "leaky ReLU": (lambda a: np.where(a > 0, a, 0.1 * a), lambda a: np.where(a > 0, 1.0, 0.1)),
    "ELU": (
        lambda a: np.where(a > 0, a, np.expm1(np.minimum(a, 0))),
        lambda a: np.where(a > 0, 1.0, np.exp(np.minimum(a, 0))),
    ),
}
FORMULAS = {
    "step": (r"f(a) = [a > 0]", r"f'(a) = 0 \ (a \neq 0)"),
    "sigmoid": (r"f(a) = \sigma(a) = \frac{1}{1 + e^{-a}}", r"f'(a) = \sigma(a)\,(1 - \sigma(a))"),
    "tanh": (r"f(a) = \tanh(a)", r"f'(a) = 1 - \tanh^2(a)"),
    "ReLU": (r"f(a) = \max(0, a)", r"f'(a) = [a > 0]"),
    "leaky ReLU": (r"f(a) = \max(0.1a, a)", r"f'(a) = 1 \text{ if } a > 0 \text{ else } 0.1"),
    "ELU": (
        r"f(a) = a \text{ if } a > 0 \text{ else } e^{a} - 1",
        r"f'(a) = 1 \text{ if } a > 0 \text{ else } e^{a}",
    ),
}


def activation(name: str, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(f(a), f'(a)); at a = 0 ReLU-like functions use the lecture's sub-gradient f'(0) = 0."""
    f, derivative = ACTIVATIONS[name]
    a = np.asarray(a, float)
    return f(a), derivative(a)


def saturated_regions(
    name: str, lo: float = -5.0, hi: float = 5.0, n: int = 2001
) -> list[tuple[float, float]]:
    """Intervals of [lo, hi] where |f'(a)| < SATURATED_BELOW (the gradient almost vanishes)."""
    a = np.linspace(lo, hi, n)
    flat = np.abs(activation(name, a)[1]) < SATURATED_BELOW
    regions, start = [], None
    for value, is_flat in zip(a, flat):
        if is_flat and start is None:
            start = value
        elif not is_flat and start is not None:
            regions.append((float(start), float(value)))
            start = None
    if start is not None:
        regions.append((float(start), float(hi)))
    return regions


@dataclass(frozen=True)
class Config:
    activation: str = "sigmoid"
    hidden: int = 3
    seed: int = 0
    learning_rate: float = 0.5
    steps: int = 1


@dataclass
class TinyNet:
    """2 inputs -> `hidden` nodes with f -> 2 outputs with softmax. W1[i, j] is w_ij."""

    w1: np.ndarray  # (2, H)
    b1: np.ndarray  # (H,)
    w2: np.ndarray  # (H, 2)
    b2: np.ndarray  # (2,)
    activation: str


def build(cfg: Config) -> TinyNet:
    rng = np.random.default_rng(cfg.seed)
    return TinyNet(
        w1=rng.normal(0, 1.0, (2, cfg.hidden)).round(2),
        b1=rng.normal(0, 0.5, cfg.hidden).round(2),
        w2=rng.normal(0, 1.0, (cfg.hidden, 2)).round(2),
        b2=rng.normal(0, 0.5, 2).round(2),
        activation=cfg.activation,
    )


def trace(model: TinyNet, x: np.ndarray) -> dict[str, np.ndarray]:
    """Forward propagation: every node's a_j and x_j; the last entry is the output distribution."""
    x = np.asarray(x, float)  # (2,)
    hidden_a = x @ model.w1 + model.b1  # (H,)
    hidden_x = activation(model.activation, hidden_a)[0]  # (H,)
    output_a = hidden_x @ model.w2 + model.b2  # (2,)
    shifted = np.exp(output_a - output_a.max())
    return {
        "input.x": x,
        "hidden.a": hidden_a,
        "hidden.x": hidden_x,
        "output.a": output_a,
        "output.x": shifted / shifted.sum(),
    }


def backward(model: TinyNet, x: np.ndarray, target: int) -> dict[str, np.ndarray]:
    """Forward record plus the loss, every g_j = dL/da_j, and dL/dw as outer products g_j x_i."""
    record = trace(model, x)
    p = record["output.x"]  # (2,)
    output_g = p - np.eye(2)[target]  # (2,)  g_k = p_k - [k = c]
    upstream = model.w2 @ output_g  # (H,)  sum_j w_ij g_j
    derivative = activation(model.activation, record["hidden.a"])[1]  # (H,)  f'(a_i)
    hidden_g = derivative * upstream  # (H,)
    return {
        **record,
        "loss": np.array(-np.log(p[target])),
        "output.g": output_g,
        "hidden.upstream": upstream,
        "hidden.df": derivative,
        "hidden.g": hidden_g,
        "w2.grad": np.outer(record["hidden.x"], output_g),
        "b2.grad": output_g,  # (H, 2), (2,)
        "w1.grad": np.outer(record["input.x"], hidden_g),
        "b1.grad": hidden_g,
    }  # (2, H), (H,)


@dataclass(frozen=True)
class Example:
    x: tuple[float, float]
    target: int


def train(model: TinyNet, data: Example, cfg: Config, on_step=None, stop=None) -> TinyNet:
    """Gradient descent on one example: w <- w - eta dL/dw, `cfg.steps` times."""
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        grads = backward(model, np.array(data.x), data.target)
        model.w1 = model.w1 - cfg.learning_rate * grads["w1.grad"]
        model.b1 = model.b1 - cfg.learning_rate * grads["b1.grad"]
        model.w2 = model.w2 - cfg.learning_rate * grads["w2.grad"]
        model.b2 = model.b2 - cfg.learning_rate * grads["b2.grad"]
        if on_step is not None:
            on_step(step, {"loss": float(grads["loss"])})
    return model
