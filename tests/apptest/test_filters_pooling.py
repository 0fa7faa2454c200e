"""AppTest of Filters & Pooling: the lecture's numbers on screen, settings change shapes and maps."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from engine import tours
from engine.conv import LECTURE_FILTERS
from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/filters_pooling.py")
P = "filters_pooling"


def maps(at) -> dict[str, np.ndarray]:
    """Every heatmap on the page by its title (values decoded from plotly's binary arrays)."""
    found = {}
    for chart in page_charts(at):
        spec = json.loads(chart.spec)
        z = spec["data"][0]["z"]
        if isinstance(z, dict):  # {"dtype", "bdata", "shape"}
            shape = [int(n) for n in z["shape"].split(",")]
            z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)
        found[spec["layout"]["title"]["text"]] = np.asarray(z, dtype=float)
    return found


def formulas(at) -> list[str]:
    """The output-size formulas, one per line of their KaTeX block."""
    block = at.latex[0].value.strip("$\n").removeprefix(r"\begin{gathered}").removesuffix(r"\end{gathered}")
    return [line.strip() for line in block.split(r"\\[4pt]")]


def captions(at) -> list[str]:
    return [img.caption for element in at.get("image") for img in element.proto.imgs]


def test_the_lecture_x_shows_the_slides_maps_and_formulas():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    shown = maps(at)
    first = shown["1. diagonal ╲: feature map · 7 x 7"]
    assert np.allclose(first[0, :3], [7 / 9, -1 / 9, 1 / 9], atol=1e-6)
    assert np.allclose(shown["1. max pool 2x2 · 4 x 4"][0], [1, 3 / 9, 5 / 9, 3 / 9], atol=1e-6)
    assert formulas(at)[0].endswith("= 7") and formulas(at)[1].endswith("= 4")
    assert at.latex[1].value.strip("$\n").endswith("= 0.77")  # the window's mean, cut as on the slide


def test_stride_padding_and_pooling_change_the_shapes():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.slider(key=f"{P}-stride").set_value(2).run()
    assert not at.exception and formulas(at)[0].endswith("= 4")
    assert not at.radio  # only the maps reran, not the controls
    for kind, key, value in (
        ("radio", "padding", "same"),
        ("slider", "stride", 1),
        ("radio", "pool", "average"),
        ("toggle", "ceil", False),
    ):
        at.run()  # the whole page again: the next control is drawn there
        getattr(at, kind)(key=f"{P}-{key}").set_value(value).run()
    assert not at.exception
    titles = list(maps(at))
    assert "1. diagonal ╲: feature map · 9 x 9" in titles and "1. average pool 2x2 · 4 x 4" in titles
    at.run()
    at.radio(key=f"{P}-padding").set_value("valid").run()
    at.run()
    at.slider(key=f"{P}-dilation").set_value(3).run()  # reaches 1 + 3 * 2 = 7 of 9: fits
    at.run()
    at.text_area(key=f"{P}-kernels").set_value("\n".join(["1 0 0 0 0 0 1"] * 7)).run()  # 19 > 9: does not
    assert not at.exception and "does not fit" in at.error[0].value


def test_editing_a_kernel_value_changes_the_map_and_nonsense_gets_a_message():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.multiselect(key=f"{P}-presets").set_value(["diagonal ╲"]).run()
    before = maps(at)["1. diagonal ╲: feature map · 7 x 7"]
    at.text_area(key=f"{P}-kernels").set_value("1 -1 -1\n-1 5 -1\n-1 -1 1").run()
    after = maps(at)["1. custom: feature map · 7 x 7"]
    assert not np.allclose(before, after)
    assert after[1, 1] == pytest.approx(before[1, 1] + 4 / 9)  # the centre weight went 1 -> 5
    at.run()
    at.text_area(key=f"{P}-kernels").set_value("1 2\n3 4").run()
    assert not at.exception and "3x3, 5x5 or 7x7" in at.error[0].value


def test_a_photo_gives_pictures_with_their_shapes():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key=f"{P}-input").set_value("picture").run()
    assert not at.exception
    assert captions(at)[:4] == [
        "Input · 342 x 512",
        "1. Sobel x: feature map · 340 x 510",
        "1. ReLU · 340 x 510",
        "1. max pool 2x2 · 170 x 255",
    ]
    at.radio(key=f"{P}-colour").set_value("per channel").run()
    at.selectbox(key=f"{P}-side").set_value("16").run()
    assert not at.exception
    assert "1. Sobel x: feature map · 9 x 14 x 3" in captions(at)


