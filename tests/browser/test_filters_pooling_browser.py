"""Filters & Pooling in chromium: upload a photo, change a kernel value, the maps change;
bad files get words."""

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

P = "filters_pooling"
FEATURE_MAP_SRC = """() => {
  const img = [...document.querySelectorAll('[data-testid="stImage"]')]
    .find(e => /feature map/.test(e.innerText));
  return img ? img.querySelector('img').getAttribute('src') : null;
}"""


def _photo(path) -> str:
    """A 64 x 48 picture with a bright square: edges for the filters to find."""
    pixels = np.zeros((48, 64, 3), np.uint8)
    pixels[10:38, 16:48] = (230, 200, 40)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def _upload(visit, path) -> None:
    visit.rerun(lambda: visit.key(f"{P}-upload").locator("input[type=file]").set_input_files(path))


def test_upload_a_photo_edit_a_kernel_value_then_a_corrupt_file(visit, tmp_path):
    page = visit.open(P)
    visit.rerun(lambda: visit.key(f"{P}-input").get_by_text("A picture").click())
    visit.rerun(lambda: visit.key(f"{P}-source").get_by_text("Upload").click())
    _upload(visit, _photo(tmp_path / "square.png"))
    expect(page.get_by_text("Input · 48 x 64")).to_be_visible()
    expect(page.get_by_text("1. Sobel x: feature map · 46 x 62")).to_be_visible()  # a photo's edge filter
    before = page.evaluate(FEATURE_MAP_SRC)
    box = visit.key(f"{P}-kernels").locator("textarea")
    box.fill("1 1 1\n0 0 0\n-1 -1 -1\n\n1 1 1\n1 1 1\n1 1 1")
    visit.rerun(lambda: box.press("Control+Enter"))
    expect(page.get_by_text("1. custom: feature map · 46 x 62")).to_be_visible()
    expect(page.get_by_text("2. custom: feature map · 46 x 62")).to_be_visible()
    assert page.evaluate(FEATURE_MAP_SRC) != before
    bad = tmp_path / "holiday.png"  # and a corrupt file gets words
    bad.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a picture")
    _upload(visit, str(bad))
    expect(page.get_by_text("cannot be opened").or_(page.get_by_text("not a picture"))).to_be_visible()
    expect(page.get_by_text("feature map ·")).to_have_count(0)


def test_presenter_view_cells_hold_their_numbers(browser, app_url):
    """At 1920 x 1080 the 7x7 maps came out smaller than the 4x4 pool maps while their numbers grew until
    they overlapped: every number must fit its cell at a back-row size, and every map keeps one cell size."""
    from tests.browser.conv_cells import assert_numbers_fit, numbered_cells, open_presenter

    context, page = open_presenter(browser, app_url, P)
    try:
        cells = {c["title"]: c for c in numbered_cells(page, at_least=10)}
        assert_numbers_fit(list(cells.values()))
        feature_map, pooled = cells["1. diagonal ╲: feature map · 7 x 7"], cells["1. max pool 2x2 · 4 x 4"]
        assert feature_map["width"] >= pooled["width"] - 1 and feature_map["count"] == 49
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("presenter", [False, True], ids=["laptop", "presenter"])
def test_a_picture_shrunk_to_16_writes_only_numbers_its_cells_hold(browser, app_url, presenter):
    """Issue 18: "Shrink to 16" made the cell numbers overlap; measured in chromium, in both views."""
    from tests.browser import driver
    from tests.browser.conv_cells import assert_numbers_fit, numbered_cells, open_presenter

    link = f'{P}?{P}-input="picture"&{P}-side="16"'
    context, page = open_presenter(browser, app_url, link) if presenter else (None, None)
    if not presenter:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{app_url}/{link}", timeout=120_000)
        driver.wait_idle(page, 120_000)
    try:
        cells = numbered_cells(page, at_least=1)
        assert_numbers_fit(cells, min_font=16.0 if presenter else 8.0)
        assert any(c["count"] >= 100 for c in cells), cells  # the 16-pixel picture writes its numbers
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()
