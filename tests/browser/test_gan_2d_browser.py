"""In chromium: Play trains the ring GAN for a few seconds, Pause stops it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_play_trains_the_gan_for_a_few_seconds(visit):
    visit.open("gan_2d")
    status = visit.key("gan_2d-live-status")
    expect(status).to_contain_text("Step 0", timeout=30_000)
    visit.key("gan_2d-live-play").get_by_role("button").click()
    expect(status).to_contain_text(re.compile(r"Step [1-9]\d"), timeout=45_000)  # 10 steps or more
    expect(visit.key("gan_2d-plane").locator("img")).to_be_visible(timeout=30_000)
    visit.rerun(lambda: visit.key("gan_2d-live-pause").get_by_role("button").click())
    expect(status).to_contain_text("Paused")


@pytest.mark.parametrize("presenter", [False, True], ids=["1400x1000", "presenter-1920x1080"])
def test_the_plane_is_whole_on_the_first_screen(visit, presenter):
    """The GAN plane, the page's main visual, sits whole on the first screen in both views."""
    height = 1080 if presenter else 1000
    if presenter:
        visit.page.set_viewport_size({"width": 1920, "height": height})
    visit.open("gan_2d" + ("?presenter=true" if presenter else ""))
    plane = visit.key("gan_2d-plane").locator("img")
    expect(plane).to_be_visible(timeout=60_000)
    box = plane.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert box["width"] >= 380, box
