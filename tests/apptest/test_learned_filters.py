"""AppTest of Learned filters: prediction of held-out digits, receptive field controls, every layer drawn."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

P = "learned_filters"


def said(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def test_held_out_digits_and_receptive_fields():
    at = AppTest.from_file(str(ROOT / f"pages/{P}.py"), default_timeout=60).run()
    assert not at.exception
    first = said(at)
    assert "✔ right" in first
    at.slider(key=f"{P}-index").set_value(7).run()
    assert not at.exception and said(at) != first
    assert not at.slider and not at.radio and len(page_charts(at)) == 4  # only the digit's parts reran
    at.run()
    field_text = lambda: next(m.value for m in at.markdown if "window of input pixels" in m.value)  # noqa: E731
    assert "8x8 window" in field_text()  # layer 2 (conv) by default
    at.selectbox(key=f"{P}-layer").set_value("conv1").run()
    at.slider(key=f"{P}-row").set_value(5).run()
    assert not at.exception and "3x3 window" in field_text() and "rows 4–6" in field_text()
    assert not at.slider and not at.selectbox  # only the unit's parts reran
    charts = [c.spec for c in page_charts(at)]
    assert any('"conv1"' in s and '"pool1"' in s for s in charts) and any('"pool2"' in s for s in charts)
    at.run()
    assert said(at).startswith("### The network says")  # the full run still draws it all
    at.radio(key=f"{P}-digit").set_value("Upload or camera").run()
    assert not at.exception
