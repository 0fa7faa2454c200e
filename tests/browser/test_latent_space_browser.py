"""In chromium: a click in the VAE's latent plane decodes that z."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_click_in_the_latent_plane_shows_the_decoded_digit(visit):
    visit.open("latent_space")
    decoded = visit.key("latent_space-vae-decoded")
    expect(decoded.get_by_text("decoded z = (0.00, 0.00)")).to_be_visible(timeout=30_000)
    plane = visit.key("latent_space-vae-plane").locator(".nsewdrag").first
    expect(plane).to_be_visible(timeout=30_000)  # plotly draws after the script ends
    box = plane.bounding_box()
    visit.rerun(lambda: plane.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.2}))
    expect(decoded.get_by_text("decoded z = (0.00, 0.00)")).to_have_count(0)
    expect(decoded.get_by_text("decoded z = (-")).to_be_visible()  # upper left: z1 < 0, z2 > 0
    expect(decoded.locator("img")).to_have_count(3)


def _digit_png(path):
    from PIL import Image, ImageDraw

    image = Image.new("L", (120, 120), 255)
    ImageDraw.Draw(image).line([(60, 15), (60, 105)], fill=0, width=14)  # a dark "1" on white
    image.save(path)
    return path


def test_upload_a_digit_then_a_corrupt_file(visit, tmp_path):
    page = visit.open("latent_space")
    visit.rerun(lambda: page.get_by_text("Your own digit").click())
    visit.rerun(lambda: visit.key("latent_space-own-source").get_by_text("Upload").click())
    chooser = visit.key("latent_space-own-upload").locator("input[type=file]")
    visit.rerun(lambda: chooser.set_input_files(str(_digit_png(tmp_path / "one.png"))))
    expect(visit.key("latent_space-vae-decoded").get_by_text("your digit")).to_be_visible(timeout=30_000)
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a picture")
    visit.rerun(lambda: chooser.set_input_files(str(bad)))
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="broken")).to_be_visible(timeout=30_000)
    expect(visit.key("latent_space-vae-decoded").get_by_text("your digit")).to_have_count(0)


@pytest.mark.parametrize("presenter", [False, True], ids=["1400x1000", "presenter-1920x1080"])
def test_both_planes_are_whole_on_the_first_screen_with_readable_ticks(visit, presenter):
    """Both latent planes sit whole on the first screen; their ticks and the decoded digits
    grow with the view."""
    height = 1080 if presenter else 1000
    if presenter:
        visit.page.set_viewport_size({"width": 1920, "height": height})
    visit.open("latent_space" + ("?presenter=true" if presenter else ""))
    for m in ("ae", "vae"):
        plane = visit.key(f"latent_space-{m}-plane").locator(".main-svg").first
        expect(plane).to_be_visible(timeout=90_000)  # plotly.js draws after the script
        box = plane.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (m, box)
        tick = visit.key(f"latent_space-{m}-plane").locator(".xtick text").first
        size = float(tick.evaluate("t => parseFloat(getComputedStyle(t).fontSize)"))
        assert size >= (18 if presenter else 14), (m, size)
    decoded = visit.key("latent_space-vae-decoded").locator("img").first
    expect(decoded).to_be_visible()
    assert decoded.bounding_box()["width"] >= (140 if presenter else 90)
