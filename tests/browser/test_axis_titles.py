"""An axis title keeps clear of its tick labels, in presenter view too (issue 18: no overlapping label).

Log axes written as powers of ten (10⁻³) have raised exponents that plotly's automatic margin measures
short: in presenter view, with 1.5x type, the y title ‖∂h_T/∂x_t‖ touched the tick labels (2 px apart, the
underscores on the 1s of 10⁻³); a plain axis leaves 5-6 px."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# every (axis title, tick label) pair side by side with less than 4 px between their boxes
OVERLAPS_JS = """(plot) => { const GAP = 4;
  const hits = [];
  const box = (el) => el.getBoundingClientRect();
  for (const title of plot.querySelectorAll('.g-ytitle text, .g-y2title text')) {
    const t = box(title);
    if (!t.width) continue;
    for (const tick of plot.querySelectorAll('.ytick text, .yaxislayer-above text')) {
      const k = box(tick);
      const x = Math.min(t.right, k.right) - Math.max(t.left, k.left);
      const y = Math.min(t.bottom, k.bottom) - Math.max(t.top, k.top);
      if (x > -GAP && y > 0.5) {
        hits.push(`${title.textContent} ${(-x).toFixed(1)} px from ${tick.textContent}`);
      }
    }
  }
  return hits;
}"""


@pytest.mark.parametrize("url_path", ["why_gates", "bptt"])
@pytest.mark.parametrize("view", ["laptop", "presenter"])
def test_the_y_titles_of_log_charts_clear_their_ticks(visit, url_path, view):
    page = visit.open_in(view, url_path)
    plots = page.locator('[data-testid="stMain"] .js-plotly-plot')
    expect(plots.first).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot .ytick text')].length > 0")
    overlaps = [hit for index in range(plots.count()) for hit in plots.nth(index).evaluate(OVERLAPS_JS)]
    assert not overlaps, overlaps
