"""The frame: every registered page renders in chromium, offline, without an exception."""
import pytest
from playwright.sync_api import expect

from pages.widgets.catalog import available

pytestmark = pytest.mark.browser


def test_home_lists_every_demo(visit):
    page = visit.open()
    expect(page.get_by_role("heading", name="LayerLab")).to_be_visible()
    for demo in available():
        expect(visit.key(f"card-{demo.url_path}")).to_be_visible()
    expect(page.get_by_text("Running on")).to_be_visible()


@pytest.mark.parametrize("demo", available(), ids=lambda d: d.url_path)
def test_every_page_renders(visit, demo):
    page = visit.open(demo.url_path)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()


def test_home_card_link_opens_its_page(visit):
    demos = available()
    if not demos:
        pytest.skip("no demo pages registered yet")
    page = visit.open()
    visit.rerun(lambda: visit.key(f"card-{demos[0].url_path}").get_by_role("link").click())
    expect(page).to_have_url(f"{visit.base_url}/{demos[0].url_path}")
