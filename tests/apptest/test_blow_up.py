"""Training that blows up (issue 18, extremes): the page says so in words and shows no nan or inf.

The extremes walkers never press Play; here a setting that really diverges is trained until the runner
stops it, and everything the page then shows is read with the walkers' own rules."""

import time

from streamlit.testing.v1 import AppTest

from engine.runner import BLEW_UP
from pages.widgets.catalog import ROOT
from tests.apptest.test_extremes import what_is_wrong

K = "mlp_playground"


def test_a_linear_network_on_sgd_at_rate_10_blows_up_in_words_not_nan():
    """Linear units, SGD, learning rate 10: the loss is nan by step 8 or so (checked in the engine)."""
    at = AppTest.from_file(str(ROOT / "pages/mlp_playground.py"), default_timeout=60).run()
    at.selectbox(key=f"{K}-activation").set_value("linear")
    at.selectbox(key=f"{K}-optimizer").set_value("SGD")
    at.select_slider(key=f"{K}-lr").set_value(10.0)
    at.run()  # one run: a setting reruns only the training part, whose tree then lacks the others
    at.button(key=f"{K}-play").click().run()
    deadline = time.monotonic() + 60
    while not at.warning and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()
    assert [w.value for w in at.warning] == [BLEW_UP]
    assert what_is_wrong(at) == []
    for metric in at.metric:  # the last finite scores, or none: never "nan%"
        assert "nan" not in metric.value.lower(), metric
