"""BPTT: the spectral-radius and sequence-length sliders recompute the whole backward pass."""

PAGE = "bptt"
INTERACTIONS = [
    {"name": "spectral radius slider", "kind": "slider", "key": "bptt-radius"},
    {"name": "sequence length slider", "kind": "slider", "key": "bptt-length"},
]
