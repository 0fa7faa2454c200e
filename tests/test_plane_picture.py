"""The plane drawn as pictures: points land where the chart's axes put them, colours follow the scale."""

import base64
import io

import numpy as np
from PIL import Image

from engine import mlp, mlp_figures, toy2d
from engine.figures import Dots, dots_picture, draw_dots, palette
from engine.plane_picture import MARGIN, as_data_uri, plane_picture, png_data_uri

EXTENT = 3.0


def _decode(uri: str) -> Image.Image:
    header, payload = uri.split(",", 1)
    assert header in ("data:image/png;base64", "data:image/webp;base64")
    return Image.open(io.BytesIO(base64.b64decode(payload)))


def test_a_dot_lands_where_the_axes_put_it():
    # x1 = 1.5 is 3/4 across; x2 = 1.5 is 1/4 down (x2 grows upwards, rows downwards).
    picture = np.asarray(draw_dots([Dots(np.array([[1.5, 1.5]]), "#ff0000")], EXTENT, side=400))
    rows, cols = np.nonzero(picture[:, :, 3] > 128)
    assert abs(rows.mean() - 100) < 1.5 and abs(cols.mean() - 300) < 1.5
    assert tuple(picture[100, 300, :3]) == (255, 0, 0)


def test_open_dots_are_rings_and_the_rest_stays_transparent():
    picture = np.asarray(draw_dots([Dots(np.array([[0.0, 0.0]]), "#0000ff", filled=False)], EXTENT, side=400))
    assert picture[200, 200, 3] < 32  # the ring's middle is see-through
    assert picture[:, :, 3].max() > 200 and picture[0, 0, 3] == 0
    assert _decode(dots_picture(Image.fromarray(picture))).size == (400, 400)


def test_the_surface_is_coloured_by_the_scale_with_x2_upwards():
    values = np.zeros((4, 4))
    values[0, :] = 1.0  # row 0 is x2 = -extent: the bottom
    scale = [[0.0, "#000000"], [1.0, "#ffffff"]]
    empty = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    picture = np.asarray(plane_picture(values, scale, (0.0, 1.0), empty, EXTENT, side=200))
    assert picture.shape == (MARGIN["t"] + 200 + MARGIN["b"], MARGIN["l"] + 200 + MARGIN["r"], 4)
    bottom = picture[MARGIN["t"] + 195, MARGIN["l"] + 100, :3]
    top = picture[MARGIN["t"] + 5, MARGIN["l"] + 100, :3]
    assert tuple(bottom) == tuple(palette(scale)[255]) and tuple(top) == tuple(palette(scale)[0])


def test_on_a_background_the_picture_is_the_transparent_one_laid_on_it():
    values = np.random.default_rng(2).random((6, 6))
    dots = draw_dots([Dots(np.array([[0.5, -1.0]]), "#ff0000")], EXTENT, side=200)
    look = dict(side=200, bar_title="p", legend=[])
    clear = plane_picture(values, "Viridis", (0.0, 1.0), dots, EXTENT, **look)
    on_dark = plane_picture(values, "Viridis", (0.0, 1.0), dots, EXTENT, background="#102030", **look)
    laid = Image.new("RGBA", clear.size, (16, 32, 48, 255))
    laid.alpha_composite(clear)
    assert on_dark.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(on_dark), np.asarray(laid.convert("RGB")))


def test_the_live_frame_shows_the_models_own_surface():
    data = toy2d.make("circles", n=60)
    model = mlp.build(mlp.Config(hidden=(4,)))
    figures = mlp_figures.LiveFigures(("k",), data, ("x1", "x2"), False, False)
    view = mlp_figures.surface_view(model)
    frame = np.asarray(_decode(figures.plane_frame(view, "output")).convert("RGB")).astype(int)
    side = 430
    # The middle of the picture's surface against p(orange) at the middle of the grid, through the scale.
    centre = frame[MARGIN["t"] + side // 2, MARGIN["l"] + side // 2]
    middle = view["output"][mlp_figures.GRID // 2, mlp_figures.GRID // 2]
    expected = palette(mlp_figures.SURFACE_SCALE)[int(round(middle * 255))].astype(int)
    assert np.abs(centre - expected).max() <= 12  # lossy WebP, smoothing


def test_the_live_frame_lies_on_the_pages_background():
    data = toy2d.make("circles", n=60)
    figures = mlp_figures.LiveFigures(("k",), data, ("x1", "x2"), True, False)
    view = mlp_figures.surface_view(mlp.build(mlp.Config(hidden=(4,))))
    for background, rgb in (("#ffffff", (255, 255, 255)), ("#0f1216", (15, 18, 22))):
        frame = _decode(figures.plane_frame(view, "output", background))
        assert frame.format == "WEBP" and frame.mode == "RGB"  # no alpha plane to encode
        assert frame.size == (MARGIN["l"] + 430 + MARGIN["r"], MARGIN["t"] + 430 + MARGIN["b"])
        corner = np.asarray(frame.convert("RGB"))[2, 2].astype(
            int
        )  # outside the plane: the page shows through
        assert np.abs(corner - np.array(rgb)).max() <= 3


def test_the_chart_keeps_the_heatmap_first_and_the_points_in_one_picture():
    data = toy2d.make("circles", n=60)
    fig = mlp_figures.surface_figure(None, data, clickable=False)
    assert fig.data[0].type == "heatmap" and fig.data[0].z.shape == (mlp_figures.GRID, mlp_figures.GRID)
    assert all(len([v for v in t.x if v is not None]) == 0 for t in fig.data[1:])  # legend lines only
    assert _decode(fig.layout.images[0].source).size == (512, 512)


def test_as_data_uri_keeps_transparency():
    picture = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    picture.paste((255, 0, 0, 255), (0, 0, 10, 20))
    decoded = np.asarray(_decode(as_data_uri(picture)).convert("RGBA"))
    assert decoded[10, 15, 3] == 0 and decoded[10, 3, 3] == 255


def test_a_lossless_data_uri_keeps_every_pixel_of_an_array():
    rgb = np.random.default_rng(0).integers(0, 256, (37, 53, 3), dtype=np.uint8)
    decoded = np.asarray(_decode(as_data_uri(rgb, lossless=True)).convert("RGB"))
    np.testing.assert_array_equal(decoded, rgb)


def test_a_png_data_uri_keeps_every_pixel_of_a_grey_array():
    grey = np.random.default_rng(1).integers(0, 256, (24, 40), dtype=np.uint8)
    np.testing.assert_array_equal(np.asarray(_decode(png_data_uri(grey))), grey)
