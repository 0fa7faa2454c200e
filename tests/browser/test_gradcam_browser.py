"""In chromium: upload a photo to the Grad-CAM page and see its heat maps; a corrupt file is refused;
the top classes and the opacity redraw only the maps."""

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from engine.samples import sample_photo

pytestmark = pytest.mark.browser


def test_upload_a_photo_and_see_a_heatmap_then_a_corrupt_file_is_refused(visit, tmp_path):
    page = visit.open("gradcam")
    expect(visit.key("gradcam-maps").locator("img")).to_have_count(4)  # the sample photo, 3 maps
    visit.rerun(lambda: visit.key("gradcam-source").get_by_text("Upload").click())
    photo = tmp_path / "my cat.jpg"
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(sample_photo("Coffee").rgb)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    visit.rerun(lambda: visit.key("gradcam-upload").locator("input[type=file]").set_input_files(str(photo)))
    maps = visit.key("gradcam-maps")
    expect(maps.locator("img")).to_have_count(4)
    expect(maps.get_by_text("%)").first).to_be_visible()
    expect(maps.get_by_text("cup").or_(maps.get_by_text("espresso")).first).to_be_visible()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10)
    visit.rerun(lambda: visit.key("gradcam-upload").locator("input[type=file]").set_input_files(str(broken)))
    expect(page.get_by_text("cannot be opened").or_(page.get_by_text("not a picture")).first).to_be_visible()
    expect(visit.key("gradcam-maps")).to_have_count(0)


def test_top_classes_and_opacity_redraw_only_the_maps(visit):
    page = visit.open("gradcam")
    maps = visit.key("gradcam-maps").locator("img")
    expect(maps).to_have_count(4)  # the sample photo, 3 maps
    visit.rerun(lambda: visit.key("gradcam-k").get_by_role("slider").press("ArrowRight"))
    expect(maps).to_have_count(5)  # drawn by the part that reruns alone
    blend = maps.nth(1).get_attribute("src")
    visit.rerun(lambda: visit.key("gradcam-opacity").get_by_role("slider").press("ArrowRight"))
    expect(maps.nth(1)).not_to_have_attribute("src", blend)
    expect(maps).to_have_count(5)
    expect(page.get_by_text("Bright means")).to_be_visible()  # the rest of the page stays
    expect(visit.key("gradcam-layer")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("layer, side", [("head", 7), ("blocks.10", 14)])
def test_presenter_view_the_number_grid_is_readable(browser, app_url, layer, side):
    """Grad-CAM's number grid came out at ~8 px cells with misaligned labels, its x axis to 15 on a 14-wide
    grid (1920 x 1080): cells that hold their numbers, no axis to disagree with the grid."""
    from tests.browser.conv_cells import assert_numbers_fit, numbered_cells, open_presenter

    link = f"gradcam?gradcam-numbers=true&gradcam-layer=%22{layer}%22"  # a link's values are JSON
    context, page = open_presenter(browser, app_url, link)
    try:
        (grid,) = numbered_cells(page)
        assert grid["count"] == side * side and f"{side} x {side}" in grid["title"]
        assert_numbers_fit([grid])
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()
