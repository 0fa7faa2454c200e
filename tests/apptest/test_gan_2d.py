"""AppTest of the 2-D GAN page: Step D, Step G, Step, a dataset change, the drawn shape without a drawing."""
from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

K = "gan_2d"


def _status(at) -> str:
    return next(c.value for c in at.caption if "Step" in c.value)


def test_step_d_step_g_and_step_train_the_ring_gan():
    at = AppTest.from_file(str(ROOT / "pages/gan_2d.py"), default_timeout=60).run()
    assert not at.exception
    assert "Step 0" in _status(at)
    at.button(key=f"{K}-step-d").click().run()
    at.button(key=f"{K}-step-g").click().run()
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception
    assert "Step 3" in _status(at)
    assert at.metric[0].label == "Modes covered" and at.metric[0].value.endswith("/ 8")
    at.selectbox(key=f"{K}-data").set_value("spiral").run()       # new data: a fresh job
    assert "Step 0" in _status(at)
    assert [m.label for m in at.metric] == ["Real points reached"]
    at.selectbox(key=f"{K}-loss").set_value("minimax").run()
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception and "Step 1" in _status(at)


def test_drawn_shape_asks_for_a_drawing_first():
    at = AppTest.from_file(str(ROOT / "pages/gan_2d.py"), default_timeout=60).run()
    at.selectbox(key=f"{K}-data").set_value("drawn").run()
    assert not at.exception
    assert any("Draw a shape" in i.value for i in at.info)
