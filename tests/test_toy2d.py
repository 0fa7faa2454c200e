"""The playground's datasets and the CSV reader: right shapes, seeded, and clear refusals."""

import numpy as np
import pytest

from engine import toy2d
from engine.safe_inputs import InputError


@pytest.mark.parametrize("name", toy2d.DATASETS)
def test_every_dataset_is_two_balanced_classes_inside_the_plane(name):
    data = toy2d.make(name, n=200, noise=0.2, seed=3)
    x = np.concatenate([data.x_train, data.x_test])
    y = np.concatenate([data.y_train, data.y_test])
    assert x.shape == (200, 2) and x.dtype == np.float32 and y.dtype == np.int64
    assert set(y) == {0, 1} and y.sum() == 100
    assert np.abs(x).max() <= toy2d.EXTENT
    assert len(data.x_train) == 140
    again = toy2d.make(name, n=200, noise=0.2, seed=3)
    np.testing.assert_array_equal(again.x_train, data.x_train)
    assert not np.array_equal(toy2d.make(name, n=200, noise=0.2, seed=4).x_train, data.x_train)


def test_circles_inner_disc_is_class_one():
    data = toy2d.make("circles", noise=0.0)
    radius = np.linalg.norm(data.x_train, axis=1)
    assert radius[data.y_train == 1].max() < radius[data.y_train == 0].min()


def test_clicked_points_join_the_training_set_only():
    data = toy2d.make("xor", n=40)
    more = data.with_points(((1.0, -1.0, 1), (0.5, 0.5, 0)))
    assert len(more.x_train) == len(data.x_train) + 2 and len(more.x_test) == len(data.x_test)
    np.testing.assert_array_equal(more.x_train[-2:], [[1.0, -1.0], [0.5, 0.5]])
    assert list(more.y_train[-2:]) == [1, 0]


def test_csv_with_header_semicolons_and_word_labels():
    text = "x1;x2;label\n" + "".join(f"{i};{-i};{'cat' if i % 2 else 'dog'}\n" for i in range(10))
    data, notes = toy2d.parse_csv(text.encode())
    x = np.concatenate([data.x_train, data.x_test])
    assert len(x) == 10 and np.abs(x).max() <= toy2d.EXTENT  # 9 was rescaled into the plane
    assert "class 'cat' is blue" in notes[0] and any("rescaled" in n for n in notes)


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"x1,x2,label\n1,2,0\n", "at least 4 points"),
        (b"1,2,0\n1,2\n3,4,1\n5,6,0\n", "Row 2 has 2 columns"),
        (b"1,2,0\n1,two,1\n3,4,1\n5,6,0\n", "Row 2: x1 and x2 must be numbers"),
        (b"1,2,0\nnan,2,1\n3,4,1\n5,6,0\n", "finite"),
        (b"1,2,0\n1e300,2,1\n3,4,1\n5,6,0\n", "Row 2: x1 and x2 must lie between"),
        (b"1,2,0\n1,2,0\n3,4,0\n5,6,0\n", "exactly two classes; this file has 1"),
        (b"1,2,0\n1,2,1\n3,4,2\n5,6,0\n", "exactly two classes; this file has 3"),
        (b"\x00\x01\x02PK\x03\x04" * 20, "binary"),
        (b"1,2,0\n" * 2500, "limit is 2000"),
    ],
)
def test_bad_csv_files_are_refused_in_words(content, words):
    with pytest.raises(InputError, match=words):
        toy2d.parse_csv(content)
