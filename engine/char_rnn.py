"""A character-level RNN language model on any text: train, sample, greedy, beam search, hidden states.

Every line of the text is one training sequence that ends with a special end symbol (the lecture:
"in the training set, we insert this symbol as an extra member of the sequence"); the same symbol
starts each sequence, so sampling begins from it and stops when the model draws it again.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded

END = "⏎"  # the end-of-sequence symbol, shown to the user as it is
UNKNOWN = "�"  # characters past the vocabulary cap
MAX_VOCAB = 120
MAX_LINE = 80
TEXTS_DIR = Path(__file__).resolve().parent.parent / "assets" / "texts"


@dataclass(frozen=True)
class Config:
    hidden_size: int = 96
    learning_rate: float = 0.01
    batch_size: int = 32
    steps: int = 3000
    clip: float = 1.0
    seed: int = 0


ZWJ = "\u200d"


def _joins(ch: str) -> bool:
    """Does ch belong to the symbol before it (a combining accent, a ZWJ, a variation selector,
    a skin tone)?"""
    code = ord(ch)
    return (
        ch == ZWJ
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF  # the two halves of a flag


def graphemes(text: str) -> list[str]:
    """The text as the symbols a reader sees: 👨‍👩‍👧 (three emoji joined by ZWJ), é as e + accent,
    🇫🇷 are one each.

    A close approximation of Unicode's extended grapheme clusters (UAX #29), enough for emoji
    sequences, flags and combining accents.
    """
    symbols: list[str] = []
    for ch in text:
        if symbols and (
            _joins(ch)
            or symbols[-1].endswith(ZWJ)
            or (_regional(ch) and len(symbols[-1]) == 1 and _regional(symbols[-1]))
        ):
            symbols[-1] += ch
        else:
            symbols.append(ch)
    return symbols


def clean(text: str, max_chars: int = 1_000_000) -> str:
    """A pasted text NFC-normalised, line ends unified, control characters dropped: all but newline, tab
    and the invisible joiners that make one symbol of several (ZWJ in 👨‍👩‍👧, the tags of 🏴 flags)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or ch in (ZWJ, "\u200c")
        or 0xE0020 <= ord(ch) <= 0xE007F
        or unicodedata.category(ch)[0] != "C"
    )[:max_chars]


