"""AppTest of 3-D convolution: frames, kernel and direction change the output over time."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

P = "conv3d"


def response(at) -> str:
    return next(c.spec for c in page_charts(at) if "How strongly" in c.spec)


def test_kernel_direction_and_frames():
    at = AppTest.from_file(str(ROOT / f"pages/{P}.py"), default_timeout=60).run()
    assert not at.exception and "= 6" in at.latex[0].value  # 8 frames, 3-frame kernel
    right = response(at)
    at.selectbox(key=f"{P}-direction").set_value("left").run()
    assert not at.exception and response(at) != right
    assert not at.selectbox and not at.latex and len(page_charts(at)) == 3  # only the clip's charts reran
    at.run()
    at.slider(key=f"{P}-stride").set_value(2).run()
    assert not at.exception and "16 → 8 pixels" in at.caption[0].value and not at.latex  # no formula resent
    at.run()
    at.selectbox(key=f"{P}-kernel").set_value("2-D blur (1 frame)").run()
    assert not at.exception and len(page_charts(at)) == 4 and not at.slider
    at.run()
    at.slider(key=f"{P}-frames").set_value(3).run()
    assert not at.exception and "= 3" in at.latex[0].value
    at.run()
    assert "= 3" in at.latex[0].value and len(page_charts(at)) == 4 and at.slider  # the whole page agrees
