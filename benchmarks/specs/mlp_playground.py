"""MLP playground: the noise slider regenerates the data (a fresh network); neurons per layer
rebuilds the network; Play trains the default network live, the plane repainted as a picture
(issue 8 asks for >= 5 repaints a second) and the curves and network once a second."""

PAGE = "mlp_playground"
INTERACTIONS = [
    {"name": "noise slider", "kind": "slider", "key": "mlp_playground-noise"},
    {"name": "neurons per layer slider", "kind": "slider", "key": "mlp_playground-neurons"},
]
LIVE = {
    "key": "mlp_playground",
    "bare": "engine.mlp:bare_steps_per_second",
    "surface": "mlp_playground-surface",
}  # issue 8: repaints/s of the decision surface
