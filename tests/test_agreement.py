"""The generated tasks: exact gaps, honest labels, attractors, and a tokenizer that explains itself."""

import numpy as np
import pytest

from engine.agreement import (
    AGREEMENT,
    FIRST_SYMBOL,
    KEYS,
    NOUNS,
    UNKNOWN,
    agreement_sentence,
    encode_agreement,
    encode_first_symbol,
    first_symbol_sequence,
    relative_clause,
)

SINGULAR = {s for s, _ in NOUNS}
PLURAL = {p for _, p in NOUNS}


@pytest.mark.parametrize("gap", [0, 1, 2, 3, 5, 8, 13, 20, 25])
def test_the_clause_has_exactly_gap_words(gap):
    rng = np.random.default_rng(gap)
    for _ in range(50):
        assert len(relative_clause(rng, gap)) == gap
        words, label = agreement_sentence(rng, gap)
        assert len(words) == (2 if gap == 0 else gap + 4)
        assert words[0] == "the" and words[1] in (PLURAL if label else SINGULAR)


def test_the_clause_holds_attractors_of_both_numbers():
    rng = np.random.default_rng(0)
    seen = {"singular": 0, "plural": 0}
    for _ in range(200):
        words, _ = agreement_sentence(rng, 20)
        seen["singular"] += sum(w in SINGULAR for w in words[2:])
        seen["plural"] += sum(w in PLURAL for w in words[2:])
    assert seen["singular"] > 100 and seen["plural"] > 100


def test_the_last_noun_does_not_give_the_answer_away():
    rng = np.random.default_rng(1)
    agree = total = 0
    for _ in range(400):
        words, label = agreement_sentence(rng, 20)
        nouns = [w for w in words[2:] if w in SINGULAR | PLURAL]
        if nouns:
            total += 1
            agree += (nouns[-1] in PLURAL) == bool(label)
    assert 0.4 < agree / total < 0.6


def test_batches_are_seeded_and_labelled_by_the_subject():
    ids_a, labels_a = AGREEMENT.batch(np.random.default_rng(5), 16, 7)
    ids_b, labels_b = AGREEMENT.batch(np.random.default_rng(5), 16, 7)
    assert ids_a.shape == (16, 11) and (ids_a == ids_b).all() and (labels_a == labels_b).all()
    subjects = [AGREEMENT.vocab[i] for i in ids_a[:, 1]]
    assert [int(s in PLURAL) for s in subjects] == labels_a.tolist()


def test_encoding_a_typed_sentence_cuts_at_the_verb_and_names_unknown_words():
    encoded = encode_agreement("The cats, which ate the PURPLE fish near the dog, were full!")
    assert encoded.tokens == (
        "the",
        "cats",
        ",",
        "which",
        "ate",
        "the",
        "purple",
        "fish",
        "near",
        "the",
        "dog",
        ",",
    )
    assert encoded.expected == 1 and encoded.unknown == ("purple",)
    assert encoded.ids[0, 6] == AGREEMENT.index[UNKNOWN]
    assert encode_agreement("The cat, which was hungry, was full").tokens[-2:] == ("hungry", ",")
    assert encode_agreement("the dog").expected is None
    assert encode_agreement("").tokens == ()
    assert encode_agreement("<script>alert(1)</script>").unknown == ("script", "alert")


def test_first_symbol_task():
    words, label = first_symbol_sequence(np.random.default_rng(2), 12)
    assert len(words) == 13 and words[0] == KEYS[label]
    encoded = encode_first_symbol("b31a4")
    assert encoded.tokens == ("b", "3", "1", "a", "4") and encoded.expected == 1
    assert encode_first_symbol("b 3 x").unknown == ("x",)
    assert FIRST_SYMBOL.batch(np.random.default_rng(0), 4, 3)[0].shape == (4, 4)
