"""Safe inputs: every format and mode decodes; every bad file is refused in plain words."""
import io
import re
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from engine.safe_inputs import (InputError, clean_text, load_image, load_text, resize_square,
                                safe_label)


def encode(image: Image.Image, fmt: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size: a decompression bomb's calling card."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


RED = Image.new("RGB", (40, 30), (255, 0, 0))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "WEBP"])
def test_every_supported_format_decodes(fmt):
    image = load_image(encode(RED, fmt))
    assert image.rgb.shape == (30, 40, 3) and image.rgb.dtype == np.uint8
    assert not image.notes, "nothing was done to this picture, so there is nothing to say"
    assert image.rgb[..., 0].mean() > 200 and image.rgb[..., 2].mean() < 60


def test_gif_uses_the_first_frame():
    frames = [Image.new("RGB", (10, 10), c) for c in ((0, 0, 255), (255, 255, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    image = load_image(buffer.getvalue())
    assert image.rgb[..., 2].mean() > 200 and image.rgb[..., 0].mean() < 60
    assert any("first one" in n for n in image.notes)


def test_exif_orientation_is_applied():
    wide = Image.new("RGB", (60, 20), (0, 128, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when shown
    image = load_image(encode(wide, "JPEG", exif=exif.tobytes()))
    assert image.rgb.shape[:2] == (60, 20)
    assert any("rotated" in n for n in image.notes)


@pytest.mark.parametrize("mode,fmt", [("RGBA", "PNG"), ("LA", "PNG"), ("CMYK", "JPEG"), ("P", "PNG"),
                                      ("L", "PNG"), ("1", "BMP"), ("I;16", "PNG")])
def test_every_mode_becomes_rgb(mode, fmt):
    base = Image.linear_gradient("L").resize((32, 32))
    image = base.convert(mode) if mode != "I;16" else Image.fromarray(
        (np.asarray(base, np.uint16) * 257).astype(np.uint16))
    loaded = load_image(encode(image, fmt))
    assert loaded.rgb.shape == (32, 32, 3) and loaded.rgb.dtype == np.uint8
    if mode == "I;16":  # 16-bit is rescaled, not clipped to white
        assert loaded.rgb.min() == 0 and loaded.rgb.max() == 255


def test_transparency_is_laid_over_white():
    clear = Image.new("RGBA", (8, 8), (255, 0, 0, 0))
    assert (load_image(encode(clear, "PNG")).rgb == 255).all()


def test_one_pixel_and_extreme_aspect_images():
    dot = load_image(encode(Image.new("RGB", (1, 1), (9, 9, 9)), "PNG"))
    assert dot.rgb.shape == (1, 1, 3)
    assert resize_square(dot.rgb, 28).shape == (28, 28, 3)
    line = load_image(encode(Image.new("RGB", (3000, 2), (0, 0, 0)), "PNG"))
    h, w = line.rgb.shape[:2]
    assert max(h, w) <= 512 and max(h, w) / min(h, w) <= 20.5 and line.notes


def test_large_photo_is_scaled_to_working_size():
    image = load_image(encode(Image.new("RGB", (2000, 1000)), "JPEG"), working_size=512)
    assert image.rgb.shape == (256, 512, 3) and image.original_size == (2000, 1000)


def test_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(InputError, match="too large"):
        load_image(png_header_only(60_000, 60_000))


def test_byte_cap():
    with pytest.raises(InputError, match="limit"):
        load_image(encode(RED, "PNG"), max_bytes=10)


@pytest.mark.parametrize("data,words", [
    (b"", "empty"),
    (b"this is not an image at all", "not a picture"),
    (b"%PDF-1.4 fake", "not a picture"),
])
def test_junk_is_refused_in_plain_words(data, words):
    with pytest.raises(InputError, match=words):
        load_image(data)


def test_truncated_file_is_refused():
    data = encode(Image.effect_noise((200, 200), 50).convert("RGB"), "PNG")
    with pytest.raises(InputError, match="damaged"):
        load_image(data[: len(data) // 2])


def test_unsupported_format_is_refused():
    with pytest.raises(InputError):
        load_image(encode(RED, "TIFF"))


def test_text_decoding_and_cleaning():
    assert load_text("héllo\r\nwörld".encode("utf-16")) == "héllo\nwörld"
    assert load_text("café".encode("latin-1")) == "café"
    assert load_text("e\u0301\x07 ok".encode()) == "é ok"  # NFC, control char dropped
    with pytest.raises(InputError, match="binary"):
        load_text(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="limit"):
        load_text(b"a" * 100, max_bytes=10)
    assert clean_text("a\tb\nc\x1bd") == "a\tb\ncd"


def test_file_names_are_never_markup():
    label = safe_label("<img src=x onerror=alert(1)>[click](javascript:alert(1))**bold**.png")
    assert re.search(r"(?<!\\)[<>\[\]()*]", label) is None, f"unescaped markup in {label!r}"
    assert safe_label("\x00\n") == "your file"
    assert len(safe_label("a" * 500)) <= 60
