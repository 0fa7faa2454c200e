"""AppTest of the Why gates page: Step trains all three models once and draws both measurements."""

import time

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/why_gates.py")


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _until(at, text: str, tries: int = 40) -> str:
    """Rerun until the status line shows `text`: the step runs in a background thread."""
    for _ in range(tries):
        if text in _captions(at):
            break
        time.sleep(0.25)
        at.run()
    return _captions(at)


def test_step_trains_and_draws_accuracy_and_gradient():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert at.slider(key="why_gates-gap").value == 10
    assert "Step 0" in _captions(at)
    at.button(key="why_gates-live-step").click().run()
    assert not at.exception
    assert "Step 1" in _until(at, "Step 1")
    charts = [c for c in page_charts(at)]
    assert len(charts) >= 3  # accuracy, gradient, loss
    at.button(key="why_gates-live-reset").click().run()
    assert "Step 0" in _captions(at)


def test_moving_the_gap_slider_starts_a_fresh_job():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.button(key="why_gates-live-step").click().run()
    assert "Step 1" in _until(at, "Step 1")
    at.slider(key="why_gates-gap").set_value(4).run()
    assert not at.exception
    assert "Step 0" in _captions(at)


def test_before_play_the_charts_show_the_untrained_models():
    """The tour's first scene reads the right chart before any training: it must be drawn then."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception and "Step 0" in _captions(at)
    assert len(page_charts(at)) == 2 and "untrained" in _captions(at)  # accuracy and dependence, no loss yet
