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
    expect(page.get_by_text("41 of 41")).to_be_visible()             # drawn by the part that reruns alone
    expect(page.get_by_text("The backward recursion")).to_be_visible()  # the rest of the page stays
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_a_part_puts_its_setting_in_the_link_without_a_history_step_or_a_gap(visit):
    """A part rerunning alone sets the address itself (links._replace_address): the link carries the new
    value, Back is not filled with slider steps, the element doing it takes no room, and opening the
    link again restores the value."""
    page = visit.open("bptt")
    expect(page.get_by_text("40 of 40")).to_be_visible(timeout=30_000)
    steps = page.evaluate("history.length")
    visit.rerun(lambda: visit.key("bptt-length").get_by_role("slider").press("ArrowRight"))
    expect(page.get_by_text("41 of 41")).to_be_visible()
    page.wait_for_function("() => location.search.includes('bptt-length=41')", timeout=10_000)
    assert page.evaluate("history.length") == steps
    boxes = page.locator('[class*="st-key-links-address-"]')
    assert boxes.count() == 1 and boxes.first.bounding_box() is None  # display: none
    page.reload()
    expect(page.get_by_text("41 of 41")).to_be_visible(timeout=60_000)
