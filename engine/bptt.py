"""Back-propagation through time by hand: the gradient dL/dh_t at every step, vanishing or exploding.

The task: read a sequence x_1..x_T and, at the last step only, output the first input x_1. The loss
L = 1/2 ||W_hy h_T - x_1||^2 can only be lowered by gradient that reaches step 1, so the norm of
dL/dh_t as t goes back shows how far the gradient travels. Truncated BPTT with chunk length k runs
forward carrying h across chunks, but backpropagates only inside the last chunk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

ACTIVATIONS = ("tanh", "ReLU", "ReLU + identity init")
FLOAT32_MAX = float(np.finfo(np.float32).max)  # 3.4e38: past it a float32 number is infinite


@dataclass(frozen=True)
class Config:
    seq_len: int = 40
    hidden_size: int = 16
    input_size: int = 4
    radius: float = 1.0  # spectral radius of W_hh (its largest |eigenvalue|)
    activation: str = "tanh"
    clip: float = 0.0  # 0: off; else each backward message dL/dh_t is rescaled to norm <= clip
    chunk: int = 0  # 0: full BPTT; k: truncated BPTT, backpropagate k steps only
    seed: int = 0
    learning_rate: float = 0.01
    steps: int = 500


class SimpleRNN(nn.Module):
    """h_t = f(W_hh h_{t-1} + W_xh x_t + b_h); the readout y = W_hy h_T at the last step."""

    def __init__(self, cfg: Config):
        super().__init__()
        hidden = cfg.hidden_size
        self.relu = cfg.activation != "tanh"
        if cfg.activation == "ReLU + identity init":
            w_hh = torch.eye(hidden)  # Le et al.: W_hh = I, b = 0
        else:
            w_hh = torch.randn(hidden, hidden) / hidden**0.5
        radius = torch.linalg.eigvals(w_hh).abs().max()
        self.W_hh = nn.Parameter(w_hh * (cfg.radius / radius))
        self.W_xh = nn.Parameter(torch.randn(hidden, cfg.input_size) / cfg.input_size**0.5)
        self.b_h = nn.Parameter(torch.zeros(hidden))
        self.W_hy = nn.Parameter(torch.randn(cfg.input_size, hidden) / hidden**0.5)

    def act(self, pre: torch.Tensor) -> torch.Tensor:
        return torch.relu(pre) if self.relu else torch.tanh(pre)

    def act_grad(self, pre: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        """f'(pre): 1 - h^2 for tanh, the step function for ReLU."""
        return (pre > 0).to(pre.dtype) if self.relu else 1 - h**2

    def unroll(self, x: torch.Tensor, chunk: int = 0):
        """States (T, H) as a list of tensors; with chunk k the carried state is detached every k steps."""
        h = self.W_hh.new_zeros(self.W_hh.shape[0])  # (H,)
        states, pres = [], []
        for t, x_t in enumerate(x):  # x_t: (D,)
            if chunk and t % chunk == 0 and t > 0:
                h = h.detach()  # carry the value, cut the graph
            pre = self.W_hh @ h + self.W_xh @ x_t + self.b_h  # (H,)
            h = self.act(pre)  # (H,)
            pres.append(pre)
            states.append(h)
        return states, pres

    def forward(self, x: torch.Tensor, target: torch.Tensor | None = None, chunk: int = 0):
        states, _ = self.unroll(x, chunk)
        y = self.W_hy @ states[-1]  # (D,)
        loss = None if target is None else 0.5 * ((y - target) ** 2).sum()
        return y, loss


def build(cfg: Config) -> SimpleRNN:
    with seeded(cfg.seed):
        return placed(SimpleRNN(cfg))


def make_data(cfg: Config) -> tuple[torch.Tensor, torch.Tensor]:
    """One input sequence (T, D) and its target, the first input (D,)."""
    gen = torch.Generator().manual_seed(cfg.seed + 1)
    x = torch.randn(cfg.seq_len, cfg.input_size, generator=gen)  # (T, D)
    return x, x[0].clone()


def _clip(g: torch.Tensor, limit: float) -> torch.Tensor:
    norm = g.norm()
    return g * (limit / norm) if limit > 0 and norm > limit else g


