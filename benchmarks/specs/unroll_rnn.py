"""Unroll an RNN: the hidden-size slider rebuilds the model; Play trains the hello model live."""

PAGE = "unroll_rnn"
INTERACTIONS = [
    {"name": "hidden size slider", "kind": "slider", "key": "unroll_rnn-hidden"},
    {"name": "learning rate slider", "kind": "slider", "key": "unroll_rnn-lr"},
]
LIVE = {"key": "unroll_rnn-live", "bare": "engine.rnn:bare_steps_per_second"}
