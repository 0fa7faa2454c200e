"""Char-RNN in chromium: paste a text and get samples; upload a good and a corrupt .txt file."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
TEXT = "abc abc abd\nabd abc\ncab cab abc\n"


def test_paste_a_text_and_get_samples_then_upload_good_and_corrupt_files(visit, tmp_path):
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
    upload_a_good_and_a_corrupt_text_file(visit, page, tmp_path)


def upload_a_good_and_a_corrupt_text_file(visit, page, tmp_path):
    """Same page, same session: one page load fewer for the test budget."""
    visit.rerun(lambda: visit.key("char_rnn-source").get_by_text("Upload a .txt").click())
    good, bad = tmp_path / "poem.txt", tmp_path / "broken.txt"
    good.write_text("Ünïcödé lines\nwith émojis 🙂\nand more lines\n", encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    upload = visit.key("char_rnn-text").locator("input[type=file]")
    visit.rerun(lambda: upload.set_input_files(str(good)))
    expect(page.get_by_text("3 training lines")).to_be_visible(timeout=30_000)
    visit.rerun(lambda: upload.set_input_files(str(bad)))
    expect(page.get_by_text("This looks like a binary file")).to_be_visible(timeout=30_000)
