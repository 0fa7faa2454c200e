"""LSTM gates in chromium: type a new sentence and every gate's heatmap redraws with its words."""

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = pytest.mark.browser
K = "lstm_gates"
LSTM_MAPS = (
    "forget gate f_t",
    "input gate i_t",
    "candidate C~_t",
    "cell state C_t",
    "output gate o_t",
    "hidden state h_t",
)


def test_type_a_sentence_and_every_heatmap_updates(visit):
    page = visit.open(K)
    maps = visit.key(f"{K}-gates")
    expect(maps.locator(".js-plotly-plot")).to_be_visible(timeout=90_000)  # plotly drawn (slow on a busy CPU)
    for title in LSTM_MAPS:
        expect(maps).to_contain_text(title)
    words = maps.locator('[class$="tick"] text')  # xtick, x2tick ... x6tick
    expect(words.filter(has_text="cats")).to_have_count(len(LSTM_MAPS))  # the default sentence, every map
    expect(words.filter(has_text="zebras")).to_have_count(0)
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("The dog, which chased the zebras, was tired")
    visit.rerun(lambda: box.press("Enter"))
    expect(words.filter(has_text="zebras")).to_have_count(len(LSTM_MAPS))  # every map redrawn
    expect(words.filter(has_text="cats")).to_have_count(0)
    expect(page.get_by_text("“zebras”")).to_be_visible()  # the unknown word is named
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("was")
    expect(visit.key(f"{K}-step").locator('input[type="range"]')).to_have_attribute("max", "7")  # 8 words


@pytest.mark.parametrize("view", driver.VIEWS)
def test_the_gates_and_the_answer_are_on_the_first_screen(visit, view):
    """The gates are the page's first visual and show on the first screen, the model's answer beside them."""
    page = visit.open_in(view, K)
    height = driver.VIEWS[view][1][1]
    box = driver.main_visual_box(page, visit.key(f"{K}-gates").locator(".js-plotly-plot"), height)
    answer = page.get_by_test_id("stMetricValue").first.bounding_box()
    assert answer["y"] + answer["height"] <= height
    assert answer["x"] > box["x"] + box["width"] / 2  # beside the gates


def test_a_one_word_sentence_draws_without_a_step_slider(visit):
    visit.open(K)
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("cats")
    visit.rerun(lambda: box.press("Enter"))
    expect(visit.page.get_by_test_id("stMetricValue").first).to_contain_text("(")
    expect(visit.key(f"{K}-step")).to_have_count(0)


# Boxes of every word under a map, every map's title and every map, as drawn.
WORDS_AND_TITLES = """() => {
  const plot = document.querySelector('.st-key-lstm_gates-gates .js-plotly-plot');
  const box = (e) => { const r = e.getBoundingClientRect();
    return {text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {words: [...plot.querySelectorAll('[class$="tick"] text')].filter((t) => t.textContent).map(box),
          titles: [...plot.querySelectorAll('.annotation-text')].map(box),
          maps: [...plot.querySelectorAll('.draglayer .nsewdrag')].map(box)};
}"""


def _overlaps(these: list[dict], those: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for a in these
        for b in those
        if a is not b
        and a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


@pytest.mark.parametrize("view", driver.VIEWS)
def test_the_words_under_a_map_never_cover_the_next_maps_title(visit, view):
    """In presenter view "which" and "already" were written over "candidate C~_t" (the words grow 1.5x)."""
    page = visit.open_in(view, K)
    box = visit.key(f"{K}-sentence").locator("input")
    box.fill("The cats, which extraordinarily already ate the fish near the dog, were full")
    visit.rerun(lambda: box.press("Enter"))
    maps = visit.key(f"{K}-gates")
    cut = maps.locator('[class$="tick"] text').filter(has_text="extraordinari…")  # 14 letters and "…"
    expect(cut).to_have_count(len(LSTM_MAPS))
    drawn = page.evaluate(WORDS_AND_TITLES)
    assert len(drawn["titles"]) == len(drawn["maps"]) == len(LSTM_MAPS)
    assert all(m["bottom"] - m["top"] >= 150 for m in drawn["maps"]), drawn["maps"]  # 8 units, readable
    assert _overlaps(drawn["words"], drawn["titles"] + drawn["maps"]) == []
    assert _overlaps(drawn["titles"], drawn["maps"]) == [] and _overlaps(drawn["maps"], drawn["maps"]) == []


@pytest.mark.parametrize("view", driver.VIEWS)
@pytest.mark.parametrize(
    "model, text",
    [
        ("lstm_agreement", "The cats, which already ate the fish near the dog, were full"),
        ("lstm_first_symbol", "b 3 1 4 1 5 9 2 6 5 3 5 8 9 7 9 3 2 3 8 4"),
    ],
    ids=["12", "21"],
)
def test_a_map_writes_its_numbers_only_where_its_cells_hold_them(visit, view, model, text):
    """Beside the answer the maps are narrower: 21 symbols' numbers ran into each other (17 words' too)."""
    from tests.browser.conv_cells import panel_cells

    page = visit.open_in(view, f"{K}?{K}-model=%22{model}%22")
    box = visit.key(f"{K}-{'sentence' if model == 'lstm_agreement' else 'symbols'}").locator("input")
    box.fill(text)
    visit.rerun(lambda: box.press("Enter"))
    expect(visit.key(f"{K}-gates").locator(".js-plotly-plot")).to_be_visible(timeout=90_000)
    drawn = panel_cells(page, f".st-key-{K}-gates")
    assert all(drawn["widest"] + 2 <= width for width in drawn["cells"]), drawn
    if "dog, were" in text:
        assert drawn["count"] > 0, "the lecture's sentence keeps its numbers"
