"""Show, Attend and Tell: the scene slider generates a new scene and captions it with every word's
attention map (encoder, decoder, 6-9 overlays, the alpha grid and the word probabilities)."""

PAGE = "captioning"
INTERACTIONS = [
    {"name": "scene slider (caption + all maps)", "kind": "slider", "key": "captioning-scene"},
    {"name": "step through the words", "kind": "slider", "key": "captioning-word"},
]
