"""3-D convolution in chromium: a shorter clip gives fewer output frames."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

P = "conv3d"


def test_fewer_frames_fewer_output_maps(visit):
    page = visit.open(P)
    formula = page.locator("annotation")                                 # KaTeX keeps the TeX source here
    expect(formula.filter(has_text="8 - 3 + 1 = 6")).to_have_count(1)
    thumb = visit.key(f"{P}-frames").locator('input[type="range"]').first
    thumb.focus()
    visit.rerun(lambda: thumb.press("ArrowLeft"))
    expect(visit.key(f"{P}-frames")).to_contain_text("7")
    expect(formula.filter(has_text="7 - 3 + 1 = 5")).to_have_count(1)
