"""LSTM and GRU cells written out gate by gate, exactly as the lectures write them.

LSTM (lecture 002):  f_t = σ(W_f·[h_{t-1}, x_t] + b_f)      i_t = σ(W_i·[h_{t-1}, x_t] + b_i)
                     C~_t = tanh(W_C·[h_{t-1}, x_t] + b_C)  C_t = f_t * C_{t-1} + i_t * C~_t
                     o_t = σ(W_o·[h_{t-1}, x_t] + b_o)      h_t = o_t * tanh(C_t)
  peephole: the gates also look at the cell, [C_{t-1}, h_{t-1}, x_t] (o_t looks at C_t);
  coupled:  no input gate, C_t = f_t * C_{t-1} + (1 - f_t) * C~_t.
GRU (lecture 002):   z_t = σ(W_z·[h_{t-1}, x_t])  r_t = σ(W_r·[h_{t-1}, x_t])
                     h~_t = tanh(W·[r_t * h_{t-1}, x_t])  h_t = (1 - z_t) * h_{t-1} + z_t * h~_t
  `reset_after=True` is the form PyTorch and cuDNN use, h~_t = tanh(W_x x_t + r_t * (W_h h_{t-1})).
Vanilla RNN (lecture 003): a_t = tanh(W_a·[a_{t-1}, x_t] + b_a).

A model reads a sequence with one of these cells and answers from its last hidden state.
`Intervention` clamps a unit's (or every unit's) memory gate, or wipes its memory at one step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.agreement import TASKS, Task
from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

CELLS = ("lstm", "peephole", "coupled", "gru", "rnn")
CELL_NAMES = {
    "lstm": "LSTM",
    "peephole": "LSTM with peepholes",
    "coupled": "LSTM with coupled gates",
    "gru": "GRU",
    "rnn": "Vanilla RNN",
}
# the gate whose clamping decides what the memory keeps: f_t = 1 keeps C_{t-1}; z_t = 0 keeps h_{t-1}
MEMORY_GATE = {
    "lstm": "forget_gate",
    "peephole": "forget_gate",
    "coupled": "forget_gate",
    "gru": "update_gate",
    "rnn": None,
}
FORGETS = {"forget_gate": 0.0, "update_gate": 1.0}  # the clamp value that throws the memory away
# what `Intervention.zero_at` sets to 0: the lecture's memory, everything the cell passes to the next step
MEMORY_NAMES = {
    "lstm": "cell state C_t and hidden state h_t",
    "peephole": "cell state C_t and hidden state h_t",
    "coupled": "cell state C_t and hidden state h_t",
    "gru": "hidden state h_t (the GRU's only memory)",
    "rnn": "hidden state a_t",
}


@dataclass(frozen=True)
class Intervention:
    """Change the cell while it reads: clamp the memory gate, or wipe the memory at one step."""

    clamp: float | None = None  # value forced on the memory gate (f_t or z_t) at every step
    units: tuple[int, ...] | None = None  # which units; None means every unit
    zero_at: int | None = None  # wipe the memory (C_t and h_t; GRU/RNN: h_t) after this step

    def mask(self, hidden: int) -> torch.Tensor:
        keep = torch.zeros(hidden, dtype=torch.bool)  # (H,)
        keep[list(self.units) if self.units is not None else slice(None)] = True
        return keep


NOTHING = Intervention()


def _clamp(gate: torch.Tensor, intervention: Intervention, mask: torch.Tensor) -> torch.Tensor:
    if intervention.clamp is None:
        return gate
    return torch.where(mask, torch.full_like(gate, intervention.clamp), gate)  # (B, H)


class LSTMCell(nn.Module):
    """One LSTM step with the lecture's four weight matrices acting on [h_{t-1}, x_t]."""

    def __init__(self, input_size: int, hidden_size: int, variant: str = "lstm"):
        super().__init__()
        self.variant, self.hidden_size = variant, hidden_size
        n = hidden_size + input_size
        peep = hidden_size if variant == "peephole" else 0
        self.forget_gate = nn.Linear(peep + n, hidden_size)  # W_f, b_f
        self.input_gate = None if variant == "coupled" else nn.Linear(peep + n, hidden_size)  # W_i, b_i
        self.candidate = nn.Linear(n, hidden_size)  # W_C, b_C
        self.output_gate = nn.Linear(peep + n, hidden_size)  # W_o, b_o

    def forward(self, x, h, c, intervention: Intervention = NOTHING, mask=None):
        hx = torch.cat([h, x], dim=1)  # (B, H + E)  [h_{t-1}, x_t]
        look = torch.cat([c, hx], dim=1) if self.variant == "peephole" else hx  # [C_{t-1}, h_{t-1}, x_t]
        f = _clamp(torch.sigmoid(self.forget_gate(look)), intervention, mask)  # (B, H)
        i = 1.0 - f if self.input_gate is None else torch.sigmoid(self.input_gate(look))  # (B, H)
        c_tilde = torch.tanh(self.candidate(hx))  # (B, H)
        c_new = f * c + i * c_tilde  # (B, H)
        look_out = torch.cat([c_new, hx], dim=1) if self.variant == "peephole" else hx
        o = torch.sigmoid(self.output_gate(look_out))  # (B, H)
        h_new = o * torch.tanh(c_new)  # (B, H)
        record = {
            "forget_gate": f,
            "input_gate": i,
            "candidate": c_tilde,
            "cell_state": c_new,
            "output_gate": o,
            "hidden": h_new,
        }
        return h_new, c_new, record


