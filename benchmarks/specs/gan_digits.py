"""GAN on digits: the interpolation seed redraws the strip; Play trains the digit GAN live."""

from benchmarks import bare

PAGE = "gan_digits"
INTERACTIONS = [
    {"name": "interpolation seed slider", "kind": "slider", "key": "gan_digits-to"},
    {"name": "generator learning rate (new job)", "kind": "slider", "key": "gan_digits-lr-g"},
]
LIVE = {"key": "gan_digits-live", "bare": "benchmarks.specs.gan_digits:bare_steps_per_second"}


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from engine import gan_digits
    from engine.datasets import digits

    cfg = gan_digits.Config(steps=10**9)
    return bare.steps_per_second(gan_digits.train, gan_digits.build(cfg), digits(), cfg, seconds)
