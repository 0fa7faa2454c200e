"""Everything a user hands us (images, text files, file names) passes through here first.

Each failure raises `InputError` whose message is written for a student, never a traceback.
Decompression bombs are refused from the header, before a single pixel is decoded.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFile, UnidentifiedImageError

MAX_UPLOAD_BYTES = int(float(os.environ.get("LAYERLAB_MAX_UPLOAD_MB", "10")) * 1024 * 1024)
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is fine; a 50000x50000 bomb is not
WORKING_SIZE = 512  # longest side the demos work at
MAX_ASPECT = 20.0  # wider than this is padded so every demo gets a usable picture
ALLOWED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "GIF": "GIF", "BMP": "BMP", "WEBP": "WebP"}
MAX_TEXT_BYTES = 1_000_000
OPEN_FORMATS = ["PNG", "JPEG", "GIF", "BMP", "WEBP"]  # the JPEG opener also reads phones' MPO files


class InputError(ValueError):
    """A problem with the user's input, explained in words a student understands."""


@dataclass(frozen=True)
class LoadedImage:
    """A decoded picture: `rgb` (H, W, 3) uint8 at working size, plus where it came from."""

    rgb: np.ndarray  # (H, W, 3) uint8
    original_size: tuple[int, int]  # (width, height) before downscaling
    source_format: str
    notes: tuple[str, ...] = ()  # what was done to it, e.g. "rotated as the camera intended"

    @property
    def gray(self) -> np.ndarray:
        """(H, W) float32 in [0, 1], ITU-R 601 luma."""
        return (self.rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)) / 255.0


def _human_bytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def limits_words(max_bytes: int = MAX_UPLOAD_BYTES, max_pixels: int = MAX_PIXELS) -> str:
    """The upload limits in a student's words, to say under every picture uploader before anyone tries."""
    return (
        f"PNG, JPEG, GIF, BMP or WebP, up to {_human_bytes(max_bytes)} and {max_pixels / 1e6:g} megapixels; "
        f"LayerLab works on it at {WORKING_SIZE} pixels or less on its longest side."
    )


ORIENTATIONS = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT, "mirrored as the camera intended"),
    3: (Image.Transpose.ROTATE_180, "rotated as the camera intended"),
    4: (Image.Transpose.FLIP_TOP_BOTTOM, "mirrored as the camera intended"),
    5: (Image.Transpose.TRANSPOSE, "rotated and mirrored as the camera intended"),
    6: (Image.Transpose.ROTATE_270, "rotated as the camera intended"),
    7: (Image.Transpose.TRANSVERSE, "rotated and mirrored as the camera intended"),
    8: (Image.Transpose.ROTATE_90, "rotated as the camera intended"),
}  # EXIF 1 = upright
DAMAGED = "This picture file is damaged or incomplete, so it cannot be opened."


def load_image(
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_pixels: int = MAX_PIXELS,
    working_size: int = WORKING_SIZE,
) -> LoadedImage:
    """Decode an uploaded image safely into RGB at most `working_size` on its longest side.

    The header is checked first (bytes, pixels), then the picture is decoded straight to about the
    working size where the format allows it (JPEG draft mode), shrunk in Pillow before any full-size
    array exists, and only then turned upright, made RGB and padded: a 40-megapixel photo or a
    40,000 x 1 sliver costs a fraction of a second and no more memory than its decoded pixels.
    """
    if not data:
        raise InputError("The file is empty. Please choose a picture file (PNG, JPEG, GIF, BMP or WebP).")
    if len(data) > max_bytes:
        raise InputError(
            f"This file is {_human_bytes(len(data))}; the limit is {_human_bytes(max_bytes)}. "
            "Please use a smaller picture."
        )
    image = _open(data)
    width, height = image.size
    if width < 1 or height < 1:
        raise InputError("This picture has no pixels.")
    if width * height > max_pixels:
        raise InputError(
            f"This picture is {width} x {height} pixels, too large to open safely "
            f"(the limit is {max_pixels / 1e6:g} million pixels)."
        )
    notes: list[str] = []
    fmt = ALLOWED_FORMATS[image.format]
    try:
        if getattr(image, "is_animated", False):
            notes.append("it has several frames; the first one is used")
            image.seek(0)
        image.draft("RGB", (working_size, working_size))  # JPEG: decode at 1/2, 1/4 or 1/8 size
        image.load()
        orientation = image.getexif().get(0x0112, 1)
        small, shrink_note = _shrink(image, working_size, (width, height))
        turn = ORIENTATIONS.get(orientation) if isinstance(orientation, int) else None
        if turn is not None:
            small = small.transpose(turn[0])
            notes.append(turn[1])
        rgb = _to_rgb(small)
    except MemoryError as exc:
        raise InputError("This picture is too large to open here. Please use a smaller picture.") from exc
    except Exception as exc:  # noqa: BLE001  any decoder failure on a user's file is a damaged file to them
        raise InputError(DAMAGED) from exc
    rgb, pad_note = _pad(rgb)
    notes += [n for n in (shrink_note, pad_note) if n]
    return LoadedImage(rgb=rgb, original_size=(width, height), source_format=fmt, notes=tuple(notes))


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise InputError(
                "This file is not a picture LayerLab can read. Please use PNG, JPEG, GIF, BMP or WebP."
            ) from exc
        raise InputError("This picture is too large to open safely.") from exc
    except Exception as exc:  # noqa: BLE001  a header no plugin can make sense of
        raise InputError(DAMAGED) from exc
    if image.format not in ALLOWED_FORMATS:
        raise InputError(f"{image.format} files are not supported. Please use PNG, JPEG, GIF, BMP or WebP.")
    return image


