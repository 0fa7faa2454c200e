"""A tiny GPT that sorts letters: "dcab|abcd." It reads the word, then writes it sorted.

Every position attends to the positions before it (causal self-attention):
    A = softmax(Q K^T / sqrt(d_head) + causal mask),  out = A V,  per head, per layer.
To write the next sorted letter a head must find, among the word's letters, the smallest one
not written yet: its attention matrix shows that search.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.device import model_device, placed, to_numpy
from engine.pretrain import Asset
from engine.seeding import seeded

LETTERS = "abcdefghijklmnopqrstuvwxyz"
SEP, END = "|", "."
VOCAB: tuple[str, ...] = tuple(LETTERS) + (SEP, END)
INDEX = {c: i for i, c in enumerate(VOCAB)}
MIN_LEN, MAX_LEN = 2, 8
BLOCK = 2 * MAX_LEN + 2  # word, "|", sorted word, "."


@dataclass(frozen=True)
class Config:
    layers: int = 2
    heads: int = 2
    width: int = 64
    steps: int = 2000
    batch: int = 64
    lr: float = 2e-3
    seed: int = 0


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.heads = cfg.heads
        self.qkv = nn.Linear(cfg.width, 3 * cfg.width)
        self.proj = nn.Linear(cfg.width, cfg.width)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        b, t, c = x.shape
        q, k, v = self.qkv(x).split(c, dim=2)  # (B, T, C) each
        q, k, v = (
            z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v)
        )  # (B, nh, T, hs)
        scores = q @ k.transpose(-2, -1) / math.sqrt(k.shape[-1])  # (B, nh, T, T)
        causal = torch.ones(t, t, dtype=torch.bool, device=x.device).tril()  # (T, T)
        pattern = scores.masked_fill(~causal, float("-inf")).softmax(-1)  # (B, nh, T, T)
        out = (pattern @ v).transpose(1, 2).reshape(b, t, c)  # (B, T, C)
        return self.proj(out), pattern


class Block(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(cfg.width), nn.LayerNorm(cfg.width)
        self.attn = CausalSelfAttention(cfg)
        self.mlp = nn.Sequential(
            nn.Linear(cfg.width, 4 * cfg.width), nn.GELU(), nn.Linear(4 * cfg.width, cfg.width)
        )

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        attended, pattern = self.attn(self.ln1(x))
        x = x + attended  # (B, T, C)
        return x + self.mlp(self.ln2(x)), pattern


class TinyGPT(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.tok = nn.Embedding(len(VOCAB), cfg.width)
        self.pos = nn.Embedding(BLOCK, cfg.width)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.layers))
        self.ln_f = nn.LayerNorm(cfg.width)
        self.head = nn.Linear(cfg.width, len(VOCAB))

    def forward(self, idx: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """(B, T) token ids -> logits (B, T, V) and every layer's attention (B, nh, T, T)."""
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1], device=idx.device))  # (B, T, C)
        patterns = []
        for block in self.blocks:
            x, pattern = block(x)
            patterns.append(pattern)
        return self.head(self.ln_f(x)), patterns


def build(cfg: Config = Config()) -> TinyGPT:
    with seeded(cfg.seed):
        return placed(TinyGPT(cfg))


def example(rng: np.random.Generator) -> str:
    n = int(rng.integers(MIN_LEN, MAX_LEN + 1))
    word = "".join(rng.choice(list(LETTERS), n))
    return f"{word}{SEP}{''.join(sorted(word))}{END}"


