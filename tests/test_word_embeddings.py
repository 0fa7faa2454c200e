"""Word embeddings: the lookup is nn.Embedding's, one-hot pairs are √2 apart,
training finds king − man + woman."""

import math

import numpy as np
import pytest
import torch
from torch import nn

from engine import model_files
from engine import word_corpus as wc
from engine import word_embeddings as we
from engine import word_fill_in as fill
from engine.word_embeddings_figures import (
    _POSITIONS,
    _label_boxes,
    embedding_map,
    place_labels,
)


@pytest.fixture(scope="module")
def data():
    return we.default_data()


@pytest.fixture(scope="module")
def trained(data):
    cfg = we.Config(steps=1500)
    losses = []
    model = we.train(
        we.build(cfg, len(data.vocab), data.vocab.digest),
        data,
        cfg,
        on_step=lambda step, metrics: losses.append(metrics["loss"]),
    )
    return model, losses


def test_the_slides_product_one_hot_times_E_is_nn_embedding():
    embedding = nn.Embedding(12, 5)
    index = torch.tensor([0, 3, 11, 3])
    assert torch.allclose(we.lookup(embedding.weight, index), embedding(index))
    assert we.one_hot(index, 12).shape == (4, 12) and we.one_hot(index, 12).sum(1).eq(1).all()


def test_trace_records_the_lookup_and_ends_with_the_models_output(data):
    model = we.build(we.Config(), len(data.vocab), data.vocab.digest)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    x = torch.tensor([data.vocab.index[w] for w in ("king", "queen")])
    record = we.trace(model, x)
    assert list(record)[-1] == "output.scores"
    assert np.allclose(record["embedding.row"], model.embed(x).detach().numpy())
    assert np.allclose(record["output.scores"], model(x)[0].detach().numpy())
    assert record["input.one_hot"].shape == (2, len(data.vocab))
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in before.items())  # trace changes nothing


def test_every_pair_of_the_slides_one_hot_vectors_is_sqrt2_apart_with_cosine_0():
    hot = we.slide_one_hot()
    assert hot.shape == (6, 10_000) and [int(np.argmax(r)) for r in hot] == [
        5391,
        9853,
        4914,
        7157,
        456,
        6257,
    ]
    off = ~np.eye(6, dtype=bool)
    assert np.allclose(we.distance_table(hot)[off], math.sqrt(2))
    assert np.allclose(we.cosine_table(hot)[off], 0.0)


def test_training_lowers_the_loss_from_6_log_2(trained):
    _, losses = trained
    assert losses[0] == pytest.approx(6 * math.log(2), abs=1e-4)  # U starts at 0: every score is 0
    assert np.mean(losses[-100:]) < 0.5 * losses[0]


def test_queen_is_in_the_top_3_of_king_minus_man_plus_woman(trained, data):
    model, _ = trained
    E, words = we.matrix(model), data.vocab.words
    assert we.rank(E, words, "king", "man", "woman", "queen") <= 3
    answers = we.analogy(E, words, "king", "man", "woman")
    assert answers[0][0] == "queen" and not {"king", "man", "woman"} & {w for w, _ in answers}


def test_nearest_neighbours_and_analogy_by_hand():
    words = ["king", "queen", "man", "woman", "apple"]
    E = np.array([[1, 1, 0], [1, -1, 0], [0, 1, 0.1], [0, -1, 0.1], [0, 0, 1]], dtype=float)
    assert we.analogy(E, words, "king", "man", "woman", top=1)[0][0] == "queen"
    assert we.nearest(E, words, "king", top=1)[0][0] == "man"


def test_the_generated_corpus_is_seeded_has_the_slides_words_and_no_apple_juice():
    text = wc.generated_corpus()
    assert text == wc.generated_corpus() and text != wc.generated_corpus(seed=1)
    assert "apple juice" not in text and "orange juice" in text
    vocab = wc.Corpus.from_text(text).vocab
    assert all(w in vocab for w in (*wc.SLIDE_WORDS, *(w for w, _ in fill.PHRASES), *fill.ANSWERS))


