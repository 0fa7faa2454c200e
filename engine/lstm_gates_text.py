"""A user's text for the LSTM gates page, read so that nothing is dropped without saying so.

engine.agreement's tokenizers keep a-z and commas only: an emoji, a Chinese word or a digit vanished
from the sentence unnamed. Here every such run is one unknown word (read as <unk>, and listed), the
punctuation the model never saw is named as skipped, and a text past MAX_CHARS is cut at a word and the
note says where.
"""

from __future__ import annotations

import re

import torch

from engine import lstm
from engine.agreement import MAX_TOKENS, UNKNOWN, VERB_FORMS, Encoded, Task
from engine.char_rnn import graphemes

MAX_CHARS = 400
# a word in any alphabet (猫, café), a comma, a number, or a run of other symbols (emoji, 👨‍👩‍👧, ‰)
_TOKEN = re.compile(r"[^\W\d_]+|,|\d+|[^\w\s!-/:-@\[-`{-~]+")
_SKIPPED = re.compile(r"[!-+\--/:-@\[-`{-~]")  # ASCII punctuation but the comma: the model never saw it


def cut(text: str, limit: int = MAX_CHARS) -> tuple[str, str | None]:
    """The text up to `limit` characters, cut between words, and a note saying where (None if whole)."""
    if len(text) <= limit:
        return text, None
    kept = text[:limit]
    if not text[limit].isspace() and " " in kept.strip():
        kept = kept[: kept.rstrip().rfind(" ")]  # never half a word
    kept = kept.rstrip()
    tail = " ".join(kept.split()[-3:])[-40:]
    return kept, (
        f"your text has {len(text):,} characters and only the first {len(kept):,} are read, "
        f"up to “…{tail}”: the rest is cut"
    )


def read(task: Task, text: str) -> Encoded:
    """The page's text as the model reads it, every dropped or unknown piece named in `unknown` or `notes`."""
    text, note = cut(text)
    encoded = (_read_agreement if task.name == "agreement" else _read_symbols)(task, text)
    return Encoded(
        encoded.ids,
        encoded.tokens,
        encoded.unknown,
        encoded.expected,
        ((note,) if note else ()) + encoded.notes,
    )


def _read_agreement(task: Task, text: str) -> Encoded:
    words = _TOKEN.findall(text.lower())
    notes, expected = [], None
    verbs = [i for i, w in enumerate(words) if w in VERB_FORMS]
    if verbs and verbs[-1] > 0:
        expected, words = VERB_FORMS[words[verbs[-1]]], words[: verbs[-1]]
    before_verb = text.lower()
    if expected is not None:  # punctuation after the verb is never read anyway
        before_verb = before_verb[: _verb_position(before_verb)]
    skipped = sorted(set(_SKIPPED.findall(before_verb)))
    if skipped:
        notes.append("skipped, since the model knows no punctuation but the comma: " + " ".join(skipped))
    if len(words) > MAX_TOKENS:
        notes.append(f"only the last {MAX_TOKENS} words before the verb are read")
        words = words[-MAX_TOKENS:]
    return _encode(task, words, expected, notes)


def _verb_position(text: str) -> int:
    spans = [m for m in _TOKEN.finditer(text) if m.group() in VERB_FORMS]
    return spans[-1].start() if spans else len(text)


def _read_symbols(task: Task, text: str) -> Encoded:
    symbols = [s for s in graphemes(text.lower()) if not s.isspace()]  # 👨‍👩‍👧 is one symbol
    notes = []
    if len(symbols) > MAX_TOKENS:
        notes.append(f"only the first {MAX_TOKENS} symbols are read")
        symbols = symbols[:MAX_TOKENS]
    expected = task.classes.index(symbols[0]) if symbols and symbols[0] in task.classes else None
    return _encode(task, symbols, expected, notes)


def _encode(task: Task, words: list[str], expected: int | None, notes: list[str]) -> Encoded:
    index = task.index
    unknown = tuple(dict.fromkeys(w for w in words if w not in index))
    ids = torch.tensor([[index.get(w, index[UNKNOWN]) for w in words]], dtype=torch.long)  # (1, T)
    shown = tuple(w if len(w) <= 24 else w[:23] + "…" for w in words)  # a 400-letter "word" fits an axis
    return Encoded(ids=ids, tokens=shown, unknown=unknown, expected=expected, notes=tuple(notes))


# ----- the page's captions, in words ---------------------------------------------------------------
def memory_caption(model, card: dict, task: Task, ids: torch.Tensor, gate_name: str, long_gap: int) -> str:
    """What the memory unit's forget clamp costs: the card's test accuracy, and the answer on this text."""
    metrics, gate = card["metrics"], lstm.MEMORY_GATE[model.kind]
    memory = int(metrics["memory_unit"])
    forgot = lstm.trace(model, ids, lstm.Intervention(lstm.FORGETS[gate], (memory,)))["readout.probs"][-1]
    label, prob = lstm.answer(forgot, task.classes)
    return (
        f"Unit {memory} is this model's memory unit: on 500 test sentences with {long_gap} words in between, "
        f"clamping its {gate_name} to {lstm.FORGETS[gate]:.0f} (forget everything) takes the accuracy from "
        f"{metrics['accuracy_gap20']:.0%} to {metrics['accuracy_gap20_memory_unit_forgets']:.0%} "
        f"(guessing: {card['chance']:.0%}). Clamped so, on this text it answers {label} ({prob:.0%})."
    )


def wipe_caption(kind: str, step: int, word: str, who: str) -> str:
    """Exactly what "Zero its memory after step" sets to 0 (`word` already made safe to show)."""
    verb = "is" if kind in ("gru", "rnn") else "are"
    return (
        f"After step {step} (“{word}”) the {lstm.MEMORY_NAMES[kind]} of {who} {verb} set to 0: from there on "
        "the cell reads as if the text had started at the next word."
    )
