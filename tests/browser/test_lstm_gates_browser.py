"""LSTM gates in chromium: type a new sentence and every gate's heatmap redraws with its words."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
K = "lstm_gates"
LSTM_MAPS = ("forget_gate", "input_gate", "candidate", "cell_state", "output_gate", "hidden")


def test_type_a_sentence_and_every_heatmap_updates(visit):
    page = visit.open(K)
    for name in LSTM_MAPS:
        expect(visit.key(f"{K}-heat-{name}")).to_contain_text("dog")
        expect(visit.key(f"{K}-heat-{name}")).not_to_contain_text("zebras")
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("The dog, which chased the zebras behind the old horses, was tired")
    visit.rerun(lambda: box.press("Enter"))
    for name in LSTM_MAPS:
        expect(visit.key(f"{K}-heat-{name}")).to_contain_text("zebras")
    expect(page.get_by_text("“zebras”")).to_be_visible()                  # the unknown word is named
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("was")
