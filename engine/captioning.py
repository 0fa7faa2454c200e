"""Show, Attend and Tell in miniature: a CNN gives L annotation vectors a_i, an LSTM writes the
caption and, before every word, decides where to look.

    g_ti     = f_att(a_i, h_{t-1}) = w . tanh(W_a a_i + W_h h_{t-1})
    alpha_ti = exp(g_ti) / sum_k exp(g_tk)          (weights over the L locations, sum 1)
    z_t      = sum_i alpha_ti a_i                    (the context vector)
    h_t, c_t = LSTM([E y_{t-1}, z_t], h_{t-1}, c_{t-1});  p(y_t) = softmax(W_o [h_t, z_t])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from engine import scenes
from engine.device import model_device, placed, to_numpy
from engine.pretrain import Asset
from engine.seeding import seeded


@dataclass(frozen=True)
class Config:
    channels: int = 64  # D: size of an annotation vector
    hidden: int = 128  # LSTM state size
    embed: int = 32  # word embedding size
    attention: int = 64  # f_att's hidden size
    steps: int = 1500
    batch: int = 48
    lr: float = 3e-3
    seed: int = 0


class Encoder(nn.Module):
    """A small CNN: (B, 3, 32, 32) picture -> (B, L = 64, D) annotation vectors, one per 4x4 patch."""

    def __init__(self, channels: int):
        super().__init__()
        # two extra input channels hold each pixel's x and y, so a_i also knows where it is
        self.conv1 = nn.Conv2d(5, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.conv3 = nn.Conv2d(32, channels, 3, padding=1)
        self.conv4 = nn.Conv2d(channels, channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, h, w = x.shape
        ys = torch.linspace(-1, 1, h, device=x.device).view(1, 1, h, 1).expand(b, 1, h, w)  # (B, 1, H, W)
        xs = torch.linspace(-1, 1, w, device=x.device).view(1, 1, 1, w).expand(b, 1, h, w)  # (B, 1, H, W)
        f = F.max_pool2d(F.relu(self.conv1(torch.cat([x, xs, ys], 1))), 2)  # (B, 16, 16, 16)
        f = F.max_pool2d(F.relu(self.conv2(f)), 2)  # (B, 32, 8, 8)
        f = F.relu(self.conv3(f))  # (B, D, 8, 8)
        f = F.relu(self.conv4(f))  # (B, D, 8, 8): mixes channels per patch
        return f.flatten(2).transpose(1, 2)  # (B, L, D)


class SoftAttention(nn.Module):
    """alpha_ti = softmax_i(f_att(a_i, h_{t-1})) and the context vector z_t = sum_i alpha_ti a_i."""

    def __init__(self, channels: int, hidden: int, size: int):
        super().__init__()
        self.W_a = nn.Linear(channels, size)
        self.W_h = nn.Linear(hidden, size, bias=False)
        self.w = nn.Linear(size, 1)

    def forward(self, annotations: torch.Tensor, h: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        scores = self.w(torch.tanh(self.W_a(annotations) + self.W_h(h)[:, None])).squeeze(-1)  # (B, L)
        alpha = scores.softmax(dim=-1)  # (B, L)
        context = torch.einsum("bl,bld->bd", alpha, annotations)  # (B, D)
        return alpha, context


class Captioner(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        vocab = len(scenes.VOCAB)
        self.encoder = Encoder(cfg.channels)
        self.attend = SoftAttention(cfg.channels, cfg.hidden, cfg.attention)
        self.embed = nn.Embedding(vocab, cfg.embed)
        self.init_h = nn.Linear(cfg.channels, cfg.hidden)
        self.init_c = nn.Linear(cfg.channels, cfg.hidden)
        self.lstm = nn.LSTMCell(cfg.embed + cfg.channels, cfg.hidden)
        self.out = nn.Linear(cfg.hidden + cfg.channels, vocab)

    def start(self, images: torch.Tensor):
        annotations = self.encoder(images)  # (B, L, D)
        mean = annotations.mean(1)  # (B, D)
        return annotations, (torch.tanh(self.init_h(mean)), torch.tanh(self.init_c(mean)))

    def step(self, annotations, word, state):
        """One word: look (alpha, z), update the LSTM, score the next word."""
        h, c = state
        alpha, context = self.attend(annotations, h)  # (B, L), (B, D)
        h, c = self.lstm(torch.cat([self.embed(word), context], -1), (h, c))  # (B, H) each
        logits = self.out(torch.cat([h, context], -1))  # (B, V)
        return logits, alpha, context, (h, c)

    def forward(self, images: torch.Tensor, words_in: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Teacher forcing: (B, 3, 32, 32), (B, T) -> logits (B, T, V), attention (B, T, L)."""
        annotations, state = self.start(images)
        logits, alphas = [], []
        for t in range(words_in.shape[1]):
            step_logits, alpha, _, state = self.step(annotations, words_in[:, t], state)
            logits.append(step_logits)
            alphas.append(alpha)
        return torch.stack(logits, 1), torch.stack(alphas, 1)