def test_pairs_lie_within_the_window(data):
    corpus = wc.Corpus.from_text("a b c d e f\n" * 3)
    pairs = we.SkipGramData(corpus, window=1)
    words = corpus.vocab.words
    found = {(words[c], words[o]) for c, o in zip(pairs.centres.tolist(), pairs.contexts.tolist())}
    assert found <= {(x, y) for x, y in zip("abcde", "bcdef")} | {(y, x) for x, y in zip("abcde", "bcdef")}
    assert len(data) > 10_000


@pytest.mark.parametrize(
    "text, words",
    [
        ("The King's crown\nI don't know", [["the", "king's", "crown"], ["i", "don't", "know"]]),
        ("नमस्ते दुनिया", [["नमस्ते", "दुनिया"]]),  # vowel signs stay inside the word
        ("Привет, мир! Café", [["привет", "мир", "café"]]),
        ("東京は大きい", [["東", "京", "は", "大", "き", "い"]]),  # no spaces: one character a word
        ("🙂 123 🙂", [["123"]]),
    ],
)
def test_words_in_any_script(text, words):
    assert wc.words(text) == words


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "no text yet"),
        ("   \n ", "no text yet"),
        ("hello " * 500, "one word, 'hello', repeated"),
        ("word " * 1_100_000, "1 MB"),
        ("🙂🙂 !!! ... 🎉", "no words"),
        ("a b c d e", "5 words"),
    ],
)
def test_bad_texts_get_a_plain_message(text, says):
    assert says in wc.check_text(text)


def test_other_scripts_train_and_say_how_they_are_read():
    text = "東京は日本の首都です。大阪は大きい町です。\n" * 20
    assert wc.check_text(text) is None
    corpus = wc.Corpus.from_text(text)
    assert corpus.unspaced and "京" in corpus.vocab and len(we.SkipGramData(corpus, 2)) > 0
    assert not wc.Corpus.from_text("Привет мир, как дела? " * 10).unspaced


def test_a_saved_embedding_loads_only_onto_its_own_vocabulary(trained, data):
    model, _ = trained
    saved = model_files.load(
        model_files.dump(model.state_dict(), page="word_embeddings", settings={}, steps=5),
        page="word_embeddings",
    )
    same = we.build(we.Config(), len(data.vocab), data.vocab.digest)
    same.load_state_dict(saved.state)
    assert torch.equal(same.embed.weight, model.embed.weight)
    other = wc.Corpus.from_text(wc.generated_corpus(seed=3).replace("tiny", "wee")).vocab
    with pytest.raises(RuntimeError, match="another vocabulary"):
        we.build(we.Config(), len(data.vocab), other.digest).load_state_dict(saved.state)


def test_the_one_hot_reader_knows_nothing_of_apple_the_embedding_reader_says_juice(trained, data):
    model, _ = trained
    readers = fill.Readers(we.matrix(model), data.vocab.words)
    apple, orange = readers.read("apple"), readers.read("orange")
    assert np.allclose(apple.one_hot, 0.25, atol=1e-6)
    assert fill.ANSWERS[int(orange.one_hot.argmax())] == "juice"
    assert fill.ANSWERS[int(apple.embedding.argmax())] == "juice" and apple.embedding.max() > 0.9


def test_the_pca_map_keeps_its_axes_signs_from_frame_to_frame(trained):
    E = we.matrix(trained[0])
    points, axes = we.pca_2d(E)
    flipped_points, flipped_axes = we.pca_2d(E, previous=-axes)
    assert np.allclose(flipped_points, -points, atol=1e-5) and np.allclose(flipped_axes, -axes)


def test_labels_placed_on_the_map_never_overlap(trained, data):
    view = we.view(trained[0])
    figure = embedding_map(view.points, data.vocab.words, 1500)
    assert {t.name for t in figure.data} >= set(wc.SLIDE_WORDS)
    rng = np.random.default_rng(0)
    pixels = rng.uniform(0, 300, size=(80, 2))
    labels = [f"word{i}" for i in range(80)]
    positions = place_labels(pixels, labels, (300, 300))
    boxes = [
        _label_boxes(*pixels[i], 7.2 * len(labels[i]), 15.0, gap=7.0)[_POSITIONS.index(p)]
        for i, p in enumerate(positions)
        if p
    ]
    assert 5 < len(boxes) < 80
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
