"""Measure, in chromium, every heatmap that writes numbers in its cells: the cell's size in pixels on
screen, the font size of its numbers and the widest number as drawn (shared by the convolution pages'
browser tests)."""

from __future__ import annotations

from tests.browser import driver

# For each plotly chart with a heatmap that writes text: the cell's width and height on screen (plotly's
# own axis lengths over the cells they show, the gaps taken off), the numbers' font size, the widest
# number as chromium draws it, and the chart's title.
CELLS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const layout = plot._fullLayout, data = plot._fullData || [];
  const heat = data.find((t) => t.type === 'heatmap' && t.texttemplate && t.visible !== false);
  if (!layout || !heat) return [];
  const texts = [...plot.querySelectorAll('.hm text, .heatmaplayer text, g.textpoint text')]
    .filter((t) => t.textContent.trim() !== '');
  if (!texts.length) return [];
  const span = (axis) => Math.abs(axis.range[1] - axis.range[0]);
  const xa = layout.xaxis, ya = layout.yaxis;
  return [{title: (layout.title && layout.title.text) || '', width: xa._length / span(xa) - (heat.xgap || 0),
           height: ya._length / span(ya) - (heat.ygap || 0), font: heat.textfont.size,
           drawnFont: parseFloat(getComputedStyle(texts[0]).fontSize),
           widest: Math.max(...texts.map((t) => t.getBBox().width)), count: texts.length,
           box: plot.getBoundingClientRect().width}];
})"""


def open_presenter(browser, app_url: str, path: str, width: int = 1920, height: int = 1080):
    """A fresh 1920 x 1080 tab on `path` in presenter view, drawn to the end."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    sep = "&" if "?" in path else "?"
    page.goto(f"{app_url}/{path}{sep}presenter=true", timeout=120_000)
    driver.wait_idle(page, 120_000)
    return context, page


def numbered_cells(page, at_least: int = 1) -> list[dict]:
    """Every heatmap with numbers on the page, once plotly has drawn at least `at_least` of them."""
    page.wait_for_function(f"() => ({CELLS_JS})().length >= {at_least}", timeout=60_000)
    return page.evaluate(CELLS_JS)


def assert_numbers_fit(cells: list[dict], min_font: float = 16.0) -> None:
    """Readable from the back row: numbers at least `min_font` px, each inside its cell with room to spare."""
    assert cells, "no heatmap writes numbers"
    for cell in cells:
        where = (
            f"{cell['title']!r}: cell {cell['width']:.0f} x {cell['height']:.0f} px, font {cell['drawnFont']}"
        )
        assert cell["drawnFont"] >= min_font, where
        assert cell["widest"] + 2 <= cell["width"], f"{where}, widest number {cell['widest']:.0f} px"
        assert cell["drawnFont"] * 1.1 <= cell["height"], where


# Every heatmap panel of one chart that writes numbers: its cells' width, and the widest number as drawn.
PANEL_CELLS_JS = """(selector) => {
  const plot = document.querySelector(selector + ' .js-plotly-plot');
  const layout = plot._fullLayout;
  const texts = [...plot.querySelectorAll('g.textpoint text, .hm text, .heatmaplayer text')]
    .filter((t) => t.textContent.trim() !== '');
  return {widest: Math.max(0, ...texts.map((t) => t.getBBox().width)), count: texts.length,
          font: texts.length ? parseFloat(getComputedStyle(texts[0]).fontSize) : 0,
          cells: plot._fullData.filter((t) => t.type === 'heatmap' && t.texttemplate)
            .map((t) => layout['xaxis' + t.xaxis.slice(1)]._length / t.x.length - (t.xgap || 0))};
}"""


def panel_cells(page, selector: str) -> dict:
    """{"widest", "count", "font", "cells"} of the chart in `selector` (its numbered panels, side by side)."""
    return page.evaluate(PANEL_CELLS_JS, selector)
