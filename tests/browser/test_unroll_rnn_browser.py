"""Unroll an RNN in chromium: train 300 steps to the end and read 'ello'."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_train_hello_to_the_end_says_ello(visit):
    page = visit.open("unroll_rnn")
    expect(visit.key("unroll_rnn-said")).to_contain_text("says oolo", timeout=30_000)
    visit.key("unroll_rnn-steps").get_by_role("combobox").click()
    visit.rerun(lambda: page.get_by_role("option", name="300 steps", exact=True).click())
    visit.rerun(lambda: visit.key("unroll_rnn-live-play").locator("button").click())
    expect(visit.key("unroll_rnn-live-status")).to_contain_text("Step 300", timeout=30_000)
    expect(visit.key("unroll_rnn-said")).to_contain_text("says ello · target ello")
    expect(visit.key("unroll_rnn-live-play").locator("button")).to_be_disabled()
