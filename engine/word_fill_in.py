"""The slide's fill-in, "I want a glass of orange ___", by two small models that read the word before
the blank.

Both are the same softmax classifier over the answers, trained on the same four phrases. One reads the
word as a one-hot vector: a word it never saw (apple) has a column of weights that no training step
touched, so it answers as for any unknown word. The other reads the word's row of E: apple's row lies
near orange's, so it answers "juice" without having seen "apple juice" anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.word_embeddings import unit_rows

FRAME = "I want a glass of {} ___"
PHRASES = (("orange", "juice"), ("cold", "water"), ("warm", "milk"), ("hot", "tea"))  # what the readers learn
ANSWERS = tuple(answer for _, answer in PHRASES)
STEPS, LEARNING_RATE = 300, 2.0


@dataclass(frozen=True)
class FillIn:
    """Both readers' probabilities of each answer for one word; None where a reader cannot read it."""

    word: str
    one_hot: np.ndarray  # (A,)
    embedding: np.ndarray | None  # (A,); None: the word has no row of E


def _softmax_regression(features: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """W (A, F) by full-batch gradient descent from zeros: the same result every time, no seed needed.
    No bias: a word whose input is all zeros (a one-hot column never trained) gets logits 0, all answers
    equal."""
    weight = np.zeros((len(ANSWERS), features.shape[1]))  # (A, F)
    wanted = np.eye(len(ANSWERS))[targets]  # (N, A)
    for _ in range(STEPS):
        logits = features @ weight.T  # (N, A)
        probs = np.exp(logits - logits.max(1, keepdims=True))
        probs /= probs.sum(1, keepdims=True)
        weight -= LEARNING_RATE * (probs - wanted).T @ features / len(features)  # cross-entropy's gradient
    return weight


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max())
    return z / z.sum()


def ready(words: list[str]) -> bool:
    """Every phrase's first word is in the vocabulary (the default corpus; a pasted text may lack them)."""
    return all(w in words for w, _ in PHRASES)


class Readers:
    """The two classifiers trained on PHRASES (every phrase's first word must be in `words`: `ready`)."""

    def __init__(self, E: np.ndarray, words: list[str]):
        self.words, self.index = words, {w: i for i, w in enumerate(words)}
        self.unit = unit_rows(E.astype(np.float64))  # (V, D)
        self.seen = [w for w, _ in PHRASES]
        ids = np.array([self.index[w] for w in self.seen])  # (N,)
        targets = np.array([ANSWERS.index(a) for _, a in PHRASES])  # (N,)
        # W (A, V) over one-hot inputs: only the seen words' columns ever get a gradient,
        # so they are all it keeps
        self.one_hot_weights = _softmax_regression(np.eye(len(self.seen)), targets)  # (A, N)
        self.embedding_weights = _softmax_regression(self.unit[ids], targets)  # (A, D)

    def read(self, word: str) -> FillIn:
        column = (
            self.one_hot_weights[:, self.seen.index(word)] if word in self.seen else np.zeros(len(ANSWERS))
        )  # (A,)
        embedding = None
        if word in self.index:
            embedding = _softmax(self.embedding_weights @ self.unit[self.index[word]])  # (A,)
        return FillIn(word, _softmax(column), embedding)
