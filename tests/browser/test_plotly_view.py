"""Charts update in place (pages.widgets.plotly_view): a new figure redraws the same plot, plotly.js
comes from LayerLab's own server, and a figure that did not change is not drawn again."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
K = "lstm_gates"
MARK = "() => { const plot = document.querySelector('.st-key-%s .js-plotly-plot'); plot.dataset.seen = 'yes'; }"
SEEN = "() => document.querySelector('.st-key-%s .js-plotly-plot').dataset.seen || 'new'"
TICKS = "() => [...document.querySelectorAll('.st-key-%s .xtick text')].map(t => t.textContent).join(' ')"


def test_a_new_figure_redraws_the_same_plot(visit):
    page = visit.open(K)
    plotly_js = []
    page.on("request", lambda request: plotly_js.append(request.url) if "plotly" in request.url else None)
    expect(visit.key(f"{K}-gates").locator(".js-plotly-plot")).to_have_count(1)
    page.evaluate(MARK % f"{K}-gates")
    before = page.evaluate(TICKS % f"{K}-gates")
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("The dog, which chased the zebras, was tired")
    visit.rerun(lambda: box.press("Enter"))
    expect(visit.key(f"{K}-gates").locator(".xtick text").filter(has_text="zebras").first).to_be_visible()
    assert page.evaluate(TICKS % f"{K}-gates") != before
    assert page.evaluate(SEEN % f"{K}-gates") == "yes", "the chart was rebuilt instead of updated in place"
    assert plotly_js == []  # loaded once with the page, then cached in the tab


def test_plotly_js_is_served_by_the_app(visit):
    page = visit.page
    with page.expect_response(lambda response: response.url.endswith("/app/static/plotly.min.js")) as loaded:
        visit.open(K)
    response = loaded.value
    assert response.ok and "javascript" in response.headers["content-type"]
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
