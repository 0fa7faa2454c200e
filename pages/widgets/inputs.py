"""Where a page gets a picture, a text or a CSV from: sample photos, upload, camera, drawing pad.

All of it goes through engine.safe_inputs, so every page refuses the same bad files with the
same clear words. Uploaded things stay in the user's own session.
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from engine import ink as pad
from engine import scenes, toy2d
from engine.safe_inputs import (
    ALLOWED_FORMATS,
    MAX_TEXT_BYTES,
    MAX_UPLOAD_BYTES,
    InputError,
    LoadedImage,
    limits_words,
    load_image,
    load_text,
    safe_label,
)
from engine.samples import SAMPLE_PHOTOS, sample_photo
from pages.widgets.chrome import show_error

IMAGE_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp"]
SHAPE_TOOLS = {
    "● circle": "circle",
    "■ square": "rect",
    "▲ triangle (click 3 corners, then the first again)": "polygon",
    "✎ pen": "freedraw",
}
SOURCES = {"sample": "Sample photo", "upload": "Upload", "camera": "Camera", "draw": "Draw"}
assert set(t.upper().replace("JPG", "JPEG") for t in IMAGE_TYPES) <= set(ALLOWED_FORMATS)


def image_input(
    key: str,
    sources: tuple[str, ...] = ("sample", "upload", "camera", "draw"),
    default_sample: str = "Temple (China)",
    label: str = "Picture",
) -> LoadedImage | None:
    """A source picker and the chosen picture, decoded safely; None (with a message) if unusable."""
    names = [SOURCES[s] for s in sources]
    choice = st.radio(label, names, horizontal=True, key=f"{key}-source")
    source = next(s for s in sources if SOURCES[s] == choice)
    if source == "sample":
        photos = list(SAMPLE_PHOTOS)
        name = st.selectbox(
            "Sample photo",
            photos,
            index=photos.index(default_sample),
            key=f"{key}-sample",
            format_func=lambda n: f"{n}: {SAMPLE_PHOTOS[n][2]}",
        )
        return sample_photo(name)
    if source == "draw":
        ink = drawing_pad(key)
        if ink is None:
            return None
        rgb = np.repeat(((1.0 - ink) * 255).astype(np.uint8)[:, :, None], 3, axis=2)
        return LoadedImage(rgb=rgb, original_size=ink.shape[::-1], source_format="drawing")
    if source == "camera":
        shot = st.camera_input("Take a picture", key=f"{key}-camera")
        return _decode(shot.getvalue(), "your photo") if shot is not None else None
    upload = picture_uploader(key)
    return None if upload is None else _decode(upload.getvalue(), upload.name)


def picture_uploader(key: str):
    """The one picture uploader, its limits said under it before anyone tries; the file, or None."""
    upload = st.file_uploader(
        "Upload a picture",
        type=IMAGE_TYPES,
        key=f"{key}-upload",
        max_upload_size=max(1, -(-MAX_UPLOAD_BYTES // (1024 * 1024))),
    )
    st.caption(limits_words())
    return upload


def _decode(data: bytes, name: str) -> LoadedImage | None:
    try:
        image = load_image(data)
    except InputError as error:
        show_error(f"{safe_label(name)}: {error}")
        return None
    if image.notes:
        st.caption(f"{safe_label(name)}: " + "; ".join(image.notes) + ".")
    return image


def drawing_pad(key: str, size: int = 280, stroke: int = 22) -> np.ndarray | None:
    """A square canvas to draw on with the mouse or a finger: ink as (size, size) floats in [0, 1]."""
    try:
        from streamlit_drawable_canvas import st_canvas  # only importable under `streamlit run`
    except Exception:
        st.info("The drawing pad is not available here; pick another source.")
        return None
    result = st_canvas(
        stroke_width=stroke,
        stroke_color="#000000",
        background_color="#FFFFFF",
        height=size,
        width=size,
        drawing_mode="freedraw",
        key=f"{key}-canvas",
        update_streamlit=True,
        return_image_data=True,
    )
    if result.image_data is None:
        return None
    ink = pad.ink(result.image_data)  # (size, size): dark = ink (the canvas paints its white background in)
    if ink.max() <= 0.0:
        st.caption("Draw something in the box above.")
        return None
    return ink


def text_input_file(key: str, label: str = "…or upload a .txt file") -> str | None:
    """An uploaded text file decoded safely (size capped, any encoding); None if absent or refused."""
    upload = st.file_uploader(
        label, type=["txt"], key=f"{key}-text", max_upload_size=max(1, MAX_TEXT_BYTES // (1024 * 1024))
    )
    if upload is None:
        return None
    try:
        return load_text(upload.getvalue())
    except InputError as error:
        show_error(f"{safe_label(upload.name)}: {error}")
        return None


def points_csv_input(key: str) -> tuple[toy2d.Toy2D | None, str]:
    """2-D points with labels from an uploaded CSV, and a digest that names them;
    None with a message if unusable."""
    upload = st.file_uploader(
        "CSV with columns x1, x2, label", type=["csv", "txt"], key=f"{key}-upload", max_upload_size=1
    )
    if upload is None:
        st.caption(
            f"Two numbers and a label per row; a header line is fine. Up to {toy2d.MAX_CSV_ROWS:,} points "
            f"({toy2d.MAX_CSV_BYTES // 1000} KB)."
        )
        return None, ""
    try:
        data, notes = toy2d.parse_csv(upload.getvalue())
    except InputError as error:
        show_error(f"{safe_label(upload.name)}: {error}")
        return None, ""
    st.caption(f"{safe_label(upload.name)}: " + "; ".join(safe_label(n, 200) for n in notes) + ".")
    return data, hashlib.sha1(upload.getvalue()).hexdigest()


def scene_drawing(key: str) -> np.ndarray | None:
    """Coloured shapes drawn on a 200 x 200 pad, as the captioner's 32 x 32 scene; None until drawn."""
    try:
        from streamlit_drawable_canvas import st_canvas  # only importable under `streamlit run`
    except Exception:
        st.info("The drawing pad is not available here; pick another source.")
        return None
    color = st.radio("Colour", list(scenes.COLORS), horizontal=True, key=f"{key}-color")
    tool = st.radio("Tool", list(SHAPE_TOOLS), horizontal=True, key=f"{key}-tool")
    hex_color = "#%02x%02x%02x" % scenes.COLORS[color]
    mode = SHAPE_TOOLS[tool]
    result = st_canvas(
        fill_color=hex_color,
        stroke_color=hex_color,
        stroke_width=8 if mode == "freedraw" else 1,
        background_color="#FFFFFF",
        height=200,
        width=200,
        drawing_mode=mode,
        key=f"{key}-canvas",
        return_image_data=True,
    )
    st.caption("Draw one or two filled shapes, side by side or one above the other.")
    if result.image_data is None or not (result.json_data or {}).get("objects"):
        return None
    return scenes.from_picture(pad.over_white(result.image_data))


def scene_upload(key: str) -> np.ndarray | None:
    """An uploaded picture as the captioner's 32 x 32 scene; None (with a message if refused) otherwise."""
    upload = picture_uploader(key)
    st.caption("The model has only ever seen coloured shapes on white: a photo gets a caption about shapes.")
    loaded = None if upload is None else _decode(upload.getvalue(), upload.name)
    return None if loaded is None else scenes.from_picture(loaded.rgb)


def ink_grid(key: str, start: np.ndarray) -> np.ndarray:
    """A grid of tick boxes to draw a small picture: ticked +1 (ink), unticked -1 (background), as floats."""
    st.caption("Tick a cell for +1 (ink), untick for -1 (background).")
    import pandas as pd

    columns = [str(c) for c in range(start.shape[1])]
    grid = st.data_editor(
        pd.DataFrame(start > 0, columns=columns),
        key=key,
        hide_index=True,
        width="content",
        column_config={c: st.column_config.CheckboxColumn(c, width=34) for c in columns},
    )
    return np.where(grid.to_numpy(dtype=bool), 1.0, -1.0).astype(np.float32)
