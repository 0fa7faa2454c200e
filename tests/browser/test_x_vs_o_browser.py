"""X-vs-O in chromium: choosing the O flips the verdict."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

P = "x_vs_o"


def test_choosing_the_o_changes_the_verdict(visit):
    page = visit.open(P)
    expect(page.get_by_role("heading", name="It is an X")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{P}-input").get_by_text("O", exact=True).click())
    expect(page.get_by_role("heading", name="It is an O")).to_be_visible()
