"""MLP playground: the noise slider regenerates the data (a fresh network); neurons per layer
rebuilds the network; Play trains the default network live, the plane repainted as a picture
(issue 8 asks for >= 5 repaints a second) and the curves and network once a second."""

from benchmarks import bare

PAGE = "mlp_playground"
INTERACTIONS = [
    {"name": "noise slider", "kind": "slider", "key": "mlp_playground-noise"},
    {"name": "neurons per layer slider", "kind": "slider", "key": "mlp_playground-neurons"},
]
LIVE = {
    "key": "mlp_playground",
    "bare": "benchmarks.specs.mlp_playground:bare_steps_per_second",
    "surface": "mlp_playground-surface",
}  # issue 8: repaints/s of the decision surface


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from engine import mlp, toy2d

    cfg = mlp.Config()
    return bare.steps_per_second(mlp.train, mlp.build(cfg), toy2d.make("circles"), cfg, seconds)
