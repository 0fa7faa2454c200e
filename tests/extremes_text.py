"""What a page must never show a student, whatever its controls are set to (issue 18, "Extremes").

Shared by the AppTest walker (tests/apptest/test_extremes.py) and the browser walker
(tests/browser/test_extremes_browser.py). Each check is a plain regex, documented here, so a failure
says exactly which rule the shown text broke:

- **not a number**: a non-finite number as Python, numpy or JavaScript print it: `nan`, `inf`, `-inf`,
  `+inf`, `×inf`, `NaN`, `Infinity` standing alone. Only the whole token counts: "information",
  "inferno", "infty", "financial", "nanometre" or `\\inf` in LaTeX never match (a letter, digit, `_` or
  `\\` touching the token rules it out). The word "infinity" in prose is allowed; "Infinity" with a
  capital, JavaScript's spelling of a number, is not. "∞" is allowed: it is how the lecture writes a limit.
- **an exception's name**: `SomethingError` or `SomethingException` (a traceback or a raw `str(exc)`
  reached the page instead of a sentence).
- **half sentence** (an empty or unfinished piece of a sentence built from parts):
  - a sentence that ends on a word that cannot end one ("it is multiplied by." / "the loss is the."):
    the, an, and, or, than, because, per, its, their, our, your, by. Words that can end a sentence
    ("where the parts are.", "what it is made of.", "where it comes from.") are left out, and so is "a",
    since a one-letter input "a" is quoted back legitimately;
  - a space before a full stop, comma, colon, semicolon or question mark, or an empty pair of
    brackets `()` / `[]`: where an empty string was formatted in;
  - two sentence-ending words in a row without a verb between them is not decidable by a regex;
    the one such defect issue 18 names ("The gradient is too few steps receive gradient to tell.")
    is caught by the clause rule: "is" directly followed by "too few ... to" after a verb of its own;
  - a template left unfilled: `{name}` or `%s` / `%d` outside LaTeX;
  - a formatted nothing: `None` as a word, except "None" at the start of a sentence or line ("None of
    the ...") and "None" inside quotes;
  - a singular count with a plural noun: "1 digits", "1 steps" (words ending in -ss, -is, -us, -as
    are singular; a "1" after "=", "<", ">", "≤" or "≥" is a value in a formula: "β = 1 trains on ...").
LaTeX (`$...$`, `$$...$$`), inline code (`` `...` ``) and HTML tags are removed before checking: they are
maths and markup, not prose.
"""

from __future__ import annotations

import re

NOT_A_NUMBER = re.compile(
    r"(?<![\w\\.])[-+−×]?(?:nan|inf)(?![\w])|(?<![\w\\])Infinity(?![\w])", re.IGNORECASE
)
_INFINITY_WORD = re.compile(r"\binfinity\b")  # lower-case prose "infinity" is allowed
EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception)\b")

_DANGLING = ("the", "an", "and", "or", "than", "because", "per", "its", "their", "our", "your", "by")
DANGLING_END = re.compile(r"\b(" + "|".join(_DANGLING) + r")\s*[.!?](?=\s|$)", re.IGNORECASE)
SPACE_BEFORE_STOP = re.compile(r"\w\s+[.,:;?](?=\s|$)")
EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
UNFILLED = re.compile(r"\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}|%[sd]\b")
NONE_WORD = re.compile(r"\bNone\b")
ONE_PLURAL = re.compile(r"(?<![\d.,=<>≤≥] )(?<![\d.,=<>≤≥])\b1 (?!\w*(?:ss|is|us|as)\b)([a-z]{2,}s)\b")
RUN_ON = re.compile(r"\bis (?:too few|too many) \w+ (?:receive|get|have|are)\b", re.IGNORECASE)

_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\(.*?\\\)|\\\[.*?\\\]", re.DOTALL)
_CODE = re.compile(r"`[^`]*`")
_TAG = re.compile(r"<[^>]+>")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^'\s][^']*'|‘[^’]*’")


def prose(text: str) -> str:
    """The words of a shown text: without LaTeX, inline code and HTML tags."""
    return _TAG.sub(" ", _CODE.sub("CODE", _MATH.sub("MATHS", text)))


def not_a_number(text: str) -> list[str]:
    """Every nan/inf token the text shows (LaTeX and code included: a number there is still shown)."""
    return [
        m.group(0)
        for m in NOT_A_NUMBER.finditer(_TAG.sub(" ", text))
        if not _INFINITY_WORD.fullmatch(m.group(0))
    ]


def _none_words(text: str) -> list[str]:
    unquoted = _QUOTED.sub(" ", text)
    found = []
    for m in NONE_WORD.finditer(unquoted):
        before = unquoted[: m.start()].rstrip(" *_")
        if before == "" or before[-1] in ".!?:\n|":  # "None of them ..." starts a sentence
            continue
        found.append("None")
    return found


def half_sentences(text: str) -> list[str]:
    """The pieces of the text that look like a sentence assembled with a part missing."""
    words = prose(text)
    found = [
        f"ends on {m.group(1)!r}: …{words[max(0, m.start() - 40) : m.end()]!r}"
        for m in DANGLING_END.finditer(words)
    ]
    found += [
        f"space before punctuation: …{words[max(0, m.start() - 40) : m.end()]!r}"
        for m in SPACE_BEFORE_STOP.finditer(words)
    ]
    found += [
        f"empty brackets: …{words[max(0, m.start() - 40) : m.end()]!r}"
        for m in EMPTY_BRACKETS.finditer(words)
    ]
    found += [f"unfilled template {m.group(0)!r}" for m in UNFILLED.finditer(words)]
    found += [f"formatted None in …{words[:80]!r}" for _ in _none_words(words)]
    found += [f"singular count, plural noun: '1 {m.group(1)}'" for m in ONE_PLURAL.finditer(words)]
    found += [
        f"two clauses run together: …{words[max(0, m.start() - 30) : m.end() + 30]!r}"
        for m in RUN_ON.finditer(words)
    ]
    return found


def problems(text: str) -> list[str]:
    """Everything wrong with one shown text, each in a few words; [] when it is fine."""
    found = [f"shows {token!r}" for token in not_a_number(text)]
    found += [f"shows an exception's name {m.group(0)!r}" for m in EXCEPTION_NAME.finditer(prose(text))]
    return found + half_sentences(text)
