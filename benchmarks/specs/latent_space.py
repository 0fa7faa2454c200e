"""AE vs VAE latent space. A click in the plane sets the plane's z sliders in a callback and reruns;
moving a z slider runs exactly that repaint (decode z, redraw both planes), so it stands for the click."""

PAGE = "latent_space"
INTERACTIONS = [
    {"name": "decode z (= click in the VAE plane)", "kind": "slider", "key": "latent_space-vae-z1"},
    {"name": "decode z (= click in the AE plane)", "kind": "slider", "key": "latent_space-ae-z2"},
]
