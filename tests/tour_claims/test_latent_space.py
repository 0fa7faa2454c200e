"""Every checkable claim of the AE vs VAE tour, recomputed with the page's own engine and the scene's
settings.

"Reads as a digit" is judged by a plain classifier trained on the real digits
(engine.gan_digits.read_digits)."""

import numpy as np
import pytest
import torch

from engine import autoencoders as lib
from engine import gan_digits, tours
from engine import latent_figures as lf
from engine.assets import load
from engine.datasets import digits

SCENES = {scene.title: scene for scene in tours.load("latent_space")}


@pytest.fixture(scope="module")
def judge():
    return gan_digits._judge()


@pytest.fixture(scope="module")
def page():
    """The pretrained models and the views the page draws of them."""
    models = {m: lib.load_asset(load(f"{m}_digits_2d")[0], variational=m == "vae") for m in ("ae", "vae")}
    return models, {m: lib.latent_view(model, digits().x_test) for m, model in models.items()}


def _reads(judge, picture) -> tuple[int, float]:
    probs = judge.predict_proba(picture.reshape(1, 64))[0]
    return int(probs.argmax()), float(probs.max())


def test_the_autoencoders_tight_clusters_and_held_out_12(page, judge):
    scene = SCENES["An autoencoder's latent space"]
    assert "a code z of just 2 numbers" in scene.narration and "the 0s in one small knot" in scene.narration
    assert (
        "Held-out #12, a 0, comes back as a 0" in scene.narration
        and scene.settings["latent_space-digit"] == 12
    )
    models, views = page
    data = digits()
    assert views["ae"].codes.shape[1] == 2 and len(views["ae"].xy) == len(data.y_test)
    spread = [
        np.linalg.norm(
            views["ae"].xy[data.y_test == c] - np.median(views["ae"].xy[data.y_test == c], 0), axis=1
        ).mean()
        for c in range(10)
    ]
    assert int(np.argmin(spread)) == 0  # the 0s: the tightest knot
    assert (
        data.y_test[12] == 0
        and _reads(judge, lib.reconstruct(models["ae"], data.x_test[12][None])[0])[0] == 0
    )


def test_the_red_dot_in_the_autoencoders_gap_decodes_to_no_digit(page, judge):
    scene = SCENES["The gaps in the latent space"]
    assert "at z = (5, -6), far from every code" in scene.narration and "no digit" in scene.narration
    s = scene.settings
    z = (s["latent_space-ae-z1"], s["latent_space-ae-z2"])
    assert z == (5.0, -6.0)
    models, views = page
    figure = lf.latent_plane(views["ae"].xy, digits().y_test, views["ae"].box, "", chosen=z)
    red = next(t for t in figure.data if t.name == "decoded z")  # the red dot is drawn there
    assert (red.x[0], red.y[0]) == z
    assert np.linalg.norm(views["ae"].xy - np.array(z), axis=1).min() > 5  # far from every code
    assert _reads(judge, lib.decode(models["ae"], np.array(z, np.float32))[0])[1] < 0.5  # no class claims it


def test_the_vae_plane_runs_from_minus_3_5_to_3_and_its_corner_is_a_4(page, judge):
    scene = SCENES["The VAE: a latent space regularised to N(0, I)"]
    assert "its axes only run from -3.5 to 3" in scene.narration
    assert (
        "the red dot out in the corner at z = (2.5, -2.5), away from every code, decodes to a clear 4"
        in scene.narration
    )
    models, views = page
    assert views["vae"].box == (-3.0, 3.0, -3.5, 3.0)
    z = (scene.settings["latent_space-vae-z1"], scene.settings["latent_space-vae-z2"])
    assert z == (2.5, -2.5) and np.linalg.norm(views["vae"].xy - np.array(z), axis=1).min() > 1
    digit, sure = _reads(judge, lib.decode(models["vae"], np.array(z, np.float32))[0])
    assert digit == 4 and sure > 0.8


def test_the_vae_manifold_1s_bottom_left_4s_bottom_right_6s_right_0s_top_5_in_the_centre(page, judge):
    scene = SCENES["A map of digits with no holes"]
    for words in (
        "a 15 x 15 grid of z's",
        "1s at the bottom left, 4s at the bottom right, 6s on the right and 0s at",
        "z = (0, 0), decodes to a 5",
    ):
        assert words in scene.narration
    models, views = page
    grid = lib.decode_grid(models["vae"], views["vae"].plane, views["vae"].box, 15)  # row 0 = top
    assert views["vae"].manifold.shape == (15 * 9 - 1, 15 * 9 - 1)  # what the page lays behind the dots
    reads = gan_digits.read_digits(grid.reshape(-1, 8, 8), judge).reshape(15, 15)
    assert (reads[-1, 0], reads[-1, -1], reads[7, -1], reads[0, 7 + 2]) == (1, 4, 6, 0)
    assert _reads(judge, lib.decode(models["vae"], np.zeros(2, np.float32))[0])[0] == 5


def _train(beta: float, marks: tuple[int, ...]) -> dict:
    """Both models as ▶ Play trains them with the scene's settings:
    their codes and the VAE's KL at each mark."""
    cfg = lib.Config(latent=2, beta=beta, lr=2e-3, steps=max(marks))
    twins, data, rows, seen = lib.build(cfg), digits(), [], {}

    def on_step(step, metrics):
        rows.append(metrics["vae_kl"])
        if step in marks:
            seen[step] = (
                lib.encode_means(twins.ae, data.x_test),
                lib.encode_means(twins.vae, data.x_test),
                float(np.mean(rows[-50:])),
            )

    before = torch.get_num_threads()
    torch.set_num_threads(1)  # as the app trains (LAYERLAB_TORCH_THREADS)
    try:
        lib.train(twins, data, cfg, on_step=on_step)
    finally:
        torch.set_num_threads(before)
    return seen


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_with_beta_1_the_vae_codes_are_one_cloud_and_the_aes_tens_of_units_wide():
    scene = SCENES["Train both from scratch"]
    assert scene.settings["latent_space-beta"] == 1.0 and scene.settings["latent_space-lr"] == 0.002
    assert "by step 3,000 its codes gather into one round cloud around 0" in scene.narration
    assert "the autoencoder's spread over a plane tens of units wide" in scene.narration
    ae, vae, _ = _train(1.0, (3000,))[3000]
    assert np.percentile(np.abs(vae), 99) < 3 and np.abs(vae.mean(0)).max() < 0.5
    assert (ae.max(0) - ae.min(0)).min() > 10


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_with_beta_0_the_kl_climbs_and_the_codes_leave_n01():
    scene = SCENES["Drop the KL term"]
    assert scene.settings["latent_space-beta"] == 0.0
    assert (
        "watch the KL curve climb instead of fall while its codes spread far beyond N(0, I)"
        in scene.narration
    )
    assert "the words under the plane now say so" in scene.narration
    seen = _train(0.0, (100, 1000))
    assert seen[1000][2] > 2 * seen[100][2]
    assert np.abs(seen[1000][1]).max() > 4
    assert "β = 0" in lf.gap_words("vae", 0.0) and "no holes" not in lf.gap_words("vae", 0.0)
