"""In chromium: type a word and see the tiny transformer sort it, with its attention matrices."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_typed_word_is_sorted(visit):
    page = visit.open("self_attention")
    box = visit.key("self_attention-word").locator("input")
    box.fill("banana")
    visit.rerun(lambda: box.press("Enter"))                               # reruns only the answer and the patterns
    expect(visit.key("self_attention-answer")).to_contain_text("aaabnn")
    chart = visit.key("self_attention-pattern-1")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)  # plotly.js loads lazily
    expect(page.get_by_text("How to read it.")).to_be_visible()          # the rest of the page stays
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
