"""Charts update in place (pages.widgets.plotly_view): a new figure redraws the same plot, also when a
message comes and goes above it, and plotly.js comes from the app's own server."""

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = pytest.mark.browser
MARK = "() => document.querySelectorAll('.js-plotly-plot').forEach((p, i) => { p.dataset.seen = 'yes'; })"
SEEN = "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.dataset.seen || 'new')"


@pytest.fixture(scope="module")
def plot_url():
    with driver.streamlit_server("tests/browser/apps/plot_app.py") as url:
        yield url


def test_a_new_figure_redraws_the_same_plot(visit, plot_url):
    visit.base_url = plot_url
    page = visit.page
    with page.expect_response(lambda response: response.url.endswith("/app/static/plotly.min.js")) as loaded:
        visit.open()
    assert loaded.value.ok and "javascript" in loaded.value.headers["content-type"]
    titles = page.locator(".gtitle")
    expect(titles).to_have_text(["5 points", "5 bars", "a target"])
    page.evaluate(MARK)
    slider = visit.key("points").get_by_role("slider")
    for expected in ("6", "7"):  # 7 is odd: a message appears above the second chart
        visit.rerun(lambda: slider.press("ArrowRight"))
        expect(titles).to_have_text([f"{expected} points", f"{expected} bars", "a target"])
        assert page.evaluate(SEEN) == ["yes", "yes", "yes"], "a chart was rebuilt instead of updated in place"


def test_a_click_on_a_point_reaches_the_chart_callback(visit, plot_url):
    visit.base_url = plot_url
    page = visit.open()
    expect(page.get_by_text("Clicked: None")).to_be_visible()
    target = visit.key("target").locator(".nsewdrag").first
    expect(target).to_be_visible()
    page.evaluate(MARK)
    visit.rerun(lambda: target.click())  # the middle of the plot: the big marker
    expect(page.get_by_text("Clicked: (0, 0)")).to_be_visible()
    assert page.evaluate(SEEN).count("yes") == 3, "a click rebuilt a chart instead of keeping it"
