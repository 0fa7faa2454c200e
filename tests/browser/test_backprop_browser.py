"""Activations & backprop in chromium: a gradient step updates the loss and the numbers."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

K = "backprop"


def test_gradient_step_updates_the_loss(visit):
    page = visit.open(K)
    expect(page.get_by_text("after 0 gradient steps")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{K}-step").locator("button").click())
    expect(page.get_by_text("after 1 gradient steps")).to_be_visible(timeout=30_000)


def test_an_input_redraws_the_numbers_without_rerunning_the_page(visit):
    page = visit.open(K)
    expect(page.get_by_text("0.1942")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{K}-x1").get_by_role("slider").press("ArrowRight"))
    expect(page.get_by_text("0.1929")).to_be_visible()  # the loss, drawn by a part that reruns alone
    expect(page.get_by_text("Backpropagation with numbers")).to_be_visible()  # the rest of the page stays
    expect(page.get_by_text("Grey bands")).to_be_visible()
    expect(page).to_have_url(re.compile(f"{K}-x1=1.1"))  # the link keeps the input
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
