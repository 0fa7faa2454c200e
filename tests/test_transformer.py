"""The tiny sorting GPT: hand-written attention == nn.MultiheadAttention, the data, the trained asset."""

import numpy as np
import pytest
import torch

from engine import assets, transformer


@pytest.fixture(scope="module")
def fresh():
    return transformer.build(transformer.Config())


def test_causal_self_attention_equals_torch_multihead_attention(fresh):
    ours = fresh.blocks[0].attn
    width, heads = transformer.Config().width, transformer.Config().heads
    reference = torch.nn.MultiheadAttention(width, heads, batch_first=True)
    with torch.no_grad():
        reference.in_proj_weight.copy_(ours.qkv.weight)
        reference.in_proj_bias.copy_(ours.qkv.bias)
        reference.out_proj.weight.copy_(ours.proj.weight)
        reference.out_proj.bias.copy_(ours.proj.bias)
    x = torch.randn(3, 7, width)
    future = torch.ones(7, 7, dtype=torch.bool).triu(1)  # True = may not look
    expected, expected_pattern = reference(x, x, x, attn_mask=future, average_attn_weights=False)
    out, pattern = ours(x)
    torch.testing.assert_close(out, expected, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(pattern, expected_pattern, atol=1e-6, rtol=1e-5)
    assert (pattern >= 0).all() and torch.allclose(pattern.sum(-1), torch.ones(3, heads, 7))
    assert (pattern.masked_select(future) == 0).all()  # no looking ahead


def test_only_the_sorted_half_is_scored():
    x, y = transformer.batch(np.random.default_rng(0), 20)
    sep, end = transformer.INDEX[transformer.SEP], transformer.INDEX[transformer.END]
    for xs, ys in zip(x.tolist(), y.tolist()):
        at = xs.index(sep)
        assert all(v == -1 for v in ys[:at])
        word = "".join(transformer.VOCAB[i] for i in xs[:at])
        written = "".join(transformer.VOCAB[v] for v in ys[at:] if v != -1)
        assert written == "".join(sorted(word)) + transformer.END
        assert (
            ys[at : at + len(word) + 1] == [transformer.INDEX[c] for c in written]
            and end == ys[at + len(word)]
        )


def test_trace_ends_with_the_models_logits_and_changes_nothing(fresh):
    before = {k: v.clone() for k, v in fresh.state_dict().items()}
    record = transformer.trace(fresh, "dcab|abcd.")
    assert list(record) == ["blocks.0.attn.pattern", "blocks.1.attn.pattern", "logits"]
    assert record["blocks.1.attn.pattern"].shape == (2, 10, 10)
    with torch.no_grad():
        logits, _ = fresh(torch.tensor([[transformer.INDEX[c] for c in "dcab|abcd."]]))
    np.testing.assert_allclose(record["logits"], logits[0].numpy(), atol=1e-6)
    assert all(torch.equal(before[k], v) for k, v in fresh.state_dict().items())


@pytest.mark.parametrize("bad", ["", "a", "abcdefghi", "héllo", "ab1", "<script>"])
def test_bad_words_are_refused_in_words(bad):
    with pytest.raises(ValueError, match=r"\w"):
        transformer.check_word(bad)


@pytest.mark.slow
def test_pretrained_sorter_meets_its_card():
    state, card = assets.load("sorting_gpt")
    model = transformer.load_state(state)
    assert transformer.evaluate_sorting(model, n=200)["exact_match"] >= card["floors"]["exact_match"] >= 0.9
    assert transformer.sort_word(model, "softmax") == "afmostx"


def test_a_one_letter_word_is_refused_in_a_whole_sentence():
    import pytest

    with pytest.raises(ValueError, match="“a” has 1 letter; the model sorts words of 2 to 8 letters."):
        transformer.check_word("a")
    with pytest.raises(ValueError, match="has 9 letters;"):
        transformer.check_word("abcdefghi")