def build(cfg: Config = Config()) -> Captioner:
    with seeded(cfg.seed):
        return placed(Captioner(cfg))


def to_tensor(images: np.ndarray) -> torch.Tensor:
    """(B, H, W, 3) uint8 -> (B, 3, H, W) floats in [0, 1]."""
    return torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / 255.0


def train(model: Captioner, data: np.random.Generator, cfg: Config, on_step=None, stop=None) -> Captioner:
    """Fresh generated scenes every step (`data` is the scene generator's rng); cross-entropy per word."""
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=max(cfg.steps, 2))
    model.train()
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        images, tokens, _ = scenes.batch(data, cfg.batch)
        tokens = torch.from_numpy(tokens).to(device)  # (B, T + 1)
        logits, _ = model(to_tensor(images).to(device), tokens[:, :-1])  # (B, T, V)
        loss = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), tokens[:, 1:].reshape(-1), ignore_index=scenes.PAD
        )
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        sched.step()
        if on_step is not None:
            on_step(step, {"loss": float(loss.detach())})
    model.eval()
    return model


@torch.no_grad()
def generate(
    model: Captioner, images: torch.Tensor, greedy: bool = True, temperature: float = 1.0, seed: int = 0
) -> dict[str, torch.Tensor]:
    """Write captions word by word: tokens (B, T), attention (B, T, L), context (B, T, D), logits."""
    gen = torch.Generator().manual_seed(seed)
    images = images.to(model_device(model))
    annotations, state = model.start(images)
    word = torch.full((images.shape[0],), scenes.START, dtype=torch.long, device=images.device)
    out = {"tokens": [], "attention": [], "context": [], "logits": []}
    done = torch.zeros(images.shape[0], dtype=torch.bool, device=images.device)
    for _ in range(scenes.MAX_WORDS):
        logits, alpha, context, state = model.step(annotations, word, state)
        if greedy:
            word = logits.argmax(-1)  # (B,)
        else:
            probs = (logits / max(temperature, 1e-3)).softmax(-1)  # (B, V)
            word = torch.multinomial(probs.cpu(), 1, generator=gen).squeeze(1).to(probs.device)  # (B,)
        for name, value in zip(out, (word, alpha, context, logits)):
            out[name].append(value)
        done |= word == scenes.END
        if bool(done.all()):
            break
    result = {k: torch.stack(v, 1) for k, v in out.items()}
    result["annotations"] = annotations
    return result


def trace(
    model: Captioner, image: np.ndarray, greedy: bool = True, temperature: float = 1.0, seed: int = 0
) -> dict[str, np.ndarray]:
    """One (32, 32, 3) uint8 scene captioned: every word's attention map and context vector.

    Keys: encoder.annotations (L, D), decoder.tokens (T,), decoder.attention (T, L),
    decoder.context (T, D), decoder.logits (T, V): the model's output word scores.
    """
    was_training = model.training
    model.eval()
    out = generate(model, to_tensor(image[None]), greedy, temperature, seed)
    model.train(was_training)
    return {
        "encoder.annotations": to_numpy(out["annotations"][0]),
        "decoder.tokens": to_numpy(out["tokens"][0]),
        "decoder.attention": to_numpy(out["attention"][0]),
        "decoder.context": to_numpy(out["context"][0]),
        "decoder.logits": to_numpy(out["logits"][0]),
    }


