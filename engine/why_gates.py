"""Why gates: a vanilla RNN, an LSTM and a GRU of the same size learn the same long-range task side by side.

Every step trains all three on the same batch of sentences whose subject sits `gap` words before the
verb (and some with no gap, so each model learns what a subject is). The view measures what lecture
004 claims: accuracy against the gap, and how fast the dependence of the last state on a word, the
factor every gradient to that word is multiplied by, fades with the distance back through time
(vanishing gradients), for each cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import torch
import torch.nn.functional as F
from torch import nn

from engine import lstm
from engine.agreement import Task
from engine.device import model_device, to_numpy
from engine.figures import CLASS_COLORS

CELLS = ("rnn", "lstm", "gru")
TEST_GAPS = (0, 2, 4, 6, 8, 12, 16, 20, 24)  # and the trained gap itself
PROBE_GAP = 20
COLORS = {"rnn": CLASS_COLORS[3], "lstm": CLASS_COLORS[0], "gru": CLASS_COLORS[2]}


@dataclass(frozen=True)
class Config:
    gap: int = 10  # words between subject and verb in the training sentences
    task: str = "agreement"
    hidden: int = 8
    embed: int = 8
    forget_bias: float = 3.0
    batch: int = 64
    steps: int = 5000
    lr: float = 0.01
    seed: int = 0

    def cell_config(self, cell: str) -> lstm.Config:
        return lstm.Config(
            task=self.task,
            cell=cell,
            hidden=self.hidden,
            embed=self.embed,
            forget_bias=self.forget_bias,
            batch=self.batch,
            lr=self.lr,
            seed=self.seed,
        )


class Contest(nn.Module):
    """The three models, same size, same seed, same data."""

    def __init__(self, models: dict[str, lstm.SequenceClassifier]):
        super().__init__()
        self.models = nn.ModuleDict(models)

    def forward(self, ids: torch.Tensor) -> dict[str, torch.Tensor]:
        return {cell: model(ids) for cell, model in self.models.items()}  # each (B, C)


@dataclass(frozen=True)
class Probes:
    """Fixed, seeded test sentences: one batch per test gap, and one long batch for the gradients."""

    by_gap: dict[int, tuple[torch.Tensor, torch.Tensor]]
    long: tuple[torch.Tensor, torch.Tensor]


def probes(task: Task, gap: int | None = None, n: int = 32, seed: int = 99) -> Probes:
    rng = np.random.default_rng(seed)
    gaps = sorted(set(TEST_GAPS) | ({gap} if gap is not None else set()))
    return Probes({g: task.batch(rng, n, g) for g in gaps}, task.batch(rng, n, PROBE_GAP))


def build(cfg: Config) -> Contest:
    return Contest({cell: lstm.build(cfg.cell_config(cell)) for cell in CELLS})


def train(model: Contest, data: Task, cfg: Config, on_step=None, stop=None) -> Contest:
    """Each step: one batch (half with the gap, half without), one Adam update for every model."""
    rng = np.random.default_rng(cfg.seed + 1)
    optimizers = {cell: torch.optim.Adam(m.parameters(), lr=cfg.lr) for cell, m in model.models.items()}
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        gap = cfg.gap if rng.random() < 0.5 else 0
        ids, labels = (t.to(device) for t in data.batch(rng, cfg.batch, gap))  # (B, T), (B,)
        metrics = {}
        for cell, logits in model(ids).items():  # (B, C) each
            loss = F.cross_entropy(logits, labels)
            optimizers[cell].zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.models[cell].parameters(), 1.0)
            optimizers[cell].step()
            metrics[f"loss_{cell}"] = loss.item()
        if on_step is not None:
            on_step(step, metrics)
    return model


@torch.no_grad()
def accuracy_by_gap(model: Contest, probe: Probes) -> dict[str, np.ndarray]:
    """Accuracy of each model on fresh sentences at every probed gap: {cell: (len(probe.by_gap),)}."""
    out, device = {}, model_device(model)
    for cell, m in model.models.items():
        out[cell] = np.array(
            [
                float((m(ids.to(device)).argmax(1) == labels.to(device)).float().mean())
                for ids, labels in probe.by_gap.values()
            ]
        )
    return out


def sensitivity_by_distance(model: Contest, probe: Probes) -> dict[str, np.ndarray]:
    """||∂h_T/∂x_t||: how strongly the last hidden state still depends on the word `distance` steps back.

    Every gradient the loss sends to that word passes through it (∂L/∂x_t = ∂L/∂h_T · ∂h_T/∂x_t), but
    unlike ∂L/∂x_t it does not fall to ~0 once the loss does, so it keeps its meaning after training.
    The Jacobian's Frobenius norm, averaged over the probe batch; {cell: (T,)} indexed by distance
    T-1-t (0 = the last word)."""
    ids = probe.long[0].to(model_device(model))  # (B, T)
    out = {}
    for cell, m in model.models.items():
        xs = m.embedding(ids).detach().requires_grad_(True)  # (B, T, E)
        h_last, _ = lstm.run_cell(m.cell, xs)  # (B, H)
        squares = torch.zeros(xs.shape[:2], device=xs.device)  # (B, T)
        for unit in range(h_last.shape[1]):  # one row of the Jacobian at a time
            (row,) = torch.autograd.grad(h_last[:, unit].sum(), xs, retain_graph=True)  # (B, T, E)
            squares += (row**2).sum(2)
        out[cell] = to_numpy(squares.sqrt().mean(0).flip(0))  # (T,)
    return out


def trace(model: Contest, ids: torch.Tensor) -> dict[str, np.ndarray]:
    """Each model's hidden states for one sequence ids (1, T), then "output": the three answers (3, C)."""
    with torch.no_grad():
        out = {f"{cell}.hidden": lstm.trace(m, ids)["cell.hidden"] for cell, m in model.models.items()}
        out["output"] = np.concatenate(
            [to_numpy(m(ids.to(model_device(m)))) for m in model.models.values()]
        )  # (3, C)
    return out


