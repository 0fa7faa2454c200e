"""AppTest of the 2-D GAN page: Step D, Step G, Step, a dataset change, the drawn shape without a drawing."""

import time

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

K = "gan_2d"


def _status(at, want: str = "") -> str:
    """The status line; with `want`, rerun until it holds it (a step can outlast Step's wait when busy)."""
    for _ in range(20):
        status = next(c.value for c in at.caption if "Step" in c.value)
        if want in status:
            return status
        time.sleep(0.5)
        at.run()
    return status


def test_step_d_step_g_and_step_train_the_ring_gan():
    at = AppTest.from_file(str(ROOT / "pages/gan_2d.py"), default_timeout=60).run()
    assert not at.exception
    assert "Step 0" in _status(at)
    at.button(key=f"{K}-step-d").click().run()
    at.button(key=f"{K}-step-g").click().run()
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception
    assert "Step 3" in _status(at, "Step 3")
    assert at.metric[0].label == "Modes covered" and at.metric[0].value.endswith("/ 8")
    at.selectbox(key=f"{K}-data").set_value("spiral").run()  # new data: a fresh job
    assert "Step 0" in _status(at)
    assert [m.label for m in at.metric] == ["Real points reached"]
    at.selectbox(key=f"{K}-loss").set_value("minimax").run()
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception and "Step 1" in _status(at, "Step 1")


def test_drawn_shape_asks_for_a_drawing_first():
    at = AppTest.from_file(str(ROOT / "pages/gan_2d.py"), default_timeout=60).run()
    at.selectbox(key=f"{K}-data").set_value("drawn").run()
    assert not at.exception
    assert any("Draw a shape" in i.value for i in at.info)


def test_new_settings_say_that_training_starts_again_from_step_0():
    at = AppTest.from_file(str(ROOT / "pages/gan_2d.py"), default_timeout=60).run()
    assert any("starts training again from step 0" in c.value for c in at.caption)  # said before it happens
    at.button(key=f"{K}-live-step").click().run()
    assert "Step 1" in _status(at, "Step 1")
    at.select_slider(key=f"{K}-lr-g").set_value(1e-2).run()
    assert "Step 0" in _status(at)
    assert any("the last run reached step 1" in t.value for t in at.toast)  # and when it happens
    at.run()
    assert not any("the last run reached" in t.value for t in at.toast)  # said once
