"""Char-RNN: data with the end symbol, decoding (temperature 0 and beam width 1 are greedy), training."""

import numpy as np
import pytest
import torch

from engine import char_rnn

TEXT = "hello world\nhello there\nhelp me\n"


@pytest.fixture(scope="module")
def trained():
    data = char_rnn.TextData(TEXT)
    cfg = char_rnn.Config(hidden_size=32, learning_rate=0.02, steps=150, batch_size=8)
    model = char_rnn.build(cfg, len(data.vocab))
    losses = []
    char_rnn.train(model, data, cfg, on_step=lambda s, m: losses.append(m["loss"]))
    return model, data, losses


def test_each_line_is_shifted_by_one_and_ends_with_the_end_symbol():
    data = char_rnn.TextData(TEXT)
    assert data.vocab.chars[0] == char_rnn.END and data.lines == ["hello world", "hello there", "help me"]
    inputs, targets = data.padded(torch.tensor([2, 0]))  # as wide as "hello world" + END
    row, target = inputs[0, :8].tolist(), targets[0]
    assert row[0] == 0 and data.vocab.decode(row[1:]) == "help me"  # END starts the line
    assert data.vocab.decode(target[:8].tolist()) == "help me" + char_rnn.END  # END closes it
    assert (target[8:] == -100).all() and (inputs[0, 8:] == 0).all()  # padding is ignored
    assert data.vocab.decode(inputs[1, 1:].tolist()) == "hello world" and targets.shape == (2, 12)


def _padded_table(data: char_rnn.TextData) -> tuple[torch.Tensor, torch.Tensor]:
    """Every line padded to the longest, built line by line (how the data was once held)."""
    encoded = [data.vocab.encode(line) for line in data.lines]
    width = max(len(ids) for ids in encoded) + 1
    inputs, targets = (
        torch.zeros(len(encoded), width, dtype=torch.long),
        torch.full((len(encoded), width), -100),
    )
    for n, ids in enumerate(encoded):
        inputs[n, 1 : len(ids) + 1], targets[n, : len(ids) + 1] = torch.tensor(ids), torch.tensor(ids + [0])
    return inputs, targets


def test_a_batch_is_the_padded_table_s_rows_cut_to_the_longest():
    data = char_rnn.TextData("a cat\nthe 👨‍👩‍👧 sat\nx\n" + "é" * 200 + "\nend.")
    inputs, targets = _padded_table(data)
    rows = torch.tensor([1, 0, 2, 2, 4, 3])
    width = int(data.lengths[rows].max())
    got = data.padded(rows)
    assert torch.equal(got[0], inputs[rows, :width]) and torch.equal(got[1], targets[rows, :width])


def test_a_big_text_of_short_lines_is_held_in_a_few_megabytes():
    """Issue 19.5: 1 MB of 500,000 short lines held 650 MB as a padded table (and 29 s to build)."""
    text = "\n".join(f"{i % 10}" for i in range(500_000))
    text += "\n" + "a long line of words. " * 40  # the table's width: 81
    data = char_rnn.TextData(text)
    held = sum(t.numel() * t.element_size() for t in (data.ids, data.lengths, data.starts))
    assert len(data.lines) > 500_000 and held < 20e6, held


def test_any_unicode_text_gets_a_capped_vocabulary():
    text = "".join(chr(0x4E00 + i) for i in range(500)) + "\nemoji 🙂🙃 and ünïcödé\n"
    data = char_rnn.TextData(text)
    assert len(data.vocab) <= char_rnn.MAX_VOCAB and char_rnn.UNKNOWN in data.vocab.chars
    assert (
        char_rnn.check_text("  ")
        and char_rnn.check_text("aaaaaaaaaaaaaaaaaaaaaaaaa")
        and char_rnn.check_text("short")
    )
    assert char_rnn.check_text(TEXT) is None


def test_training_lowers_the_loss_and_learns_the_text(trained):
    model, data, losses = trained
    assert np.mean(losses[-10:]) < 0.5 * np.mean(losses[:10])
    text = data.vocab.decode(t for t in char_rnn.generate(model, "Greedy").tokens)
    assert text.startswith("hel") and text.endswith(char_rnn.END)  # it learned to stop


def test_temperature_to_zero_sampling_equals_greedy(trained):
    model, _, _ = trained
    greedy = [d.chosen for d in char_rnn.greedy(model)]
    for seed in range(5):
        assert [d.chosen for d in char_rnn.sample(model, 1e-4, seed)] == greedy
    hot = {tuple(d.chosen for d in char_rnn.sample(model, 3.0, seed)) for seed in range(5)}
    assert len(hot) > 1  # a high temperature really samples


def test_beam_width_one_equals_greedy_and_wider_beams_are_no_less_likely(trained):
    model, _, _ = trained
    greedy = [d.chosen for d in char_rnn.greedy(model)]
    tokens, levels = char_rnn.beam_search(model, 1)
    assert tokens == greedy and all(len(level) == 1 for level in levels)

    @torch.no_grad()
    def log_prob(tokens):
        x = torch.tensor([[0] + tokens[:-1]])
        logits, _ = model(x)
        return float(
            torch.log_softmax(logits[0].double(), -1)[torch.arange(len(tokens)), torch.tensor(tokens)].sum()
        )

    wide, levels = char_rnn.beam_search(model, 4)
    assert wide[-1] == 0 and log_prob(wide) >= log_prob(greedy) - 1e-9
    assert max(len(level) for level in levels) == 4


def test_sampling_stops_at_the_end_symbol_and_reports_distributions(trained):
    model, data, _ = trained
    draws = char_rnn.sample(model, 1.0, seed=3, max_len=200)
    assert draws[-1].chosen == 0 and all(d.chosen != 0 for d in draws[:-1])
    for d in draws:
        assert d.probs.shape == (len(data.vocab),) and abs(float(d.probs.sum()) - 1) < 1e-4


def test_trace_and_trajectory(trained):
    model, data, _ = trained
    x = data.padded(torch.tensor([0]))[0][0, :5]
    out = char_rnn.trace(model, x)
    assert list(out)[-1] == "output.scores"
    np.testing.assert_allclose(out["output.scores"], model(x[None])[0][0].detach().numpy(), atol=1e-5)
    points, chars = char_rnn.hidden_trajectory(model, data.vocab, TEXT)
    assert points.shape == (len(chars), 2) and chars[:5] == list("hello")
    assert chars.count(char_rnn.END) == 3


def test_symbols_are_graphemes_never_half_an_emoji():
    family = "👨\u200d👩\u200d👧"
    assert char_rnn.graphemes(f"a{family}🇫🇷e\u0301👍🏽") == ["a", family, "🇫🇷", "e\u0301", "👍🏽"]
    assert char_rnn.clean(f"{family}\u202e\r\n") == f"{family}\n"  # the joiner kept, a bidi control not
    data = char_rnn.TextData(f"ab {family}\n" + family * 100)
    assert family in data.vocab.chars and "👨" not in data.vocab.chars
    assert all(family in line or "👨" not in line for line in data.lines)  # lines cut between symbols
    assert data.vocab.decode(data.vocab.encode(data.lines[1])) == data.lines[1]


def test_a_one_character_text_is_refused_in_good_grammar():
    assert char_rnn.check_text("a") == "This text is only 1 character long; give at least 20."
