"""X-vs-O in chromium: choosing the O flips the verdict."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

P = "x_vs_o"


def test_choosing_the_o_changes_the_verdict(visit):
    page = visit.open(P)
    expect(page.get_by_role("heading", name="It is an X")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{P}-input").get_by_text("O", exact=True).click())
    expect(page.get_by_role("heading", name="It is an O")).to_be_visible()


def test_a_shift_redraws_the_votes_without_rerunning_the_page(visit):
    page = visit.open(P)
    scores = visit.key(f"{P}-scores")
    expect(scores.get_by_text("0.80", exact=True)).to_be_visible(
        timeout=30_000
    )  # 0.808…, cut as on the slides
    visit.rerun(lambda: visit.key(f"{P}-right").get_by_role("slider").press("ArrowRight"))
    expect(scores.get_by_text("0.78", exact=True)).to_be_visible()  # drawn by the parts that rerun alone
    expect(page.get_by_role("heading", name="It is an X")).to_be_visible()
    expect(page.get_by_text("Fully connected: every number votes")).to_be_visible()  # the rest stays
    expect(page.get_by_text("right 9")).to_be_visible()
    expect(page).to_have_url(re.compile(f"{P}-right=1"))  # the link keeps the shift
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_presenter_view_cells_hold_their_numbers(browser, app_url):
    """The pooled votes' numbers overlapped in presenter view (1920 x 1080)."""
    from tests.browser.conv_cells import assert_numbers_fit, numbered_cells, open_presenter

    context, page = open_presenter(browser, app_url, P)
    try:
        cells = numbered_cells(page, at_least=3)  # the picture, the stages, the votes
        assert_numbers_fit(cells)
        assert max(c["count"] for c in cells) >= 12 * 3 + 12  # the votes' 3 rows of 12, or the stages' 60
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()
