"""Our convolution == the lecture's tables, and == torch.nn.functional for any stride/padding/dilation."""

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.conv import (
    LECTURE_FILTERS,
    X_IMAGE,
    ConvSettings,
    PoolSettings,
    activate,
    conv_formula,
    conv_layer_channels,
    conv_output_size,
    convolve,
    pool,
    pool_formula,
    pool_output_size,
    window_at,
)
from engine.kernels import PRESETS, format_kernels, name_of, parse_kernels, preset

# The slide's tables (lecture 002), exactly as printed: values cut (not rounded) to two decimals.
SLIDE_DIAGONAL = """0.77 -0.11 0.11 0.33 0.55 -0.11 0.33
-0.11 1.00 -0.11 0.33 -0.11 0.11 -0.11
0.11 -0.11 1.00 -0.33 0.11 -0.11 0.55
0.33 0.33 -0.33 0.55 -0.33 0.33 0.33
0.55 -0.11 0.11 -0.33 1.00 -0.11 0.11
-0.11 0.11 -0.11 0.33 -0.11 1.00 -0.11
0.33 -0.11 0.55 0.33 0.11 -0.11 0.77"""
SLIDE_CROSS = """0.33 -0.55 0.11 -0.11 0.11 -0.55 0.33
-0.55 0.55 -0.55 0.33 -0.55 0.55 -0.55
0.11 -0.55 0.55 -0.77 0.55 -0.55 0.11
-0.11 0.33 -0.77 1.00 -0.77 0.33 -0.11
0.11 -0.55 0.55 -0.77 0.55 -0.55 0.11
-0.55 0.55 -0.55 0.33 -0.55 0.55 -0.55
0.33 -0.55 0.11 -0.11 0.11 -0.55 0.33"""
SLIDE_ANTI = """0.33 -0.11 0.55 0.33 0.11 -0.11 0.77
-0.11 0.11 -0.11 0.33 -0.11 1.00 -0.11
0.55 -0.11 0.11 -0.33 1.00 -0.11 0.11
0.33 0.33 -0.33 0.55 -0.33 0.33 0.33
0.11 -0.11 1.00 -0.33 0.11 -0.11 0.55
-0.11 1.00 -0.11 0.33 -0.11 0.11 -0.11
0.77 -0.11 0.11 0.33 0.55 -0.11 0.33"""
SLIDE_POOLED = [
    """1.00 0.33 0.55 0.33
0.33 1.00 0.33 0.55
0.55 0.33 1.00 0.11
0.33 0.55 0.11 0.77""",
    """0.55 0.33 0.55 0.33
0.33 1.00 0.55 0.11
0.55 0.55 0.55 0.11
0.33 0.11 0.11 0.33""",
    """0.33 0.55 1.00 0.77
0.55 0.55 1.00 0.33
1.00 1.00 0.11 0.55
0.77 0.33 0.55 0.33""",
]
SLIDE_RELU = """0.77 0 0.11 0.33 0.55 0 0.33
0 1.00 0 0.33 0 0.11 0
0.11 0 1.00 0 0.11 0 0.55
0.33 0.33 0 0.55 0 0.33 0.33
0.55 0 0.11 0 1.00 0 0.11
0 0.11 0 0.33 0 1.00 0
0.33 0 0.55 0.33 0.11 0 0.77"""


def table(text: str) -> np.ndarray:
    return np.array([[float(v) for v in line.split()] for line in text.splitlines()])


def as_printed(values: np.ndarray) -> np.ndarray:
    """The slide cuts to two decimals: 7/9 = 0.777... is printed 0.77."""
    return np.trunc(np.asarray(values, np.float64) * 100 + 1e-6 * np.sign(values)) / 100


@pytest.mark.parametrize(
    "name, slide", [("diagonal ╲", SLIDE_DIAGONAL), ("cross ✕", SLIDE_CROSS), ("diagonal ╱", SLIDE_ANTI)]
)
def test_feature_maps_of_the_x_match_the_slide(name, slide):
    feature_map = convolve(X_IMAGE, LECTURE_FILTERS[name])  # mean of products, as on the slide
    assert feature_map.shape == (7, 7)
    np.testing.assert_allclose(as_printed(feature_map), table(slide), atol=1e-9)
    assert np.abs(feature_map - table(slide)).max() < 0.01


def test_max_pooling_gives_the_slides_4x4_maps():
    for kernel, slide in zip(LECTURE_FILTERS.values(), SLIDE_POOLED):
        pooled = pool(convolve(X_IMAGE, kernel), PoolSettings("max", 2, 2, ceil=True))
        assert pooled.shape == (4, 4)
        np.testing.assert_allclose(as_printed(pooled), table(slide), atol=1e-9)


def test_relu_zeroes_the_negatives_as_on_the_slide():
    relu = activate(convolve(X_IMAGE, LECTURE_FILTERS["diagonal ╲"]), "ReLU")
    np.testing.assert_allclose(as_printed(relu), table(SLIDE_RELU), atol=1e-9)


