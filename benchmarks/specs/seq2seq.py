"""Seq2seq alignments: a date typed and submitted is rewritten by both models and its alignment
matrix drawn (about 10 ms of model time, computed on every run)."""

PAGE = "seq2seq"
INTERACTIONS = [
    {"name": "new date input", "kind": "text", "key": "seq2seq-text", "text": "the 14th of july 1989"},
]
