"""AppTest of the word-embeddings page: the slide's table, Step, neighbours, bad texts and words,
save and load."""

import time

import pytest
from streamlit.testing.v1 import AppTest

from engine import model_files
from engine import word_corpus as wc
from engine import word_embeddings as we
from pages.widgets.catalog import ROOT
from tests.apptest.waiting import until_caption

PAGE = str(ROOT / "pages/word_embeddings.py")
K = "word_embeddings"
JAPANESE = "東京は日本の首都です。大阪は大きい町です。\n" * 20


def _table(at, column: str):
    """The neighbours' (column "word") or the analogy's (column "answer") table."""
    return next(t.value for t in at.table if column in t.value.columns)


def _texts(at) -> str:
    return " ".join(
        str(e.value)
        for kind in ("caption", "markdown", "warning", "error", "info")
        for e in getattr(at, kind)
    )


def test_the_slide_table_one_hot_distances_and_a_step():
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    table = at.table[0].value
    assert list(table.columns) == [
        "Man (5391)",
        "Woman (9853)",
        "King (4914)",
        "Queen (7157)",
        "Apple (456)",
        "Orange (6257)",
    ]
    assert list(table.loc["Gender"]) == ["-1.0", "1.0", "-0.95", "0.97", "0.0", "0.01"]
    assert list(table.loc["Food"]) == ["", "", "", "", "0.95", "0.97"] and list(table.index)[-1] == "..."
    assert "√2 ≈ 1.41 apart and their cosine is 0" in _texts(at)
    assert "a vocabulary of 95 words" in _texts(at) and "Same licence as LayerLab" in _texts(at)
    at.button(key=f"{K}-live-step").click().run()
    assert until_caption(at, "Step 1")
    near = _table(at, "word")
    assert list(near.columns) == ["word", "cosine"] and len(near) == 8 and "king" not in set(near["word"])
    assert "$o_{\\text{king}}\\,(1 \\times 95) \\; E\\,(95 \\times 16)" in _texts(at)


def test_training_brings_queen_and_apple_juice():
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.button(key=f"{K}-live-play").click().run()
    for _ in range(120):  # a few hundred steps, however busy the machine
        time.sleep(0.5)
        at.run()
        if any(
            c.value.startswith("Training")
            and int(c.value.split("Step ")[1].split()[0].replace(",", "")) >= 400
            for c in at.caption
            if "Step " in c.value
        ):
            break
    at.button(key=f"{K}-live-pause").click().run()
    assert not at.exception
    assert _table(at, "answer")["answer"].iloc[0] == "queen"
    assert "'apple juice'" in _texts(at)  # the embedding reader's answer
    assert "it never saw this word: every answer 25 %" in _texts(at)


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "no text yet"),
        ("hello " * 50, "one word, 'hello', repeated"),
        ("word " * 1_100_000, "1 MB"),
        ("🙂 🎉 !!!", "no words"),
    ],
)
def test_bad_pasted_texts_get_a_plain_message(text, says):
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.radio(key=f"{K}-source").set_value("Paste your own").run()
    at.text_area(key=f"{K}-paste").input(text).run()
    assert not at.exception
    assert at.error and says in at.error[0].value


def test_another_script_trains_and_an_unknown_word_is_named():
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.radio(key=f"{K}-source").set_value("Paste your own").run()
    at.text_area(key=f"{K}-paste").input(JAPANESE).run()
    assert not at.exception and not at.error
    assert "each character is read as a word" in _texts(at)
    assert "'king' is not in this text's vocabulary" in _texts(at)  # the default word, not in this text
    at.text_input(key=f"{K}-word").input("京").run()
    assert not at.exception and _table(at, "word")["word"].tolist()


def test_a_listed_analogy_fills_in_a_b_and_c():
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.button_group(key=f"{K}-try").set_value("paris − france + italy").run()
    assert not at.exception
    assert [at.text_input(key=f"{K}-{x}").value for x in "abc"] == ["paris", "france", "italy"]
    assert "**paris − france + italy** ≈" in _texts(at)


def test_an_analogy_with_an_unknown_word_says_so():
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.text_input(key=f"{K}-b").input("emperor").run()
    assert not at.exception
    assert "'emperor' is not in this text's vocabulary of 95 words. Try one of: man, woman" in _texts(at)
    at.text_input(key=f"{K}-b").input("king").run()
    assert "Give three different words" in _texts(at)


def _as_routed() -> AppTest:
    """The page as the router runs it: saved files name the page by the router's name for it."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["classroom::page"] = K
    return at.run()


def test_a_saved_embedding_loads_and_one_from_another_text_is_refused():
    data = we.default_data()
    cfg = we.Config(steps=400)
    model = we.train(we.build(cfg, len(data.vocab), data.vocab.digest), data, cfg)
    saved = model_files.dump(model.state_dict(), page=K, steps=400, settings={f"{K}-dim": 16})
    at = _as_routed()
    at.file_uploader(key=f"{K}-live-load").upload("trained.layerlab", saved).run()
    assert not at.exception
    assert "Loaded a saved model (trained 400 steps)" in _texts(at)
    assert _table(at, "answer")["answer"].iloc[0] == "queen"  # without a step of training
    other = wc.Corpus.from_text(wc.generated_corpus(seed=5).replace("tiny", "wee")).vocab
    foreign = model_files.dump(
        we.build(cfg, len(other), other.digest).state_dict(), page=K, steps=1, settings={f"{K}-dim": 16}
    )
    at.file_uploader(key=f"{K}-live-load").upload("other.layerlab", foreign).run()
    assert "does not fit this network" in _texts(at)
