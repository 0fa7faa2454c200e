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
    expect(maps.locator(".js-plotly-plot")).to_be_visible(timeout=90_000)   # plotly drawn (slow on a busy CPU)
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


@pytest.mark.parametrize("view, size", [("", (1400, 1000)), ("?presenter=true", (1920, 1080))],
                         ids=["laptop", "presenter"])
def test_the_gates_heatmaps_start_on_the_first_screen(visit, view, size):
    visit.page.set_viewport_size({"width": size[0], "height": size[1]})
    visit.open(K + view)
    maps = visit.key(f"{K}-gates").locator(".js-plotly-plot")
    expect(maps).to_be_visible(timeout=90_000)
    top = maps.bounding_box()["y"]
    assert top < size[1] - 120, f"the gates start at y = {top:.0f}, below the first screen"   # their first rows show


def test_a_one_word_sentence_draws_without_a_step_slider(visit):
    visit.open(K)
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("cats")
    visit.rerun(lambda: box.press("Enter"))
    expect(visit.page.get_by_test_id("stMetricValue").first).to_contain_text("(")
    expect(visit.key(f"{K}-step")).to_have_count(0)
