"""Unroll an RNN: the hidden-size slider rebuilds the model; Play trains the hello model live."""

from benchmarks import bare

PAGE = "unroll_rnn"
INTERACTIONS = [
    {"name": "hidden size slider", "kind": "slider", "key": "unroll_rnn-hidden"},
    {"name": "learning rate slider", "kind": "slider", "key": "unroll_rnn-lr"},
]
LIVE = {"key": "unroll_rnn-live", "bare": "benchmarks.specs.unroll_rnn:bare_steps_per_second"}


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from engine import rnn

    cfg = rnn.Config(steps=10**9)
    return bare.steps_per_second(rnn.train, rnn.build(cfg), rnn.HelloData(), cfg, seconds)
