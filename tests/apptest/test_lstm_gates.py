"""AppTest of the LSTM gates page: a typed sentence, unknown words, interventions, the step slider."""

import re

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

PAGE = str(ROOT / "pages/lstm_gates.py")


def _answer(at) -> str:
    return at.metric[0].value


def _percent(text: str) -> int:
    return int(re.search(r"\((\d+)%\)", text).group(1))


def _open():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    return at


def test_the_default_sentence_is_answered_and_every_gate_drawn():
    at = _open()
    assert _answer(at).startswith("were")
    assert at.metric[1].value == "were"  # the verb the sentence itself uses
    assert not at.metric[0].delta  # nothing clamped or zeroed: no "untouched" beside it
    assert len(page_charts(at)) == 2  # the six heatmaps in one figure, the unit's curves
    assert len(at.get("image")) == 1  # the conveyor belt


def test_typing_a_sentence_changes_the_answer_and_names_unknown_words():
    at = _open()
    at.text_input(key="lstm_gates-sentence").set_value(
        "The dog, which chased the zorblax near the cats, was tired"
    ).run()
    assert not at.exception and not at.text_input  # only what reads the sentence reran
    assert _answer(at).startswith("was")
    assert "zorblax" in at.info[0].value
    at.run()
    at.text_input(key="lstm_gates-sentence").set_value("   ").run()
    assert not at.exception and at.error  # nothing to read: a clear message, no traceback


def test_clamping_the_memory_units_forget_gate_flips_the_answer():
    at = _open()
    assert "memory unit" in at.selectbox(key="lstm_gates-unit").value
    at.radio(key="lstm_gates-clamp").set_value("0").run()
    assert not at.exception
    assert _percent(_answer(at)) <= 65  # from sure "were" to a coin flip
    assert at.metric[0].delta == "untouched: were (100%)"
    at.radio(key="lstm_gates-clamp").set_value("1").run()
    assert _answer(at) == "were (100%)"
    at.radio(key="lstm_gates-clamp").set_value("no clamp").run()
    at.selectbox(key="lstm_gates-wipe").set_value(10).run()
    assert not at.exception


def test_step_slider_and_other_models():
    at = _open()
    at.slider(key="lstm_gates-step").set_value(2).run()
    assert not at.exception
    at.radio(key="lstm_gates-model").set_value("gru_agreement").run()
    assert not at.exception and "update gate" in at.radio(key="lstm_gates-clamp").label
    at.radio(key="lstm_gates-model").set_value("lstm_first_symbol").run()
    assert not at.exception and _answer(at).startswith("b")
    at.text_input(key="lstm_gates-symbols").set_value("c 1 2 a 3 4 5 6 7 8 9 0 1 2").run()
    assert _answer(at).startswith("c") and not at.exception


def test_the_variants_load_and_their_belt_draws():
    at = _open()
    for name in ("peephole_agreement", "coupled_agreement"):
        at.radio(key="lstm_gates-model").set_value(name).run()
        assert not at.exception and _answer(at).startswith("were")
        at.slider(key="lstm_gates-step").set_value(3).run()
        assert not at.exception


def test_a_one_word_sentence_is_read_without_a_step_slider():
    at = _open()
    at.text_input(key="lstm_gates-sentence").set_value("cats").run()
    assert not at.exception and _answer(at)  # a slider from 0 to 0 threw here
    assert not [s for s in at.slider if s.key == "lstm_gates-step"]
    at.run()
    at.radio(key="lstm_gates-model").set_value("lstm_first_symbol").run()
    at.text_input(key="lstm_gates-symbols").set_value("a").run()
    assert not at.exception and _answer(at).startswith("a")


def test_emoji_chinese_and_a_long_paste_are_named_not_dropped():
    at = _open()
    at.text_input(key="lstm_gates-sentence").set_value(
        "The cats 🐱, which ate 猫 near the dog 👨‍👩‍👧, were"
    ).run()
    assert not at.exception
    unknown = at.info[0].value
    assert "🐱" in unknown and "猫" in unknown and "👨" in unknown
    at.run()
    long = "The cats, which " + "quietly " * 60 + "ate the fish, were full"  # 519 characters
    at.text_input(key="lstm_gates-sentence").set_value(long).run()
    assert not at.exception
    notes = " ".join(c.value for c in at.caption)
    assert "519 characters" in notes and "only the first" in notes and "is cut" in notes