def test_the_sliding_window_walks_the_output_cells():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.slider(key=f"{P}-cell").set_value(8).run()  # row 1, column 1 of 7 x 7
    assert not at.exception and r"\text{cell }(1, 1)" in at.latex[1].value and "1.00" in at.latex[1].value
    at.toggle(key=f"{P}-play").set_value(True).run()
    assert not at.exception


def texts(at) -> dict[str, list[list[str]]]:
    """The numbers written in every heatmap, by title (None where a map shows none)."""
    return {
        json.loads(c.spec)["layout"]["title"]["text"]: json.loads(c.spec)["data"][0].get("text")
        for c in page_charts(at)
    }


def test_the_x_maps_print_the_slides_digits():
    """The page rounded 42 of 147 cells (0.78, -0.56); the slide cuts them (0.77, -0.55)."""
    from tests.test_conv import SLIDE_ANTI, SLIDE_CROSS, SLIDE_DIAGONAL, SLIDE_POOLED

    at = AppTest.from_file(PAGE, default_timeout=60).run()
    shown = texts(at)
    for i, (name, slide) in enumerate(
        (("diagonal ╲", SLIDE_DIAGONAL), ("cross ✕", SLIDE_CROSS), ("diagonal ╱", SLIDE_ANTI)), 1
    ):
        assert shown[f"{i}. {name}: feature map · 7 x 7"] == [line.split() for line in slide.splitlines()]
        assert shown[f"{i}. max pool 2x2 · 4 x 4"] == [
            line.split() for line in SLIDE_POOLED[i - 1].splitlines()
        ]
    assert any("cut (not rounded)" in c.value for c in at.caption)


def test_a_picture_brings_edge_filters_and_the_x_brings_its_own_back():
    """Choosing "A picture" kept the X's +-1 filters: a photo's ReLU and pool maps were nearly blank."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key=f"{P}-input").set_value("picture").run()
    assert not at.exception
    assert at.multiselect(key=f"{P}-presets").value == ["Sobel x"]
    assert at.text_area(key=f"{P}-kernels").value == "-1 0 1\n-2 0 2\n-1 0 1"
    assert captions(at)[1] == "1. Sobel x: feature map · 340 x 510"
    at.radio(key=f"{P}-input").set_value("o").run()  # back to a 9x9 picture
    assert at.multiselect(key=f"{P}-presets").value == list(LECTURE_FILTERS)
    assert "2. cross ✕: feature map · 7 x 7" in maps(at)
    at.multiselect(key=f"{P}-presets").set_value(["Gaussian"]).run()
    at.run()
    at.radio(key=f"{P}-input").set_value("x").run()  # O to X: the student's filters stay
    assert at.multiselect(key=f"{P}-presets").value == ["Gaussian"]


def test_the_tour_brings_the_lectures_filters_back_after_a_picture():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key=f"{P}-input").set_value("picture").run()
    for key, value in tours.load(P)[0].settings.items():  # what the tour bar's Next sets
        at.session_state[key] = value
    at.run()
    assert not at.exception
    assert "3. diagonal ╱: feature map · 7 x 7" in maps(at)
    assert at.text_area(key=f"{P}-kernels").value.startswith("1 -1 -1\n-1 1 -1\n-1 -1 1")


def test_a_ragged_kernel_is_told_to_be_square():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.text_area(key=f"{P}-kernels").set_value("1 2\n3").run()
    assert not at.exception and "must be square" in at.error[0].value


def test_shrunk_to_16_no_numbers_crowd_their_cells():
    """At 16 pixels the maps are 9 x 14: their numbers, written in 18 px cells, overlapped."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key=f"{P}-input").set_value("picture").run()
    at.selectbox(key=f"{P}-side").set_value("16").run()
    assert not at.exception
    written = 0
    for chart in page_charts(at):
        spec = json.loads(chart.spec)
        text, layout = spec["data"][0].get("text"), spec["layout"]
        if not text:
            continue
        title = layout["title"]["text"]
        share = 2 / 3.2 if title.startswith("Input") else 1 / 3 if " · " in title else 1 / 4  # of ~900 px
        cell = min(
            (layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]) / len(text),
            (900 * share - 24) / len(text[0]),
        )  # square cells: the tighter side
        font = spec["data"][0]["textfont"]["size"]
        widest = max(sum(0.55 if ch.isdigit() else 0.3 for ch in t) for row in text for t in row) * font
        assert widest + 2 <= cell, layout["title"]["text"]
        written += 1
    assert written >= 1  # the 11 x 16 input still shows its numbers
