"""GAN on 2-D data: the arrow-length slider redraws only; Play trains the ring GAN live."""

PAGE = "gan_2d"
INTERACTIONS = [
    {"name": "arrow length slider (display)", "kind": "slider", "key": "gan_2d-arrows"},
    {"name": "k slider (new job)", "kind": "slider", "key": "gan_2d-k"},
    {"name": "Step D", "kind": "button", "key": "gan_2d-step-d"},
]
LIVE = {"key": "gan_2d-live", "bare": "engine.gan2d:bare_steps_per_second"}
LIVE["modes"] = {"metric": "Modes covered", "covered": 7}  # issue 7: 7 of 8 modes (within TARGETS' 30 s)
