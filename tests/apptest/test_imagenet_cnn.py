"""AppTest of the ImageNet CNN page: the temple is a building, the coffee an espresso; stages and counts."""

import pytest
from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

P = "imagenet_cnn"


@pytest.mark.slow
def test_top5_filters_and_feature_maps():
    at = AppTest.from_file(str(ROOT / f"pages/{P}.py"), default_timeout=120).run()
    assert not at.exception
    said = lambda: next(m.value for m in at.markdown if m.value.startswith("### "))  # noqa: E731
    assert "palace" in said()
    captions = lambda: [i.caption for e in at.get("image") for i in e.proto.imgs]  # noqa: E731
    assert sum("maps of" in c for c in captions()) == 3  # early, middle, late
    at.selectbox(key=f"{P}-sample").set_value("Coffee").run()
    assert not at.exception and "espresso" in said()
    at.multiselect(key=f"{P}-stages").set_value(["stem", "head"]).run()
    assert not at.exception and sum("maps of" in c for c in captions()) == 2
    assert not at.selectbox  # only the maps reran, not the controls
    at.run()
    at.select_slider(key=f"{P}-count").set_value(4).run()
    assert not at.exception and sum("maps of" in c for c in captions()) == 2
