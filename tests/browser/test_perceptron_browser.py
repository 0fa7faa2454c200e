"""Perceptron in chromium: Next update moves the line and names the misclassified point."""
import re

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


def test_update_t_redraws_the_update_without_rerunning_the_page(visit):
    page = visit.open(K)
    expect(page.get_by_text("Start:")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{K}-t").get_by_role("slider").press("ArrowRight"))
    expect(page.get_by_text("was misclassified")).to_be_visible()        # drawn by the parts that rerun alone
    expect(visit.key(f"{K}-plane").get_by_text("update 1 uses point")).to_be_visible()
    expect(page.get_by_text("as the theorem promises")).to_be_visible()  # the rest of the page stays
    expect(page.get_by_text("Updates until convergence against the bound")).to_be_visible()
    expect(page).to_have_url(re.compile(f"{K}-t=1"))                      # the link keeps update t
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
