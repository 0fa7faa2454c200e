"""AppTest of the perceptron page: stepping updates, the bound, XOR never converging."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

K = "perceptron"


def _text(at: AppTest) -> str:
    return " ".join(m.value for m in [*at.markdown, *at.latex, *at.success, *at.warning])


def test_next_update_moves_w_and_the_bound_is_kept():
    at = AppTest.from_file(str(ROOT / "pages/perceptron.py"), default_timeout=60).run()
    assert not at.exception
    assert "Start:" in _text(at)
    at.button(key=f"{K}-next").click().run()
    assert not at.button and len(at.slider) == 1 and not at.success  # only the slider and what t shows reran
    assert at.slider(key=f"{K}-t").value == 1 and "Update 1" in _text(at)
    at.run()
    at.button(key=f"{K}-next").click().run()
    assert at.slider(key=f"{K}-t").value == 2
    assert "Update 2" in _text(at) and r"\le 0" in _text(at)
    at.run()
    at.button(key=f"{K}-back").click().run()
    assert at.slider(key=f"{K}-t").value == 1
    at.run()
    at.slider(key=f"{K}-t").set_value(3).run()
    assert (
        not at.slider and "Update 3" in _text(at) and len(at.metric) == 2
    )  # the slider's move: only what t shows
    at.run()
    at.button(key=f"{K}-end").click().run()
    assert at.slider(key=f"{K}-t").value == at.slider(key=f"{K}-t").max
    at.run()
    assert "as the theorem promises" in at.success[0].value
    assert at.metric[0].value == "0"  # misclassified at the end


def test_smaller_margin_raises_the_bound_and_xor_never_converges():
    at = AppTest.from_file(str(ROOT / "pages/perceptron.py"), default_timeout=60).run()
    bound_wide = at.latex[-1].value
    at.button(key=f"{K}-end").click().run()
    at.run()
    at.slider(key=f"{K}-margin").set_value(0.01).run()  # new data: the parts, not the page
    assert not at.exception and at.latex[-1].value != bound_wide
    assert not at.button and not at.subheader and len(at.slider) == 1
    assert at.slider(key=f"{K}-t").value == 0 and "Start:" in _text(at)  # new data starts from w = 0
    at.run()
    assert at.latex[-1].value != bound_wide
    at.radio(key=f"{K}-data").set_value("xor").run()
    assert not at.exception
    assert "never stops" in at.warning[0].value
    at.button(key=f"{K}-end").click().run()
    assert int(at.metric[0].value) > 0  # still points wrong


def _clicks(at: AppTest, button: str, times: int, shown: int) -> int:
    """Click `button` `times` times as a browser does: each click also sends the value its slider shows,
    which follows the server only when the server sets it (`set_value`); the page is then drawn anew (the
    click reran only the parts). Returns what the browser's slider shows at the end."""
    for _ in range(times):
        at.slider(key=f"{K}-t").set_value(shown)
        at.button(key=button).click().run()
        assert not at.exception
        drawn = [s.proto for s in at.slider if s.key == f"{K}-t"]  # the slider, if the click redrew it
        if drawn and drawn[0].set_value:
            shown = int(drawn[0].value[0])
        at.run()  # the buttons again (AppTest only)
    return shown


def test_three_nexts_show_update_3_and_the_slider_reads_3():
    """Issue 18: the buttons stepped from the browser's stale slider value: four Nexts stayed at update 1."""
    at = AppTest.from_file(str(ROOT / "pages/perceptron.py"), default_timeout=60).run()
    shown = _clicks(at, f"{K}-next", 3, shown=0)
    assert shown == 3 and at.slider(key=f"{K}-t").value == 3
    assert "Update 3" in _text(at)
    shown = _clicks(at, f"{K}-back", 1, shown)
    assert shown == 2 and "Update 2" in _text(at)


def test_next_after_moving_the_slider_to_3_goes_on_to_5():
    """Issue 18: with t set to 3, Next gave 4 and then stayed at 4."""
    at = AppTest.from_file(str(ROOT / "pages/perceptron.py"), default_timeout=60).run()
    at.slider(key=f"{K}-t").set_value(3).run()
    at.run()
    shown = _clicks(at, f"{K}-next", 2, shown=3)
    assert shown == 5 and "Update 5" in _text(at)
