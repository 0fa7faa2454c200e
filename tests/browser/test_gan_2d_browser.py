"""In chromium: Play trains the ring GAN for a few seconds, Pause stops it; the arrow length redraws only
the plane."""
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


def test_the_arrow_length_redraws_only_the_plane(visit):
    page = visit.open("gan_2d")
    status = visit.key("gan_2d-live-status")
    expect(status).to_contain_text("Step 0", timeout=30_000)
    visit.rerun(lambda: visit.key("gan_2d-live-step").get_by_role("button").click())
    expect(status).to_contain_text("Step 1")
    plane = visit.key("gan_2d-plane").locator("img")
    before = plane.get_attribute("src")
    visit.rerun(lambda: visit.key("gan_2d-arrows").get_by_role("slider").press("ArrowRight"))
    expect(plane).not_to_have_attribute("src", before)                       # drawn by the part that reruns alone
    expect(status).to_contain_text("Step 1")                                  # the same job, not restarted
    expect(page.get_by_text("Real points reached")).to_be_visible()           # the rest of the page stays
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
