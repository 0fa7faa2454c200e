"""AppTest of the Grad-CAM page: top classes and their maps follow the controls."""

import pytest
from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/gradcam.py")

pytestmark = pytest.mark.slow  # loads the pretrained ImageNet model


def _pictures(at) -> list[str]:
    return [caption for el in at.get("image") for caption in el.captions]


def _urls(at) -> list[str]:
    return [i.url for el in at.get("image") for i in el.proto.imgs]


def test_gradcam_page_shows_a_map_per_top_class_and_follows_the_controls():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    captions = _pictures(at)
    assert len(captions) == 1 + 3 and "cat" in " ".join(captions[1:]).lower()
    at.slider(key="gradcam-k").set_value(5).run()
    assert not at.exception and len(_pictures(at)) == 1 + 5
    assert not at.slider and len(page_charts(at)) == 1  # only the maps and the bars reran
    at.run()
    before = _urls(at)
    at.slider(key="gradcam-opacity").set_value(0.9).run()
    assert not at.exception and len(_pictures(at)) == 1 + 5 and not page_charts(at)  # only the maps reran
    assert _urls(at)[0] == before[0] and _urls(at)[1:] != before[1:]  # the photo stays, the blends change
    at.run()
    at.radio(key="gradcam-layer").set_value("blocks.10").run()
    assert not at.exception and not at.radio and len(_pictures(at)) == 1 + 5
    at.run()
    at.toggle(key="gradcam-numbers").set_value(True).run()
    assert not at.exception and not at.toggle  # only the bars and the numbers reran
    grid = [c for c in page_charts(at) if "gradcam-grid" in c.id]
    assert grid and '"z"' in grid[0].spec
    at.run()
    at.selectbox(key="gradcam-sample").set_value("Coffee").run()
    assert not at.exception and "cat" not in " ".join(_pictures(at)[1:2]).lower()


def test_upload_without_a_file_says_what_to_do():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key="gradcam-source").set_value("Upload").run()
    assert not at.exception
    assert any(
        "choose a file" in c.value.lower() or "sample photo" in c.value.lower()
        for c in [*at.caption, *at.info]
    )
    at.slider(key="gradcam-k").set_value(5).run()  # no photo: the whole page, not the last photo's maps
    assert (
        not at.exception and not at.get("image") and any("sample photo" in i.value.lower() for i in at.info)
    )
