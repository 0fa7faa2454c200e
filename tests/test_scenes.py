"""Generated scenes: one right caption each, drawn where the caption says."""

import numpy as np
import pytest

from engine import scenes
from engine.scenes import Scene, Thing


def test_caption_names_the_left_or_upper_object_first():
    red = Thing("circle", "red", 8, 16, 10)
    blue = Thing("square", "blue", 24, 16, 10)
    assert (
        scenes.caption_words(Scene((red, blue), "horizontal")) == "a red circle left of a blue square".split()
    )
    assert scenes.caption_words(Scene((red, blue), "vertical")) == "a red circle above a blue square".split()
    assert scenes.caption_words(Scene((red,))) == ["a", "red", "circle"]


@pytest.mark.parametrize("seed", range(3))
def test_random_scenes_are_unambiguous_and_rendered_in_place(seed):
    rng = np.random.default_rng(seed)
    images, tokens, generated = scenes.batch(rng, 40)
    assert images.shape == (40, 32, 32, 3) and images.dtype == np.uint8
    for image, ids, scene in zip(images, tokens, generated):
        words = scenes.caption_words(scene)
        assert scenes.decode(ids[1:]) == words and ids[0] == scenes.START
        for thing in scene.things:
            centre = image[int(thing.y), int(thing.x)].astype(int)
            if thing.shape != "triangle":  # a triangle's box centre can sit near its edge
                assert np.abs(centre - scenes.COLORS[thing.color]).max() < 60
        if scene.relation == "horizontal":
            a, b = scene.things
            assert b.x - a.x > abs(b.y - a.y) and b.x - a.x > (a.side + b.side) / 2
        elif scene.relation == "vertical":
            a, b = scene.things
            assert b.y - a.y > abs(b.x - a.x) and b.y - a.y > (a.side + b.side) / 2
        assert (image[0, 0] == 255).all() or any(scenes.shape_mask(t)[0, 0] > 0 for t in scene.things)


def test_shape_masks_have_the_right_areas():
    side = 12.0
    for shape, area in [("square", side**2), ("circle", np.pi * side**2 / 4), ("triangle", side**2 / 2)]:
        mask = scenes.shape_mask(Thing(shape, "red", 16, 16, side), supersample=8)
        assert mask.sum() == pytest.approx(area, rel=0.06), shape


def test_a_drawing_becomes_the_models_canvas():
    rgba = np.zeros((256, 256, 4), np.uint8)  # transparent canvas
    rgba[32:96, 160:224] = (220, 40, 40, 255)  # a red square, top right
    picture = scenes.from_picture(scenes.rgba_over_white(rgba))
    assert picture.shape == (32, 32, 3)
    assert tuple(picture[8, 24]) == (220, 40, 40) and tuple(picture[24, 8]) == (255, 255, 255)
