"""Shapes of RNNs: the input-digit slider reruns the one-to-many network."""

PAGE = "rnn_shapes"
INTERACTIONS = [
    {"name": "input digit slider", "kind": "slider", "key": "rnn_shapes-digit"},
]
