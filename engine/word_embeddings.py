"""Word embeddings learned by skip-gram with negative sampling: E, its rows, neighbours and analogies.

Every word w has a row e_w of the embedding matrix E (V, D), and the row is what a one-hot vector
picks: o_w (1, V) @ E (V, D) = e_w (1, D). Skip-gram trains E so that e_c . u_o is high for a word o
seen near the centre word c and low for k words drawn at random (negative sampling):
loss = -log sigma(e_c . u_o) - sum_k log sigma(-e_c . u_k), with a second table U of context vectors.
Words met in the same contexts end up with similar rows, so the features the slide writes by hand
(gender, royal, age, food) appear as directions of E.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.device import model_device, placed, to_numpy
from engine.seeding import seeded
from engine.word_corpus import (
    SLIDE_INDEX,
    SLIDE_VOCAB,
    SLIDE_WORDS,
    Corpus,
    generated_corpus,
)

SUBSAMPLE = 1e-3  # word2vec's t: a word making up more than 0.1 % of the text is kept less often


@dataclass(frozen=True)
class Config:
    dim: int = 16  # D, the length of a word's row of E (the slide: 300)
    window: int = 3  # context words on each side
    negatives: int = 5  # k random words per true pair
    learning_rate: float = 0.01
    batch_size: int = 512
    steps: int = 6000
    seed: int = 0


class SkipGramData:
    """(centre, context) pairs of a corpus within the window, frequent words subsampled once, seeded,
    and the noise distribution unigram^0.75 the negatives are drawn from."""

    def __init__(self, corpus: Corpus, window: int, seed: int = 0):
        self.corpus, self.vocab = corpus, corpus.vocab
        rng = np.random.default_rng(seed)
        share = self.vocab.counts / self.vocab.counts.sum()  # (V,)
        keep = np.minimum(1.0, np.sqrt(SUBSAMPLE / share) + SUBSAMPLE / share)  # (V,)
        centres, contexts = [], []
        for sentence in corpus.sentences:
            kept = sentence[rng.random(len(sentence)) < keep[sentence]]  # (L',)
            for offset in range(1, window + 1):
                centres += [kept[:-offset], kept[offset:]]
                contexts += [kept[offset:], kept[:-offset]]
        self.centres = torch.from_numpy(np.concatenate(centres or [np.zeros(0, np.int64)]))  # (P,)
        self.contexts = torch.from_numpy(np.concatenate(contexts or [np.zeros(0, np.int64)]))  # (P,)
        if len(self.centres) == 0:
            raise ValueError("the text has no two words side by side to learn from")
        self.noise = torch.from_numpy(self.vocab.counts**0.75).float()  # (V,) unnormalised

    def __len__(self) -> int:
        return len(self.centres)

    def batch(self, size: int, negatives: int, gen: torch.Generator):
        """centre (B,), context (B,), noise words (B, k)."""
        rows = torch.randint(len(self.centres), (size,), generator=gen)
        noise = torch.multinomial(self.noise, size * negatives, replacement=True, generator=gen)
        return self.centres[rows], self.contexts[rows], noise.view(size, negatives)


class SkipGram(nn.Module):
    """E (the embedding, what the page shows) and U (context vectors, used only to train E)."""

    def __init__(self, vocab_size: int, dim: int, vocab_digest: str = ""):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)  # E: row w = e_w
        self.context = nn.Embedding(vocab_size, dim)  # U: row o = u_o
        nn.init.uniform_(self.embed.weight, -0.5 / dim, 0.5 / dim)
        nn.init.zeros_(self.context.weight)
        # which words the rows belong to: a saved E only loads onto the same vocabulary
        self.register_buffer(
            "vocab_id",
            torch.tensor(
                [int(vocab_digest[i : i + 12] or "0", 16) for i in range(0, 48, 12)], dtype=torch.int64
            ),
        )

    def forward(
        self, centre: torch.Tensor, context: torch.Tensor | None = None, noise: torch.Tensor | None = None
    ):
        """Scores e_c . u_o for every word o (B, V); with a context (B,) and noise (B, k): also the loss."""
        e = self.embed(centre)  # (B, D)
        if context is None:
            return e @ self.context.weight.T, None  # (B, V)
        positive = (e * self.context(context)).sum(-1)  # (B,)
        negative = (e.unsqueeze(1) * self.context(noise)).sum(-1)  # (B, k)
        loss = -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()
        return positive, loss

    def load_state_dict(self, state_dict, strict: bool = True, assign: bool = False):
        saved = state_dict.get("vocab_id")
        if saved is not None and not torch.equal(saved.cpu(), self.vocab_id.cpu()):
            raise RuntimeError("the saved embedding was trained on another vocabulary")
        return super().load_state_dict(state_dict, strict, assign)


def build(cfg: Config, vocab_size: int, vocab_digest: str = "") -> SkipGram:
    with seeded(cfg.seed):
        return placed(SkipGram(vocab_size, cfg.dim, vocab_digest))


def train(model: SkipGram, data: SkipGramData, cfg: Config, on_step=None, stop=None) -> SkipGram:
    """Adam on random batches of (centre, context) pairs with k negatives each."""
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    gen = torch.Generator().manual_seed(cfg.seed)
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        centre, context, noise = (t.to(device) for t in data.batch(cfg.batch_size, cfg.negatives, gen))
        optimizer.zero_grad(set_to_none=True)
        _, loss = model(centre, context, noise)
        loss.backward()
        optimizer.step()
        if on_step is not None:
            on_step(step, {"loss": loss.item()})
    return model


def one_hot(index: torch.Tensor, vocab_size: int) -> torch.Tensor:
    """o_w: (N,) word ids -> (N, V) rows with a single 1."""
    return F.one_hot(index, vocab_size).float()


def lookup(E: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """The slide's product o_w @ E: (N, V) @ (V, D) = (N, D). nn.Embedding does it by indexing."""
    return one_hot(index, E.shape[0]) @ E


