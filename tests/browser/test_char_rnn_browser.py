"""Char-RNN in chromium: paste a text, train a little, and get samples from its own characters."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
TEXT = "abc abc abd\nabd abc\ncab cab abc\n"


def test_paste_a_text_and_get_samples(visit):
    page = visit.open("char_rnn")
    visit.rerun(lambda: visit.key("char_rnn-source").get_by_text("Paste your own").click())
    box = visit.key("char_rnn-paste").locator("textarea")
    box.fill(TEXT)
    visit.rerun(lambda: box.press("Control+Enter"))
    expect(page.get_by_text("vocabulary of 6 symbols")).to_be_visible()
    visit.rerun(lambda: visit.key("char_rnn-live-step").locator("button").click())
    expect(visit.key("char_rnn-live-status")).to_contain_text("Step 1", timeout=30_000)
    sample = visit.key("char_rnn-sample").locator("code")
    expect(sample).to_have_text(re.compile(r"^[abcd ⏎]+$"))
    before = sample.inner_text()
    seed = visit.key("char_rnn-sample-seed").locator("input")
    seed.fill("7")
    visit.rerun(lambda: seed.press("Enter"))
    expect(sample).not_to_have_text(before)
