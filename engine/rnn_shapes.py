"""Shapes of RNNs, each with a small task it learns: one-to-many, many-to-one, many-to-many, encoder-decoder.

- one-to-many: a digit n in, the countdown n-1 ... 0 (or the count up 0 ... n-1) and an end symbol
  out. What passes to the next step: only the state h; the output y and the state h (output feedback,
  trained with teacher forcing); or only the output y (deck 000's net: no h_{t-1} -> h_t at all, so it
  is less powerful, but with teacher forcing every step trains in isolation).
- many-to-one: a bit string in, how many 1s it holds out (one answer, at the last step).
- many-to-many: digits in, at every step the largest of the digit and its two neighbours out: the
  next digit is in the future, so only a bidirectional RNN can always get it right.
- encoder-decoder: digits in, the same digits reversed out (many-to-one, then one-to-many).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

SHAPES = ("one-to-many", "many-to-one", "many-to-many", "encoder-decoder")
DIGITS = 10
END = 10  # the end symbol, after the digits
NONE = 11  # "no input at this step" (state-only feedback), also the decoder's start symbol
TOKENS = 12
MAX_BITS, MAX_DIGITS = 10, 6


@dataclass(frozen=True)
class Config:
    shape: str = "one-to-many"
    hidden_size: int = 64
    bidirectional: bool = False  # many-to-many only
    feedback: str = "output"  # one-to-many only: "output" (y_{t-1} is fed, h passes), "state" (only h
    #                               passes) or "output-only" (only y_{t-1} passes: no recurrence)
    task: str = "countdown"  # one-to-many only: "countdown" (n-1 ... 0) or "countup" (0 ... n-1)
    learning_rate: float = 0.005
    batch_size: int = 64
    steps: int = 2000
    seed: int = 0


class ShapeRNN(nn.Module):
    """An embedding of the tokens, a tanh RNN (an encoder and a decoder for seq2seq) and a readout.

    With feedback "output-only" there is no recurrence: h_t = tanh(W x_t + U y_{t-1}), where x_1 = n is
    read by `embed` (W) and every later step's y_{t-1} by `fed_back` (U)."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        hidden, directions = cfg.hidden_size, 2 if cfg.bidirectional else 1
        self.embed = nn.Embedding(TOKENS, hidden)
        if cfg.feedback == "output-only":
            self.fed_back = nn.Embedding(TOKENS, hidden)
        else:
            self.rnn = nn.RNN(hidden, hidden, batch_first=True, bidirectional=cfg.bidirectional)
        self.decoder = nn.RNN(hidden, hidden, batch_first=True) if cfg.shape == "encoder-decoder" else None
        self.head = nn.Linear(hidden * directions, TOKENS)

    def step_inputs(self, inputs: torch.Tensor) -> torch.Tensor:
        """What each step adds to its state from its inputs (B, T, H)."""
        if self.cfg.feedback == "output-only":  # x_1 = n, then y_1, y_2 ...
            return torch.cat([self.embed(inputs[:, :1]), self.fed_back(inputs[:, 1:])], 1)
        return self.embed(inputs)

    def forward(self, inputs: torch.Tensor, dec_inputs: torch.Tensor | None = None):
        """Scores (B, T_out, TOKENS) and the states of the RNN that produced them (B, T, H*dirs)."""
        return self.from_step_inputs(self.step_inputs(inputs), dec_inputs)

    def from_step_inputs(self, embedded: torch.Tensor, dec_inputs: torch.Tensor | None = None):
        """forward() from the step inputs (B, T, H) on: split off so gradient_reach can
        differentiate by them."""
        if self.cfg.feedback == "output-only":
            states = torch.tanh(embedded)  # (B, T, H): every step on its own
            return self.head(states), states
        states, last = self.rnn(embedded)  # (B, T, H*dirs), (dirs, B, H)
        if self.cfg.shape == "many-to-one":
            return self.head(states[:, -1:]), states  # (B, 1, V)
        if self.cfg.shape == "encoder-decoder":
            dec_states, _ = self.decoder(self.embed(dec_inputs), last)  # (B, T_out, H)
            return self.head(dec_states), torch.cat([states, dec_states], 1)
        return self.head(states), states  # (B, T, V)


def build(cfg: Config) -> ShapeRNN:
    with seeded(cfg.seed):
        return placed(ShapeRNN(cfg))


# ----- the tasks ---------------------------------------------------------------------------------
def countdown(n: int) -> list[int]:
    return list(range(n - 1, -1, -1)) + [END]


def countup(n: int) -> list[int]:
    return list(range(n)) + [END]


