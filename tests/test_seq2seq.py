"""Seq2seq on dates: the data, the attention equations, the trace, and the trained assets."""

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest
import torch

from engine import assets, dates, seq2seq


@pytest.mark.parametrize("index", range(len(dates.FORMATS)))
def test_every_format_names_the_same_date(index):
    rng = np.random.default_rng(index)
    for _ in range(30):
        day = dates.random_date(rng)
        text = dates.FORMATS[index](day, rng).lower()
        assert str(day.year) in text or f"{day.year}{day.month:02d}" in text
        assert len(text) <= dates.MAX_INPUT and all(c in dates.IN_INDEX for c in text)


def test_targets_are_iso_dates_between_start_and_end():
    inputs, targets, texts, answers = dates.batch(np.random.default_rng(0), 50)
    assert (
        targets.shape == (50, 12)
        and (targets[:, 0] == dates.START).all()
        and (targets[:, -1] == dates.END).all()
    )
    for row, answer in zip(targets, answers):
        assert dates.decode_output(row[1:]) == answer
        assert dates.FIRST <= dt.date.fromisoformat(answer) <= dates.LAST
    assert inputs.shape[0] == 50 and (inputs[:, 0] != dates.PAD).all()


@pytest.mark.parametrize("bad", ["", "   ", "x" * 41, "3 march 2019 🎉", "<b>1</b>"])
def test_bad_user_text_is_refused_in_words(bad):
    with pytest.raises(ValueError, match=r"\w"):
        dates.check_text(bad)


@pytest.fixture(scope="module")
def fresh():
    return seq2seq.build(seq2seq.Config())


def test_attention_is_a_distribution_over_real_characters_and_context_its_weighted_sum(fresh):
    inputs = torch.from_numpy(dates.pad_inputs(["3/3/2019", "sunday, the 3rd of march, 2019"]))  # (2, S)
    memory, s = fresh.start(inputs)
    annotations, mask, _, keys = memory
    alpha, context = fresh.attend(annotations, mask, keys, s)
    assert (alpha >= 0).all() and torch.allclose(alpha.sum(-1), torch.ones(2))
    assert (alpha[0, 8:] == 0).all()  # padding gets no attention
    torch.testing.assert_close(context, (alpha[:, :, None] * annotations).sum(1))


def test_padding_does_not_change_a_short_inputs_encoding(fresh):
    alone = torch.from_numpy(dates.pad_inputs(["3/3/2019"]))
    padded = torch.from_numpy(dates.pad_inputs(["3/3/2019", "sunday, the 3rd of march, 2019"]))
    with torch.no_grad():
        a, _, summary_a, _ = fresh.encode(alone)
        b, _, summary_b, _ = fresh.encode(padded)
    torch.testing.assert_close(a[0], b[0, :8])
    torch.testing.assert_close(summary_a[0], summary_b[0])


def test_trace_is_the_models_output_and_plain_model_has_no_alignment(fresh):
    record = seq2seq.trace(fresh, "march 3, 2019")
    assert list(record)[-1] == "decoder.logits" and record["decoder.alignment"].shape == (11, 13)
    tokens = torch.from_numpy(record["decoder.tokens"])
    fed = torch.cat([torch.tensor([dates.START]), tokens[:-1]])[None]
    with torch.no_grad():
        logits = fresh(torch.from_numpy(dates.pad_inputs(["march 3, 2019"])), fed)
    np.testing.assert_allclose(record["decoder.logits"], logits[0].numpy(), atol=1e-5)
    plain = seq2seq.build(replace(seq2seq.Config(), attention=False))
    assert (seq2seq.trace(plain, "march 3, 2019")["decoder.alignment"] == 0).all()


@pytest.mark.slow
@pytest.mark.parametrize("name,attention", [("seq2seq_dates", True), ("seq2seq_dates_plain", False)])
def test_pretrained_models_meet_their_cards(name, attention):
    state, card = assets.load(name)
    measured = seq2seq.evaluate_dates(seq2seq.load_state(state, attention), n=600)
    assert measured["exact_match"] >= card["floors"]["exact_match"]
    if attention:
        assert card["floors"]["exact_match"] >= 0.95


@pytest.mark.slow
def test_the_year_is_written_while_looking_at_the_year():
    model = seq2seq.load_state(assets.load("seq2seq_dates")[0])
    for text in ["the 3rd of march 2019", "Fri 14 Jul 1989", "03.04.2011", "4/3/2044"]:
        view = seq2seq.rewrite(model, text)
        year = text.lower().rindex(view["answer"][:4])
        for t in range(4):  # outputs "yyyy"
            assert year <= int(view["alignment"][t].argmax()) <= year + 4, (text, t)


def test_reverse_task_targets_are_the_digits_backwards_and_bad_digits_are_refused():
    inputs, targets, texts, answers = seq2seq.digit_batch(np.random.default_rng(1), 40)
    for row, text, answer in zip(targets, texts, answers):
        assert answer == text[::-1] and dates.decode_output(row[1:]) == answer
        assert seq2seq.REVERSE_LENGTHS[0] <= len(text) <= seq2seq.REVERSE_LENGTHS[1]
    assert inputs.shape == (40, max(len(t) for t in texts))
    assert seq2seq.check_digits(" 314 159 ") == "314159"
    for bad in ["", "12", "3.14", "1" * 21]:
        with pytest.raises(ValueError):
            seq2seq.check_digits(bad)


@pytest.mark.slow
def test_without_attention_long_strings_break_the_bottleneck():
    short, long = range(3, 8), range(16, 21)
    scores = {}
    for name, attention in [("seq2seq_reverse", True), ("seq2seq_reverse_plain", False)]:
        state, card = assets.load(name)
        measured = seq2seq.evaluate_reverse(seq2seq.load_state(state, attention), n=600)
        assert measured["exact_match"] >= card["floors"]["exact_match"]
        scores[attention] = [np.mean([measured[f"length_{n}"] for n in lengths]) for lengths in (short, long)]
    assert scores[True][1] >= scores[False][1] + 0.3  # long strings: attention far ahead
    assert scores[False][0] >= scores[False][1] + 0.3  # without it, long is much worse than short


def test_the_rule_reader_names_the_date_of_every_training_format_and_nothing_for_words():
    rng = np.random.default_rng(7)
    for _ in range(2000):
        day = dates.random_date(rng)
        assert dates.meaning(dates.human(day, rng))[0] == day
    assert dates.meaning("next tuesday") == (None, ("next",))
    assert dates.meaning("31.02.2019") == (None, ())  # no such day
    assert dates.verdict("next tuesday", "1911-01-06").startswith(
        "a calendar date, but not one your text names"
    )
    assert dates.verdict("20241231", "2024-12-13") == "wrong: your text names 2024-12-31"
    assert dates.verdict("14 July 1789", "1789-07-14") == "right: the date your text names"
    assert dates.verdict("14 July 1789", "1789-07-") == "not a real date"


def test_a_digit_count_is_said_in_good_grammar():
    with pytest.raises(
        ValueError, match="That is 1 digit; the models were trained on strings of 3 to 20 digits"
    ):
        seq2seq.check_digits("7")
