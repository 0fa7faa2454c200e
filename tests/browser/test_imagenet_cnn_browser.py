"""The ImageNet CNN in chromium: another sample photo, another top class."""

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

P = "imagenet_cnn"


def test_choosing_the_coffee_photo_gives_espresso(visit):
    page = visit.open(P)
    expect(page.get_by_role("heading", name="It sees: palace")).to_be_visible(timeout=60_000)
    driver.wait_idle(page, 60_000)  # the heading shows while the maps below are still being drawn
    visit.key(f"{P}-sample").get_by_role("combobox").click()  # the box itself, not its label
    visit.rerun(lambda: page.get_by_role("option", name="Coffee").click())
    expect(page.get_by_role("heading", name="It sees: espresso")).to_be_visible(timeout=60_000)
    # Fewer maps per stage redraws only the maps: the answer above stays on the page.
    mosaic = page.get_by_test_id("stImage").filter(has_text="maps of").first.locator("img")
    before = mosaic.get_attribute("src")
    visit.rerun(lambda: visit.key(f"{P}-count").get_by_role("slider").press("ArrowLeft"))  # 16 -> 8
    expect(mosaic).not_to_have_attribute("src", before)
    expect(page.get_by_role("heading", name="It sees: espresso")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