def view(model: Contest, probe: Probes) -> dict[str, dict[str, np.ndarray]]:
    return {
        "gaps": np.array(list(probe.by_gap)),
        "accuracy": accuracy_by_gap(model, probe),
        "sensitivity": sensitivity_by_distance(model, probe),
    }


# ----- figures -----------------------------------------------------------------------------------------
# Between the title and the plot: below the plot it lay over the x axis's title in presenter view
_LEGEND = dict(orientation="h", y=1.02, x=0, xanchor="left", yanchor="bottom")


def _layout(title: str, height: int, **extra) -> dict:
    """base_layout's look as one dict: plotly validates each update call, which the live view can't afford."""
    return dict(
        template="none",
        font=dict(size=14),
        margin=dict(l=60, r=10, t=80, b=60),
        title=dict(text=title, x=0.0, xanchor="left", yref="container", y=0.98, yanchor="top"),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        height=height,
        legend=_LEGEND,
        **extra,
    )


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """From trusted plain dicts, not validated: validation cost more than the drawing."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def accuracy_figure(
    gaps: np.ndarray, accuracy: dict[str, np.ndarray], gap: int, chance: float, height: int = 330
) -> go.Figure:
    lines = [
        dict(
            type="scatter",
            x=list(gaps),
            y=np.asarray(values, dtype=float),
            mode="lines+markers",
            name=lstm.CELL_NAMES[cell],
            line=dict(color=COLORS[cell], width=3),
        )
        for cell, values in accuracy.items()
    ]
    marks = [
        dict(
            type="line", x0=0, x1=1, xref="paper", y0=chance, y1=chance, line=dict(color="#999", dash="dot")
        ),
        dict(type="line", x0=gap, x1=gap, y0=0, y1=1, yref="paper", line=dict(color="#555", dash="dash")),
    ]
    notes = [
        dict(x=1, xref="paper", y=chance, text="chance", showarrow=False, xanchor="right", yanchor="bottom"),
        dict(x=gap, y=0.02, yref="paper", text=" trained gap", showarrow=False, xanchor="left"),
    ]
    return _figure(
        lines,
        _layout(
            "accuracy against gap length",
            height,
            shapes=marks,
            annotations=notes,
            xaxis=dict(title=dict(text="words between subject and verb"), gridcolor="#eee"),
            yaxis=dict(title=dict(text="accuracy"), range=[0, 1.05], gridcolor="#eee"),
        ),
    )


def sensitivity_figure(sensitivity: dict[str, np.ndarray], height: int = 330) -> go.Figure:
    lines = [
        dict(
            type="scatter",
            x=list(range(len(values))),
            y=np.maximum(values, 1e-16).astype(float),
            mode="lines+markers",
            name=lstm.CELL_NAMES[cell],
            line=dict(color=COLORS[cell], width=3),
        )
        for cell, values in sensitivity.items()
    ]
    return _figure(
        lines,
        _layout(
            "how much the last state depends on each word (log scale)",
            height,
            xaxis=dict(title=dict(text=f"steps back from the verb ({PROBE_GAP}-word gap)"), gridcolor="#eee"),
            yaxis=dict(title=dict(text="‖∂h_T/∂x_t‖"), type="log", gridcolor="#eee", exponentformat="power"),
        ),
    )


def _running_mean(values: list[float], window: int = 25) -> np.ndarray:
    """Half the batches have no gap, so the raw loss saw-tooths; the mean shows the trend."""
    values = np.asarray(values, dtype=float)
    sums = np.cumsum(np.insert(values, 0, 0.0))
    counts = np.minimum(np.arange(1, len(values) + 1), window)
    return (sums[1:] - sums[np.maximum(np.arange(1, len(values) + 1) - window, 0)]) / counts


def loss_figure(history: list[dict], height: int = 300, points: int = 400) -> go.Figure:
    keep = slice(None, None, max(1, len(history) // points))  # redrawn 5 times a second: stay small
    steps = [row["step"] for row in history][keep]
    lines = [
        dict(
            type="scatter",
            x=steps,
            y=_running_mean([row[f"loss_{cell}"] for row in history])[keep],
            mode="lines",
            name=lstm.CELL_NAMES[cell],
            line=dict(color=COLORS[cell], width=2.5),
        )
        for cell in CELLS
    ]
    return _figure(
        lines,
        _layout(
            "training loss (running mean of 25 steps)",
            height,
            xaxis=dict(title=dict(text="step"), gridcolor="#eee"),
            yaxis=dict(gridcolor="#eee", rangemode="tozero"),
        ),
    )
