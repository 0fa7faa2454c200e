"""Learned filters: another held-out digit, another unit's receptive field."""

PAGE = "learned_filters"
INTERACTIONS = [
    {"name": "digit slider", "kind": "slider", "key": "learned_filters-index"},
    {"name": "receptive field row", "kind": "slider", "key": "learned_filters-row"},
]
