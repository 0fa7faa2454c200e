"""Char-RNN: the temperature slider re-samples; Play trains on the first bundled text live."""

from benchmarks import bare

PAGE = "char_rnn"
INTERACTIONS = [
    {"name": "temperature slider", "kind": "slider", "key": "char_rnn-temp"},
    {"name": "hidden size slider (new model)", "kind": "slider", "key": "char_rnn-hidden"},
]
LIVE = {"key": "char_rnn-live", "bare": "benchmarks.specs.char_rnn:bare_steps_per_second"}


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from engine import char_rnn

    data = char_rnn.TextData(next(iter(char_rnn.bundled_texts().values())))  # the first bundled text
    cfg = char_rnn.Config(steps=10**9)
    return bare.steps_per_second(char_rnn.train, char_rnn.build(cfg, len(data.vocab)), data, cfg, seconds)
