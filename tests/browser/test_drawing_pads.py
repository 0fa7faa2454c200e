"""Every drawing pad in the app, in chromium: a real stroke drawn with the mouse reaches the model.

streamlit-drawable-canvas paints its white background into the canvas (alpha 255 everywhere), so a pad
read by its alpha gave the models a solid black picture. Each test draws with page.mouse on the pad and
reads back what the page shows of the model's input: the digit the network reads, the input picture,
the user's digit under the latent plane, the real points of the GAN, the captioner's 32 x 32 scene.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def draw(visit, canvas_key: str, points: list[tuple[float, float]]) -> None:
    """Press the mouse on the pad of `canvas_key`, move through `points` (pixels from its top left corner)
    and release: a real stroke; then wait for the rerun it causes."""
    canvas = visit.key(canvas_key).locator("canvas.upper-canvas")
    canvas.scroll_into_view_if_needed()
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()

    def stroke() -> None:
        page = visit.page
        page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
        page.mouse.down()
        for x, y in points[1:]:
            page.mouse.move(box["x"] + x, box["y"] + y, steps=12)
        page.mouse.up()

    visit.rerun(stroke)


def pixels(locator) -> np.ndarray:
    """What chromium shows of an element: (H, W, 3) uint8."""
    locator.scroll_into_view_if_needed()
    return np.asarray(Image.open(io.BytesIO(locator.screenshot())).convert("RGB"))


def dark_fraction(rgb: np.ndarray) -> float:
    return float((rgb.astype(np.float32).mean(axis=2) < 100).mean())


def choose(visit, radio_key: str, option: str) -> None:
    visit.rerun(lambda: visit.key(radio_key).get_by_text(option, exact=True).click(timeout=90_000))


def test_learned_filters_reads_a_drawn_seven(visit):
    """A 7, not a 1: the pad read by its alpha gave an all-ink 8x8 input, and the network calls that a 1."""
    page = visit.open("learned_filters")
    choose(visit, "learned_filters-digit", "Draw")
    draw(visit, "learned_filters-canvas", [(60, 50), (220, 50), (110, 250)])  # a bar, then down to the left
    expect(page.get_by_role("heading", name="The network says 7")).to_be_visible()


def test_filters_pooling_input_is_the_stroke(visit):
    page = visit.open("filters_pooling")
    choose(visit, "filters_pooling-input", "A picture")
    choose(visit, "filters_pooling-source", "Draw")
    draw(visit, "filters_pooling-canvas", [(60, 140), (220, 140)])  # a horizontal bar
    shown = page.locator('[data-testid="stImage"]').filter(has_text="Input").locator("img")
    expect(shown).to_be_visible()
    dark = dark_fraction(pixels(shown))
    assert 0.02 < dark < 0.4, f"the input should be a dark bar on white paper, {dark:.0%} of it is dark"


def test_latent_space_places_a_drawn_digit(visit):
    page = visit.open("latent_space")
    visit.rerun(lambda: page.get_by_text("Your own digit").click())
    draw(visit, "latent_space-own-canvas", [(140, 40), (140, 240)])  # an upright stroke: a "1"
    expect(page.get_by_text("no ink found")).to_have_count(0)
    expect(page.get_by_text("your digit", exact=True).first).to_be_visible()
    # The model's input, as the page shows it (the 8x8 digit, ink bright): the upright bar the mouse drew,
    # not a blank or a filled square.
    shown = (
        visit.key("latent_space-vae-decoded")
        .locator('[data-testid="stImageContainer"]')
        .filter(has_text="your digit")
        .locator("img")
    )
    expect(shown).to_be_visible()
    served = visit.page.request.get(shown.get_attribute("src")).body()  # the picture itself, whole
    grey = Image.open(io.BytesIO(served)).convert("L").resize((8, 8), Image.Resampling.BOX)
    digit = np.asarray(grey, np.float32) / 255  # (8, 8), 1 = ink
    columns = digit.max(axis=0)
    drawn = f"the model's input:\n{digit.round(1)}"
    assert columns[[0, 1, 6, 7]].max() < 0.2 and columns[3:5].max() > 0.6, f"not an upright bar, {drawn}"
    assert (digit[:, 2:6].max(axis=1) > 0.4).sum() >= 6, f"the bar should run top to bottom, {drawn}"


def test_gan_2d_real_points_follow_the_drawn_shape(visit):
    page = visit.open("gan_2d")
    visit.key("gan_2d-data").locator("input").click()
    visit.rerun(lambda: page.get_by_role("option", name="A shape you draw").click(no_wait_after=True))
    draw(visit, "gan_2d-pad-canvas", [(150, 40), (150, 260)])  # a vertical stroke at x = 0
    plane = visit.key("gan_2d-plane").locator("img")
    expect(plane).to_be_visible()
    rgb = pixels(plane).astype(np.int32)
    real = np.abs(rgb - np.array([0x2C, 0xA0, 0x2C])).sum(axis=2) < 40  # the real points' green dots
    cols = np.flatnonzero(real.any(axis=0))
    assert cols.size, "no real points on the plane"
    spread = (cols.max() - cols.min()) / rgb.shape[1]
    assert spread < 0.2, (
        f"the real points should lie along the stroke, they spread over {spread:.0%} of the plane"
    )


def test_captioning_sees_a_drawn_circle(visit):
    page = visit.open("captioning")
    choose(visit, "captioning-source", "Draw")
    draw(visit, "captioning-canvas", [(60, 100), (110, 100)])  # the circle tool: a disc
    seen = page.locator('[data-testid="stImage"]').filter(has_text="What the model sees").locator("img")
    expect(seen).to_be_visible()
    rgb = pixels(seen)
    assert rgb.std() > 20, "the model should see the drawn shape, not a blank canvas"
    expect(visit.key("captioning-caption").get_by_role("heading")).to_contain_text("circle")
