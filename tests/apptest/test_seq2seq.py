"""AppTest of the seq2seq page: the user's date is rewritten and its alignment drawn."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/seq2seq.py")


def test_a_typed_date_is_rewritten_with_its_alignment():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert at.metric[0].value == "2019-03-03"
    at.text_input(key="seq2seq-text").set_value("14.07.1989").run()
    assert not at.exception and at.metric[0].value == "1989-07-14" and not at.text_input  # only the answers
    charts = {el.id: el.spec for el in page_charts(at)}
    alignment = next(spec for key, spec in charts.items() if "seq2seq-alignment" in key)
    assert "0:1" in alignment and "9:9" in alignment  # input characters as columns


def test_the_bottleneck_part_compares_both_models_on_longer_inputs():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key="seq2seq-part").set_value("The bottleneck: longer inputs").run()
    assert not at.exception
    keys = [el.id for el in page_charts(at)]
    assert any("seq2seq-by-length" in k for k in keys) and any("seq2seq-reverse-by-length" in k for k in keys)
    at.text_input(key="seq2seq-digits").set_value("12345").run()
    assert not at.exception and at.metric[0].value == "54321" and not at.text_input  # only the answers reran
    at.run()
    at.text_input(key="seq2seq-digits").set_value("12a").run()
    assert not at.exception and at.error


def test_bad_input_gets_a_message_not_a_traceback():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.text_input(key="seq2seq-text").set_value("🎉 <b>party</b>").run()
    assert not at.exception and at.error and "never seen" in at.error[0].value
    at.run()
    at.text_input(key="seq2seq-text").set_value("   ").run()
    assert not at.exception and at.error


def test_next_tuesday_is_not_called_a_real_date():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.text_input(key="seq2seq-text").set_value("next tuesday").run()
    assert not at.exception
    verdicts = [c.value for c in at.caption if "calendar date" in c.value or "real date" in c.value]
    assert len(verdicts) == 2 and all("not one your text names" in v and "“next”" in v for v in verdicts)
    at.run()
    at.text_input(key="seq2seq-text").set_value("14.07.1989").run()
    assert sum("right: the date your text names" in c.value for c in at.caption) == 2


def test_the_boxes_take_what_the_models_read_and_say_so():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.text_input(key="seq2seq-text").max_chars  # a paste is never cut unsaid
    long = "Sunday, the 3rd of March, 2019, at noon, in the afternoon"
    at.text_input(key="seq2seq-text").set_value(long).run()
    assert (
        not at.exception
        and f"That is {len(long)} characters; the model reads at most 40" in at.error[0].value
    )
    at.run()
    at.radio(key="seq2seq-part").set_value("The bottleneck: longer inputs").run()
    assert "3 to 20 digits" in at.text_input(key="seq2seq-digits").label
    at.text_input(key="seq2seq-digits").set_value("7").run()
    assert not at.exception and "That is 1 digit;" in at.error[0].value and "3 to 20" in at.error[0].value
