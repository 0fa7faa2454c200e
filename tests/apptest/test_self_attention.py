"""AppTest of the self-attention page: the word is sorted and every head's pattern drawn."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/self_attention.py")


def _patterns(at) -> list[str]:
    return [el.spec for el in page_charts(at) if "self_attention-pattern" in el.id]


def test_the_word_is_sorted_and_each_heads_attention_shown():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception and at.metric[0].value == "afmostx"
    assert len(_patterns(at)) == 2 and "layer 2, head 2" in _patterns(at)[1]
    at.text_input(key="self_attention-word").set_value("banana").run()
    assert not at.exception and at.metric[0].value == "aaabnn"
    assert (
        not at.text_input and not at.radio and len(_patterns(at)) == 2
    )  # only the answer and patterns reran
    at.run()
    at.radio(key="self_attention-layer").set_value(0).run()
    assert not at.exception and "layer 1, head 1" in _patterns(at)[0]
    assert not at.metric and not at.markdown  # only the patterns reran
    at.run()
    assert at.metric[0].value == "aaabnn" and "layer 1, head 1" in _patterns(at)[0]


def test_a_bad_word_gets_a_message():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.text_input(key="self_attention-word").set_value("<script>").run()  # the page: it says why, and stops
    assert not at.exception and at.error and "letters" in at.error[0].value
    assert not _patterns(at)
    at.text_input(key="self_attention-word").set_value("banana").run()  # back from the message: the page
    assert not at.exception and at.metric[0].value == "aaabnn" and at.radio