@torch.no_grad()
def trace(model: SkipGram, x: torch.Tensor) -> dict[str, np.ndarray]:
    """For word ids x (N,): the one-hot rows, o @ E, and the context scores; the last entry is the output."""
    x = x.to(model_device(model))
    E = model.embed.weight  # (V, D)
    rows = lookup(E, x)  # (N, D)
    scores, _ = model(x)  # (N, V)
    return {
        "input.one_hot": to_numpy(one_hot(x, E.shape[0])),
        "embedding.row": to_numpy(rows),
        "output.scores": to_numpy(scores),
    }


def matrix(model: SkipGram) -> np.ndarray:
    """A copy of E (V, D)."""
    return to_numpy(model.embed.weight).copy()


def unit_rows(E: np.ndarray) -> np.ndarray:
    return E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)  # (V, D)


def nearest(E: np.ndarray, words: list[str], word: str, top: int = 8) -> list[tuple[str, float]]:
    """The words whose rows are closest to `word`'s in cosine, with the cosines."""
    unit = unit_rows(E)
    i = words.index(word)
    return _best(unit @ unit[i], words, {i}, top)


def analogy(E: np.ndarray, words: list[str], a: str, b: str, c: str, top: int = 5) -> list[tuple[str, float]]:
    """a - b + c (king - man + woman): the words closest in cosine, a, b and c left out."""
    unit = unit_rows(E)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    target = unit[ia] - unit[ib] + unit[ic]  # (D,)
    target = target / max(float(np.linalg.norm(target)), 1e-12)
    return _best(unit @ target, words, {ia, ib, ic}, top)


def rank(E: np.ndarray, words: list[str], a: str, b: str, c: str, expected: str) -> int:
    """Where `expected` comes among the answers to a - b + c (1 = the top answer)."""
    answers = analogy(E, words, a, b, c, top=len(words))
    return [w for w, _ in answers].index(expected) + 1