def test_the_sliding_window_lands_in_the_feature_map():
    kernel = LECTURE_FILTERS["diagonal ╲"]
    window = window_at(X_IMAGE, kernel, ConvSettings(), 0, 0)
    assert window.products.sum() == 7 and window.value == pytest.approx(7 / 9)
    for settings in (ConvSettings(2, 1, 2, False), ConvSettings(1, "same", 1, True)):
        feature_map = convolve(X_IMAGE, kernel, settings)
        for r, c in itertools.product(range(feature_map.shape[0]), range(feature_map.shape[1])):
            assert window_at(X_IMAGE, kernel, settings, r, c).value == pytest.approx(
                feature_map[r, c], abs=1e-5
            )


@pytest.mark.parametrize("seed", range(12))
def test_convolution_equals_torch_for_random_settings(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.choice([3, 5, 7]))
    settings = ConvSettings(
        stride=int(rng.integers(1, 4)),
        dilation=int(rng.integers(1, 3)),
        padding=[0, 1, 2, 3, "same"][seed % 5],
        mean=bool(seed % 2),
    )
    image = rng.normal(size=(int(rng.integers(15, 30)), int(rng.integers(15, 30)))).astype(np.float32)
    kernel = rng.normal(size=(k, k)).astype(np.float32)
    ours = convolve(image, kernel, settings)
    p = (settings.dilation * (k - 1) // 2) if settings.padding == "same" else settings.padding
    ref = F.conv2d(
        torch.from_numpy(image)[None, None],
        torch.from_numpy(kernel)[None, None],
        stride=settings.stride,
        padding=p,
        dilation=settings.dilation,
    )[0, 0].numpy()
    np.testing.assert_allclose(ours, ref / (k * k) if settings.mean else ref, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("seed", range(10))
def test_pooling_equals_torch_for_random_settings(seed):
    rng = np.random.default_rng(100 + seed)
    size, stride, ceil = int(rng.integers(2, 5)), int(rng.integers(1, 5)), bool(seed % 2)
    values = rng.normal(size=(int(rng.integers(5, 20)), int(rng.integers(5, 20)))).astype(np.float32)
    x = torch.from_numpy(values)[None, None]
    for kind, ref in (
        ("max", F.max_pool2d(x, size, stride, ceil_mode=ceil)),
        ("average", F.avg_pool2d(x, size, stride, ceil_mode=ceil)),
    ):
        np.testing.assert_allclose(
            pool(values, PoolSettings(kind, size, stride, ceil)), ref[0, 0].numpy(), rtol=1e-5, atol=1e-6
        )


def test_output_size_formula_equals_the_real_shape():
    for n, k, s, p, d in itertools.product((7, 9, 16, 33), (3, 5, 7), (1, 2, 3), (0, 1, 3, "same"), (1, 2)):
        settings = ConvSettings(s, p, d)
        if conv_output_size(n, k, settings) < 1:
            continue
        shape = convolve(np.zeros((n, n), np.float32), np.ones((k, k), np.float32), settings).shape
        o = conv_output_size(n, k, settings)
        assert shape == (o, o)
        assert conv_formula(n, k, settings).endswith(f"= {o}")
        for size, stride, ceil in itertools.product((2, 3), (1, 2, 3), (False, True)):
            pool_settings = PoolSettings("max", size, stride, ceil)
            if o < size:
                continue
            pooled = pool(np.zeros((o, o), np.float32), pool_settings)
            assert pooled.shape == (pool_output_size(o, pool_settings),) * 2
            assert pool_formula(o, pool_settings).endswith(f"= {pooled.shape[0]}")


def test_per_channel_convolution_keeps_the_colours_apart():
    rgb = np.random.default_rng(0).random((12, 10, 3)).astype(np.float32)
    layer = conv_layer_channels(
        rgb, preset("Sobel x"), ConvSettings(mean=False), "none", PoolSettings("none")
    )
    assert layer.feature_map.shape == (10, 8, 3)
    np.testing.assert_allclose(
        layer.feature_map[:, :, 1], convolve(rgb[:, :, 1], preset("Sobel x"), ConvSettings(mean=False))
    )


def test_activations_are_the_usual_functions():
    v = np.linspace(-3, 3, 13).astype(np.float32)
    t = torch.from_numpy(v)
    for name, ref in (
        ("ReLU", F.relu(t)),
        ("leaky ReLU", F.leaky_relu(t, 0.1)),
        ("sigmoid", torch.sigmoid(t)),
        ("tanh", torch.tanh(t)),
        ("none", t),
    ):
        np.testing.assert_allclose(activate(v, name), ref.numpy(), rtol=1e-6, atol=1e-6)


def test_kernel_text_round_trips_and_refuses_nonsense():
    kernels = [preset(n, 5) for n in PRESETS]
    back = parse_kernels(format_kernels(kernels[:8]))
    for a, b in zip(kernels, back):
        np.testing.assert_allclose(a, b, atol=6e-4)
    assert name_of(parse_kernels("1 -1 -1\n-1 1 -1\n-1 -1 1")[0]) == "diagonal ╲"
    for bad in (
        "",
        "1 2\n3 4",
        "1 2 3\n4 5\n6 7 8",
        "a b c\n1 2 3\n1 2 3",
        "1 1 1\n1 nan 1\n1 1 1",
        "\n\n".join(["1"] * 9),
    ):
        with pytest.raises(ValueError):
            parse_kernels(bad)


def test_presets_do_what_their_names_say():
    ramp = np.tile(np.arange(9, dtype=np.float32), (9, 1))  # brighter to the right
    assert np.all(convolve(ramp, preset("Sobel x"), ConvSettings(mean=False)) > 0)
    assert np.allclose(convolve(ramp, preset("Sobel y"), ConvSettings(mean=False)), 0)
    assert np.allclose(convolve(ramp, preset("identity", 5), ConvSettings(padding="same", mean=False)), ramp)
    assert preset("Gaussian", 7).sum() == pytest.approx(1)
    assert preset("Gabor", 7, 45).sum() == pytest.approx(0, abs=1e-5)


def test_a_ragged_kernel_is_told_it_must_be_square():
    """'1 2 / 3' used to get 'every entry must be a number' (numpy refused the ragged rows first)."""
    for ragged in ("1 2\n3", "1 2 3\n4 5\n6 7 8"):
        with pytest.raises(ValueError, match="must be square"):
            parse_kernels(ragged)
    with pytest.raises(ValueError, match="must be a number"):
        parse_kernels("1 x 3\n4 5 6\n7 8 9")


def test_numbers_are_cut_to_two_decimals_as_the_slides_print_them():
    from engine.conv import slide_number

    assert [slide_number(v) for v in (7 / 9, -1 / 9, 5 / 9, -5 / 9, 1.0, 0.0, -1e-9)] == [
        "0.77",
        "-0.11",
        "0.55",
        "-0.55",
        "1.00",
        "0.00",
        "0.00",
    ]
    assert slide_number(np.float32(1.0) - np.float32(6e-8)) == "1.00"  # float32 noise is not a cut
    assert slide_number(3.0, 0) == "3" and slide_number(float("nan")) == "—"
    for name, slide in (("diagonal ╲", SLIDE_DIAGONAL), ("cross ✕", SLIDE_CROSS), ("diagonal ╱", SLIDE_ANTI)):
        printed = [[slide_number(v) for v in row] for row in convolve(X_IMAGE, LECTURE_FILTERS[name])]
        assert printed == [line.split() for line in slide.splitlines()]


def test_every_heatmap_writes_the_slides_digits():
    """The page rounded 42 of the 147 cells (0.78, -0.56); the slide cuts them (0.77, -0.55)."""
    from engine.conv_figures import map_figure, maps_grid

    for name, slide in (("diagonal ╲", SLIDE_DIAGONAL), ("cross ✕", SLIDE_CROSS), ("diagonal ╱", SLIDE_ANTI)):
        feature_map = convolve(X_IMAGE, LECTURE_FILTERS[name])
        assert [list(row) for row in map_figure(feature_map).data[0].text] == [
            line.split() for line in slide.splitlines()
        ]
    pooled = np.stack(
        [pool(convolve(X_IMAGE, k), PoolSettings("max", 2, 2, ceil=True)) for k in LECTURE_FILTERS.values()]
    )  # (3, 4, 4)
    text = np.array(maps_grid({"pool": pooled}, decimals=2, cell_px=40).data[0].text, dtype=object)
    assert [list(row) for row in text[:4, :4]] == [line.split() for line in SLIDE_POOLED[0].splitlines()]
    window = window_at(X_IMAGE, LECTURE_FILTERS["diagonal ╲"], ConvSettings(), 0, 0)
    from engine.conv import window_formula

    assert window_formula(0, 0, window, True).endswith("= 0.77")


def test_cells_hold_their_numbers_or_show_none():
    """Presenter view writes numbers at max(16, 1.4 x): the 7x7 maps' cells must grow to hold '-0.55',
    as large as the 4x4 pool maps' cells; a 16-wide map in a third of the page hides its numbers."""
    from engine.conv_figures import CELL_TEXT, map_figure, text_fits, text_width, view_room

    for presenter in (False, True):
        third = view_room(presenter).columns(1 / 3)
        big = map_figure(convolve(X_IMAGE, LECTURE_FILTERS["cross ✕"]), "t", room=third)
        small = map_figure(np.full((4, 4), 5 / 9), "t", room=third)
        cell = (big.layout.height - big.layout.margin.t - big.layout.margin.b) / 7
        small_cell = (small.layout.height - small.layout.margin.t - small.layout.margin.b) / 4
        assert cell == pytest.approx(small_cell, abs=0.5) if presenter else cell >= 0.85 * small_cell
        assert cell >= text_width("-0.55", third.text_px(CELL_TEXT)) + 3 and big.data[0].text is not None
        crowded = map_figure(np.random.default_rng(0).random((14, 16)) - 0.5, "t", room=third)
        side = (crowded.layout.height - crowded.layout.margin.t - crowded.layout.margin.b) / 14
        assert not text_fits(["-0.25"], side, third.text_px(CELL_TEXT)) and crowded.data[0].text is None
