"""Every word and alignment the Self-attention tour claims, recomputed with the shipped transformer."""

import numpy as np
import pytest

from engine import assets, tours, transformer

SCENES = tours.load("self_attention")


@pytest.fixture(scope="module")
def shipped():
    state, card = assets.load("sorting_gpt")
    return transformer.load_state(state), card


def _shown(model, scene: tours.Scene):
    """(answer, sequence, the chosen layer's pattern (heads, T, T)) as the page computes them."""
    word, layer = scene.settings["self_attention-word"], scene.settings["self_attention-layer"]
    answer = transformer.sort_word(model, word)
    sequence = f"{word}{transformer.SEP}{answer}{transformer.END}"[: transformer.BLOCK]
    return answer, sequence, transformer.trace(model, sequence)[f"blocks.{layer}.attn.pattern"]


def _sorted_rows(word: str, sequence: str) -> range:
    """The rows from the | on: the positions that write the sorted word."""
    return range(len(word), len(sequence))


def _looks_at(sequence: str, row: np.ndarray) -> str:
    return sequence[int(row.argmax())]


def test_scene_1_zebra_and_layer_1(shipped):
    model, _ = shipped
    scene = SCENES[0]
    answer, sequence, pattern = _shown(model, scene)
    assert 'The model reads "zebra", then a |, then writes the letters sorted: "aberz"' in scene.narration
    assert answer == "aberz"
    np.testing.assert_allclose(pattern.sum(-1), 1.0, atol=1e-5)  # each row sums to 1
    assert np.all(np.triu(pattern, k=1) == 0)  # no look at the future
    rows = [pattern[h, r] for h in range(pattern.shape[0]) for r in _sorted_rows("zebra", sequence)]
    spread = sum(row.max() < 0.6 for row in rows)
    at_bar = sum(_looks_at(sequence, row) == "|" for row in rows)
    assert f"in {spread} of its {len(rows)} rows no weight reaches 0.6" in scene.narration
    assert f"{at_bar} of them look hardest at the |" in scene.narration


def test_scene_2_layer_2_finds_the_next_letter(shipped):
    model, _ = shipped
    scene = SCENES[1]
    _, sequence, pattern = _shown(model, scene)
    assert (
        "from the | row, head 1's brightest cell is on the a, from the a row on the b, then e, r and z"
        in scene.narration
    )
    rows = list(_sorted_rows("zebra", sequence))[:5]  # the rows | a b e r
    assert [sequence[r] for r in rows] == list("|aber")
    assert [_looks_at(sequence, pattern[0, r]) for r in rows] == list("aberz")
    agree = rows[1:]  # from the a row on
    assert [_looks_at(sequence, pattern[1, r]) for r in agree] == list("berz")
    low, high = min(pattern[1, r].max() for r in agree), max(pattern[1, r].max() for r in agree)
    assert f"head 2 agrees from the a row on, with weights from {low:.2f} to {high:.2f}" in scene.narration


def test_scene_3_banana(shipped):
    model, _ = shipped
    scene = SCENES[2]
    answer, sequence, pattern = _shown(model, scene)
    assert '"aaabnn"' in scene.narration and answer == "aaabnn"
    assert "head 2 puts all its weight on the b from the | row and from every a row" in scene.narration
    rows = list(_sorted_rows("banana", sequence))  # | a a a b n n .
    b_at, n_at = sequence.index("b"), [i for i, ch in enumerate("banana") if ch == "n"]
    for r in rows[:4]:  # the | row and the three a rows
        assert sequence[r] in "|a" and pattern[1, r, b_at] > 0.99
    assert "then splits it between the two n's" in scene.narration
    for r in rows[4:7]:  # the b row and the n rows
        on_n = pattern[1, r, n_at]
        assert on_n.sum() > 0.6 and on_n.min() > 0.2


def test_scene_4_noon_and_the_held_out_score(shipped):
    model, card = shipped
    scene = SCENES[3]
    answer, sequence, pattern = _shown(model, scene)
    assert f"It sorts {card['metrics']['exact_match']:.0%} of held-out words exactly" in scene.narration
    assert transformer.evaluate_sorting(model)["exact_match"] == pytest.approx(card["metrics"]["exact_match"])
    assert 'For "noon" it writes "nnno"' in scene.narration and answer == "nnno"
    second_n = len("noon") + 2  # | n [n] n o .
    assert sequence[second_n] == "n"
    assert "head 1 of layer 2 already looks at the o's" in scene.narration
    assert _looks_at(sequence, pattern[0, second_n]) == "o"
    assert "head 2 still spreads its weight over the whole word" in scene.narration
    assert pattern[1, second_n].max() < 0.3 and (pattern[1, second_n, :4] > 0.1).sum() >= 3