def batch(rng: np.random.Generator, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs (n, BLOCK - 1) and targets (n, BLOCK - 1); targets before '|' and after '.' are -1."""
    x = torch.full((n, BLOCK - 1), INDEX[END], dtype=torch.long)
    y = torch.full((n, BLOCK - 1), -1, dtype=torch.long)
    for row in range(n):
        ids = [INDEX[c] for c in example(rng)]
        sep = ids.index(INDEX[SEP])
        x[row, : len(ids) - 1] = torch.tensor(ids[:-1])
        y[row, sep : len(ids) - 1] = torch.tensor(ids[sep + 1 :])  # only the sorted part is scored
    return x, y


def train(model: TinyGPT, data: np.random.Generator, cfg: Config, on_step=None, stop=None) -> TinyGPT:
    """Fresh random words every step (`data` is their rng); cross-entropy on the sorted half."""
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=max(cfg.steps, 2))
    model.train()
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        x, y = (t.to(device) for t in batch(data, cfg.batch))  # (B, T), (B, T)
        logits, _ = model(x)  # (B, T, V)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=-1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if on_step is not None:
            on_step(step, {"loss": float(loss.detach())})
    model.eval()
    return model


@torch.no_grad()
def sort_word(model: TinyGPT, word: str) -> str:
    """The model's answer for `word`: greedy, one letter at a time, until '.'."""
    idx = torch.tensor([[INDEX[c] for c in word + SEP]], device=model_device(model))  # (1, n + 1)
    while idx.shape[1] < BLOCK:
        logits, _ = model(idx)
        nxt = logits[:, -1].argmax(-1, keepdim=True)  # (1, 1)
        idx = torch.cat([idx, nxt], 1)
        if int(nxt) == INDEX[END]:
            break
    text = "".join(VOCAB[int(i)] for i in idx[0])
    return text[len(word) + 1 :].rstrip(END)


def trace(model: TinyGPT, text: str) -> dict[str, np.ndarray]:
    """One sequence (e.g. "dcab|abcd."): blocks.{i}.attn.pattern (nh, T, T), then logits (T, V)."""
    idx = torch.tensor([[INDEX[c] for c in text]], device=model_device(model))  # (1, T)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        logits, patterns = model(idx)
    model.train(was_training)
    record = {f"blocks.{i}.attn.pattern": to_numpy(p[0]) for i, p in enumerate(patterns)}
    record["logits"] = to_numpy(logits[0])
    return record


def check_word(text: str) -> str:
    """A user's word as the model reads it; ValueError in plain words when it cannot."""
    word = "".join(text.split()).lower()
    if not word:
        raise ValueError("Type a word of 2 to 8 letters, for example “banana”.")
    if any(c not in LETTERS for c in word):
        raise ValueError("Only the letters a to z, please: the model has never seen anything else.")
    if not MIN_LEN <= len(word) <= MAX_LEN:
        count = "1 letter" if len(word) == 1 else f"{len(word)} letters"
        raise ValueError(
            f"“{word[:20]}” has {count}; the model sorts words of {MIN_LEN} to {MAX_LEN} letters."
        )
    return word


def evaluate_sorting(model: TinyGPT, n: int = 500, seed: int = 777) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    words = [example(rng).split(SEP)[0] for _ in range(n)]
    return {"exact_match": float(np.mean([sort_word(model.eval(), w) == "".join(sorted(w)) for w in words]))}


def load_state(state) -> TinyGPT:
    model = TinyGPT(Config())
    model.load_state_dict(state)
    return placed(model).eval()


def _train_asset(quick: bool):
    cfg = Config(steps=20 if quick else Config.steps)
    model = build(cfg)
    with seeded(cfg.seed):
        train(model, np.random.default_rng(cfg.seed), cfg)
    card = {
        "data": "random words of 2-8 letters a-z and their sorted letters; held-out: 500 words, seed 777",
        "config": asdict(cfg),
        "metrics": evaluate_sorting(model, n=50 if quick else 500),
        "floors": {"exact_match": 0.9},
    }
    return model.state_dict(), card


PRETRAINED = {
    "sorting_gpt": Asset(
        train=_train_asset,
        evaluate=lambda s: evaluate_sorting(load_state(s)),
        description="a 2-layer, 2-head GPT that sorts the letters of a word",
    )
}
