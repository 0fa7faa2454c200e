"""AppTest of the BPTT page: the radius flips vanishing to exploding, truncation zeroes early steps."""
from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from pages.widgets.links import written

PAGE = str(ROOT / "pages/bptt.py")


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_radius_activation_clipping_and_truncation():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    at.radio(key="bptt-activation").set_value("ReLU + identity init").run()
    assert not at.slider and len(at.metric) == 4           # only the numbers and charts reran, not the controls
    at.run()
    at.slider(key="bptt-radius").set_value(0.7).run()
    assert any("vanishing" in m.value for m in at.markdown)
    at.run()
    at.slider(key="bptt-radius").set_value(1.3).run()
    assert any("exploding" in m.value for m in at.markdown)
    exploded = float(_metric(at, "||dL/dh_1|| (first step)"))
    at.run()
    at.toggle(key="bptt-clip-on").set_value(True).run()      # the whole page: it enables the clip slider
    assert float(_metric(at, "||dL/dh_1|| (first step)")) <= 1.0 < exploded
    at.toggle(key="bptt-truncate").set_value(True).run()
    at.slider(key="bptt-chunk").set_value(10).run()
    assert not at.exception
    assert _metric(at, "Steps that receive gradient") == "10 of 40"
    assert _metric(at, "||dL/dh_1|| (first step)") == "0"


def test_a_setting_changed_outside_the_part_reaches_the_link():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert [written(el) for el in at.get("bidi_component") if written(el) is not None] == []  # a full run: the router writes
    at.slider(key="bptt-radius").set_value(0.7).run()         # reruns only the part, which writes the link
    links = [written(el) for el in at.get("bidi_component") if written(el) is not None]
    assert not at.slider and len(links) == 1
    assert links[0]["bptt-radius"] == 0.7 and "bptt-length" in links[0]   # the whole page's settings
