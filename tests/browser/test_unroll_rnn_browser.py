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


@pytest.mark.parametrize("hidden, view", [(3, "presenter"), (12, "presenter"), (5, "laptop")])
def test_weight_maps_hold_their_numbers(visit, hidden, view):
    """W_hh of 12 hidden units printed 144 numbers over each other; with 3 units every number shows."""
    from tests.browser.conv_cells import panel_cells

    page = visit.open_in(view, f"unroll_rnn?unroll_rnn-hidden={hidden}")
    expect(page.locator(".st-key-unroll_rnn-weights .js-plotly-plot")).to_be_visible()
    panels = panel_cells(page, ".st-key-unroll_rnn-weights")
    assert all(panels["widest"] + 2 <= width for width in panels["cells"]), panels
    if hidden == 3:
        assert panels["count"] == 12 + 9 + 12 and panels["font"] >= 16, panels  # presenter: >= 16 px
