"""In chromium: draw a scene and get a caption with maps; upload a scene, and a corrupt file."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from engine import scenes

pytestmark = pytest.mark.browser


def test_draw_a_scene_and_get_a_caption_with_maps(visit):
    page = visit.open("captioning")
    expect(visit.key("captioning-maps").locator("img")).to_be_visible()
    visit.rerun(lambda: visit.key("captioning-source").get_by_text("Draw").click())
    canvas = visit.key("captioning-canvas").locator("canvas").last
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()

    def draw_a_red_circle():
        page.mouse.move(box["x"] + 40, box["y"] + 110)
        page.mouse.down()
        page.mouse.move(box["x"] + 110, box["y"] + 150, steps=6)
        page.mouse.up()

    visit.rerun(draw_a_red_circle)
    caption = visit.key("captioning-caption")
    expect(caption).to_contain_text("a red circle")
    maps = visit.key("captioning-maps")
    expect(maps.locator("img")).to_be_visible()  # one map per word, in a strip
    expect(maps).to_contain_text("red (")
    expect(maps).to_contain_text("circle (")


def test_upload_a_scene_then_a_corrupt_file(visit, tmp_path):
    page = visit.open("captioning")
    visit.rerun(lambda: visit.key("captioning-source").get_by_text("Upload").click())
    scene = scenes.Scene(
        (scenes.Thing("square", "green", 9, 16, 11), scenes.Thing("circle", "yellow", 24, 15, 11)),
        "horizontal",
    )
    good = tmp_path / "scene.png"
    Image.fromarray(scenes.render(scene)).resize((128, 128), Image.Resampling.NEAREST).save(good)
    visit.rerun(lambda: visit.key("captioning-upload").locator("input[type=file]").set_input_files(str(good)))
    expect(visit.key("captioning-caption")).to_contain_text("a green square left of a yellow circle")
    expect(visit.key("captioning-maps")).to_contain_text("yellow (")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    visit.rerun(
        lambda: visit.key("captioning-upload").locator("input[type=file]").set_input_files(str(broken))
    )
    expect(page.get_by_text("cannot be opened").or_(page.get_by_text("not a picture")).first).to_be_visible()
    expect(visit.key("captioning-caption")).to_have_count(0)


def test_a_new_scene_redraws_the_caption_and_the_maps(visit):
    page = visit.open("captioning")
    caption = visit.key("captioning-caption").get_by_role("heading")
    expect(caption).to_be_visible(timeout=30_000)
    before = caption.inner_text()
    strip = visit.key("captioning-maps").locator("img")
    source = strip.get_attribute("src")
    visit.rerun(lambda: visit.key("captioning-scene").get_by_role("slider").press("ArrowRight"))  # scene 8
    expect(caption).not_to_have_text(before)
    expect(strip).not_to_have_attribute("src", source)  # the maps follow the new scene
    expect(page.get_by_text("How this model was trained")).to_be_visible()  # the rest of the page stays
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
