"""pages.widgets.plotly_view in AppTest: a chart keeps its identity when its figure changes, carries the
app's theme and its config, and falls back to its place on the page for an identity when it has no key."""
import json

from streamlit.testing.v1 import AppTest

from tests.apptest.charts import charts

APP = '''
import plotly.graph_objects as go
import streamlit as st
from pages.widgets import plotly_view

n = st.slider("points", 1, 9, 3, key="n")
plotly_view.show(st, go.Figure(go.Scatter(y=list(range(n)))), {"displayModeBar": False}, key="curve")
plotly_view.show(st.columns(2)[1], go.Figure(go.Bar(y=[n])), {}, height=200)
'''


def test_a_chart_keeps_its_identity_when_its_figure_changes():
    at = AppTest.from_string(APP).run()
    first = charts(at)
    at.slider(key="n").set_value(7).run()
    second = charts(at)
    assert not at.exception and [c.id for c in first] == [c.id for c in second]
    assert first[0].id.endswith("-curve") and first[1].id.endswith("-8-0")  # keyed, and by its line
    assert first[0].figure["data"][0]["y"] == [0, 1, 2] and second[0].figure["data"][0]["y"] == list(range(7))


def test_the_figure_carries_the_theme_and_its_config():
    at = AppTest.from_string(APP).run()
    element = next(el for el in at.get("bidi_component") if el.proto.id.endswith("-curve"))
    payload = json.loads(element.proto.json)
    assert payload["config"] == {"displayModeBar": False}
    layout = json.loads(payload["figure"])["layout"]
    assert layout["template"]["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"   # the page shows through
    bar = next(c for c in charts(at) if "-plot-" in c.id).figure
    assert bar["layout"]["height"] == 200


def test_a_chart_lands_in_the_column_it_was_given():
    at = AppTest.from_string(APP).run()
    left, right = at.columns
    assert not left.get("bidi_component") and len(right.get("bidi_component")) == 1


def test_without_a_served_plotly_js_charts_fall_back_to_streamlits_own(monkeypatch):
    from pages.widgets import plotly_view
    monkeypatch.setattr(plotly_view, "PUBLISHED", False)
    at = AppTest.from_string(APP).run()
    assert not at.exception and not at.get("bidi_component")
    specs = [json.loads(c.spec) for c in charts(at)]
    assert len(specs) == 2 and specs[1]["layout"]["height"] == 200
    assert specs[0]["data"][0]["y"] == [0, 1, 2]


def test_publishing_plotly_js_writes_the_packages_own_file(tmp_path):
    from pages.widgets import plotly_view
    assert plotly_view.publish_library(tmp_path / "static")
    assert (tmp_path / "static" / "plotly.min.js").read_bytes() == plotly_view.LIBRARY.read_bytes()
    (tmp_path / "locked").write_text("a file where the folder should be")
    assert not plotly_view.publish_library(tmp_path / "locked")           # a clear log line, no crash
