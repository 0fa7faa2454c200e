"""Dates written the many ways people write them, and their one ISO form: the seq2seq task.

"Sunday, the 3rd of March 2019", "march 3, 2019", "03.03.2019", "3/3/2019" (month first with a
slash, day first with a dot) all become "2019-03-03". Inputs are read lower-cased, by character.
"""
from __future__ import annotations

import datetime as dt

import numpy as np

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIRST, LAST = dt.date(1950, 1, 1), dt.date(2049, 12, 31)
MAX_INPUT = 40
SPECIALS = ("<pad>", "<start>", "<end>", "<unk>")
PAD, START, END, UNK = 0, 1, 2, 3
INPUT_VOCAB: tuple[str, ...] = SPECIALS + tuple(" ,./-'0123456789abcdefghijklmnopqrstuvwxyz")
OUTPUT_VOCAB: tuple[str, ...] = SPECIALS + tuple("0123456789-")
IN_INDEX = {c: i for i, c in enumerate(INPUT_VOCAB)}
OUT_INDEX = {c: i for i, c in enumerate(OUTPUT_VOCAB)}
OUTPUT_LEN = 10                       # "yyyy-mm-dd"


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month(d: dt.date, rng: np.random.Generator) -> str:
    name = MONTHS[d.month - 1]
    return name if rng.random() < 0.6 else name[:3]


def _day(d: dt.date, rng: np.random.Generator) -> str:
    return ordinal(d.day) if rng.random() < 0.4 else str(d.day)


def _weekday(d: dt.date, rng: np.random.Generator) -> str:
    name = DAYS[d.weekday()]
    return name if rng.random() < 0.7 else name[:3]


FORMATS = (
    lambda d, r: f"{_day(d, r)} {_month(d, r)} {d.year}",
    lambda d, r: f"{_month(d, r)} {_day(d, r)}, {d.year}",
    lambda d, r: f"{_month(d, r)} {_day(d, r)} {d.year}",
    lambda d, r: f"the {ordinal(d.day)} of {_month(d, r)} {d.year}",
    lambda d, r: f"{_weekday(d, r)}, {_month(d, r)} {_day(d, r)}, {d.year}",
    lambda d, r: f"{_weekday(d, r)} {_day(d, r)} {_month(d, r)} {d.year}",
    lambda d, r: f"{_weekday(d, r)}, the {ordinal(d.day)} of {_month(d, r)}, {d.year}",
    lambda d, r: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d, r: f"{d.day}.{d.month}.{d.year}",
    lambda d, r: f"{d.month}/{d.day}/{d.year}",
    lambda d, r: f"{d.month:02d}/{d.day:02d}/{d.year}",
    lambda d, r: d.isoformat(),
    lambda d, r: f"{d.year}{d.month:02d}{d.day:02d}",
    lambda d, r: f"{d.year}/{d.month:02d}/{d.day:02d}",
)
EXAMPLES = ("Sunday, the 3rd of March, 2019", "march 3, 2019", "03.03.2019", "3/3/2019",
            "Fri 14 Jul 1989", "the 1st of january 2000", "20241231")


def random_date(rng: np.random.Generator) -> dt.date:
    return FIRST + dt.timedelta(days=int(rng.integers(0, (LAST - FIRST).days + 1)))


def human(d: dt.date, rng: np.random.Generator) -> str:
    """One way a person might write `d`, sometimes capitalised as people do."""
    text = FORMATS[int(rng.integers(len(FORMATS)))](d, rng)
    roll = rng.random()
    return text.title() if roll < 0.25 else text.upper() if roll < 0.3 else text


def encode_input(text: str) -> list[int]:
    return [IN_INDEX.get(c, UNK) for c in text.lower()[:MAX_INPUT]]


def decode_output(tokens) -> str:
    chars = []
    for t in tokens:
        if int(t) == END:
            break
        chars.append(OUTPUT_VOCAB[int(t)] if int(t) >= len(SPECIALS) else "")
    return "".join(chars)


def batch(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """n examples: inputs (n, S) padded ids, targets (n, 12) = <start> yyyy-mm-dd <end>, texts, answers."""
    dates = [random_date(rng) for _ in range(n)]
    texts = [human(d, rng) for d in dates]
    answers = [d.isoformat() for d in dates]
    return pad_inputs(texts), targets(answers), texts, answers


def pad_inputs(texts: list[str]) -> np.ndarray:
    ids = [encode_input(t) or [UNK] for t in texts]
    out = np.full((len(ids), max(len(i) for i in ids)), PAD, np.int64)
    for row, seq in enumerate(ids):
        out[row, :len(seq)] = seq
    return out


def targets(answers: list[str]) -> np.ndarray:
    return np.array([[START, *(OUT_INDEX[c] for c in a), END] for a in answers], np.int64)


def check_text(text: str) -> str:
    """A user's date as the model will read it; ValueError with a plain message if unusable."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("Type a date, for example “Sunday, the 3rd of March, 2019”.")
    if len(text) > MAX_INPUT:
        raise ValueError(f"That is {len(text)} characters; the model reads at most {MAX_INPUT}.")
    unknown = sorted({c for c in text.lower() if c not in IN_INDEX})
    if unknown:
        shown = " ".join(repr(c) for c in unknown[:8])
        raise ValueError(f"The model has never seen these characters: {shown}. Use letters, digits, "
                         "spaces and , . / - only.")
    return text
