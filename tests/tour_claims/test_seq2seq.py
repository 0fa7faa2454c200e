"""Every checkable claim of the seq2seq tour, recomputed with the page's own engine and shipped models."""

import pytest

from engine import assets, dates, seq2seq, tours

SCENES = {scene.title: scene for scene in tours.load("seq2seq")}
NAMES = {
    "seq2seq_dates": True,
    "seq2seq_dates_plain": False,
    "seq2seq_reverse": True,
    "seq2seq_reverse_plain": False,
}


@pytest.fixture(scope="module")
def models():
    return {
        name: (seq2seq.load_state(assets.load(name)[0], attention), assets.load(name)[1])
        for name, attention in NAMES.items()
    }


def _dates(models, title):
    """The scene, and the page's two rewrites of its date (with attention, without)."""
    scene = SCENES[title]
    text = dates.check_text(scene.settings["seq2seq-text"])
    return (
        scene,
        text,
        seq2seq.rewrite(models["seq2seq_dates"][0], text),
        seq2seq.rewrite(models["seq2seq_dates_plain"][0], text),
    )


def _digits(models, title):
    scene = SCENES[title]
    digits = seq2seq.check_digits(scene.settings["seq2seq-digits"])
    steps = len(digits) + 1
    return (
        scene,
        digits,
        seq2seq.rewrite(models["seq2seq_reverse"][0], digits, steps),
        seq2seq.rewrite(models["seq2seq_reverse_plain"][0], digits, steps),
    )


def test_both_models_rewrite_a_dotted_date(models):
    scene, _, view, plain = _dates(models, "Encoder-decoder: many to one, then one to many")
    assert 'On "03.03.2019" both models write 2019-03-03' in scene.narration
    assert view["answer"] == plain["answer"] == "2019-03-03"


def test_the_alignment_looks_at_the_year_the_month_and_the_day(models):
    scene, text, view, _ = _dates(models, "The alignment: where the decoder looked")
    looked = [text.lower()[int(row.argmax())] for row in view["alignment"]]  # the character each row looks at
    year, month, day = (
        slice(text.index("2019"), text.index("2019") + 4),
        text.lower().index("m"),
        text.index("3rd"),
    )
    assert view["answer"] == "2019-03-03"
    assert all(year.start <= int(view["alignment"][k].argmax()) < year.stop for k in range(4))
    assert (
        'The year\'s digits look at "2019", the month\'s 03 at the "m" of "march", '
        'and the day\'s 3 at the "3" of "3rd"' in scene.narration
    )
    assert int(view["alignment"][6].argmax()) == month and looked[6] == "m"  # the month's 3
    assert int(view["alignment"][9].argmax()) == day and looked[9] == "3"  # the day's 3


def test_without_attention_the_day_comes_back_swapped(models):
    scene, text, view, plain = _dates(models, "One vector is a tight squeeze")
    assert plain["answer"] == "2024-12-13" and view["answer"] == "2024-12-31"
    assert "it writes 2024-12-13" in scene.narration and "gets 2024-12-31" in scene.narration
    said = dates.verdict(text, plain["answer"])
    assert said == "wrong: your text names 2024-12-31" and f'"{said}"' in scene.narration


def test_a_year_it_never_saw(models):
    scene, _, view, plain = _dates(models, "A year it never saw")
    assert f"copy them: {view['answer']}." in scene.narration and view["answer"] == "1789-07-14"
    assert f"writes {plain['answer']}." in scene.narration and plain["answer"] == "1987-07-14"


def test_words_like_next_are_not_called_a_real_date(models):
    scene, text, view, plain = _dates(models, "It translates formats, not words")
    assert f"with attention {view['answer']}" in scene.narration
    for answer in (view["answer"], plain["answer"]):
        said = dates.verdict(text, answer)
        assert said.startswith("a calendar date, but not one your text names") and "next" in said
        assert "real date" not in said and "right" not in said
    assert '"a calendar date, but not one your text names"' in scene.narration


def test_the_bottleneck_chart(models):
    scene, _, _, plain = _digits(models, "The bottleneck: longer inputs")
    without, with_ = models["seq2seq_reverse_plain"][1]["metrics"], models["seq2seq_reverse"][1]["metrics"]
    assert all(without[f"length_{n}"] == 1.0 for n in range(3, 7)) and without["length_7"] < 1.0
    assert "perfect up to 6 digits" in scene.narration
    assert "about 20% at 14 digits" in scene.narration and round(without["length_14"], 1) == 0.2
    assert "and 0% at 20" in scene.narration
    assert f"{without['length_20']:.0%}" == "0%"
    assert min(v for k, v in with_.items() if k.startswith("length_")) > 0.95  # "near 100%"
    assert plain["answer"] != scene.settings["seq2seq-digits"][::-1]  # comes back wrong


def test_attention_reads_backwards_along_the_anti_diagonal(models):
    scene, digits, view, plain = _digits(models, "Attention reads backwards")
    n = len(digits)
    assert n == 20 and "With 20 digits" in scene.narration
    assert [int(row.argmax()) for row in view["alignment"][:n]] == list(range(n - 1, -1, -1))
    assert view["answer"] == digits[::-1] and plain["answer"] != digits[::-1]  # "it slips"
