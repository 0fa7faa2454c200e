"""Two tasks with a long-range dependency, small enough to read every gate of the model.

Subject-verb agreement (lecture 003, "The cat, which already ate ..., was full"): the model reads
a sentence up to the verb and must say `was` or `were`; between subject and verb sits a relative
clause of `gap` words, full of nouns of the other number (attractors), so "look at the last noun"
fails and only a memory of the subject works.

Remember the first symbol: a letter a-d, then `gap` random digits and letters; which came first?
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

UNKNOWN = "<unk>"
MAX_TOKENS = 60


@dataclass(frozen=True)
class Encoded:
    """A user's text as the model reads it: ids, the words shown on the axes, and notes in words."""

    ids: torch.Tensor  # (1, T) int64
    tokens: tuple[str, ...]  # T words, unknown ones shown as typed
    unknown: tuple[str, ...]  # the words read as <unk>
    expected: int | None  # the class the user's own text gives (e.g. the verb typed), if any
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """A sequence-classification task: a vocabulary, classes, a generator and a tokenizer."""

    name: str
    title: str
    vocab: tuple[str, ...]
    classes: tuple[str, ...]
    sample: Callable[[np.random.Generator, int], tuple[list[str], int]]  # (rng, gap) -> (words, label)
    encode: Callable[[str], Encoded]
    examples: tuple[str, ...]
    question: str  # what the model answers, in words

    @property
    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.vocab)}

    def batch(self, rng: np.random.Generator, size: int, gap: int) -> tuple[torch.Tensor, torch.Tensor]:
        """`size` sequences with the same gap: ids (B, T) and labels (B,)."""
        index = self.index
        rows, labels = [], []
        for _ in range(size):
            words, label = self.sample(rng, gap)
            rows.append([index[w] for w in words])
            labels.append(label)
        return torch.tensor(rows, dtype=torch.long), torch.tensor(labels, dtype=torch.long)  # (B, T), (B,)


# ----- subject-verb agreement ----------------------------------------------------------------------
NOUNS = (
    ("cat", "cats"),
    ("dog", "dogs"),
    ("child", "children"),
    ("mouse", "mice"),
    ("bird", "birds"),
    ("teacher", "teachers"),
    ("fox", "foxes"),
    ("horse", "horses"),
    ("boy", "boys"),
    ("girl", "girls"),
    ("student", "students"),
    ("king", "kings"),
    ("queen", "queens"),
    ("farmer", "farmers"),
)
MASS_NOUNS = ("fish", "food", "bread", "milk", "rice", "cheese", "soup")
RELATIVES = ("which", "who", "that")
VERBS = ("ate", "saw", "chased", "liked", "found", "watched", "fed", "met", "followed", "visited")
ADVERBS = ("already", "yesterday", "quietly", "often", "finally", "slowly", "again", "today")
ADJECTIVES = ("big", "small", "old", "young", "happy", "hungry", "little", "brown", "lazy", "clever")
PREPOSITIONS = ("near", "with", "behind", "under", "beside", "after")
VERB_FORMS = {"was": 0, "were": 1, "is": 0, "are": 1, "has": 0, "have": 1}

AGREEMENT_VOCAB = tuple(
    dict.fromkeys(
        [
            "the",
            ",",
            UNKNOWN,
            *[n for pair in NOUNS for n in pair],
            *MASS_NOUNS,
            *RELATIVES,
            *VERBS,
            *ADVERBS,
            *ADJECTIVES,
            *PREPOSITIONS,
            "and",
        ]
    )
)


def _noun_phrase(rng: np.random.Generator, room: int) -> list[str]:
    """'the [adjective] noun' in at most `room` words; nouns of either number are the attractors."""
    noun = (
        MASS_NOUNS[rng.integers(len(MASS_NOUNS))]
        if rng.random() < 0.2
        else NOUNS[rng.integers(len(NOUNS))][rng.integers(2)]
    )
    if room >= 3 and rng.random() < 0.4:
        return ["the", ADJECTIVES[rng.integers(len(ADJECTIVES))], noun]
    return ["the", noun]


def relative_clause(rng: np.random.Generator, length: int) -> list[str]:
    """A relative clause of exactly `length` words ("which already ate the fish near the dogs")."""
    if length <= 0:
        return []
    if length == 1:
        return [ADVERBS[rng.integers(len(ADVERBS))]]
    words = [RELATIVES[rng.integers(len(RELATIVES))]]
    if length >= 4 and rng.random() < 0.3:
        words.append(ADVERBS[rng.integers(len(ADVERBS))])
    words.append(VERBS[rng.integers(len(VERBS))])
    while len(words) < length:
        room = length - len(words)
        if room == 1:
            words.append(ADVERBS[rng.integers(len(ADVERBS))])
        elif words[-1] in VERBS:
            words += _noun_phrase(rng, room)
        elif room == 2:
            bare = (
                MASS_NOUNS[rng.integers(len(MASS_NOUNS))]
                if rng.random() < 0.3
                else NOUNS[rng.integers(len(NOUNS))][1]
            )
            words += [PREPOSITIONS[rng.integers(len(PREPOSITIONS))], bare]
        elif room >= 4 and rng.random() < 0.4:
            words += ["and", VERBS[rng.integers(len(VERBS))]]
        else:
            words += [PREPOSITIONS[rng.integers(len(PREPOSITIONS))], *_noun_phrase(rng, room - 1)]
    return words