def _best(cosines: np.ndarray, words: list[str], leave_out: set[int], top: int) -> list[tuple[str, float]]:
    order = [int(i) for i in np.argsort(-cosines) if int(i) not in leave_out][:top]
    return [(words[i], float(cosines[i])) for i in order]


def slide_one_hot() -> np.ndarray:
    """The slide's six one-hot vectors, Man = o_5391 ... Orange = o_6257 of its 10,000 words: (6, 10000)."""
    vectors = np.zeros((len(SLIDE_WORDS), SLIDE_VOCAB))
    vectors[np.arange(len(SLIDE_WORDS)), [SLIDE_INDEX[w] for w in SLIDE_WORDS]] = 1.0
    return vectors


def cosine_table(vectors: np.ndarray) -> np.ndarray:
    """Cosines between rows: (n, n)."""
    unit = unit_rows(vectors)
    return unit @ unit.T


def distance_table(vectors: np.ndarray) -> np.ndarray:
    """Euclidean distances between rows: (n, n)."""
    return np.linalg.norm(vectors[:, None, :] - vectors[None, :, :], axis=-1)


def pca_2d(E: np.ndarray, previous: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """E's rows projected on its two main directions: points (V, 2) and the axes (2, D). Each axis keeps
    the sign of `previous` (the last frame's axes), so the live map does not flip from frame to frame."""
    centred = E - E.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2].copy()  # (2, D)
    if previous is not None and previous.shape == axes.shape:
        axes *= np.where((axes * previous).sum(1, keepdims=True) < 0, -1.0, 1.0)
    return centred @ axes.T, axes


# ----- what the live page shows ------------------------------------------------------------------
ANALOGIES = (  # the analogies the page offers to try: a, b, c and the answer the corpus builds in
    ("king", "man", "woman", "queen"),
    ("prince", "boy", "girl", "princess"),
    ("queen", "woman", "man", "king"),
    ("paris", "france", "italy", "rome"),
)


@dataclass(frozen=True)
class View:
    """One frame of the live page: a copy of E and its 2-D map."""

    E: np.ndarray  # (V, D)
    points: np.ndarray  # (V, 2)
    axes: np.ndarray  # (2, D)


def view(model: SkipGram, previous: View | None = None) -> View:
    E = matrix(model)
    points, axes = pca_2d(E, None if previous is None else previous.axes)
    return View(E, points, axes)


class LiveView:
    """The runner's view function: called between two steps, a new View whose axes keep the
    last one's signs."""

    def __init__(self, model: SkipGram):
        self.model, self.last = model, None

    def __call__(self) -> View:
        self.last = view(self.model, self.last)
        return self.last


def default_data(window: int = Config.window, seed: int = 0) -> SkipGramData:
    return SkipGramData(Corpus.from_text(generated_corpus()), window, seed)


def seconds_to_analogy(
    cfg: Config = Config(), analogy_words=ANALOGIES[0], limit: float = 60.0, check_every: int = 50
) -> tuple[float | None, int]:
    """Seconds of bare training on the default corpus until `expected` is the top answer of a - b + c
    and stays so at the next check; (None, steps) if not within `limit`."""
    data = default_data(cfg.window, cfg.seed)
    words = data.vocab.words
    train(build(cfg, len(data.vocab), data.vocab.digest), data, Config(steps=3))  # warm up torch first
    model = build(cfg, len(data.vocab), data.vocab.digest)
    state = {"first": None, "step": 0, "done": False}
    start = time.perf_counter()

    def on_step(step: int, _metrics: dict) -> None:
        state["step"] = step
        if step % check_every == 0:
            a, b, c, expected = analogy_words
            right = analogy(matrix(model), words, a, b, c, top=1)[0][0] == expected
            state["done"] = right and state["first"] is not None  # right at two checks in a row
            state["first"] = (state["first"] or time.perf_counter() - start) if right else None

    train(
        model,
        data,
        Config(**{**cfg.__dict__, "steps": 10**9}),
        on_step=on_step,
        stop=lambda: state["done"] or time.perf_counter() - start > limit,
    )
    return (state["first"] if state["done"] else None), state["step"]
