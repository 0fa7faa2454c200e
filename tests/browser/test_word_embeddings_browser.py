"""Word embeddings in chromium: train, type a word and read its neighbours; the map first on both screens."""

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = pytest.mark.browser
K = "word_embeddings"


def test_train_type_a_word_and_read_its_neighbours(visit):
    """Trained to the end, as the tour says: "Once trained to the end, apple's four nearest neighbours are all
    fruit". (Paused as soon as queen showed, about step 200, apple's neighbours were still queen, prince and
    princess on a busy machine: CI of 2026-12-08.)"""
    page = visit.open(K)
    visit.rerun(lambda: visit.key(f"{K}-live-play").locator("button").click())
    analogy = visit.key(f"{K}-live-analogy")
    expect(analogy).to_contain_text("king − man + woman ≈ queen", timeout=90_000)
    expect(analogy).to_contain_text("at step 6,000", timeout=240_000)  # training ends there by itself
    box = visit.key(f"{K}-word").locator("input")
    box.fill("Apple")
    visit.rerun(lambda: box.press("Enter"))
    neighbours = visit.key(f"{K}-near").locator("tbody tr")
    expect(neighbours).to_have_count(8)
    first_four = {neighbours.nth(i).locator("td").first.inner_text() for i in range(4)}
    assert first_four <= {"banana", "pear", "mango", "peach", "lemon", "grape", "orange", "fruit"}, first_four
    expect(visit.key(f"{K}-fill-answer")).to_contain_text("'apple juice'")  # the embedding reader's answer
    box.fill("emperor")
    visit.rerun(lambda: box.press("Enter"))
    expect(page.get_by_text("'emperor' is not in this text's vocabulary")).to_be_visible()
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "nan" not in main.split() and "Traceback" not in main


@pytest.mark.parametrize("view", ["laptop", "presenter"])
def test_the_map_is_the_first_visual_on_the_first_screen(visit, view):
    page = visit.open_in(view, K)
    shown, box = driver.first_visual_shows(page, driver.VIEWS[view][1][1])
    assert shown, box
    expect(visit.key(f"{K}-map")).to_be_visible()
    assert abs(visit.key(f"{K}-map").bounding_box()["y"] - box["top"]) < 60
