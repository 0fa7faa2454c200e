"""AppTest of the Shapes of RNNs page: every shape answers, the toggles switch networks,
bad input is refused."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/rnn_shapes.py")


def _answer(at) -> str:
    return (at.success or at.warning)[0].value


def test_every_shape_answers_and_the_toggles_change_the_network():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception and "answers **43210⏎**" in _answer(at)
    at.selectbox(key="rnn_shapes-force").set_value(7).run()
    assert "answers **76543210⏎**" in _answer(at) and at.warning  # free running carries the error
    assert not at.radio  # only the answer reran, not the controls
    at.run()
    at.radio(key="rnn_shapes-mode").set_value("teacher").run()
    assert "answers **73210⏎**" in _answer(at)  # back on track after the forced 7
    at.run()
    at.button_group(key="rnn_shapes-shape").set_value("many-to-many").run()
    at.text_input(key="rnn_shapes-digits").input("129083").run()
    at.run()
    at.toggle(key="rnn_shapes-bi").set_value(True).run()
    assert "answers **299988**" in _answer(at) and len(page_charts(at)) == 3  # diagram + 2 state maps
    at.run()
    at.button_group(key="rnn_shapes-shape").set_value("encoder-decoder").run()
    assert "answers **8642⏎**" in _answer(at)
    at.button_group(key="rnn_shapes-shape").set_value("many-to-one").run()
    at.text_input(key="rnn_shapes-bits").input("10x1").run()
    assert at.error and "Use only" in at.error[0].value and not at.exception


def test_a_count_of_ten_reads_10():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.button_group(key="rnn_shapes-shape").set_value("many-to-one").run()
    at.text_input(key="rnn_shapes-bits").input("1111111111").run()
    assert not at.exception and "the right answer is **10**" in _answer(at) and "⏎" not in _answer(at)


def test_passing_only_y_the_slides_net_and_its_table():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key="rnn_shapes-task").set_value("countup").run()
    at.run()
    at.radio(key="rnn_shapes-feedback").set_value("output-only").run()
    assert not at.exception and "answers **01234567⏎**" in _answer(at)  # y alone cannot say when to stop
    table = next(m.value for m in at.markdown if m.value.startswith("| passed to the next step"))
    assert "| only the output y (deck 000's net) | 10 of 10 | 2 of 10 | 1 of 6 |" in table
    assert "| only the state h | 10 of 10 | 10 of 10 | 6 of 6 |" in table
    assert at.selectbox(key="rnn_shapes-force") and at.radio(key="rnn_shapes-mode")  # teacher forcing offered
