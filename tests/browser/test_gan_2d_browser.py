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