def feeds_output(cfg: Config) -> bool:
    """Whether y_{t-1} is the next step's input (one-to-many with output feedback)."""
    return cfg.shape == "one-to-many" and cfg.feedback in ("output", "output-only")


def neighbour_max(digits: list[int]) -> list[int]:
    return [max(digits[max(0, t - 1) : t + 2]) for t in range(len(digits))]


def example(cfg: Config, sequence: list[int], teacher: list[int] | None = None):
    """Model inputs for one example: (inputs (1, T), decoder inputs (1, T') or None, targets list)."""
    if cfg.shape == "one-to-many":
        target = (countup if cfg.task == "countup" else countdown)(sequence[0])
        prev = teacher if teacher is not None else target
        rest = prev[:-1] if feeds_output(cfg) else [NONE] * (len(target) - 1)
        return torch.tensor([[sequence[0], *rest]]), None, target
    if cfg.shape == "many-to-one":
        return torch.tensor([sequence]), None, [sum(sequence)]
    if cfg.shape == "many-to-many":
        return torch.tensor([sequence]), None, neighbour_max(sequence)
    target = sequence[::-1] + [END]
    prev = teacher if teacher is not None else target
    return torch.tensor([sequence]), torch.tensor([[NONE, *prev[:-1]]]), target


def random_sequence(cfg: Config, gen: torch.Generator, length: int | None = None) -> list[int]:
    if cfg.shape == "one-to-many":
        return [int(torch.randint(DIGITS, (1,), generator=gen))]
    if cfg.shape == "many-to-one":
        length = length or int(torch.randint(1, MAX_BITS + 1, (1,), generator=gen))
        return torch.randint(2, (length,), generator=gen).tolist()
    low = 3 if cfg.shape == "many-to-many" else 1
    length = length or int(torch.randint(low, MAX_DIGITS + (4 if low == 3 else 1), (1,), generator=gen))
    return torch.randint(DIGITS, (length,), generator=gen).tolist()


def batch(cfg: Config, gen: torch.Generator):
    """A batch of equally long examples with teacher forcing: (inputs, decoder inputs, targets)."""
    first = random_sequence(cfg, gen)
    seqs = [first] + [random_sequence(cfg, gen, len(first)) for _ in range(cfg.batch_size - 1)]
    parts = [example(cfg, s) for s in seqs]
    width = max(p[0].shape[1] for p in parts)
    inputs = torch.full((len(parts), width), END)
    targets = torch.full((len(parts), len(parts[0][2]) if cfg.shape != "one-to-many" else width), -100)
    for i, (x, _, y) in enumerate(parts):
        inputs[i, : x.shape[1]] = x[0]
        targets[i, : len(y)] = torch.tensor(y)
    dec = torch.cat([p[1] for p in parts]) if cfg.shape == "encoder-decoder" else None
    return inputs, dec, targets


