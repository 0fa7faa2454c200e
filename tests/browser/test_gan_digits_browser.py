"""GAN on digits in chromium: a noise seed redraws only the interpolation strip, not the page or training."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

K = "gan_digits"


def test_a_seed_redraws_only_the_strip(visit):
    page = visit.open(K)
    strip = visit.key(f"{K}-interpolation")
    expect(strip).to_contain_text("from z(seed 1) to z(seed 2)", timeout=30_000)
    visit.rerun(lambda: visit.key(f"{K}-to").get_by_role("slider").press("ArrowRight"))
    expect(strip).to_contain_text("from z(seed 1) to z(seed 3)")  # drawn by the part that reruns alone
    expect(strip.locator("img")).to_be_visible()
    expect(visit.key(f"{K}-live-status")).to_contain_text("Step 0")  # the same job, not restarted
    expect(page.get_by_text("64 samples G(z) from fixed noise")).to_be_visible()  # the rest of the page stays
    expect(page.get_by_role("heading", name="Interpolation in the latent space")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("presenter", [False, True], ids=["1400x1000", "presenter-1920x1080"])
def test_the_digit_grid_is_whole_on_the_first_screen(visit, presenter):
    """The 64 samples, the page's main visual, sit whole on the first screen in both views."""
    height = 1080 if presenter else 1000
    if presenter:
        visit.page.set_viewport_size({"width": 1920, "height": height})
    page = visit.open(K + ("?presenter=true" if presenter else ""))
    grid = page.get_by_role("img", name="64 samples G(z) from fixed noise")
    if not grid.count():  # Streamlit names the picture by its caption in some versions only
        grid = page.locator('[data-testid="stImage"]').filter(has_text="64 samples").locator("img")
    expect(grid.first).to_be_visible(timeout=60_000)
    box = grid.first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert box["width"] >= 380, box
