"""Shapes of RNNs in chromium: the bidirectional toggle fixes the answer the future decides."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bidirectional_toggle(visit):
    page = visit.open("rnn_shapes")
    expect(visit.key("rnn_shapes-answer")).to_contain_text("answers 43210⏎", timeout=30_000)
    visit.rerun(lambda: visit.key("rnn_shapes-shape").get_by_role("radio", name="many-to-many").click())
    box = visit.key("rnn_shapes-digits").locator("input")
    box.fill("129083")
    visit.rerun(lambda: box.press("Enter"))
    visit.rerun(lambda: visit.key("rnn_shapes-bi").get_by_text("Bidirectional RNN").click())
    expect(visit.key("rnn_shapes-answer")).to_contain_text("answers 299988 · the right answer is 299988")
    expect(page.get_by_text("← Backward states")).to_be_visible()


@pytest.mark.parametrize("view, size", [("", (1400, 1000)), ("?presenter=true", (1920, 1080))])
def test_the_diagram_is_on_the_first_screen(visit, view, size):
    """The main visual, whole, without scrolling, in both views (it was below the controls)."""
    visit.page.set_viewport_size({"width": size[0], "height": size[1]})
    visit.open(f"rnn_shapes{view}")
    diagram = visit.key("rnn_shapes-diagram")
    expect(diagram.locator(".js-plotly-plot")).to_be_visible(timeout=60_000)
    box = diagram.bounding_box()
    assert box["height"] >= 250 and box["y"] + box["height"] <= size[1], box
