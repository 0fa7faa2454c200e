"""GAN on 2-D data: the arrow-length slider redraws only; Play trains the ring GAN live."""

from benchmarks import bare

PAGE = "gan_2d"
INTERACTIONS = [
    {"name": "arrow length slider (display)", "kind": "slider", "key": "gan_2d-arrows"},
    {"name": "k slider (new job)", "kind": "slider", "key": "gan_2d-k"},
    {"name": "Step D", "kind": "button", "key": "gan_2d-step-d"},
]
LIVE = {"key": "gan_2d-live", "bare": "benchmarks.specs.gan_2d:bare_steps_per_second"}
LIVE["modes"] = {"metric": "Modes covered", "covered": 7}  # issue 7: 7 of 8 modes (within TARGETS' 30 s)


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from engine import gan2d

    cfg = gan2d.Config(steps=10**9)
    return bare.steps_per_second(gan2d.train, gan2d.build(cfg), None, cfg, seconds)