class GRUCell(nn.Module):
    """One GRU step: update gate z_t, relevance (reset) gate r_t, candidate h~_t."""

    variant = "gru"

    def __init__(self, input_size: int, hidden_size: int, reset_after: bool = False):
        super().__init__()
        self.hidden_size, self.reset_after = hidden_size, reset_after
        n = hidden_size + input_size
        self.update_gate = nn.Linear(n, hidden_size)  # W_z
        self.relevance_gate = nn.Linear(n, hidden_size)  # W_r
        self.candidate_x = nn.Linear(input_size, hidden_size)  # W = [W_h, W_x]: the x half
        self.candidate_h = nn.Linear(hidden_size, hidden_size)  # ... and the h half

    def forward(self, x, h, c, intervention: Intervention = NOTHING, mask=None):
        hx = torch.cat([h, x], dim=1)  # (B, H + E)
        z = _clamp(torch.sigmoid(self.update_gate(hx)), intervention, mask)  # (B, H)
        r = torch.sigmoid(self.relevance_gate(hx))  # (B, H)
        recurrent = r * self.candidate_h(h) if self.reset_after else self.candidate_h(r * h)  # (B, H)
        h_tilde = torch.tanh(self.candidate_x(x) + recurrent)  # (B, H)
        h_new = (1.0 - z) * h + z * h_tilde  # (B, H)
        return h_new, h_new, {"update_gate": z, "relevance_gate": r, "candidate": h_tilde, "hidden": h_new}


class RNNCell(nn.Module):
    """The vanilla cell: a_t = tanh(W_a·[a_{t-1}, x_t] + b_a)."""

    variant = "rnn"

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.recurrence = nn.Linear(hidden_size + input_size, hidden_size)  # W_a, b_a

    def forward(self, x, h, c, intervention: Intervention = NOTHING, mask=None):
        h_new = torch.tanh(self.recurrence(torch.cat([h, x], dim=1)))  # (B, H)
        return h_new, h_new, {"hidden": h_new}


def make_cell(kind: str, input_size: int, hidden_size: int) -> nn.Module:
    if kind in ("lstm", "peephole", "coupled"):
        return LSTMCell(input_size, hidden_size, kind)
    if kind == "gru":
        return GRUCell(input_size, hidden_size)
    if kind == "rnn":
        return RNNCell(input_size, hidden_size)
    raise ValueError(f"unknown cell {kind!r}; choose one of {CELLS}")


