"""Every number the X-vs-O tour claims, recomputed with the page's engine and each scene's settings, written
as the page writes it (cut to two decimals, as the slides do)."""

import functools

import numpy as np
import pytest

from engine import tours
from engine import xo_figures as xf
from engine import xo_net as xo
from engine.conv import O_IMAGE, X_IMAGE, slide_number

P = "x_vs_o"
SCENES = tours.load(P)


@functools.lru_cache(maxsize=None)
def network(poolings: int, votes: str) -> xo.XONet:
    """As the page builds it (pages/x_vs_o.py network)."""
    cfg = xo.Config(poolings=poolings)
    model = xo.build(cfg)
    if votes == "learned":
        xo.train(model, xo.make_data(cfg), cfg)
    return model.eval()


def scene_trace(scene: tours.Scene, **moved) -> dict:
    s = {key.removeprefix(f"{P}-"): value for key, value in scene.settings.items()} | moved
    picture = {"X": X_IMAGE, "O": O_IMAGE}[s["input"]]
    seen = xo.transform(picture, s["down"], s["right"], s["rotate"], s["noise"], int(s.get("seed", 0)))
    return xo.trace(network(s["poolings"], s["votes"]), seen)


def shown_scores(trace: dict) -> list[str]:
    """The bars' numbers, as the page draws them: X's score, then O's."""
    return list(xf.scores_figure(trace["scores"], xo.CLASSES).data[0].text)


def held_out_accuracy(poolings: int, votes: str) -> str:
    """The page's caption: right on 256 moved pictures it never saw (seed 1)."""
    return f"{xo.accuracy(network(poolings, votes), xo.make_data(xo.Config(poolings=poolings, seed=1))):.0%}"


def test_scene_1_the_x_scores():
    scene = SCENES[0]
    x, o = shown_scores(scene_trace(scene))
    assert (x, o) == ("0.80", "0.70")
    assert f"X scores {x} against {o}, so it is an X." in scene.narration
    assert "to 12 numbers" in scene.narration and scene_trace(scene)["features"].size == 12


def test_scene_2_the_o_and_its_filters():
    scene = SCENES[1]
    trace = scene_trace(scene)
    diagonal, cross, anti = (slide_number(trace["pool"][k].max()) for k in range(3))
    assert (diagonal, anti) == ("1.00", "1.00") and "perfect matches of 1.00" in scene.narration
    assert f"the cross filter's best match is only {cross}." in scene.narration and cross == "0.55"
    x, o = shown_scores(trace)
    assert f"vote {o} for O against {x} for X" in scene.narration


def test_scene_3_a_shift_keeps_the_x_three_pixels_do_not():
    scene = SCENES[2]
    x, o = shown_scores(scene_trace(scene))
    assert f"the votes hardly change, {x} against {o}: still an X" in scene.narration
    far = scene_trace(scene, down=0, right=3)["scores"]
    assert "Shift it three pixels right" in scene.narration and far.argmax() == 1  # "now it reads as an O"


def test_scene_4_ten_flipped_pixels():
    scene = SCENES[3]
    assert "Flip 10 of the 81 pixels" in scene.narration and scene.settings[f"{P}-noise"] == 10
    trace = scene_trace(scene)
    x, o = shown_scores(trace)
    assert trace["scores"].argmax() == 0 and f"the X still wins, {x} against {o}" in scene.narration


def test_scene_5_pooling_once_loses_the_shifted_x():
    scene = SCENES[4]
    trace = scene_trace(scene)
    x, o = shown_scores(trace)
    assert trace["features"].size == 48 and "48 numbers vote" in scene.narration
    assert trace["scores"].argmax() == 1 and f"now loses, {x} against {o} for O" in scene.narration
    assert scene_trace(scene, poolings=2)["scores"].argmax() == 0  # "pooling twice still"
    once, twice = held_out_accuracy(1, "prototype"), held_out_accuracy(2, "prototype")
    assert f"right {once} of the time, against {twice} with pooling twice" in scene.narration


def test_scene_6_learned_votes():
    scene = SCENES[5]
    trace = scene_trace(scene)
    x, o = shown_scores(trace)
    assert trace["scores"].argmax() == 0 and f"correctly, {x} against {o}," in scene.narration
    assert f"are right {held_out_accuracy(1, 'learned')} of the time" in scene.narration


@pytest.mark.parametrize("scene", SCENES, ids=[s.title for s in SCENES])
def test_every_scene_uses_the_lectures_pictures_or_moves_them_as_it_says(scene):
    assert np.isfinite(scene_trace(scene)["scores"]).all()
