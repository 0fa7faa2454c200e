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
    expect(page.get_by_text("was misclassified")).to_be_visible()  # drawn by the parts that rerun alone
    expect(visit.key(f"{K}-plane").get_by_text("update 1 uses point")).to_be_visible()
    expect(page.get_by_text("as the theorem promises")).to_be_visible()  # the rest of the page stays
    expect(page.get_by_text("Updates until convergence against the bound")).to_be_visible()
    expect(page).to_have_url(re.compile(f"{K}-t=1"))  # the link keeps update t
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_three_nexts_show_update_3_and_the_slider_reads_3(visit):
    """Issue 18: the buttons stepped from the slider's stale value (four Nexts stayed at update 1)."""
    page = visit.open(K)
    expect(page.get_by_text("Start:")).to_be_visible()
    slider = visit.key(f"{K}-t").get_by_role("slider")
    for update in (1, 2, 3):
        visit.rerun(lambda: visit.key(f"{K}-next").locator("button").click())
        expect(page.get_by_text(f"Update {update} (pass")).to_be_visible()
        expect(slider).to_have_value(str(update))
    visit.rerun(lambda: visit.key(f"{K}-back").locator("button").click())
    expect(page.get_by_text("Update 2 (pass")).to_be_visible()
    expect(slider).to_have_value("2")
    expect(visit.key(f"{K}-plane").get_by_text("update 2 uses point")).to_be_visible()


def test_next_after_moving_the_slider_to_3_goes_on(visit):
    """Issue 18: with t set to 3, Next gave 4 and then stayed at 4."""
    page = visit.open(K)
    slider = visit.key(f"{K}-t").get_by_role("slider")
    for _ in range(3):
        visit.rerun(lambda: slider.press("ArrowRight"))
    expect(page.get_by_text("Update 3 (pass")).to_be_visible()
    for update in (4, 5):
        visit.rerun(lambda: visit.key(f"{K}-next").locator("button").click())
        expect(page.get_by_text(f"Update {update} (pass")).to_be_visible()
        expect(slider).to_have_value(str(update))
