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
