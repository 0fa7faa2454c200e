"""Every picture uploader in chromium: awkward files get an answer or a plain message within seconds,
and the limits are said under the uploader before anyone tries (issue 18 item 12)."""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from engine.safe_inputs import limits_words

pytestmark = pytest.mark.browser

SETTLE_S = 10.0  # "within seconds": a sliver once took over 60 s on Learned filters
SWEEP_S = (
    20.0  # a page's first picture also runs its model; on a loaded 2-core runner that alone takes seconds
)


def _png(image: Image.Image, **kwargs) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=kwargs.pop("format", "PNG"), **kwargs)
    return buffer.getvalue()


def _header_only_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )


def awkward_files(folder: Path) -> list[Path]:
    """The files a class uploads on its first day, written to `folder`."""
    sliver = Image.new("L", (4000, 2), 0)
    huge = Image.new("P", (6000, 6000), 0)
    huge.putpalette([30, 30, 30] + [255] * 765)
    noise = _png(Image.effect_noise((300, 300), 60).convert("RGB"))
    frames = [Image.new("RGB", (64, 64), c) for c in ((0, 0, 0), (255, 255, 255), (255, 0, 0))]
    animated = io.BytesIO()
    frames[0].save(animated, format="GIF", save_all=True, append_images=frames[1:], duration=50, loop=0)
    ramp = np.linspace(0, 65535, 200 * 300).reshape(200, 300).astype(np.uint16)
    photo = Image.new("RGB", (900, 600), (240, 240, 240))
    photo.paste((20, 20, 20), (400, 100, 500, 500))
    turned, odd = Image.Exif(), Image.Exif()
    turned[0x0112], odd[0x0112] = 6, 99
    files = {
        "sliver-4000x2.png": _png(sliver),
        "sliver-2x4000.png": _png(sliver.transpose(Image.Transpose.ROTATE_90)),
        "dot-1x1.png": _png(Image.new("RGB", (1, 1), (0, 0, 0))),
        "huge-6000x6000.png": _png(huge),
        "bomb-60000x60000.png": _header_only_png(60_000, 60_000),
        "truncated.png": noise[: len(noise) // 2],
        "notes.png": b"my lecture notes, renamed .png\n",
        "animated.gif": animated.getvalue(),
        "16-bit.png": _png(Image.fromarray(ramp)),
        "cmyk.jpg": _png(photo.convert("CMYK"), format="JPEG"),
        "exif-rotated.jpg": _png(photo, format="JPEG", exif=turned.tobytes()),
        "exif-99.jpg": _png(photo, format="JPEG", exif=odd.tobytes()),
    }
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def upload(visit, uploader_key: str, path: Path, limit_s: float = SETTLE_S) -> float:
    """Upload `path` and wait until the page has settled; the seconds it took."""
    field = visit.key(uploader_key).locator("input[type=file]")
    start = time.monotonic()
    visit.rerun(lambda: field.set_input_files(str(path)), timeout=limit_s * 1000)
    return time.monotonic() - start


def test_a_sliver_on_learned_filters_is_answered_within_seconds(visit, tmp_path):
    page = visit.open("learned_filters")
    visit.rerun(lambda: visit.key("learned_filters-digit").get_by_text("Upload or camera").click())
    expect(visit.key("learned_filters-upload").locator("xpath=..")).to_contain_text(limits_words())
    sliver = tmp_path / "sliver.png"
    sliver.write_bytes(_png(Image.new("L", (4000, 2), 0)))
    seconds = upload(visit, "learned_filters-upload", sliver)
    assert seconds < SETTLE_S, f"the sliver took {seconds:.1f} s"
    expect(page.get_by_text(re.compile(r"sliver.png: .*it is very long and thin"))).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile("The network says")).or_(
            page.get_by_text("There is no ink")
        )
    ).to_be_visible()


def _pick(visit, radio_key: str, option: str):
    return lambda: visit.rerun(lambda: visit.key(radio_key).get_by_text(option, exact=True).click())


def _open_expander(visit, title: str):
    return lambda: visit.rerun(lambda: visit.page.get_by_text(title).click())


# page, steps to reach its uploader, the uploader's key, what the page shows once it has a picture
UPLOADERS = {
    "learned_filters": (
        [lambda v: _pick(v, "learned_filters-digit", "Upload or camera")],
        "learned_filters-upload",
        r"The network says|There is no ink",
    ),
    "filters_pooling": (
        [
            lambda v: _pick(v, "filters_pooling-input", "A picture"),
            lambda v: _pick(v, "filters_pooling-source", "Upload"),
        ],
        "filters_pooling-upload",
        r"^Input ·",
    ),
    "imagenet_cnn": (
        [lambda v: _pick(v, "imagenet_cnn-source", "Upload")],
        "imagenet_cnn-upload",
        r"It sees:",
    ),
    "gradcam": ([lambda v: _pick(v, "gradcam-source", "Upload")], "gradcam-upload", r"Bright means"),
    "latent_space": (
        [
            lambda v: _open_expander(v, "Your own digit"),
            lambda v: _pick(v, "latent_space-own-source", "Upload"),
        ],
        "latent_space-own-upload",
        r"^your digit$|cannot be used",
    ),
    "captioning": (
        [lambda v: _pick(v, "captioning-source", "Upload")],
        "captioning-upload",
        r"What the model sees",
    ),
}


@pytest.mark.parametrize("page_name", list(UPLOADERS))
def test_every_awkward_file_is_answered_on_every_uploader(visit, tmp_path, page_name):
    steps, key, answer = UPLOADERS[page_name]
    page = visit.open(page_name)
    for step in steps:
        step(visit)()
    expect(page.get_by_text(limits_words())).to_be_visible()  # said before anyone tries
    for path in awkward_files(tmp_path):
        seconds = upload(visit, key, path, SWEEP_S)
        assert seconds < SWEEP_S, f"{path.name} on {page_name} took {seconds:.1f} s"
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        refused = page.locator('[data-testid="stAlert"]').filter(has_text=path.name)
        expect(page.get_by_text(re.compile(answer)).first.or_(refused)).to_be_visible()
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert not re.search(r"\bnan\b|\binf\b|Traceback", text), f"{path.name} on {page_name}"
