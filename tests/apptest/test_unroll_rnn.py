"""AppTest of the Unroll an RNN page: untrained 'oolo', Step trains, settings rebuild the model."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

PAGE = str(ROOT / "pages/unroll_rnn.py")


def _said(at) -> str:
    return " ".join(e.value for e in [*at.success, *at.info])


def test_untrained_says_oolo_and_training_steps_change_it():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert "says **oolo**" in _said(at)
    before = [e.value for e in at.latex]
    for _ in range(3):
        at.button(key="unroll_rnn-live-step").click().run()
    assert not at.exception
    assert any("Step 3" in c.value for c in at.caption)
    assert [e.value for e in at.latex] != before  # the weights moved: the numbers changed


def test_hidden_size_and_equation_step_controls():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.slider(key="unroll_rnn-hidden").set_value(5).run()
    assert not at.exception and not at.slider  # only the training part reran
    assert at.latex[0].value.count(r"\\") > 3 * 2  # 5-row vectors now
    at.run()
    at.radio(key="unroll_rnn-t").set_value(4).run()
    assert not at.exception
    assert at.subheader[0].value == "Step t = 4 with numbers"
    assert "h_{4}" in at.latex[0].value and "y_{4}" in at.latex[1].value


def test_learned_at_step_is_the_engines_count():
    """The page's 'Learned at step N' and the tour's number come from one engine count (was the history's)."""
    from engine import rnn
    from tests.apptest.waiting import until_caption

    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.selectbox(key="unroll_rnn-steps").set_value(300).run()
    at.run()
    at.button(key="unroll_rnn-live-play").click().run()
    assert until_caption(at, "Step 300", tries=120) and not at.exception
    at.run()
    assert f"Learned at step {rnn.steps_to_learn(rnn.Config()):,}." in _said(at)
    assert "(the lecture's budget)" not in str(at.selectbox(key="unroll_rnn-steps").options)
