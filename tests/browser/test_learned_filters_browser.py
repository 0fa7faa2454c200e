"""Learned filters in chromium: an uploaded handwritten digit is read; a corrupt file gets a message;
another held-out digit redraws only what it changes."""

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from engine.datasets import digits

pytestmark = pytest.mark.browser

P = "learned_filters"


def _open_upload(visit):
    page = visit.open(P)
    visit.rerun(lambda: visit.key(f"{P}-digit").get_by_text("Upload or camera").click())
    return page


def test_an_uploaded_digit_is_recognised_and_a_corrupt_file_refused(visit, tmp_path):
    page = _open_upload(visit)
    data = digits()
    index = int(np.nonzero(data.y_test == 3)[0][0])
    paper = (255 - data.x_test[index] * 255).astype(np.uint8)  # a dark 3 on white paper
    buffer = io.BytesIO()
    Image.fromarray(paper).resize((200, 200), Image.Resampling.BILINEAR).save(buffer, format="PNG")
    (tmp_path / "three.png").write_bytes(buffer.getvalue())
    upload = visit.key(f"{P}-upload").locator("input[type=file]")
    visit.rerun(lambda: upload.set_input_files(str(tmp_path / "three.png")))
    expect(page.get_by_role("heading", name="The network says 3")).to_be_visible()
    (tmp_path / "bad.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated nonsense")
    visit.rerun(lambda: upload.set_input_files(str(tmp_path / "bad.jpg")))
    expect(page.get_by_text("cannot be opened").or_(page.get_by_text("not a picture"))).to_be_visible()
    expect(page.get_by_role("heading", name="The network says")).to_have_count(0)


def test_another_held_out_digit_redraws_only_its_parts(visit):
    from engine import digits_cnn as dc

    network, x_test = dc.load_pretrained(), digits().x_test
    value = lambda i: f"has the value {dc.trace(network, x_test[i])['conv2'][0, 1, 1]:.2f}"  # noqa: E731  the default unit
    probs = dc.probabilities(dc.trace(network, x_test[1])["logits"])
    page = visit.open(P)
    words = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="has the value")
    expect(words).to_contain_text(value(0), timeout=30_000)
    visit.rerun(lambda: visit.key(f"{P}-index").get_by_role("slider").press("ArrowRight"))
    expect(words).to_contain_text(value(1))  # drawn by the parts that rerun alone
    expect(
        page.get_by_role("heading", name=f"The network says {int(probs.argmax())} ({probs.max():.0%})")
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="The learned first-layer filters")
    ).to_be_visible()  # the rest stays
    expect(visit.key(f"{P}-row")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_presenter_view_cells_hold_their_numbers(browser, app_url):
    """The receptive field's 8x8 grid shrank while its numbers grew until they overlapped (1920 x 1080)."""
    from tests.browser.conv_cells import assert_numbers_fit, numbered_cells, open_presenter

    context, page = open_presenter(browser, app_url, P)
    try:
        cells = numbered_cells(page, at_least=2)  # the filters, the digit's receptive field
        assert_numbers_fit(cells)
        assert any(c["count"] == 64 for c in cells)  # the 8x8 digit writes all its numbers
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()
