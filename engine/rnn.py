"""The lecture's character-level RNN on "hello": vocabulary [h, e, l, o], hand-unrolled over 4 steps.

h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h),  y_t = W_hy h_t + b_y,  softmax on every y_t.
Training pairs: h->e, he->l, hel->l, hell->o; the loss is the sum of the 4 per-step losses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

VOCAB = ("h", "e", "l", "o")
WORD = "hello"
STEP_NAMES = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")


@dataclass(frozen=True)
class Config:
    hidden_size: int = 3
    learning_rate: float = 0.03
    steps: int = 300
    seed: int = 3  # untrained, this seed says 'oolo', as on the lecture's slide


class HelloData:
    """The 4 training pairs as one-hot inputs (T, V) and target indices (T,)."""

    def __init__(self, word: str = WORD, vocab: tuple[str, ...] = VOCAB):
        self.word, self.vocab = word, vocab
        index = [vocab.index(ch) for ch in word]
        self.inputs = F.one_hot(torch.tensor(index[:-1]), len(vocab)).float()  # (T, V)
        self.targets = torch.tensor(index[1:])  # (T,)

    @property
    def input_text(self) -> str:
        return self.word[:-1]

    @property
    def target_text(self) -> str:
        return self.word[1:]


class HelloRNN(nn.Module):
    """A vanilla RNN written out step by step, with the lecture's weight names."""

    def __init__(self, vocab_size: int, hidden_size: int):
        super().__init__()
        self.W_xh = nn.Parameter(torch.empty(hidden_size, vocab_size))
        self.W_hh = nn.Parameter(torch.empty(hidden_size, hidden_size))
        self.b_h = nn.Parameter(torch.empty(hidden_size))
        self.W_hy = nn.Parameter(torch.empty(vocab_size, hidden_size))
        self.b_y = nn.Parameter(torch.empty(vocab_size))
        bound = hidden_size**-0.5  # nn.RNN's default init, so both start alike
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    def unroll(self, x: torch.Tensor, h0: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """Hidden states and pre-activations for inputs x (T, V): both (T, H)."""
        h = torch.zeros(self.W_hh.shape[0], device=self.W_hh.device) if h0 is None else h0  # (H,)
        states, pres = [], []
        for x_t in x:  # x_t: (V,)
            pre = self.W_hh @ h + self.W_xh @ x_t + self.b_h  # (H,)
            h = torch.tanh(pre)  # (H,)
            pres.append(pre)
            states.append(h)
        return torch.stack(states), torch.stack(pres)  # (T, H), (T, H)

    def forward(self, x: torch.Tensor, targets: torch.Tensor | None = None):
        """Scores y (T, V) and, given targets (T,), the summed per-step cross-entropy."""
        states, _ = self.unroll(x)
        scores = states @ self.W_hy.T + self.b_y  # (T, V)
        loss = None if targets is None else F.cross_entropy(scores, targets, reduction="sum")
        return scores, loss


def build(cfg: Config) -> HelloRNN:
    with seeded(cfg.seed):
        return placed(HelloRNN(len(VOCAB), cfg.hidden_size))


def train(model: HelloRNN, data: HelloData, cfg: Config, on_step=None, stop=None) -> HelloRNN:
    """Adam on the summed loss of the 4 steps; reports the total and each step's loss, how many of the
    targets the step's forward pass got right, and `learned_at`: the first step whose forward pass said the
    whole target (once there is one)."""
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    inputs, targets = (
        data.inputs.to(model_device(model)),
        data.targets.to(model_device(model)),
    )  # (T, V), (T,)
    learned_at = None
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        optimizer.zero_grad(set_to_none=True)
        scores, loss = model(inputs, targets)
        loss.backward()
        optimizer.step()
        if on_step is not None:
            scores = scores.detach()  # (T, V)
            per_step = F.cross_entropy(scores, targets, reduction="none")  # (T,)
            correct = int((scores.argmax(-1) == targets).sum())
            learned_at = learned_at or (step if correct == len(targets) else None)
            on_step(
                step,
                {
                    "loss": loss.item(),
                    "correct": float(correct),
                    **{f"loss_t{t + 1}": v for t, v in enumerate(per_step.tolist())},
                    **({"learned_at": learned_at} if learned_at else {}),
                },
            )
    return model


@torch.no_grad()
def trace(model: HelloRNN, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Every quantity of the unrolled graph; the last entry is the model's output (the scores)."""
    states, pres = model.unroll(x.to(model_device(model)))
    scores = states @ model.W_hy.T + model.b_y  # (T, V)
    return {
        "inputs.onehot": to_numpy(x).copy(),  # (T, V)
        "hidden.pre": to_numpy(pres),  # (T, H)
        "hidden.state": to_numpy(states),  # (T, H)
        "output.probs": to_numpy(torch.softmax(scores, dim=-1)),  # (T, V)
        "output.scores": to_numpy(scores),  # (T, V)
    }


def weights(model: HelloRNN) -> dict[str, np.ndarray]:
    """A copy of every weight, by its lecture name."""
    return {name: to_numpy(getattr(model, name)).copy() for name in STEP_NAMES}


def predicted_text(scores: np.ndarray, vocab: tuple[str, ...] = VOCAB) -> str:
    """The most confident character at every step, e.g. 'oolo' untrained and 'ello' trained."""
    return "".join(vocab[i] for i in np.asarray(scores).argmax(axis=-1))


def steps_to_learn(cfg: Config, data: HelloData | None = None) -> int | None:
    """The first training step whose forward pass says the whole target string (the page's "Learned at
    step N"), or None within cfg.steps."""
    data, found = data or HelloData(), []
    train(
        build(cfg),
        data,
        cfg,
        on_step=lambda step, metrics: found.append(metrics.get("learned_at")),
        stop=lambda: bool(found and found[-1]),
    )
    return int(found[-1]) if found and found[-1] else None


def warm_up() -> None:
    """Create an optimizer once: its first use imports torch._dynamo (seconds on a busy CPU).

    Paid once per server when a page opens, instead of inside a user's first training step.
    """
    torch.optim.Adam([nn.Parameter(torch.zeros(1))])