class Vocab:
    """Index 0 is the end symbol; then the text's symbols (graphemes), most frequent first, capped."""

    def __init__(self, text: str, max_size: int = MAX_VOCAB):
        counts = Counter(ch for ch in graphemes(text) if ch != "\n")
        common = [ch for ch, _ in counts.most_common(max_size - 2)]
        rare = len(counts) > len(common)
        self.chars = [END, *sorted(common), *([UNKNOWN] if rare else [])]
        self.index = {ch: i for i, ch in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        unknown = self.index.get(UNKNOWN, 0)
        return [self.index.get(ch, unknown) for ch in graphemes(text)]

    def decode(self, ids) -> str:
        return "".join(self.chars[i] for i in ids)


def split_lines(text: str, max_len: int = MAX_LINE) -> list[str]:
    """The training sequences: non-empty lines, long ones cut at sentence ends or every max_len symbols."""
    pieces = []
    for line in text.split("\n"):
        line = line.strip()
        for sentence in re.split(r"(?<=[.!?])\s+", line) if len(graphemes(line)) > max_len else [line]:
            symbols = graphemes(sentence)  # never cut an emoji or an accent in two
            pieces += ["".join(symbols[i : i + max_len]) for i in range(0, len(symbols), max_len)]
    return [p for p in pieces if p]


class TextData:
    """A text as (inputs, targets) sequences: END + line -> line + END, padded per batch (targets -100).

    The lines are kept end to end in one array of symbol ids and padded only when drawn into a batch:
    a 1 MB upload of 500,000 short lines held 650 MB as one padded (N, T) table.
    """

    def __init__(self, text: str):
        self.text, self.vocab, self.lines = text, Vocab(text), split_lines(text)
        if not self.lines:
            raise ValueError("the text has no characters to learn from")
        index, unknown = self.vocab.index, self.vocab.index.get(UNKNOWN, 0)
        ids, lengths = [], []
        for line in self.lines:
            symbols = graphemes(line)
            ids += [index.get(ch, unknown) for ch in symbols]
            lengths.append(len(symbols))
        self.ids = torch.tensor(ids, dtype=torch.int32)  # (S,) every line, end to end
        self.lengths = torch.tensor(lengths) + 1  # (N,) with the end symbol
        self.starts = torch.cumsum(self.lengths - 1, 0) - (self.lengths - 1)  # (N,) where each line begins

    def batch(self, size: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        return self.padded(torch.randint(len(self.lines), (size,), generator=gen))  # (B, T), (B, T)

    def padded(self, rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """These lines (B,) as inputs and targets, as wide as the longest of them plus the end symbol."""
        size, width = len(rows), int(self.lengths[rows].max())
        cols, symbols = torch.arange(width), self.lengths[rows, None] - 1  # (T,), (B, 1)
        at = (self.starts[rows, None] + cols).clamp(max=len(self.ids) - 1)  # (B, T)
        inside = cols < symbols  # (B, T)
        line = torch.where(inside, self.ids[at].long(), 0)  # (B, T)
        inputs = torch.zeros(size, width, dtype=torch.long)  # (B, T): END, then the line
        inputs[:, 1:] = line[:, :-1]
        targets = torch.where(inside, line, torch.where(cols == symbols, 0, -100))  # (B, T): the line, END
        return inputs, targets


class CharRNN(nn.Module):
    """One-hot (an embedding is the same product W_xh x_t), a tanh RNN, and a linear readout."""

    def __init__(self, vocab_size: int, hidden_size: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden_size)  # row i = W_xh x_t for the one-hot x_t = i
        self.rnn = nn.RNN(hidden_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None, h: torch.Tensor | None = None):
        states, _ = self.rnn(self.embed(idx), h)  # (B, T, H)
        logits = self.head(states)  # (B, T, V)
        loss = None if targets is None else F.cross_entropy(logits.flatten(0, 1), targets.flatten())
        return logits, loss

    def step(self, token: int, h: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        """One step of generation: scores (V,) for the next character and the new state (1, 1, H)."""
        states, h = self.rnn(
            self.embed(torch.tensor([[token]], device=self.head.weight.device)), h
        )  # (1, 1, H)
        return self.head(states[0, 0]), h


def build(cfg: Config, vocab_size: int) -> CharRNN:
    with seeded(cfg.seed):
        return placed(CharRNN(vocab_size, cfg.hidden_size))


def train(model: CharRNN, data: TextData, cfg: Config, on_step=None, stop=None) -> CharRNN:
    """Adam on random batches of lines, gradient norm clipped; reports loss and bits per character."""
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    gen = torch.Generator().manual_seed(cfg.seed)
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        inputs, targets = (t.to(device) for t in data.batch(cfg.batch_size, gen))
        optimizer.zero_grad(set_to_none=True)
        _, loss = model(inputs, targets)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), cfg.clip)
        optimizer.step()
        if on_step is not None:
            on_step(step, {"loss": loss.item(), "bits_per_char": loss.item() / math.log(2)})
    return model


@torch.no_grad()
def trace(model: CharRNN, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Hidden states and outputs over one sequence x (T,) of indices; the last entry is the output."""
    states, _ = model.rnn(model.embed(x[None].to(model_device(model))))  # (1, T, H)
    scores = model.head(states)[0]  # (T, V)
    return {
        "inputs.index": to_numpy(x).copy(),
        "hidden.state": to_numpy(states[0]),
        "output.probs": to_numpy(torch.softmax(scores, -1)),
        "output.scores": to_numpy(scores),
    }


@dataclass(frozen=True)
class Draw:
    """One generation step: the distribution the model gave and the character taken."""

    probs: np.ndarray  # (V,)
    chosen: int


def _distribution(scores: torch.Tensor, temperature: float) -> np.ndarray:
    logits = to_numpy(scores).astype(np.float64)  # in numpy: Apple's MPS has no float64
    if temperature <= 0:
        probs = np.zeros_like(logits)
        probs[int(logits.argmax())] = 1.0
        return probs
    z = logits / temperature
    z = np.exp(z - z.max())
    return z / z.sum()


@torch.no_grad()
def sample(model: CharRNN, temperature: float, seed: int, max_len: int = 200) -> list[Draw]:
    """Characters one at a time from softmax(y / T); temperature 0 takes the argmax (greedy)."""
    rng, h, token, draws = np.random.default_rng(seed), None, 0, []
    for _ in range(max_len):
        scores, h = model.step(token, h)
        probs = _distribution(scores, temperature)
        token = int(rng.choice(len(probs), p=probs)) if temperature > 0 else int(probs.argmax())
        draws.append(Draw(_distribution(scores, 1.0).astype(np.float32), token))
        if token == 0:
            break
    return draws


def greedy(model: CharRNN, max_len: int = 200) -> list[Draw]:
    return sample(model, 0.0, seed=0, max_len=max_len)


@dataclass(frozen=True)
class Candidate:
    tokens: tuple[int, ...]
    log_prob: float
    parent: int  # index of the candidate it grew from, in the previous level
    state: torch.Tensor | None = None

    @property
    def finished(self) -> bool:
        return bool(self.tokens) and self.tokens[-1] == 0


@torch.no_grad()
def beam_search(model: CharRNN, width: int, max_len: int = 80) -> tuple[list[int], list[list[Candidate]]]:
    """Keep the `width` most likely partial strings; stop on the end symbol or after max_len.

    Every step expands the k kept strings to k x |V| and keeps the best k (finished ones stay as
    they are). Returns the most likely sequence found and, per step, the kept candidates (the tree).
    """
    beam, levels = [Candidate((), 0.0, -1, None)], []
    for _ in range(max_len):
        open_ = [i for i, c in enumerate(beam) if not c.finished]
        tokens = torch.tensor(
            [[beam[i].tokens[-1] if beam[i].tokens else 0] for i in open_], device=model_device(model)
        )  # (K, 1)
        states = None if beam[0].state is None else torch.cat([beam[i].state for i in open_], 1)  # (1, K, H)
        out, h = model.rnn(model.embed(tokens), states)  # (K, 1, H)
        log_probs = torch.log_softmax(
            model.head(out[:, 0]).cpu().double(), -1
        )  # (K, V) on the CPU: MPS has no float64
        top = torch.topk(log_probs, min(width, log_probs.shape[1]), dim=-1)
        grown = [Candidate(c.tokens, c.log_prob, i, c.state) for i, c in enumerate(beam) if c.finished]
        for row, i in enumerate(open_):
            grown += [
                Candidate(beam[i].tokens + (int(t),), beam[i].log_prob + float(lp), i, h[:, row : row + 1])
                for lp, t in zip(top.values[row], top.indices[row])
            ]
        beam = sorted(grown, key=lambda c: -c.log_prob)[:width]
        levels.append(beam)
        if all(c.finished for c in beam):
            break
    best = max(beam, key=lambda c: c.log_prob)
    return list(best.tokens), levels


@torch.no_grad()
def hidden_trajectory(model: CharRNN, vocab: Vocab, text: str, max_chars: int = 300):
    """The hidden state after every character of the text's first lines, PCA'd to 2-D: (T, 2), chars.

    Lines are joined by the end symbol, exactly as the model saw them in training.
    """
    ids: list[int] = []
    for line in split_lines(text):
        ids += vocab.encode(line) + [0]
        if len(ids) >= max_chars:
            break
    ids = ids[:max_chars]
    states = torch.from_numpy(trace(model, torch.tensor([0] + ids))["hidden.state"][1:])  # (T, H)
    centred = states - states.mean(0)
    _, _, vt = torch.linalg.svd(centred, full_matrices=False)  # torch: one thread, unlike numpy's BLAS
    return (centred @ vt[:2].T).numpy(), [vocab.chars[i] for i in ids]  # (T, 2)


@dataclass(frozen=True)
class Generated:
    """A decoded string with how it was made: per-step draws (sampling, greedy) or the beam tree."""

    tokens: list[int]
    draws: list[Draw] | None = None
    levels: list[list[Candidate]] | None = None

    @property
    def ended(self) -> bool:
        return bool(self.tokens) and self.tokens[-1] == 0

    @property
    def log_prob(self) -> float:
        """log p of the whole string under the model (natural log, ⏎ included): what beam search maximises."""
        if self.draws is not None:
            return float(sum(math.log(max(float(d.probs[d.chosen]), 1e-300)) for d in self.draws))
        return max(c.log_prob for c in self.levels[-1] if list(c.tokens) == self.tokens)


METHODS = ("Sampling", "Greedy", "Beam search")


def generate(
    model: CharRNN, method: str, temperature: float = 1.0, width: int = 3, seed: int = 0, max_len: int = 200
) -> Generated:
    """One string by sampling at a temperature, by greedy argmax, or by beam search of a width."""
    if method == "Beam search":
        tokens, levels = beam_search(model, width, max_len)
        return Generated(tokens, levels=levels)
    draws = sample(model, temperature if method == "Sampling" else 0.0, seed, max_len)
    return Generated([d.chosen for d in draws], draws=draws)


MIN_CHARS = 20


def check_text(text: str | None) -> str | None:
    """Why a text cannot be trained on, in words, or None when it is fine."""
    if not text or not text.strip():
        return "There is no text yet: paste some, upload a .txt file or pick a bundled text."
    if len(text.strip()) < MIN_CHARS:
        n = len(text.strip())
        return f"This text is only {n} character{'' if n == 1 else 's'} long; give at least {MIN_CHARS}."
    if len(set(text) - {"\n", " "}) < 2:
        return "This text uses a single character; a language model needs at least two to choose between."
    return None


def bundled_texts() -> dict[str, str]:
    """The public-domain texts shipped in assets/texts, by title."""
    return {
        p.stem.replace("_", " ").capitalize(): p.read_text(encoding="utf-8")
        for p in sorted(TEXTS_DIR.glob("*.txt"))
    }
