"""Unroll an RNN in chromium: train 300 steps to the end and read 'ello'."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_train_hello_to_the_end_says_ello(visit):
    page = visit.open("unroll_rnn")
    expect(visit.key("unroll_rnn-said")).to_contain_text("says oolo", timeout=30_000)
    visit.key("unroll_rnn-steps").get_by_role("combobox").click()
    visit.rerun(lambda: page.get_by_role("option", name="300 steps", exact=True).click())
    visit.rerun(lambda: visit.key("unroll_rnn-live-play").locator("button").click())
    expect(visit.key("unroll_rnn-live-status")).to_contain_text("Step 300", timeout=30_000)
    expect(visit.key("unroll_rnn-said")).to_contain_text("says ello · target ello")
    expect(visit.key("unroll_rnn-live-play").locator("button")).to_be_disabled()


# Every panel of the weight maps that writes numbers: its cells' width, and the widest number as drawn.
PANELS_JS = """() => {
  const plot = document.querySelector('.st-key-unroll_rnn-weights .js-plotly-plot');
  const layout = plot._fullLayout;
  const texts = [...plot.querySelectorAll('g.textpoint text, .hm text, .heatmaplayer text')]
    .filter((t) => t.textContent.trim() !== '');
  return {widest: Math.max(0, ...texts.map((t) => t.getBBox().width)), count: texts.length,
          font: texts.length ? parseFloat(getComputedStyle(texts[0]).fontSize) : 0,
          cells: plot._fullData.filter((t) => t.type === 'heatmap' && t.texttemplate)
            .map((t) => layout['xaxis' + t.xaxis.slice(1)]._length / t.x.length - (t.xgap || 0))};
}"""


@pytest.mark.parametrize("hidden, presenter", [(3, True), (12, True), (5, False)])
def test_weight_maps_hold_their_numbers(browser, app_url, hidden, presenter):
    """W_hh of 12 hidden units printed 144 numbers over each other; with 3 units every number shows."""
    from tests.browser import driver
    size = (1920, 1080) if presenter else (1400, 1000)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{app_url}/unroll_rnn?unroll_rnn-hidden={hidden}&presenter={str(presenter).lower()}")
    driver.wait_idle(page, 120_000)
    try:
        expect(page.locator(".st-key-unroll_rnn-weights .js-plotly-plot")).to_be_visible()
        panels = page.evaluate(PANELS_JS)
        assert all(panels["widest"] + 2 <= width for width in panels["cells"]), panels
        if hidden == 3:
            assert panels["count"] == 12 + 9 + 12 and panels["font"] >= 16, panels   # presenter: >= 16 px
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()