def agreement_sentence(rng: np.random.Generator, gap: int) -> tuple[list[str], int]:
    """'the cat , which ... ,' with `gap` words between subject and verb; label 0 = was, 1 = were."""
    number = int(rng.integers(2))
    subject = NOUNS[rng.integers(len(NOUNS))][number]
    # a few words the model never saw stand in as <unk>, so a user's unknown words read as noise
    clause = [UNKNOWN if rng.random() < 0.05 else w for w in relative_clause(rng, gap)]
    words = ["the", subject, ",", *clause, ","] if clause else ["the", subject]
    return words, number


_WORD = re.compile(r"[a-z]+|,")


def encode_agreement(text: str) -> Encoded:
    """Read a typed sentence up to its verb: 'The cats, which ate the fish, were full' -> ids, were."""
    words = _WORD.findall(text.lower())
    expected, notes = None, []
    verbs = [i for i, w in enumerate(words) if w in VERB_FORMS]
    if verbs and verbs[-1] > 0:
        cut = verbs[-1]
        expected = VERB_FORMS[words[cut]]
        words = words[:cut]
    if len(words) > MAX_TOKENS:
        notes.append(f"only the last {MAX_TOKENS} words before the verb are read")
        words = words[-MAX_TOKENS:]
    return _encode(words, AGREEMENT_VOCAB, expected, notes)


def _encode(words: list[str], vocab: tuple[str, ...], expected: int | None, notes: list[str]) -> Encoded:
    index = {w: i for i, w in enumerate(vocab)}
    unknown = tuple(dict.fromkeys(w for w in words if w not in index))
    ids = torch.tensor([[index.get(w, index[UNKNOWN]) for w in words]], dtype=torch.long)  # (1, T)
    return Encoded(ids=ids, tokens=tuple(words), unknown=unknown, expected=expected, notes=tuple(notes))


AGREEMENT = Task(
    name="agreement",
    title="Subject-verb agreement",
    vocab=AGREEMENT_VOCAB,
    classes=("was", "were"),
    sample=agreement_sentence,
    encode=encode_agreement,
    examples=(
        "The cats, which already ate the fish near the dog, were full",
        "The cat, which already ate the fish near the dogs, was full",
        "The cats, which already ate the bread with the old horse and followed the girl, were full",
        "The child, who often visited the kings behind the hungry foxes yesterday, was happy",
        "The mice were small",
    ),
    question="was or were?",
)


# ----- remember the first symbol --------------------------------------------------------------------
KEYS = ("a", "b", "c", "d")
DIGITS = tuple("0123456789")
FIRST_SYMBOL_VOCAB = (UNKNOWN, *KEYS, *DIGITS)


def first_symbol_sequence(rng: np.random.Generator, gap: int) -> tuple[list[str], int]:
    """A key letter, then `gap` distractors (digits, and other key letters a quarter of the time)."""
    label = int(rng.integers(len(KEYS)))
    rest = [
        KEYS[rng.integers(len(KEYS))] if rng.random() < 0.25 else DIGITS[rng.integers(len(DIGITS))]
        for _ in range(gap)
    ]
    rest = [UNKNOWN if rng.random() < 0.03 else s for s in rest]
    return [KEYS[label], *rest], label


def encode_first_symbol(text: str) -> Encoded:
    """'b 3 1 a 4' or 'b31a4': one symbol per letter or digit; anything else is unknown."""
    symbols = [s for s in re.sub(r"\s+", "", text.lower())]
    notes = []
    if len(symbols) > MAX_TOKENS:
        notes.append(f"only the first {MAX_TOKENS} symbols are read")
        symbols = symbols[:MAX_TOKENS]
    expected = KEYS.index(symbols[0]) if symbols and symbols[0] in KEYS else None
    return _encode(symbols, FIRST_SYMBOL_VOCAB, expected, notes)


FIRST_SYMBOL = Task(
    name="first_symbol",
    title="Remember the first symbol",
    vocab=FIRST_SYMBOL_VOCAB,
    classes=KEYS,
    sample=first_symbol_sequence,
    encode=encode_first_symbol,
    examples=(
        "b 3 1 4 1 5 9 2 6 5 3 5 8 9 7 9 3 2 3 8 4",
        "c 2 7 a 1 8 2 8 d 1 8 2 8 4 5 9 0 4 5 2 3",
        "a 9 9 9 b b b 9 9 9",
    ),
    question="which letter came first?",
)

TASKS = {t.name: t for t in (AGREEMENT, FIRST_SYMBOL)}