def run_cell(
    cell: nn.Module, xs: torch.Tensor, intervention: Intervention = NOTHING, hidden_hook=None
) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    """Unroll `cell` over xs (B, T, E): last hidden state (B, H) and every gate stacked (B, T, H).

    `hidden_hook(t, h)` sees every h_t (e.g. to keep its gradient).
    """
    batch, steps, _ = xs.shape
    h = xs.new_zeros(batch, cell.hidden_size)  # (B, H)
    c = xs.new_zeros(batch, cell.hidden_size)  # (B, H)
    mask = intervention.mask(cell.hidden_size).to(xs.device)
    records: dict[str, list[torch.Tensor]] = {}
    for t in range(steps):
        h, c, record = cell(xs[:, t], h, c, intervention, mask)
        if (
            intervention.zero_at == t
        ):  # wipe the memory after this step: C_t AND h_t, or h carries the fact on
            c = torch.where(mask, torch.zeros_like(c), c)  # (B, H)
            h = torch.where(mask, torch.zeros_like(h), h)  # (B, H)
            record = {**record, "hidden": h, **({"cell_state": c} if "cell_state" in record else {})}
        if hidden_hook is not None:
            hidden_hook(t, h)
        for name, value in record.items():
            records.setdefault(name, []).append(value)
    return h, {name: torch.stack(values, dim=1) for name, values in records.items()}  # (B, T, H)


# ----- the demo model ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Config:
    task: str = "agreement"
    cell: str = "lstm"
    hidden: int = 8
    embed: int = 8
    min_gap: int = 0
    max_gap: int = 25
    forget_bias: float = 1.0  # start with f_t ≈ 0.73 (GRU: z_t ≈ 0.27) so memories last from step one
    memory_l1: float = 0.0  # a penalty on |memory| that keeps the memory in few units, easy to find
    batch: int = 64
    steps: int = 3000
    lr: float = 0.01
    seed: int = 0


class SequenceClassifier(nn.Module):
    """Embedding -> one recurrent cell -> a readout of the last hidden state (many-to-one)."""

    def __init__(self, cfg: Config, vocab_size: int, n_classes: int):
        super().__init__()
        self.kind = cfg.cell
        self.embedding = nn.Embedding(vocab_size, cfg.embed)
        self.cell = make_cell(cfg.cell, cfg.embed, cfg.hidden)
        self.readout = nn.Linear(cfg.hidden, n_classes)

    def forward(self, ids: torch.Tensor, intervention: Intervention = NOTHING) -> torch.Tensor:
        h, _ = run_cell(self.cell, self.embedding(ids), intervention)  # (B, H)
        return self.readout(h)  # (B, C)


def build(cfg: Config) -> SequenceClassifier:
    task = TASKS[cfg.task]
    with seeded(cfg.seed):
        model = SequenceClassifier(cfg, len(task.vocab), len(task.classes))
    gate = MEMORY_GATE[cfg.cell]
    if gate is not None:
        nn.init.constant_(
            getattr(model.cell, gate).bias, cfg.forget_bias if gate == "forget_gate" else -cfg.forget_bias
        )
    return placed(model)


def sample_gap(rng: np.random.Generator, cfg: Config) -> int:
    """A gap length in {0} ∪ [min_gap, max_gap]: short sentences too, but no easy ladder of gaps between."""
    gap = int(rng.integers(cfg.min_gap - 1 if cfg.min_gap > 0 else 0, cfg.max_gap + 1))
    return max(gap, 0) if gap >= cfg.min_gap else 0


