"""In chromium: type a word and see the tiny transformer sort it, with its attention matrices."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_typed_word_is_sorted(visit):
    page = visit.open("self_attention")
    box = visit.key("self_attention-word").locator("input")
    box.fill("banana")
    visit.rerun(lambda: box.press("Enter"))  # reruns only the answer and the patterns
    expect(visit.key("self_attention-answer")).to_contain_text("aaabnn")
    chart = visit.key("self_attention-pattern-1")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)  # plotly.js loads lazily
    expect(page.get_by_text("How to read it.")).to_be_visible()  # the rest of the page stays
    expect(visit.key("self_attention-layer")).to_be_visible()
    expect(page).to_have_url(re.compile("self_attention-word=%22banana%22"))  # the link keeps the word
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_a_word_after_a_bad_one_brings_the_page_back(visit):
    page = visit.open("self_attention")
    box = visit.key("self_attention-word").locator("input")
    box.fill("a1")
    visit.rerun(lambda: box.press("Enter"))
    expect(page.get_by_text("Only the letters a to z")).to_be_visible()
    box.fill("banana")
    visit.rerun(lambda: box.press("Enter"))
    expect(visit.key("self_attention-answer")).to_contain_text("aaabnn")
    expect(page.get_by_text("Only the letters a to z")).to_have_count(0)
    expect(visit.key("self_attention-layer")).to_be_visible()


@pytest.mark.parametrize(
    "view, size",
    [("", (1400, 1000)), ("?presenter=true", (1920, 1080))],
    ids=["1400x1000", "presenter-1920x1080"],
)
def test_the_heads_are_on_the_first_screen_and_follow_the_word(visit, view, size):
    """Issue 18: the attention patterns without scrolling in both views (in presenter view they were below
    the controls, which now stand beside them), and a new word still redraws them."""
    visit.page.set_viewport_size({"width": size[0], "height": size[1]})
    visit.open(f"self_attention{view}")
    first_head = visit.key("self_attention-pattern-0").locator(".js-plotly-plot")
    expect(first_head.locator(".main-svg").first).to_be_visible(timeout=60_000)
    box = first_head.bounding_box()
    assert box["y"] >= 0 and box["y"] + min(box["height"], 400) <= size[1], box
    assert box["width"] >= 300, box  # two heads side by side, not squeezed
    box_of_word = visit.key("self_attention-word").locator("input")
    box_of_word.fill("banana")
    visit.rerun(lambda: box_of_word.press("Enter"))
    expect(visit.key("self_attention-answer")).to_contain_text("aaabnn")
    columns = visit.key("self_attention-pattern-1").locator(".xtick text")
    expect(columns.first).to_have_text("b")  # the new word's first letter
