"""BPTT in chromium: turning truncation on leaves only k steps with gradient."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_truncation_cuts_the_gradient(visit):
    page = visit.open("bptt")
    expect(page.get_by_text("40 of 40")).to_be_visible(timeout=30_000)
    visit.rerun(lambda: visit.key("bptt-truncate").get_by_text("Truncated BPTT").click())
    expect(page.get_by_text("10 of 40")).to_be_visible()
    expect(visit.key("bptt-norms").locator(".main-svg").first).to_be_visible()


def test_a_setting_redraws_the_numbers_without_rerunning_the_page(visit):
    page = visit.open("bptt")
    expect(page.get_by_text("40 of 40")).to_be_visible(timeout=30_000)
    visit.rerun(lambda: visit.key("bptt-length").get_by_role("slider").press("ArrowRight"))
    expect(page.get_by_text("41 of 41")).to_be_visible()  # drawn by the part that reruns alone
    expect(page.get_by_text("The backward recursion")).to_be_visible()  # the rest of the page stays
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