def train(model: ShapeRNN, data: torch.Generator | None, cfg: Config, on_step=None, stop=None) -> ShapeRNN:
    """Adam with teacher forcing on freshly drawn examples; `data` is the generator to draw them."""
    gen = data if data is not None else torch.Generator().manual_seed(cfg.seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        inputs, dec, targets = batch(cfg, gen)
        scores, _ = model(inputs.to(device), None if dec is None else dec.to(device))  # (B, T_out, V)
        loss = F.cross_entropy(scores.flatten(0, 1), targets.flatten().to(device))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if on_step is not None:
            on_step(step, {"loss": loss.item()})
    return model


@torch.no_grad()
def trace(model: ShapeRNN, x: torch.Tensor, dec: torch.Tensor | None = None) -> dict[str, np.ndarray]:
    """States of the RNN(s) (split into forward and backward for a bidirectional one) and the scores."""
    device = model_device(model)
    scores, states = model(x.to(device), None if dec is None else dec.to(device))
    hidden = model.cfg.hidden_size
    out = {"hidden.forward": to_numpy(states[0, :, :hidden])}
    if model.cfg.bidirectional:
        out["hidden.backward"] = to_numpy(states[0, :, hidden:])
    out["output.probs"] = to_numpy(torch.softmax(scores[0], -1))
    out["output.scores"] = to_numpy(scores[0])
    return out


@torch.no_grad()
def run(model: ShapeRNN, sequence: list[int], mode: str = "free", force_first: int | None = None):
    """Answer one example. With output feedback, "free" feeds back the model's own outputs and
    "teacher" the true ones; `force_first` overrides the first output (to watch an error spread).

    Returns (output tokens, trace).
    """
    cfg = model.cfg
    if cfg.shape == "one-to-many" and cfg.feedback == "state":  # run until the end symbol
        out = trace(model, torch.tensor([[sequence[0]] + [NONE] * DIGITS]))
        tokens = out["output.scores"].argmax(-1).tolist()
        stop = tokens.index(END) + 1 if END in tokens else len(tokens)
        return tokens[:stop], {k: v[:stop] for k, v in out.items()}
    generates = cfg.shape == "encoder-decoder" or cfg.shape == "one-to-many"
    if not generates or mode == "teacher":
        x, dec, _ = example(cfg, sequence)
        out = trace(model, x, dec)
        tokens = out["output.scores"].argmax(-1).tolist()
        if force_first is not None and generates:
            tokens[0] = force_first  # shown, but the next input is still the true one
        return tokens, out
    produced: list[int] = []
    limit = len(sequence) + 2 if cfg.shape == "encoder-decoder" else DIGITS + 2
    for _ in range(limit):
        x, dec, _ = example(cfg, sequence, teacher=produced + [END])
        x = x[:, : len(produced) + 1] if cfg.shape == "one-to-many" else x
        dec = dec[:, : len(produced) + 1] if dec is not None else None
        out = trace(model, x, dec)
        token = int(out["output.scores"][-1].argmax())
        if not produced and force_first is not None:
            token = force_first
        produced.append(token)
        if token == END:
            break
    return produced, out


def accuracy(model: ShapeRNN, count: int = 300, seed: int = 123) -> float:
    """Share of fresh examples answered entirely right, running free (no teacher)."""
    gen, right = torch.Generator().manual_seed(seed), 0
    for _ in range(count):
        sequence = random_sequence(model.cfg, gen)
        right += run(model, sequence)[0] == example(model.cfg, sequence)[2]
    return right / count


@dataclass(frozen=True)
class Example:
    """One live example laid out for the diagram: a box label per time step (None: no box)."""

    inputs: list  # str | None per column
    outputs: list  # str | None per column
    correct: list  # bool | None per column
    answer: str
    expected: str
    states: dict  # "hidden.forward" (T, H) and maybe "hidden.backward"
    encoder_steps: int = 0
    fed_back: bool = False
    state_passed: bool = True  # False: h_{t-1} does not reach h_t (output feedback only)


def explain(
    model: ShapeRNN, sequence: list[int], mode: str = "free", force_first: int | None = None
) -> Example:
    """Run one example and lay it out per time step for the shape's diagram."""
    cfg = model.cfg
    tokens, out = run(model, sequence, mode, force_first)
    target = example(cfg, sequence)[2]
    text = lambda ids: "".join(label(i, cfg.shape) for i in ids)  # noqa: E731
    marks = [i < len(target) and t == target[i] for i, t in enumerate(tokens)]
    states = {k: v for k, v in out.items() if k.startswith("hidden.")}
    if cfg.shape == "many-to-one":
        n = len(sequence)
        return Example(
            [str(d) for d in sequence],
            [None] * (n - 1) + [text(tokens)],
            [None] * (n - 1) + marks,
            text(tokens),
            text(target),
            states,
        )
    if cfg.shape == "many-to-many":
        return Example(
            [str(d) for d in sequence], [label(t) for t in tokens], marks, text(tokens), text(target), states
        )
    if cfg.shape == "one-to-many":
        feed = feeds_output(cfg)
        given = (target if mode == "teacher" else tokens)[: len(tokens) - 1]
        inputs = [str(sequence[0])] + ([label(t) for t in given] if feed else [None] * (len(tokens) - 1))
        return Example(
            inputs,
            [label(t) for t in tokens],
            marks,
            text(tokens),
            text(target),
            states,
            fed_back=feed,
            state_passed=cfg.feedback != "output-only",
        )
    n = len(sequence)
    decoder_in = ["·"] + [label(t) for t in (target if mode == "teacher" else tokens)[: len(tokens) - 1]]
    return Example(
        [str(d) for d in sequence] + decoder_in,
        [None] * n + [label(t) for t in tokens],
        [None] * n + marks,
        text(tokens),
        text(target),
        states,
        encoder_steps=n,
        fed_back=True,
    )


def parse(text: str, allowed: str, max_len: int, min_len: int = 1) -> list[int]:
    """A typed sequence of digits (only those in `allowed`), or ValueError saying what is wrong."""
    cleaned = "".join((text or "").split()).replace(",", "")
    bad = sorted({ch for ch in cleaned if ch not in allowed})
    if bad:
        raise ValueError(f"Use only the characters {', '.join(allowed)} (found {', '.join(bad[:5])}).")
    if not min_len <= len(cleaned) <= max_len:
        raise ValueError(f"Type between {min_len} and {max_len} of them (you typed {len(cleaned)}).")
    return [int(ch) for ch in cleaned]


def label(token: int, shape: str = "") -> str:
    """A token as the diagram writes it; many-to-one's output is a count (0 to 10), never the end symbol."""
    if shape == "many-to-one":
        return str(token)
    return {END: "⏎", NONE: "·"}.get(token, str(token))


# ----- pretrained assets: one small model per shape ------------------------------------------------
VARIANTS = {
    "rnn_one_to_many_output": Config("one-to-many", feedback="output", steps=1500),
    "rnn_one_to_many_state": Config("one-to-many", feedback="state", steps=1500),
    "rnn_one_to_many_output_only": Config("one-to-many", feedback="output-only", steps=1500),
    "rnn_count_up_output": Config("one-to-many", feedback="output", task="countup", steps=1500),
    "rnn_count_up_state": Config("one-to-many", feedback="state", task="countup", steps=1500),
    "rnn_count_up_output_only": Config("one-to-many", feedback="output-only", task="countup", steps=1500),
    "rnn_many_to_one": Config("many-to-one", steps=2500),
    "rnn_many_to_many": Config("many-to-many", steps=2500),
    "rnn_many_to_many_bi": Config("many-to-many", bidirectional=True, steps=2500),
    "rnn_encoder_decoder": Config("encoder-decoder", hidden_size=128, steps=4000, learning_rate=0.002),
}


FEEDBACKS = ("state", "output-only", "output")
TASKS = ("countdown", "countup")


def one_to_many_name(task: str, feedback: str) -> str:
    """The shipped one-to-many network for a task and what it passes to the next step."""
    stem = "rnn_one_to_many" if task == "countdown" else "rnn_count_up"
    return f"{stem}_{feedback.replace('-', '_')}"


def digits_right(model: ShapeRNN) -> int:
    """For how many of the 10 input digits a one-to-many net writes the whole sequence right, running free."""
    return sum(run(model, [n])[0] == example(model.cfg, [n])[2] for n in range(DIGITS))


def gradient_reach(model: ShapeRNN, n: int = 5) -> int:
    """How many steps the loss of the last step sends gradient back to, teacher-forced on the digit n:
    1 when every step trains in isolation (only y is passed on), all of them when h is passed on.
    Gradients are taken with respect to the steps' inputs only: the (shared) model is not touched."""
    x, _, target = example(model.cfg, [n])  # (1, T)
    device = model_device(model)
    with torch.enable_grad():
        embedded = model.step_inputs(x.to(device)).detach().requires_grad_()  # (1, T, H)
        scores, _ = model.from_step_inputs(embedded)  # (1, T, V)
        loss = F.cross_entropy(scores[0, -1:], torch.tensor(target[-1:], device=device))
        (grad,) = torch.autograd.grad(loss, embedded)
    return int((grad[0].abs().sum(-1) > 0).sum())


def compare_feedback(load_net) -> list[dict]:
    """Deck 000's two halves, per thing passed on: digits (of 10) it writes right counting down and up,
    and how many of the countdown of 5's steps the last step's loss reaches back to (of `steps`)."""
    rows = []
    for feedback in FEEDBACKS:
        down, up = (load_net(one_to_many_name(task, feedback)) for task in TASKS)
        rows.append(
            {
                "feedback": feedback,
                "countdown": digits_right(down),
                "countup": digits_right(up),
                "reach": gradient_reach(down, 5),
                "steps": len(countdown(5)),
            }
        )
    return rows


def load(name: str) -> ShapeRNN:
    from engine import assets

    state, _ = assets.load(name)
    model = build(VARIANTS[name])
    model.load_state_dict(state)
    return model.eval()


def card(name: str) -> dict:
    """The asset's card: its config, metrics and floors."""
    from engine import assets

    return assets.card(name)


def _asset(name: str):
    from engine.pretrain import Asset

    cfg = VARIANTS[name]

    def make(quick: bool):
        run_cfg = Config(**{**cfg.__dict__, "steps": 20 if quick else cfg.steps})
        model = train(build(run_cfg), None, run_cfg)
        # the one-directional many-to-many and the output-only count up cannot do their task:
        # that is the lesson
        floor = 0.0 if quick else {"rnn_many_to_many": 0.05, "rnn_count_up_output_only": 0.0}.get(name, 0.9)
        card = {
            "data": f"generated: {cfg.shape} task",
            "config": cfg.__dict__,
            "metrics": {"accuracy": accuracy(model)},
            "floors": {"accuracy": floor},
        }
        return model.state_dict(), card

    def evaluate(state):
        model = build(cfg)
        model.load_state_dict(state)
        return {"accuracy": accuracy(model)}

    return Asset(train=make, evaluate=evaluate, description=f"Shapes of RNNs: {cfg.shape} example")


PRETRAINED = {name: _asset(name) for name in VARIANTS}
