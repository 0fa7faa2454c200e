"""In chromium: a click in the VAE's latent plane decodes that z."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_click_in_the_latent_plane_shows_the_decoded_digit(visit):
    visit.open("latent_space")
    decoded = visit.key("latent_space-vae-decoded")
    expect(decoded.get_by_text("decoded z = (0.00, 0.00)")).to_be_visible()
    plane = visit.key("latent_space-vae-plane").locator(".nsewdrag").first
    expect(plane).to_be_visible(timeout=30_000)  # plotly draws after the script ends
    box = plane.bounding_box()
    visit.rerun(lambda: plane.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.2}))
    expect(decoded.get_by_text("decoded z = (0.00, 0.00)")).to_have_count(0)
    expect(decoded.get_by_text("decoded z = (-")).to_be_visible()          # upper left: z1 < 0, z2 > 0
    expect(decoded.locator("img")).to_have_count(3)
