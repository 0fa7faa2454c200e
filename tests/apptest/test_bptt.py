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
    assert not at.slider and len(at.metric) == 4  # only the numbers and charts reran, not the controls
    at.run()
    at.slider(key="bptt-radius").set_value(0.7).run()
    assert any("vanishing" in m.value for m in at.markdown)
    at.run()
    at.slider(key="bptt-radius").set_value(1.3).run()
    assert any("exploding" in m.value for m in at.markdown)
    exploded = float(_metric(at, "||dL/dh_1|| (first step)"))
    at.run()
    at.toggle(key="bptt-clip-on").set_value(True).run()  # the whole page: it enables the clip slider
    assert float(_metric(at, "||dL/dh_1|| (first step)")) <= 1.0 < exploded
    at.toggle(key="bptt-truncate").set_value(True).run()
    at.slider(key="bptt-chunk").set_value(10).run()
    assert not at.exception
    assert _metric(at, "Steps that receive gradient") == "10 of 40"
    assert _metric(at, "||dL/dh_1|| (first step)") == "0"


def test_a_setting_changed_outside_the_part_reaches_the_link():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert [
        written(el) for el in at.get("bidi_component") if written(el) is not None
    ] == []  # a full run: the router writes
    at.slider(key="bptt-radius").set_value(0.7).run()  # reruns only the part, which writes the link
    links = [written(el) for el in at.get("bidi_component") if written(el) is not None]
    assert not at.slider and len(links) == 1
    assert links[0]["bptt-radius"] == 0.7 and "bptt-length" in links[0]  # the whole page's settings


def _shown(at) -> str:
    return " ".join(
        [*(m.value for m in at.metric), *(m.value for m in at.markdown), *(c.value for c in at.caption)]
    )


def test_overflow_is_said_and_drawn_never_inf_or_nan():
    """Issue 18: ReLU + identity, radius 1.5, T = 200 showed Loss inf, ||dL/dh_1|| nan, a half sentence."""
    import re

    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["bptt-activation"] = "ReLU + identity init"
    at.session_state["bptt-radius"] = 1.5
    at.session_state["bptt-length"] = 200
    at.run()
    assert not at.exception
    shown = _shown(at)
    assert not re.search(r"\b(inf|nan)\b", shown, re.IGNORECASE), shown
    assert "float32's largest number" in shown and "at step t = 179" in shown
    assert _metric(at, "Steps that receive gradient") == "200 of 200"
    at.slider(key="bptt-radius").set_value(1.3).run()
    at.run()  # the controls again (a part reran)
    at.slider(key="bptt-length").set_value(100).run()
    assert "exploding: ×1.30 per step back" in _shown(at)
    at.run()
    at.slider(key="bptt-radius").set_value(1.0).run()
    shown = _shown(at)
    assert "stable" not in shown and "exactly 0" in shown and _metric(at, "||dL/dh_1|| (first step)") == "0"
    assert _metric(at, "Steps that receive gradient") == "97 of 100"  # as many as the chart's bars


def test_truncation_is_said_to_save_the_backward_pass_not_the_forward():
    """Issue 18: 'truncated BPTT costs O(k) instead of O(T) memory and time':
    the forward pass still covers T."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    words = " ".join(m.value for m in at.markdown)
    assert "memory and time" not in words
    assert "The forward pass still covers all $T$ steps" in words
    assert "carries hidden states forward in time forever, but only backpropagates" in words
