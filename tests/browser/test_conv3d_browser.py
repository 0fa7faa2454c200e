"""3-D convolution in chromium: a shorter clip gives fewer output frames; a stride redraws only its parts."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

P = "conv3d"


def test_fewer_frames_fewer_output_maps(visit):
    page = visit.open(P)
    formula = page.locator("annotation")  # KaTeX keeps the TeX source here
    expect(formula.filter(has_text="8 - 3 + 1 = 6")).to_have_count(1)
    thumb = visit.key(f"{P}-frames").locator('input[type="range"]').first
    thumb.focus()
    visit.rerun(lambda: thumb.press("ArrowLeft"))
    expect(visit.key(f"{P}-frames")).to_contain_text("7")
    expect(formula.filter(has_text="7 - 3 + 1 = 5")).to_have_count(1)


def test_a_stride_redraws_the_window_without_rerunning_the_page(visit):
    page = visit.open(P)
    expect(page.get_by_text("16 → 16 pixels")).to_be_visible(timeout=30_000)
    visit.rerun(lambda: visit.key(f"{P}-stride").get_by_role("slider").press("ArrowRight"))
    expect(page.get_by_text("(stride 2, padding 1): 16 → 8 pixels")).to_be_visible()  # drawn by a part alone
    expect(page.locator("annotation").filter(has_text="8 - 3 + 1 = 6")).to_have_count(1)  # the rest stays
    expect(page.get_by_role("heading", name="The clip and the output maps over time")).to_be_visible()
    expect(visit.key(f"{P}-directions").locator(".main-svg").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
