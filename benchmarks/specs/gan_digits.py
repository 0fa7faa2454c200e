"""GAN on digits: the interpolation seed redraws the strip; Play trains the digit GAN live."""

PAGE = "gan_digits"
INTERACTIONS = [
    {"name": "interpolation seed slider", "kind": "slider", "key": "gan_digits-to"},
    {"name": "generator learning rate (new job)", "kind": "slider", "key": "gan_digits-lr-g"},
]
LIVE = {"key": "gan_digits-live", "bare": "engine.gan_digits:bare_steps_per_second"}
