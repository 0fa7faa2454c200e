"""Why gates in chromium: one Step trains the three models and draws accuracy and dependence charts."""

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = pytest.mark.browser
K = "why_gates"


def test_step_draws_accuracy_and_gradient(visit):
    visit.open(K)
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 0")
    visit.rerun(lambda: visit.key(f"{K}-live-step").locator("button").click())
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 1", timeout=30_000)
    expect(visit.key(f"{K}-accuracy")).to_contain_text("LSTM", timeout=30_000)
    expect(visit.key(f"{K}-sensitivity")).to_contain_text("Vanilla RNN", timeout=30_000)
    expect(visit.key(f"{K}-sensitivity")).to_contain_text("∂h_T/∂x_t")  # says which measure it is


def test_a_new_gap_starts_a_fresh_job_and_keeps_the_page(visit):
    page = visit.open(K)
    visit.rerun(lambda: visit.key(f"{K}-live-step").locator("button").click())
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 1", timeout=30_000)
    visit.rerun(lambda: visit.key(f"{K}-gap").get_by_role("slider").press("ArrowRight"))  # 10 -> 11
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 0")  # a fresh job for the new gap
    expect(page.get_by_text("What to look for")).to_be_visible()  # the rest of the page stays
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("view", driver.VIEWS)
def test_play_beside_the_gap_and_the_charts_on_the_first_screen(visit, view):
    """The two charts are the page's first visual and start on the first screen, ▶ Play beside the gap."""
    page = visit.open_in(view, K)
    charts = visit.key(f"{K}-accuracy").locator(".js-plotly-plot")
    driver.main_visual_box(page, charts, driver.VIEWS[view][1][1])
    gap, play = visit.key(f"{K}-gap").bounding_box(), visit.key(f"{K}-live-play").bounding_box()
    assert play["x"] >= gap["x"] + gap["width"] and play["y"] < gap["y"] + gap["height"]  # one row
