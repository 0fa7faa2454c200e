"""A server that stops answering (a restart, a crash) is said in words that fit an offline classroom."""

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = pytest.mark.browser


def test_a_stopped_server_is_said_to_be_restarting_not_an_internet_problem(browser):
    servers = []
    with driver.streamlit_server(on_start=servers.append) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.goto(f"{url}/perceptron", timeout=90_000)  # by address: Streamlit then blames the internet
            driver.wait_idle(page, 90_000)
            expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
            servers[0].terminate()
            dialog = page.get_by_role("dialog")
            expect(dialog).to_contain_text("The LayerLab server is not answering", timeout=90_000)
            expect(dialog).not_to_contain_text("internet")
        finally:
            context.close()
