"""LSTM gates in chromium: type a new sentence and every gate's heatmap redraws with its words."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
K = "lstm_gates"
LSTM_MAPS = ("forget gate f_t", "input gate i_t", "candidate C~_t", "cell state C_t", "output gate o_t",
             "hidden state h_t")


def test_type_a_sentence_and_every_heatmap_updates(visit):
    page = visit.open(K)
    maps = visit.key(f"{K}-gates")
    for title in LSTM_MAPS:
        expect(maps).to_contain_text(title)
    words = maps.locator('[class$="tick"] text')          # xtick, x2tick ... x6tick
    expect(words.filter(has_text="cats")).to_have_count(len(LSTM_MAPS))  # the default sentence, every map
    expect(words.filter(has_text="zebras")).to_have_count(0)
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("The dog, which chased the zebras, was tired")
    visit.rerun(lambda: box.press("Enter"))
    expect(words.filter(has_text="zebras")).to_have_count(len(LSTM_MAPS))  # every map redrawn
    expect(words.filter(has_text="cats")).to_have_count(0)
    expect(page.get_by_text("“zebras”")).to_be_visible()                  # the unknown word is named
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("was")
    expect(visit.key(f"{K}-step").locator('input[type="range"]')).to_have_attribute("max", "7")  # 8 words