def grid_side(model: Captioner) -> int:
    return scenes.SIZE // 4


# ----- checks used by the asset card and the tests ----------------------------------------------


def object_cells(thing: scenes.Thing, side: int = scenes.SIZE // 4) -> np.ndarray:
    """Which attention cells (side x side) the object covers, as a boolean (L,) mask."""
    cover = scenes.shape_mask(thing, scenes.SIZE, 2)  # (32, 32)
    cell = scenes.SIZE // side
    per_cell = cover.reshape(side, cell, side, cell).mean(axis=(1, 3))  # (side, side)
    return (per_cell > 0.05).reshape(-1)


def evaluate_scenes(model: Captioner, n: int = 400, seed: int = 12345) -> dict[str, float]:
    """Exact-caption accuracy on held-out scenes, and how often the attention for a word naming an
    object (its colour and its shape word) peaks on that object's cells."""
    rng = np.random.default_rng(seed)
    images, _, held_out = scenes.batch(rng, n)
    out = {k: v.cpu() for k, v in generate(model.eval(), to_tensor(images)).items()}
    exact, hits, words = 0, 0, 0
    for i, scene in enumerate(held_out):
        predicted = scenes.decode(out["tokens"][i])
        truth = scenes.caption_words(scene)
        exact += predicted == truth
        if predicted != truth:
            continue
        # word positions naming objects: colour and shape of the first (1, 2) and second (6, 7) thing
        positions = [(1, 0), (2, 0)] + ([(len(truth) - 2, 1), (len(truth) - 1, 1)] if scene.relation else [])
        for t, which in positions:
            peak = int(out["attention"][i, t].argmax())
            hits += bool(object_cells(scene.things[which])[peak])
            words += 1
    return {"exact_caption_accuracy": exact / n, "attention_on_object": hits / max(words, 1)}


def _train_asset(quick: bool):
    cfg = Config(steps=20 if quick else Config.steps)
    model = build(cfg)
    with seeded(cfg.seed):
        train(model, np.random.default_rng(cfg.seed), cfg)
    metrics = evaluate_scenes(model, n=50 if quick else 400)
    card = {
        "data": "generated scenes: 1 or 2 coloured shapes on a 32x32 canvas (engine/scenes.py), "
        "fresh every step; held-out test: 400 scenes from seed 12345",
        "config": asdict(cfg),
        "metrics": metrics,
        "floors": {"exact_caption_accuracy": 0.97, "attention_on_object": 0.9},
    }
    return model.state_dict(), card


def _evaluate_asset(state) -> dict[str, float]:
    return evaluate_scenes(load_state(state))


def load_state(state) -> Captioner:
    model = Captioner(Config())
    model.load_state_dict(state)
    return placed(model).eval()


PRETRAINED = {
    "captioner": Asset(
        train=_train_asset,
        evaluate=_evaluate_asset,
        description="Show, Attend and Tell in miniature on generated scenes",
    )
}


def caption_view(
    model: Captioner,
    image: np.ndarray,
    greedy: bool = True,
    temperature: float = 1.0,
    seed: int = 0,
    top: int = 5,
) -> dict:
    """What the page shows: each written word with its probability, attention map and top choices."""
    record = trace(model, image, greedy, temperature, seed)
    probs = torch.from_numpy(record["decoder.logits"]).softmax(-1).numpy()  # (T, V)
    tokens = record["decoder.tokens"]
    words = [scenes.VOCAB[int(t)] for t in tokens]
    choices = [[(scenes.VOCAB[int(j)], float(p[j])) for j in np.argsort(-p)[:top]] for p in probs]
    return {
        "words": words,
        "probs": [float(probs[t, int(k)]) for t, k in enumerate(tokens)],
        "attention": record["decoder.attention"],
        "choices": choices,
        "caption": " ".join(scenes.decode(tokens)),
    }
