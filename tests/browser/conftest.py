"""Browser fixtures: one `streamlit run app.py` per test session, a fresh chromium page per test.

Every test gets the "must NOT happen" checks for free: at teardown the page must show no
`stException` and no request may have left loopback.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.browser import driver

# Two test workers share two cores (pytest.ini): a chart can take longer than playwright's 5 s to draw.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url():
    if not os.path.exists(driver.CHROMIUM):
        pytest.fail(f"chromium not found at {driver.CHROMIUM}: install Debian's chromium package")
    with driver.streamlit_server() as url:
        yield url


STATE_JS = """() => { const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return `no app drawn (body holds ${document.body ? document.body.innerHTML.length : 0} `
    + `characters)`;
  return `script ${app.getAttribute('data-test-script-state')}, connection `
    + `${app.getAttribute('data-test-connection-state')}, `
    + `${document.querySelectorAll('.stElementContainer').length}`
    + ' elements'; }"""


class Visit:
    """A chromium page on the app that records every request leaving loopback."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        page.on("request", self._on_request)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )
        page.on(
            "requestfailed", lambda request: self.failed_requests.append(f"{request.url} {request.failure}")
        )

    def _on_request(self, request) -> None:
        if not driver.is_loopback(request.url):
            self.external.append(request.url)

    def open(self, url_path: str = "", timeout: float = 90_000):
        """Go to a page by its url path (e.g. "filters_pooling") and wait until it has rendered."""
        self.page.goto(f"{self.base_url}/{url_path}", timeout=timeout)
        try:
            driver.wait_idle(self.page, timeout)
        except Exception as error:  # what the page was doing: a run that never ends, or a tab left blank
            raise AssertionError(f"{url_path} never finished running: {self.state()}") from error
        return self.page

    def state(self) -> str:
        """What the page was doing, for a failure's message: a run that never ends,
        or an app never started."""
        shown = self.page.evaluate(STATE_JS)
        return f"{shown}; page errors {self.console_errors[-5:]}; failed requests {self.failed_requests[-5:]}"

    def open_in(self, view: str, url_path: str):
        """Open `url_path` in one of driver.VIEWS ("laptop" at 1400 x 1000, "presenter" at 1920 x 1080)."""
        query, (width, height) = driver.VIEWS[view]
        self.page.set_viewport_size({"width": width, "height": height})
        return self.open(url_path + (("&" if "?" in url_path else "?") + query if query else ""))

    def rerun(self, action, timeout: float = 60_000) -> None:
        driver.wait_rerun(self.page, action, timeout)

    def key(self, widget_key: str):
        """The element of the widget (or container) created with `key=widget_key`."""
        return self.page.locator(f".st-key-{widget_key}")


@pytest.fixture
def visit(browser, app_url):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    driver.watch_runs(page)
    session = Visit(page, app_url)
    yield session
    try:
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert session.external == [], f"requests left loopback: {session.external}"
    finally:
        context.close()
