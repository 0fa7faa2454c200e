"""AppTest of Show, Attend and Tell: a scene is captioned with one attention map per word."""

import re

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

PAGE = str(ROOT / "pages/captioning.py")


def _map_captions(at) -> list[str]:
    """The words under the strip of attention maps, each with its probability."""
    strip = next(c for el in at.get("image") for c in el.captions if c.startswith("Each map"))
    return re.findall(r"(\S+) \((\d\.\d\d)\)", strip)


def test_a_generated_scene_is_captioned_word_by_word_with_maps():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    caption = at.subheader[0].value
    words = caption.strip("“”").split()
    assert words[0] == "a" and len(words) in (3, 7, 8)
    assert len(_map_captions(at)) == len(words) + 1  # every word and <end>
    assert any("exactly right" in c.value or "right caption" in c.value for c in at.caption)
    at.slider(key="captioning-scene").set_value(123).run()
    assert not at.exception and at.subheader[0].value != caption and not at.radio  # only the two parts reran
    assert len(_map_captions(at)) == len(at.subheader[0].value.split()) + 1
    at.select_slider(key="captioning-word").set_value(2).run()
    assert not at.exception and any("α for word 3" in c for el in at.get("image") for c in el.captions)


def test_sampled_captions_and_other_sources_do_not_break():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key="captioning-decoding").set_value("Sampled").run()
    at.slider(key="captioning-temperature").set_value(3.0).run()
    assert not at.exception and at.subheader and not at.radio  # only the caption and the maps reran
    at.run()
    at.radio(key="captioning-source").set_value("Draw").run()
    assert not at.exception
    at.radio(key="captioning-source").set_value("Upload").run()
    assert not at.exception and any("scene to caption" in i.value for i in at.info)
