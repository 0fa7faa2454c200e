"""AppTest of the char-RNN page: bundled text, Step, decoding methods, pasted and bad text."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.waiting import until_caption

PAGE = str(ROOT / "pages/char_rnn.py")


def _sample(at) -> str:
    return at.code[-1].value


def test_bundled_text_trains_and_decodes_three_ways():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    at.button(key="char_rnn-live-step").click().run()
    assert until_caption(at, "Step 1")
    at.slider(key="char_rnn-temp").set_value(0.0).run()
    zero = _sample(at)
    at.button_group(key="char_rnn-method").set_value("Greedy").run()
    assert _sample(at) == zero  # temperature 0 is greedy, in the page too
    at.button_group(key="char_rnn-method").set_value("Beam search").run()
    assert not at.exception
    assert at.slider(key="char_rnn-width").disabled is False


def test_pasted_text_gets_its_own_vocabulary_and_bad_text_an_error():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.radio(key="char_rnn-source").set_value("Paste your own").run()
    assert at.error and "no text" in at.error[0].value
    at.text_area(key="char_rnn-paste").input("ab").run()
    assert at.error and "only 2 characters" in at.error[0].value
    at.text_area(key="char_rnn-paste").input("zyx wvu\nzyx wvu tsr\nqpo zyx\n" * 3).run()
    assert not at.exception and not at.error
    assert set(_sample(at)) <= set("zyxwvutsrqpo ⏎")  # samples come from the pasted vocabulary


def test_a_new_hidden_size_reruns_only_the_model_part_with_a_fresh_model():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.button(key="char_rnn-live-step").click().run()
    assert until_caption(at, "Step 1")
    at.select_slider(key="char_rnn-hidden").set_value(32).run()
    assert not at.exception and not at.radio  # the text and its controls did not rerun
    assert any("Step 0" in c.value for c in at.caption)  # a fresh model of the new size
    assert tuple(at.session_state["char_rnn-model"].rnn.weight_hh_l0.shape) == (32, 32)


def test_an_emoji_joined_by_zwj_is_one_symbol_of_the_vocabulary():
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    at.radio(key="char_rnn-source").set_value("Paste your own").run()
    family = "👨\u200d👩\u200d👧"
    at.text_area(key="char_rnn-paste").input(f"{family} ab {family}\nba 🇫🇷 ab\n" * 4).run()
    assert not at.exception and not at.error
    vocabulary = at.text[0].value.split(" ")
    assert family in vocabulary and "🇫🇷" in vocabulary  # one symbol each, not 👨 👩 👧
    assert "👨" not in vocabulary and "\u200d" not in "".join(v for v in vocabulary if v != family)
    assert "vocabulary of 6 symbols" in " ".join(c.value for c in at.caption)  # ⏎ ␣ a b 🇫🇷 👨‍👩‍👧
