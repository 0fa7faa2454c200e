"""Word embeddings: typing a word reruns the neighbours; the window slider makes new pairs and a new model;
Play trains skip-gram live on LayerLab's generated corpus."""

from benchmarks import bare

PAGE = "word_embeddings"
INTERACTIONS = [
    {"name": "a word typed (neighbours)", "kind": "text", "key": "word_embeddings-word", "text": "queen"},
    {"name": "window slider (new pairs, new model)", "kind": "slider", "key": "word_embeddings-window"},
]
LIVE = {"key": "word_embeddings-live", "bare": "benchmarks.specs.word_embeddings:bare_steps_per_second"}


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from engine import word_embeddings as we

    data, cfg = we.default_data(), we.Config(steps=10**9)
    model = we.build(cfg, len(data.vocab), data.vocab.digest)
    return bare.steps_per_second(we.train, model, data, cfg, seconds)
