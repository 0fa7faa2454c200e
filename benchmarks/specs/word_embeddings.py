"""Word embeddings: typing a word reruns the neighbours; the window slider makes new pairs and a new model;
Play trains skip-gram live on LayerLab's generated corpus."""

PAGE = "word_embeddings"
INTERACTIONS = [
    {"name": "a word typed (neighbours)", "kind": "text", "key": "word_embeddings-word", "text": "queen"},
    {"name": "window slider (new pairs, new model)", "kind": "slider", "key": "word_embeddings-window"},
]
LIVE = {"key": "word_embeddings-live", "bare": "engine.word_embeddings:bare_steps_per_second"}
