"""Self-attention: a word typed and submitted is sorted by the tiny transformer and every head's
attention matrix of the chosen layer is drawn."""

PAGE = "self_attention"
INTERACTIONS = [
    {"name": "new word", "kind": "text", "key": "self_attention-word", "text": "banana"},
]
