"""Every checkable claim of the word-embeddings tour, recomputed with the page's own engine and settings.

The page trains live, so the scenes about a trained E train the same 6,000 steps here (about 20 s on
one CPU thread) and look at E along the way, as the page would show it at that step.
"""

import math

import numpy as np
import pytest
import torch

from engine import tours
from engine import word_corpus as wc
from engine import word_embeddings as we
from engine import word_fill_in as fill

SCENES = {scene.title: scene for scene in tours.load("word_embeddings")}
K = "word_embeddings"


def _config(scene) -> we.Config:
    settings = scene.settings
    assert settings[f"{K}-source"] == wc.CORPUS_NAME
    return we.Config(
        dim=settings.get(f"{K}-dim", 16),
        window=settings.get(f"{K}-window", 3),
        learning_rate=settings.get(f"{K}-lr", 0.01),
        seed=settings.get(f"{K}-seed", 0),
    )


@pytest.fixture(scope="module")
def data():
    return we.default_data()


def _train(cfg: we.Config, data, every: int = 100) -> dict[int, np.ndarray]:
    """E after every `every` steps of the page's training, and at step 0."""
    model = we.build(cfg, len(data.vocab), data.vocab.digest)
    frames = {0: we.matrix(model)}
    we.train(
        model,
        data,
        cfg,
        on_step=lambda step, _m: frames.__setitem__(step, we.matrix(model)) if step % every == 0 else None,
    )
    return frames


@pytest.fixture(scope="module")
def frames(data):
    cfg = _config(SCENES["king − man + woman"])
    assert cfg == we.Config() and cfg.steps == 6000
    return _train(cfg, data)


def test_the_slides_one_hot_words_are_sqrt2_apart():
    scene = SCENES["1-hot representation"]
    for word in wc.SLIDE_WORDS:
        assert f"{word.capitalize()} ({wc.SLIDE_INDEX[word]})" in scene.narration
    assert f"{wc.SLIDE_VOCAB:,} numbers" in scene.narration
    hot = we.slide_one_hot()
    off = ~np.eye(6, dtype=bool)
    assert np.allclose(we.distance_table(hot)[off], math.sqrt(2)) and "√2 ≈ 1.41" in scene.narration
    assert np.allclose(we.cosine_table(hot)[off], 0) and "cosine is 0" in scene.narration


def test_the_corpus_and_the_first_loss(data):
    scene = SCENES["Learning the featurized representation"]
    cfg = _config(scene)
    assert f"{data.corpus.tokens:,} words" in scene.narration
    assert f"vocabulary of {len(data.vocab)}" in scene.narration
    assert f"D = {cfg.dim} numbers" in scene.narration
    assert f"the {cfg.window} words on each side against {cfg.negatives} random ones" in scene.narration
    losses = []
    we.train(
        we.build(cfg, len(data.vocab), data.vocab.digest),
        data,
        we.Config(**{**cfg.__dict__, "steps": 1}),
        on_step=lambda step, metrics: losses.append(metrics["loss"]),
    )
    assert losses[0] == pytest.approx((1 + cfg.negatives) * math.log(2), abs=1e-4)
    assert f"{1 + cfg.negatives} × log 2 ≈ {(1 + cfg.negatives) * math.log(2):.2f}" in scene.narration


@pytest.mark.slow
def test_queen_is_first_from_step_200_to_the_end(frames, data):
    scene = SCENES["king − man + woman"]
    settings = scene.settings
    a, b, c = (settings[f"{K}-{x}"] for x in "abc")
    assert (
        "From about step 200 on" in scene.narration and "until training ends at step 6,000" in scene.narration
    )
    ranks = {
        step: we.rank(E, data.vocab.words, a, b, c, "queen") for step, E in frames.items() if step >= 200
    }
    assert set(ranks.values()) == {1}, {s: r for s, r in ranks.items() if r != 1}
    assert we.rank(frames[100], data.vocab.words, a, b, c, "queen") > 1  # "about": not before


@pytest.mark.slow
def test_apples_neighbours_are_fruit_and_apple_is_close_to_orange(frames, data):
    scene = SCENES["Apple and orange are close"]
    words, E = data.vocab.words, frames[6000]
    word = scene.settings[f"{K}-word"]
    assert word == "apple" and "four nearest neighbours are all fruit" in scene.narration
    assert {w for w, _ in we.nearest(E, words, word, top=4)} <= set(wc.FRUIT)
    cosine = we.cosine_table(E[[words.index(w) for w in ("apple", "orange", "man")]])
    assert cosine[0, 1] > cosine[0, 2] + 0.3
    assert "Food (0.95 and 0.97)" in scene.narration and wc.SLIDE_FEATURES["Food"][4:] == (0.95, 0.97)


@pytest.mark.slow
def test_the_one_hot_reader_guesses_and_the_embedding_reader_says_juice_once_trained(frames, data):
    scene = SCENES["I want a glass of apple ___"]
    word = scene.settings[f"{K}-blank"]
    assert (
        ("orange", "juice") in fill.PHRASES and len(fill.PHRASES) == 4 and "four phrases" in scene.narration
    )
    assert "apple juice" not in wc.generated_corpus() and all(w != word for w, _ in fill.PHRASES)
    trained = fill.Readers(frames[6000], data.vocab.words).read(word)
    assert np.allclose(trained.one_hot, 0.25) and "25 % for every answer" in scene.narration
    assert fill.ANSWERS[int(trained.embedding.argmax())] == "juice"
    untrained = fill.Readers(frames[0], data.vocab.words).read(word)
    assert fill.ANSWERS[int(untrained.embedding.argmax())] != "juice" and "At step 0" in scene.narration


def test_one_hot_times_E_picks_kings_row(data):
    scene = SCENES["E, and one-hot × E"]
    cfg, word = _config(scene), scene.settings[f"{K}-word"]
    V, index = len(data.vocab), data.vocab.index[word]
    assert f"{V} × {cfg.dim} here" in scene.narration and f"index {index}" in scene.narration
    assert f"o_king (1 × {V}) E ({V} × {cfg.dim}) = e_king (1 × {cfg.dim})" in scene.narration
    model = we.build(cfg, V, data.vocab.digest)
    record = we.trace(model, torch.tensor([index]))
    assert record["input.one_hot"][0].argmax() == index
    assert np.allclose(record["embedding.row"][0], we.matrix(model)[index])
    assert "10,000 × 300" in scene.narration  # the slide's E


@pytest.mark.slow
def test_with_two_features_queen_is_no_longer_first(data):
    scene = SCENES["Only two features: D = 2"]
    cfg = _config(scene)
    assert cfg.dim == 2
    E = _train(cfg, data, every=cfg.steps)[cfg.steps]
    a, b, c = (scene.settings[f"{K}-{x}"] for x in "abc")
    assert we.rank(E, data.vocab.words, a, b, c, "queen") > 1
    assert all(cosine > 0.95 for _, cosine in we.analogy(E, data.vocab.words, a, b, c, top=3))