def autograd_gradients(model: SimpleRNN, x: torch.Tensor, target: torch.Tensor, cfg: Config):
    """dL/dh_t (T, H) and the weight gradients, as PyTorch's autograd computes them."""
    x, target = x.to(model_device(model)), target.to(model_device(model))
    model.zero_grad(set_to_none=True)
    states, _ = model.unroll(x, cfg.chunk)
    for h in states:
        h.retain_grad()
        if cfg.clip > 0:
            h.register_hook(lambda g: _clip(g, cfg.clip))
    loss = 0.5 * ((model.W_hy @ states[-1] - target) ** 2).sum()
    loss.backward()
    dh = torch.stack([h.grad if h.grad is not None else torch.zeros_like(h) for h in states])  # (T, H)
    grads = {n: p.grad.detach().clone() for n, p in model.named_parameters()}
    model.zero_grad(set_to_none=True)
    return to_numpy(dh), {n: to_numpy(g) for n, g in grads.items()}, float(loss.detach())


@torch.no_grad()
def hand_bptt(model: SimpleRNN, x: torch.Tensor, target: torch.Tensor, cfg: Config):
    """The same gradients written out step by step, backward from t = T to 1.

    delta_T = W_hy^T (y - target);  delta_{t-1} = W_hh^T (f'(pre_t) * delta_t), or 0 across a cut.
    """
    x, target = x.to(model_device(model)), target.to(model_device(model))
    states, pres = model.unroll(x)  # the forward values do not
    steps, hidden = len(states), model.W_hh.shape[0]  # depend on truncation
    dh = x.new_zeros(steps, hidden)  # (T, H)
    grads = {n: torch.zeros_like(p) for n, p in model.named_parameters()}
    y = model.W_hy @ states[-1]  # (D,)
    grads["W_hy"] += torch.outer(y - target, states[-1])
    delta = _clip(model.W_hy.T @ (y - target), cfg.clip)  # (H,)
    for t in range(steps - 1, -1, -1):
        dh[t] = delta
        local = model.act_grad(pres[t], states[t]) * delta  # dL/dpre_t: (H,)
        h_prev = states[t - 1] if t > 0 else x.new_zeros(hidden)
        grads["W_hh"] += torch.outer(local, h_prev)
        grads["W_xh"] += torch.outer(local, x[t])
        grads["b_h"] += local
        if t == 0 or (cfg.chunk and t % cfg.chunk == 0):
            break  # truncated: nothing flows back
        delta = _clip(model.W_hh.T @ local, cfg.clip)  # (H,)
    return to_numpy(dh), {n: to_numpy(g) for n, g in grads.items()}


@dataclass(frozen=True)
class GradientFlow:
    """What the page shows for one setting, computed in float64: an exploding gradient keeps its true
    size, and where it passes float32's largest number (the precision networks train in) is recorded."""

    norms: np.ndarray  # (T,) ||dL/dh_t||
    dh: np.ndarray  # (T, H)
    states: np.ndarray  # (T, H)
    eigenvalues: np.ndarray  # (H,) complex, of W_hh
    loss: float
    receives: np.ndarray  # (T,) bool: the graph reaches the step (the chunk holding the loss)

    @property
    def reached(self) -> np.ndarray:
        """(T,) bool: the step gets a non-zero gradient (ReLUs that are off pass exactly 0 back)."""
        return self.receives & (self.norms > 0)

    @property
    def dead_from(self) -> int | None:
        """The step t (1-based) from which back the gradient is exactly 0 inside the chunk, or None.
        Once dL/dh_t is 0 it stays 0 further back: delta_{t-1} = W_hh^T (f'(a_t) * 0)."""
        dead = np.flatnonzero(self.receives & (self.norms == 0))
        return int(dead.max()) + 1 if len(dead) else None

    @property
    def overflow_step(self) -> int | None:
        """The latest step t (1-based) with a component of dL/dh_t past FLOAT32_MAX, or None: in float32,
        BPTT would give infinities from that step back (and not-a-number where f'(a) = 0 meets them)."""
        over = np.flatnonzero(np.abs(self.dh).max(1) > FLOAT32_MAX)
        return int(over.max()) + 1 if len(over) else None

    @property
    def loss_overflows(self) -> bool:
        """The loss itself is past float32's largest number: the forward pass explodes too."""
        return self.loss > FLOAT32_MAX

    @property
    def per_step_factor(self) -> float:
        """Geometric mean of ||dL/dh_{t-1}|| / ||dL/dh_t|| over the steps that get non-zero gradient
        (nan when fewer than two do)."""
        live = self.norms[self.reached]
        if len(live) < 2:
            return float("nan")
        return float(np.exp(np.log(live[-1] / live[0]) / -(len(live) - 1)))


