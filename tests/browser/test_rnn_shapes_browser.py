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
