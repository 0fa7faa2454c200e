"""Every page has a guided tour, and every scene of it sets widgets the page really has."""

import pytest
from streamlit.testing.v1 import AppTest

from engine import tours
from pages.widgets.catalog import ROOT, available
from pages.widgets.links import as_setting

DEMOS = available()


def widget_keys(at: AppTest) -> dict[str, object]:
    """Every keyed widget the page drew, with its value."""
    found, stack = {}, [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        key = getattr(node, "key", None)
        if key is not None and hasattr(node, "value"):
            try:
                found[key] = node.value
            except Exception:  # noqa: BLE001 (buttons and uploaders have no plain value)
                found[key] = None
    return found


@pytest.mark.parametrize("demo", DEMOS, ids=[d.url_path for d in DEMOS])
def test_every_page_has_a_tour_of_scenes_in_the_lectures_words(demo):
    scenes = tours.load(demo.url_path)
    assert 3 <= len(scenes) <= 8, f"{demo.url_path}: {len(scenes)} scenes"
    for scene in scenes:
        assert scene.title and 60 <= len(scene.narration) <= 700, scene.title
        assert scene.settings, f"{demo.url_path} · {scene.title}: a scene sets at least one control"


@pytest.mark.parametrize("demo", DEMOS, ids=[d.url_path for d in DEMOS])
def test_each_scene_sets_controls_the_page_has(demo):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(demo.path).run()
    assert not at.exception
    for number, scene in enumerate(tours.load(demo.url_path), start=1):
        for key, value in scene.settings.items():
            at.session_state[key] = as_setting(value)
        at.run()
        assert not at.exception, f"scene {number}: {at.exception}"
        drawn = widget_keys(at)
        for key, value in scene.settings.items():
            assert key in drawn, f"scene {number} sets {key!r}, which the page does not draw"
            assert at.session_state[key] == as_setting(value), f"scene {number}: {key}"


def test_a_malformed_tour_names_the_problem():
    with pytest.raises(ValueError, match="scene 1"):
        tours.parse('[[scene]]\ntitle = "no narration"\n')
    with pytest.raises(ValueError, match="bad.toml"):
        tours.parse("[[scene]\n", source="bad.toml")
