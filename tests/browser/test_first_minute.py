"""The first minute of class: ten students open ten pages together on a server that has just started."""

import pytest
from playwright.sync_api import expect

from pages.widgets.catalog import available
from tests.browser import driver

pytestmark = pytest.mark.browser

ERROR_PANEL = '[data-testid="stException"]'
PRESENTER_TOGGLE = '[data-testid="stSidebar"] .st-key-presenter'  # drawn by app.py's frame, not by the page


def test_ten_pages_opened_together_on_a_fresh_server_show_no_error_panel(browser):
    demos = available()[:10]
    with driver.streamlit_server() as fresh_url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            tabs = [context.new_page() for _ in demos]
            for tab, demo in zip(tabs, demos):  # all ten requests leave before any page has drawn
                tab.goto(f"{fresh_url}/{demo.url_path}", wait_until="commit", timeout=90_000)
            for tab, demo in zip(tabs, demos):
                driver.wait_idle(tab, timeout=180_000)
                expect(tab.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
                expect(tab.locator(ERROR_PANEL), f"{demo.url_path} showed an error").to_have_count(0)
                # Streamlit ran the first links straight from pages/, without app.py's frame around them
                expect(tab.locator(PRESENTER_TOGGLE), f"{demo.url_path} has no frame").to_be_visible()
                expect(
                    tab.locator('[data-testid="stSidebar"]').get_by_text(demo.section).first
                ).to_be_visible()
        finally:
            context.close()
