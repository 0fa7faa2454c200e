"""Drawing pads: ink is read from the colour, since the canvas paints its white background (alpha 255)."""

import numpy as np
import pytest

from engine import ink as pad


def painted_pad(size: int = 60) -> np.ndarray:
    """What streamlit-drawable-canvas hands back: a white background painted in (alpha 255 everywhere),
    and a black vertical stroke, anti-aliased grey at its edges."""
    rgba = np.full((size, size, 4), 255, np.uint8)
    rgba[10:50, 28:32, :3] = 0
    rgba[10:50, 27, :3] = rgba[10:50, 32, :3] = 128
    return rgba


def test_ink_is_the_stroke_on_a_painted_white_background():
    rgba = painted_pad()
    assert (rgba[:, :, 3] == 255).all(), "the canvas's own background: alpha says nothing about ink"
    ink = pad.ink(rgba)
    assert ink.shape == (60, 60) and ink.dtype == np.float32
    assert (ink[10:50, 28:32] == 1.0).all(), "black stroke = full ink"
    assert 0.4 < ink[20, 27] < 0.6, "grey edge = half ink"
    background = np.ones((60, 60), bool)
    background[10:50, 27:33] = False
    assert (ink[background] == 0.0).all(), "white paper = no ink (exactly: a blank pad reads as empty)"


def test_a_blank_painted_pad_has_no_ink():
    assert pad.ink(np.full((30, 30, 4), 255, np.uint8)).max() == 0.0


def test_a_transparent_pad_reads_the_same_as_a_painted_one():
    rgba = painted_pad()
    clear = rgba.copy()
    clear[rgba[:, :, 0] == 255] = 0  # nothing drawn: transparent black
    assert np.allclose(pad.ink(clear), pad.ink(rgba))
    assert (pad.over_white(clear) == pad.over_white(rgba)).all()


def test_over_white_keeps_a_coloured_stroke_and_whitens_the_clear_parts():
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[1, 1] = (255, 0, 0, 255)
    rgb = pad.over_white(rgba)
    assert rgb.shape == (4, 4, 3) and rgb.dtype == np.uint8
    assert tuple(rgb[1, 1]) == (255, 0, 0) and (rgb[0, 0] == 255).all()
    assert pad.ink(rgba)[1, 1] == pytest.approx(1 - 0.299, abs=1e-3)  # red is lighter than black


def test_rgb_and_grey_pads_are_read_too():
    grey = np.full((5, 5), 255, np.uint8)
    grey[2, 2] = 0
    assert pad.ink(grey)[2, 2] == 1.0 and pad.ink(grey).sum() == 1.0
    assert (pad.ink(np.repeat(grey[:, :, None], 3, axis=2)) == pad.ink(grey)).all()
    with pytest.raises(ValueError):
        pad.ink(np.zeros((3, 3, 2), np.uint8))
