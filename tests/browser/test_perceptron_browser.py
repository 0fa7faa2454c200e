"""Perceptron in chromium: Next update moves the line and names the misclassified point."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

K = "perceptron"


def test_next_update_shows_the_update_on_the_plane(visit):
    page = visit.open(K)
    expect(page.get_by_text("Start:")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{K}-next").locator("button").click())
    expect(page.get_by_text("was misclassified")).to_be_visible(timeout=30_000)
    expect(visit.key(f"{K}-plane").get_by_text("update 1 uses point")).to_be_visible()
