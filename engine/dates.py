"""Dates written the many ways people write them, and their one ISO form: the seq2seq task.

"Sunday, the 3rd of March 2019", "march 3, 2019", "03.03.2019", "3/3/2019" (month first with a
slash, day first with a dot) all become "2019-03-03". Inputs are read lower-cased, by character.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIRST, LAST = dt.date(1950, 1, 1), dt.date(2049, 12, 31)
MAX_INPUT = 40
SPECIALS = ("<pad>", "<start>", "<end>", "<unk>")
PAD, START, END, UNK = 0, 1, 2, 3
INPUT_VOCAB: tuple[str, ...] = SPECIALS + tuple(" ,./-'0123456789abcdefghijklmnopqrstuvwxyz")
OUTPUT_VOCAB: tuple[str, ...] = SPECIALS + tuple("0123456789-")
IN_INDEX = {c: i for i, c in enumerate(INPUT_VOCAB)}
OUT_INDEX = {c: i for i, c in enumerate(OUTPUT_VOCAB)}
OUTPUT_LEN = 10  # "yyyy-mm-dd"


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
EXAMPLES = (
    "Sunday, the 3rd of March, 2019",
    "march 3, 2019",
    "03.03.2019",
    "3/3/2019",
    "Fri 14 Jul 1989",
    "the 1st of january 2000",
    "20241231",
)


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
        out[row, : len(seq)] = seq
    return out


def targets(answers: list[str]) -> np.ndarray:
    return np.array([[START, *(OUT_INDEX[c] for c in a), END] for a in answers], np.int64)


def check_text(text: str) -> str:
    """A user's date as the model will read it; ValueError with a plain message if unusable."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("Type a date, for example “Sunday, the 3rd of March, 2019”.")
    if len(text) > MAX_INPUT:
        raise ValueError(
            f"That is {len(text)} characters; the model reads at most {MAX_INPUT}. Shorten it "
            "(leave out the weekday, or write the month as a number)."
        )
    unknown = sorted({c for c in text.lower() if c not in IN_INDEX})
    if unknown:
        shown = " ".join(repr(c) for c in unknown[:8])
        raise ValueError(
            f"The model has never seen these characters: {shown}. Use letters, digits, "
            "spaces and , . / - only."
        )
    return text


# ----- what a typed date means, read by rule: the yardstick the model's answer is judged by ------------
_NUMERIC = (  # (pattern, order of year, month, day in its groups)
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), (1, 2, 3)),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), (3, 2, 1)),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (3, 1, 2)),
)
_FILLER = {"the", "of", *DAYS, *(d[:3] for d in DAYS)}


def meaning(text: str) -> tuple[dt.date | None, tuple[str, ...]]:
    """The date `text` names in one of the training's formats, and the words no format explains.

    "Sunday, the 3rd of March, 2019" -> (2019-03-03, ()); "next tuesday" -> (None, ("next",)).
    The weekday is read as filler, as the training data gives it no say over the date.
    """
    text = " ".join(text.lower().split())
    for pattern, (y, m, d) in _NUMERIC:
        if found := pattern.fullmatch(text):
            return _date(int(found.group(y)), int(found.group(m)), int(found.group(d))), ()
    words = [w for w in re.split(r"[\s,]+", text) if w and w not in _FILLER]
    months = [MONTHS.index(m) + 1 for w in words for m in MONTHS if w in (m, m[:3])]
    days = [int(found.group(1)) for w in words if (found := re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", w))]
    years = [int(w) for w in words if re.fullmatch(r"\d{4}", w)]
    odd = tuple(
        w
        for w in words
        if not (re.fullmatch(r"\d{1,2}(st|nd|rd|th)?|\d{4}", w) or any(w in (m, m[:3]) for m in MONTHS))
    )
    if odd or len(months) != 1 or len(days) != 1 or len(years) != 1:
        return None, odd
    return _date(years[0], months[0], days[0]), ()


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 February: no such day
        return None


def verdict(text: str, answer: str) -> str:
    """The model's answer judged against what the text means, in words for the page."""
    try:
        written = dt.date.fromisoformat(answer)
    except ValueError:
        return "not a real date"
    meant, odd = meaning(text)
    if meant is None and not odd:
        return (
            "a calendar date, but your text names no day the calendar has (or in a form the model never saw)"
        )
    if meant is None:
        return (
            f"a calendar date, but not one your text names (“{'”, “'.join(odd[:3])}”): it translates "
            "formats, not words"
        )  # the page says it in full once, under the date box
    return (
        "right: the date your text names"
        if written == meant
        else f"wrong: your text names {meant.isoformat()}"
    )
