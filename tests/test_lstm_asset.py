"""The shipped agreement LSTM: long-range accuracy, the RNN beside it, and its memory unit."""

import json

import numpy as np
import pytest
import torch

from engine import assets
from engine.lstm import FORGETS, Intervention, accuracy, trace
from engine.lstm_assets import LONG_GAP, PRETRAINED, load_pretrained


@pytest.fixture(scope="module")
def lstm_model():
    return load_pretrained("lstm_agreement")


def test_the_card_reports_the_lstm_and_the_vanilla_rnn_at_a_long_gap():
    card = assets.card("lstm_agreement")
    assert card["metrics"][f"accuracy_gap{LONG_GAP}"] >= 0.95
    assert card["metrics"][f"rnn_accuracy_gap{LONG_GAP}"] <= 0.6  # chance is 0.5
    assert card["rnn_config"]["hidden"] == card["config"]["hidden"]  # the same size


def test_the_lstm_agrees_across_twenty_words_and_the_rnn_does_not(lstm_model):
    model, _, task = lstm_model
    rnn, _, _ = load_pretrained("lstm_agreement", part="rnn")
    assert accuracy(model, task, LONG_GAP, n=200, seed=7) >= 0.95
    assert accuracy(rnn, task, LONG_GAP, n=200, seed=7) <= 0.65
    assert accuracy(rnn, task, 0, n=200, seed=7) >= 0.95  # it did learn what a subject is


def test_forgetting_in_the_memory_unit_changes_the_answer_where_the_memory_is_needed(lstm_model):
    model, card, task = lstm_model
    unit = int(card["metrics"]["memory_unit"])
    forget = Intervention(clamp=FORGETS["forget_gate"], units=(unit,))
    ids, labels = task.batch(np.random.default_rng(11), 200, LONG_GAP)  # (200, T), (200,)
    with torch.no_grad():
        before, after = model(ids).argmax(1), model(ids, forget).argmax(1)
    assert (before == labels).float().mean() >= 0.95
    assert (before != after).float().mean() >= 0.3  # many answers flip
    encoded = task.encode("The cats, which already ate the fish near the dog, were full")
    p_were = lambda tr: float(tr["readout.probs"][-1, 1])  # noqa: E731
    assert p_were(trace(model, encoded.ids)) >= 0.95
    assert p_were(trace(model, encoded.ids, forget)) <= 0.65  # the number is gone: a coin flip
    keep = Intervention(clamp=1.0, units=(unit,))  # keeping everything does no harm
    assert p_were(trace(model, encoded.ids, keep)) >= 0.95


@pytest.mark.parametrize("name", sorted(PRETRAINED))
def test_every_asset_loads_frozen_and_reads_its_own_task(name):
    model, card, task = load_pretrained(name)
    assert not any(p.requires_grad for p in model.parameters())
    assert json.dumps(card["floors"]) and card["metrics"][f"accuracy_gap{LONG_GAP}"] >= 0.95
    out = trace(model, task.encode(task.examples[0]).ids)
    assert out["output"].shape == (1, len(task.classes))
