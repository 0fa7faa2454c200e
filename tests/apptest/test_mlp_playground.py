"""AppTest of the MLP playground: it opens, Step trains, and its controls change what is shown."""

import time

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

K = "mlp_playground"


def _open() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/mlp_playground.py"), default_timeout=60).run()
    assert not at.exception
    return at


def _status(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def _rerun_until(at: AppTest, words: str, seconds: float = 30.0) -> None:
    """Step waits 2 s for the step; on a loaded machine the first one (slot, view) can take longer."""
    deadline = time.monotonic() + seconds
    while words not in _status(at) and time.monotonic() < deadline:
        at.run()


def test_step_trains_and_controls_reshape_the_network():
    at = _open()
    assert "Step 0" in _status(at)
    at.button(key=f"{K}-step").click().run()
    assert not at.exception
    _rerun_until(at, "Step 1")
    assert "Step 1" in _status(at)
    assert len(at.selectbox(key=f"{K}-neuron").options) == 1 + 2 * 16
    at.slider(key=f"{K}-layers").set_value(1).run()
    at.slider(key=f"{K}-neurons").set_value(3).run()
    assert not at.exception and not at.slider  # only the training part reran
    assert len(at.selectbox(key=f"{K}-neuron").options) == 1 + 3
    assert "Step 0" in _status(at)  # new settings: a fresh network
    at.selectbox(key=f"{K}-neuron").set_value("layers.0.x[2]").run()
    assert not at.exception


def test_dataset_choice_and_empty_features():
    at = _open()
    at.selectbox(key=f"{K}-dataset").set_value("spiral").run()
    assert not at.exception and not at.slider  # only the training part reran
    assert "Step 0" in _status(at)
    at.run()
    at.multiselect(key=f"{K}-features").set_value([]).run()
    assert not at.exception
    assert any("at least one input feature" in e.value for e in at.error)