_RESIZABLE = {
    "1": "L",
    "P": None,
    "PA": "RGBA",
    "LA": "RGBA",
    "La": "RGBA",
    "RGBa": "RGBA",
    "RGBX": "RGB",
    "CMYK": "RGB",
    "YCbCr": "RGB",
    "LAB": "RGB",
    "HSV": "RGB",
    "I;16": "I",
    "I;16B": "I",
    "I;16L": "I",
    "I;16N": "I",
}  # modes Pillow cannot resample smoothly -> one it can


def _shrink(image: Image.Image, working_size: int, original: tuple[int, int]) -> tuple[Image.Image, str]:
    """The picture in a mode Pillow resamples (L, RGB, RGBA, I, F), at most `working_size`
    on its longest side."""
    if image.mode in _RESIZABLE:
        target = _RESIZABLE[image.mode] or ("RGBA" if "transparency" in image.info else "RGB")
        image = image.convert(target)
    w, h = image.size
    if max(w, h) <= working_size:
        return image, ""
    scale = working_size / max(w, h)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    factor = int(1 / scale / 3)  # box-reduce by a whole factor first (fast), then resample smoothly
    if factor >= 2:
        image = _reduce_in_strips(image, factor)
    image = image.resize(size, Image.Resampling.LANCZOS)
    return image, f"scaled down from {original[0]} x {original[1]} to {size[0]} x {size[1]} pixels"


def _reduce_in_strips(image: Image.Image, factor: int, rows: int = 64) -> Image.Image:
    """`image.reduce(factor)` a band of rows at a time: Pillow reduces (and resizes) RGBA through a
    premultiplied full-size copy, +160 MB for a 6320 x 6320 PNG; a band costs a few MB."""
    w, h = image.size
    reduced = Image.new(image.mode, (-(-w // factor), -(-h // factor)))
    band = factor * rows
    for top in range(0, h, band):
        reduced.paste(image.crop((0, top, w, min(h, top + band))).reduce(factor), (0, top // factor))
    return reduced


def _to_rgb(image: Image.Image) -> np.ndarray:
    """Any mode -> (H, W, 3) uint8; transparency is laid over white, 16-bit is rescaled."""
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        lo, hi = float(values.min()), float(values.max())
        scaled = np.zeros_like(values) if hi <= lo else (values - lo) / (hi - lo) * 255.0
        gray = scaled.round().astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if mode == "P":
        image = image.convert("RGBA")
    elif mode == "PA":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()


def _pad(rgb: np.ndarray) -> tuple[np.ndarray, str]:
    """A picture longer than MAX_ASPECT times its width gets white borders, so every demo has
    rows and columns."""
    h, w = rgb.shape[:2]
    if max(h, w) / min(h, w) <= MAX_ASPECT:
        return rgb, ""
    short = int(np.ceil(max(h, w) / MAX_ASPECT))
    target = (max(h, short), max(w, short))
    canvas = np.full((*target, 3), 255, np.uint8)
    top, left = (target[0] - h) // 2, (target[1] - w) // 2
    canvas[top : top + h, left : left + w] = rgb
    return canvas, "it is very long and thin, so white borders were added"


def _fit(rgb: np.ndarray, working_size: int) -> tuple[np.ndarray, str]:
    """An (H, W, 3) uint8 array (a sample photo) shrunk to `working_size` and padded like an upload,
    with a note."""
    h, w = rgb.shape[:2]
    small, shrink_note = _shrink(Image.fromarray(rgb), working_size, (w, h))
    padded, pad_note = _pad(np.asarray(small, dtype=np.uint8))
    return padded, pad_note or shrink_note


def resize_square(rgb: np.ndarray, size: int) -> np.ndarray:
    """Centre-crop to a square and resize to (size, size, 3); works for 1-pixel images too."""
    h, w = rgb.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = rgb[top : top + side, left : left + side]
    return np.asarray(Image.fromarray(square).resize((size, size), Image.Resampling.BILINEAR))


def load_text(data: bytes, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Decode an uploaded text file (UTF-8, UTF-16 with BOM, or Latin-1), normalised and cleaned."""
    if len(data) > max_bytes:
        raise InputError(
            f"This text file is {_human_bytes(len(data))}; the limit is "
            f"{_human_bytes(max_bytes)}. Please use a shorter text."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if "\x00" in text[:4096]:
        raise InputError("This looks like a binary file, not text. Please upload a plain .txt file.")
    return clean_text(text)


_KEPT_FORMAT = "\n\t\u200c\u200d"  # newline, tab, zero-width non-joiner and joiner


def clean_text(text: str, *, max_chars: int = MAX_TEXT_BYTES) -> str:
    """NFC-normalise, unify line ends and drop control characters other than newline and tab.

    The joiners and tag characters that build one emoji out of several (👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿) are kept:
    dropping them would split one symbol into three. Direction overrides and the like still go."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(
        ch
        for ch in text
        if ch in _KEPT_FORMAT or 0xE0020 <= ord(ch) <= 0xE007F or unicodedata.category(ch)[0] != "C"
    )
    return text[:max_chars]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def safe_label(name: str | None, max_len: int = 60) -> str:
    """A user-given file name made safe to show inside Markdown: no HTML, no links, no control chars."""
    text = clean_text(name or "your file").replace("\n", " ").replace("\t", " ").strip() or "your file"
    if len(text) > max_len:
        text = text[: max_len - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file is an error the user should hear about
