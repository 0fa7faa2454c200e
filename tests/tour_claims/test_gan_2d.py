"""Every checkable claim of the 2-D GAN tour, recomputed with the page's own engine and
the scene's settings."""

import numpy as np
import pytest
import torch

from engine import gan2d, tours

SCENES = {scene.title: scene for scene in tours.load("gan_2d")}


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """The app trains on one torch thread (LAYERLAB_TORCH_THREADS): the same arithmetic, the same run."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _config(scene, steps: int = 100_000) -> gan2d.Config:
    s = scene.settings
    return gan2d.Config(
        dataset=s["gan_2d-data"],
        loss=s["gan_2d-loss"],
        noise=s["gan_2d-noise"],
        k=s["gan_2d-k"],
        lr_d=s["gan_2d-lr-d"],
        lr_g=s["gan_2d-lr-g"],
        seed=s["gan_2d-seed"],
        steps=steps,
    )


def _play(scene, marks: tuple[int, ...]) -> dict:
    """What the page shows at each marked step of ▶ Play: its view, and D(G(z)) over the 100 steps before."""
    cfg = _config(scene, max(marks))
    model, rows, seen = gan2d.build(cfg), [], {}
    fixed, real = gan2d.fixed_noise(cfg), gan2d.real_sample(cfg, None)

    def on_step(step, metrics):
        rows.append(metrics["d_fake"])
        if step in marks:
            seen[step] = (gan2d.view(model, cfg, fixed, real), float(np.mean(rows[-100:])))

    gan2d.train(model, None, cfg, on_step=on_step)
    return seen


def _crowd(fake: np.ndarray, dataset: str) -> int:
    """The mode most generated points are nearest to."""
    centres = gan2d.mode_centres(dataset)
    return int(np.bincount(np.linalg.norm(fake[:, None] - centres[None], axis=-1).argmin(1)).argmax())


def test_step_d_moves_only_the_background_and_step_g_only_the_points_along_the_arrows():
    scene = SCENES["Generator vs discriminator"]
    assert "Press Step D: the background changes while the purple points stay put" in scene.narration
    assert "Step G: the purple points move along the dark arrows" in scene.narration
    cfg = _config(scene, 1)
    model, fixed, real = gan2d.build(cfg), gan2d.fixed_noise(cfg), gan2d.real_sample(cfg, None)
    before = gan2d.view(model, cfg, fixed, real)
    model.phase = "d"
    gan2d.train(model, None, cfg)
    after_d = gan2d.view(model, cfg, fixed, real)
    np.testing.assert_array_equal(after_d.fake, before.fake)
    assert np.abs(after_d.surface - before.surface).max() > 1e-3
    model.phase = "g"
    gan2d.train(model, None, cfg)
    after_g = gan2d.view(model, cfg, fixed, real)
    np.testing.assert_array_equal(after_g.surface, after_d.surface)
    moved = (after_g.fake - after_d.fake)[: len(after_d.arrows)]
    cosine = (moved * after_d.arrows).sum(1) / (
        np.linalg.norm(moved, axis=1) * np.linalg.norm(after_d.arrows, axis=1)
    )
    assert np.median(cosine) > 0.5


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_ring_is_covered_within_a_thousand_steps_and_d_says_one_half():
    scene = SCENES["Play until neither can win"]
    assert "Within a thousand steps" in scene.narration and "(Modes covered 8 / 8)" in scene.narration
    assert "the background along the ring turns white, and D(G(z)) settles near 0.5" in scene.narration
    view, d_fake = _play(scene, (1000,))[1000]
    assert (view.covered, view.modes) == (8, 8) and abs(d_fake - 0.5) < 0.05
    grid = view.surface.shape[0]
    at = np.round((gan2d.mode_centres("ring") + gan2d.BOX) / (2 * gan2d.BOX) * (grid - 1)).astype(int)
    assert np.abs(view.surface[at[:, 1], at[:, 0]] - 0.5).max() < 0.2  # near white (0.5) where the modes are


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_fast_generator_crowds_onto_one_or_two_modes_and_jumps():
    scene = SCENES["A generator that learns too fast: mode collapse"]
    assert "ten times the discriminator's learning rate" in scene.narration
    assert scene.settings["gan_2d-lr-g"] / scene.settings["gan_2d-lr-d"] == pytest.approx(10)
    assert (
        "crowd onto one or two of the eight modes" in scene.narration
        and "jumps to another mode" in scene.narration
    )
    seen = _play(scene, (1000, 1500, 2000, 2500, 3000))
    assert all(view.covered <= 2 for view, _ in seen.values())
    assert len({_crowd(view.fake, "ring") for view, _ in seen.values()}) >= 2


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_nine_modes_four_covered_and_d_near_0_35():
    scene = SCENES["Nine modes are harder"]
    assert "settles on about four of the nine modes and stays there" in scene.narration
    assert "D(G(z)) sinks to about 0.35" in scene.narration
    seen = _play(scene, (2000, 3000))
    assert all(view.modes == 9 and view.covered in (4, 5) for view, _ in seen.values())
    assert abs(seen[3000][1] - 0.35) < 0.03


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_spiral_is_reached_within_two_thousand_steps():
    scene = SCENES["A shape without modes: the spiral"]
    assert "within a couple of thousand steps it reaches nearly all the real" in scene.narration
    assert "D(G(z)) again sits near 0.5" in scene.narration
    view, d_fake = _play(scene, (2000,))[2000]
    assert view.coverage >= 0.95 and abs(d_fake - 0.5) < 0.05
