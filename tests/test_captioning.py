"""Show, Attend and Tell in miniature: the attention equations, the trace, and the trained asset."""

import numpy as np
import pytest
import torch

from engine import assets, captioning, scenes


@pytest.fixture(scope="module")
def fresh():
    return captioning.build(captioning.Config())


def test_attention_weights_are_a_distribution_and_context_is_their_weighted_sum(fresh):
    torch.manual_seed(1)
    annotations = torch.randn(2, 64, fresh.attend.W_a.in_features)  # (B, L, D)
    h = torch.randn(2, fresh.attend.W_h.in_features)  # (B, H)
    alpha, context = fresh.attend(annotations, h)
    assert (alpha >= 0).all()
    torch.testing.assert_close(alpha.sum(-1), torch.ones(2))
    # g_ti = f_att(a_i, h) = w . tanh(W_a a_i + W_h h), written out location by location
    att = fresh.attend
    for b in range(2):
        g = torch.stack(
            [att.w(torch.tanh(att.W_a(annotations[b, i]) + att.W_h(h[b]))).squeeze() for i in range(64)]
        )
        torch.testing.assert_close(alpha[b], torch.exp(g) / torch.exp(g).sum())
        torch.testing.assert_close(context[b], sum(alpha[b, i] * annotations[b, i] for i in range(64)))


def test_encoder_gives_one_annotation_vector_per_4x4_patch(fresh):
    images = captioning.to_tensor(scenes.batch(np.random.default_rng(0), 2)[0])
    assert fresh.encoder(images).shape == (2, 64, captioning.Config().channels)


def test_trace_is_the_models_output_and_changes_nothing(fresh):
    image = scenes.render(scenes.random_scene(np.random.default_rng(3)))
    before = {k: v.clone() for k, v in fresh.state_dict().items()}
    fresh.train()
    record = captioning.trace(fresh, image)
    assert fresh.training and all(torch.equal(before[k], v) for k, v in fresh.state_dict().items())
    assert list(record)[-1] == "decoder.logits"
    tokens = torch.from_numpy(record["decoder.tokens"])
    words_in = torch.cat([torch.tensor([scenes.START]), tokens[:-1]])[None]  # what the decoder was fed
    fresh.eval()
    with torch.no_grad():
        logits, alphas = fresh(captioning.to_tensor(image[None]), words_in)
    np.testing.assert_allclose(record["decoder.logits"], logits[0].numpy(), atol=1e-5)
    np.testing.assert_allclose(record["decoder.attention"], alphas[0].numpy(), atol=1e-6)
    assert np.allclose(record["decoder.attention"].sum(-1), 1, atol=1e-5)
    ctx = record["decoder.attention"] @ record["encoder.annotations"]  # (T, D): sum_i alpha_ti a_i
    np.testing.assert_allclose(record["decoder.context"], ctx, atol=1e-5)


def test_sampling_is_seeded_and_greedy_is_deterministic(fresh):
    image = scenes.render(scenes.random_scene(np.random.default_rng(4)))
    a = captioning.caption_view(fresh, image, greedy=False, temperature=2.0, seed=5)
    b = captioning.caption_view(fresh, image, greedy=False, temperature=2.0, seed=5)
    assert a["words"] == b["words"]
    assert captioning.caption_view(fresh, image)["words"] == captioning.caption_view(fresh, image)["words"]


@pytest.mark.slow
def test_pretrained_captioner_meets_its_card():
    state, card = assets.load("captioner")
    model = captioning.load_state(state)
    measured = captioning.evaluate_scenes(model)
    assert card["floors"]["exact_caption_accuracy"] >= 0.95
    assert measured["exact_caption_accuracy"] >= card["floors"]["exact_caption_accuracy"]
    # the word naming an object (its colour, its shape) is written while looking at that object
    assert measured["attention_on_object"] >= card["floors"]["attention_on_object"] >= 0.85


@pytest.mark.slow
def test_pretrained_captioner_reads_a_hand_made_scene():
    model = captioning.load_state(assets.load("captioner")[0])
    scene = scenes.Scene(
        (scenes.Thing("circle", "red", 8, 10, 11), scenes.Thing("square", "blue", 24, 22, 11)), "horizontal"
    )
    view = captioning.caption_view(model, scenes.render(scene))
    assert view["caption"] == "a red circle left of a blue square"
    cells = captioning.object_cells(scene.things[1])
    assert cells[int(view["attention"][view["words"].index("square")].argmax())]
