"""In chromium: type a word and see the tiny transformer sort it, with its attention matrices."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_typed_word_is_sorted(visit):
    visit.open("self_attention")
    box = visit.key("self_attention-word").locator("input")
    box.fill("banana")
    visit.rerun(lambda: box.press("Enter"))
    expect(visit.key("self_attention-answer")).to_contain_text("aaabnn")
    chart = visit.key("self_attention-pattern-1")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)  # plotly.js loads lazily
