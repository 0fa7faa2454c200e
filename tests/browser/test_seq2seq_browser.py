"""In chromium: type a date, press Enter, and read the ISO date the attention model writes."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_typed_date_is_rewritten(visit):
    visit.open("seq2seq")
    answers = visit.key("seq2seq-answers")
    expect(answers).to_contain_text("2019-03-03")
    box = visit.key("seq2seq-text").locator("input")
    box.fill("the 14th of july 1989")
    visit.rerun(lambda: box.press("Enter"))
    expect(answers).to_contain_text("1989-07-14")
    chart = visit.key("seq2seq-alignment")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)  # plotly.js loads lazily


@pytest.mark.parametrize(
    "view, size",
    [("", (1400, 1000)), ("?presenter=true", (1920, 1080))],
    ids=["1400x1000", "presenter-1920x1080"],
)
def test_the_alignment_and_both_answers_are_on_the_first_screen(visit, view, size):
    """Issue 18: the alignment matrix beside the date box and both answers, without scrolling (it was
    below the box, its examples and the answers)."""
    visit.page.set_viewport_size({"width": size[0], "height": size[1]})
    visit.open(f"seq2seq{view}")
    matrix = visit.key("seq2seq-alignment").locator(".js-plotly-plot")
    expect(matrix.locator(".main-svg").first).to_be_visible(timeout=60_000)
    box, answers = matrix.bounding_box(), visit.key("seq2seq-answers")
    assert box["y"] >= 0 and box["y"] + min(box["height"], 400) <= size[1], box
    expect(answers).to_contain_text("With attention")
    expect(answers).to_contain_text("Without attention")
    beside = answers.bounding_box()
    assert beside["x"] >= box["x"] + box["width"] and beside["y"] + beside["height"] <= size[1], (box, beside)