def gradient_flow(cfg: Config) -> GradientFlow:
    """Build the model for cfg, run BPTT by hand in float64 on the CPU, and summarise every step."""
    model = build(cfg).to("cpu", torch.float64)  # seeded in float32, as trained
    x, target = (t.double() for t in make_data(cfg))
    dh, _ = hand_bptt(model, x, target, cfg)
    out = trace(model, x)
    norms = np.linalg.norm(dh, axis=1)
    first = cfg.seq_len - 1 - (cfg.seq_len - 1) % cfg.chunk if cfg.chunk else 0
    receives = np.arange(cfg.seq_len) >= first
    loss = 0.5 * float(((out["output.y"] - target.numpy()) ** 2).sum())
    eig = np.linalg.eigvals(to_numpy(model.W_hh))
    return GradientFlow(norms, dh, out["hidden.state"], eig, loss, receives)


def verdict(flow: GradientFlow) -> str:
    """One or more whole sentences on how the gradient travels back, in the lecture's words."""
    steps, reached = len(flow.norms), int(flow.reached.sum())
    if flow.receives.sum() == 1:
        return (
            "Only the last step receives gradient: the chunk holding the loss is 1 step long, so no "
            "gradient flows back through time at all."
        )
    if reached < 2:
        return (
            f"The gradient dies at once: at step t = {steps - 1} every ReLU it must pass is off "
            "(f'(a) = 0), so exactly 0 flows further back."
        )
    factor = flow.per_step_factor
    if flow.dead_from is not None:
        words = (
            f"The gradient is vanishing, down to exactly 0: from step t = {flow.dead_from} back, every ReLU "
            f"it passes is off (f'(a) = 0). Over the {reached} steps before that it changes ×{factor:.2f} "
            "per step back."
        )
    else:
        kind = "vanishing" if factor < 0.9 else "exploding" if factor > 1.1 else "roughly stable"
        words = f"The gradient is {kind}: ×{factor:.2f} per step back."
    if flow.overflow_step is not None:
        words += (
            f" It passes float32's largest number, {FLOAT32_MAX:.1e}, at step t = {flow.overflow_step}: "
            "a network trained in float32 would get an infinite gradient from there back (then "
            "not-a-number), and one update would wreck its weights. Clipping prevents that."
        )
    if flow.loss_overflows:
        words += (
            f" Even the loss, {flow.loss:.3g}, is past float32's range: the forward pass explodes too, "
            f"h_T has grown to norm {np.linalg.norm(flow.states[-1]):.3g}."
        )
    return words


def train(model: SimpleRNN, data: tuple[torch.Tensor, torch.Tensor], cfg: Config, on_step=None, stop=None):
    """SGD with (truncated) BPTT on remembering the first input; clip the weight gradient's norm."""
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.learning_rate)
    x, target = (t.to(model_device(model)) for t in data)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        optimizer.zero_grad(set_to_none=True)
        _, loss = model(x, target, cfg.chunk)
        loss.backward()
        norm = nn.utils.clip_grad_norm_(model.parameters(), cfg.clip if cfg.clip > 0 else float("inf"))
        optimizer.step()
        if on_step is not None:
            on_step(step, {"loss": loss.item(), "grad_norm": float(norm)})
    return model


@torch.no_grad()
def trace(model: SimpleRNN, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Pre-activations and states (T, H) and the readout (D,), which is the model's output."""
    states, pres = model.unroll(x.to(model_device(model)))
    return {
        "hidden.pre": to_numpy(torch.stack(pres)),
        "hidden.state": to_numpy(torch.stack(states)),
        "output.y": to_numpy(model.W_hy @ states[-1]),
    }
