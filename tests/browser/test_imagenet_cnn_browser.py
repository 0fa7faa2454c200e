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
    visit.key(f"{P}-sample").click()
    visit.rerun(lambda: page.get_by_role("option", name="Coffee").click())
    expect(page.get_by_role("heading", name="It sees: espresso")).to_be_visible(timeout=60_000)
