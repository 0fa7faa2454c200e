"""Why gates in chromium: one Step trains the three models and draws accuracy and gradient charts."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
K = "why_gates"


def test_step_draws_accuracy_and_gradient(visit):
    visit.open(K)
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 0")
    visit.rerun(lambda: visit.key(f"{K}-live-step").locator("button").click())
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 1", timeout=30_000)
    expect(visit.key(f"{K}-accuracy")).to_contain_text("LSTM", timeout=30_000)
    expect(visit.key(f"{K}-gradient")).to_contain_text("Vanilla RNN", timeout=30_000)