def train(model: SequenceClassifier, data: Task, cfg: Config, on_step=None, stop=None) -> SequenceClassifier:
    """Adam on batches of one random gap length each; the loss is read at the last word only."""
    rng = np.random.default_rng(cfg.seed + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        ids, labels = (t.to(device) for t in data.batch(rng, cfg.batch, sample_gap(rng, cfg)))  # (B, T), (B,)
        h, records = run_cell(model.cell, model.embedding(ids))  # (B, H), {gate: (B, T, H)}
        logits = model.readout(h)  # (B, C)
        loss = F.cross_entropy(logits, labels)
        if cfg.memory_l1:
            memory = records.get("cell_state", records["hidden"])  # (B, T, H)
            loss = loss + cfg.memory_l1 * memory.abs().mean()
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # long unrolls can spike
        optimizer.step()
        if on_step is not None:
            accuracy = (logits.argmax(1) == labels).float().mean()
            on_step(step, {"loss": loss.item(), "accuracy": accuracy.item()})
    return model


@torch.no_grad()
def trace(
    model: SequenceClassifier, ids: torch.Tensor, intervention: Intervention = NOTHING
) -> dict[str, np.ndarray]:
    """Every gate of one sequence ids (1, T): "cell.<gate>" (T, H), per-step answers, then "output" (1, C)."""
    xs = model.embedding(ids.to(model_device(model)))  # (1, T, E)
    h, records = run_cell(model.cell, xs, intervention)
    out = {"embedding": to_numpy(xs[0])}  # (T, E)
    out.update({f"cell.{name}": to_numpy(value[0]) for name, value in records.items()})  # (T, H)
    out["readout.probs"] = to_numpy(torch.softmax(model.readout(records["hidden"][0]), dim=-1))  # (T, C)
    out["output"] = to_numpy(model.readout(h))  # (1, C) logits at the last word
    return out


@torch.no_grad()
def accuracy(
    model: SequenceClassifier,
    task: Task,
    gap: int,
    n: int = 500,
    seed: int = 1234,
    intervention: Intervention = NOTHING,
) -> float:
    ids, labels = (
        t.to(model_device(model)) for t in task.batch(np.random.default_rng(seed), n, gap)
    )  # (n, T), (n,)
    return float((model(ids, intervention).argmax(1) == labels).float().mean())


@torch.no_grad()
def memory_unit(model: SequenceClassifier, task: Task, gap: int = 20, n: int = 300) -> int:
    """The unit whose memory gate, clamped to forget, costs the most accuracy at a long gap."""
    gate = MEMORY_GATE[model.kind]
    if gate is None:
        return 0
    drops = [
        accuracy(model, task, gap, n, intervention=Intervention(FORGETS[gate], (u,)))
        for u in range(model.cell.hidden_size)
    ]
    return int(np.argmin(drops))


# ----- the same weights in PyTorch's own layers ------------------------------------------------------
def lstm_from_torch(lstm: nn.LSTM) -> LSTMCell:
    """Our written-out cell holding an nn.LSTM's weights (PyTorch stacks them as i, f, g, o)."""
    hidden = lstm.hidden_size
    cell = LSTMCell(lstm.input_size, hidden)
    w_ih, w_hh = lstm.weight_ih_l0.detach(), lstm.weight_hh_l0.detach()  # (4H, E), (4H, H)
    bias = (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach()  # (4H,)
    with torch.no_grad():
        for k, layer in enumerate((cell.input_gate, cell.forget_gate, cell.candidate, cell.output_gate)):
            rows = slice(k * hidden, (k + 1) * hidden)
            layer.weight.copy_(torch.cat([w_hh[rows], w_ih[rows]], dim=1))  # [h_{t-1}, x_t] order
            layer.bias.copy_(bias[rows])
    return cell.to(w_ih.device)


def gru_from_torch(gru: nn.GRU) -> GRUCell:
    """Our GRU cell holding an nn.GRU's weights (stacked r, z, n; its z is our 1 - z, so negated)."""
    hidden = gru.hidden_size
    cell = GRUCell(gru.input_size, hidden, reset_after=True)
    w_ih, w_hh = gru.weight_ih_l0.detach(), gru.weight_hh_l0.detach()  # (3H, E), (3H, H)
    b_ih, b_hh = gru.bias_ih_l0.detach(), gru.bias_hh_l0.detach()  # (3H,)
    r, z, n = (slice(k * hidden, (k + 1) * hidden) for k in range(3))
    with torch.no_grad():
        cell.relevance_gate.weight.copy_(torch.cat([w_hh[r], w_ih[r]], dim=1))
        cell.relevance_gate.bias.copy_(b_ih[r] + b_hh[r])
        cell.update_gate.weight.copy_(-torch.cat([w_hh[z], w_ih[z]], dim=1))  # σ(-a) = 1 - σ(a)
        cell.update_gate.bias.copy_(-(b_ih[z] + b_hh[z]))
        cell.candidate_x.weight.copy_(w_ih[n])
        cell.candidate_x.bias.copy_(b_ih[n])
        cell.candidate_h.weight.copy_(w_hh[n])
        cell.candidate_h.bias.copy_(b_hh[n])
    return cell.to(w_ih.device)


def answer(probs: np.ndarray, classes: tuple[str, ...]) -> tuple[str, float]:
    """The class the model picks and its probability, from a (C,) probability vector."""
    best = int(np.argmax(probs))
    return classes[best], float(probs[best])
