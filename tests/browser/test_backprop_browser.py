"""Activations & backprop in chromium: a gradient step updates the loss and the numbers."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

K = "backprop"


def test_gradient_step_updates_the_loss(visit):
    page = visit.open(K)
    expect(page.get_by_text("after 0 gradient steps")).to_be_visible()
    visit.rerun(lambda: visit.key(f"{K}-step").locator("button").click())
    expect(page.get_by_text("after 1 gradient steps")).to_be_visible(timeout=30_000)
