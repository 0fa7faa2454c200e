"""pages.widgets.plotly_view in AppTest: a chart keeps its identity when its figure changes, carries the
app's theme and its config, and lands in the column it was given."""

import json

from streamlit.testing.v1 import AppTest

from tests.apptest.charts import charts

APP = """
import plotly.graph_objects as go
import streamlit as st
from pages.widgets import plotly_view

n = st.slider("points", 1, 9, 3, key="n")
plotly_view.show(st, go.Figure(go.Scatter(y=list(range(n)))), {"displayModeBar": False}, key="curve")
plotly_view.show(st.columns(2)[1], go.Figure(go.Bar(y=[n])), {}, key="bars", height=200)
"""


def test_a_chart_keeps_its_identity_when_its_figure_changes():
    at = AppTest.from_string(APP).run()
    first = charts(at)
    at.slider(key="n").set_value(7).run()
    second = charts(at)
    assert not at.exception and [c.id for c in first] == [c.id for c in second]
    assert first[0].id.endswith("-curve") and first[1].id.endswith("-bars")
    assert first[0].figure["data"][0]["y"] == [0, 1, 2] and second[0].figure["data"][0]["y"] == list(range(7))


def test_the_figure_carries_the_theme_and_its_config():
    at = AppTest.from_string(APP).run()
    element = next(el for el in at.get("bidi_component") if el.proto.id.endswith("-curve"))
    payload = json.loads(element.proto.json)
    assert payload["config"]["displayModeBar"] is False  # the caller's own choice
    layout = json.loads(payload["figure"])["layout"]
    assert layout["template"]["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"  # the page shows through
    bar = next(c for c in charts(at) if c.id.endswith("-bars")).figure
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
    assert not plotly_view.publish_library(tmp_path / "locked")  # a clear log line, no crash


LEGEND_APP = """
import plotly.graph_objects as go
import streamlit as st
from pages.widgets import classroom

st.session_state.setdefault("presenter", False)
st.toggle("presenter", key="presenter")
figure = go.Figure([go.Scatter(y=[0, 1], name="RNN"), go.Scatter(y=[1, 0], name="LSTM")])
figure.update_layout(legend=dict(orientation="h", y=-0.3, x=0, yanchor="top"), xaxis_title="step",
                     margin=dict(l=10, r=10, t=10, b=60, autoexpand=False))
classroom.chart(st, figure, key="curves")
"""


def _payloads(at) -> list[dict]:
    return [
        json.loads(el.proto.json)
        for el in at.get("bidi_component")
        if el.proto.component_name.endswith("layerlab_plotly")
    ]


def test_no_chart_offers_to_upload_itself_and_its_toolbar_is_short(monkeypatch):
    """plotly.js 4 puts "Share chart" (an upload to Plotly Cloud) in every toolbar unless told not to."""
    from pages.widgets import plotly_view

    configs = [payload["config"] for payload in _payloads(AppTest.from_string(APP).run())]
    monkeypatch.setattr(plotly_view, "PUBLISHED", False)
    configs += [json.loads(c.proto.config) for c in AppTest.from_string(APP).run().get("plotly_chart")]
    assert len(configs) == 4
    for config in configs:
        assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
        assert config["plotlyServerURL"] == "" and config["displaylogo"] is False
        removed = set(config["modeBarButtonsToRemove"])
        assert {"sendChartToCloud", "sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"} <= removed
        assert not {"toImage", "zoom2d", "resetScale2d"} & removed  # PNG, zoom and reset stay


def test_a_legend_under_the_plot_moves_above_it_in_both_views():
    """A horizontal legend below the plot sits over the x axis's title (why_gates, perceptron, VAE curves)."""
    at = AppTest.from_string(LEGEND_APP).run()
    for presenter in (False, True):
        at.toggle(key="presenter").set_value(presenter).run()
        assert not at.exception
        layout = json.loads(_payloads(at)[0]["figure"])["layout"]
        legend = layout["legend"]
        assert legend["y"] >= 1 and legend["yanchor"] == "bottom", (presenter, legend)
        assert legend["orientation"] == "h"
        if not presenter:  # fixed margins grow at the top to hold the legend (presenter view's expand)
            assert layout["margin"]["t"] > 10 and layout["margin"]["autoexpand"] is False
