"""Two-class data on the plane: the playground's datasets, clicked-in points, and CSV uploads.

Every point lies in the square [-EXTENT, EXTENT]^2; labels are 0 (blue) and 1 (orange).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

from engine.safe_inputs import InputError, load_text

EXTENT = 3.0  # the plane shown is [-3, 3] x [-3, 3]
DATASETS = ("circles", "xor", "gaussians", "spiral", "moons")
MAX_CSV_ROWS = 2000
MAX_CSV_BYTES = 200_000
MAX_COORDINATE = 1e9


@dataclass(frozen=True)
class Toy2D:
    """A train/test split of labelled points: X (N, 2) float32, y (N,) int64 in {0, 1}."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    name: str = ""

    def with_points(self, points: tuple[tuple[float, float, int], ...]) -> "Toy2D":
        """The same data with clicked-in (x1, x2, label) points added to the training set."""
        if not points:
            return self
        extra = np.array([[p[0], p[1]] for p in points], np.float32)  # (K, 2)
        labels = np.array([p[2] for p in points], np.int64)  # (K,)
        return Toy2D(
            np.concatenate([self.x_train, extra]),
            np.concatenate([self.y_train, labels]),
            self.x_test,
            self.y_test,
            self.name,
        )


def make(name: str, n: int = 400, noise: float = 0.1, seed: int = 0, train_fraction: float = 0.7) -> Toy2D:
    """One of DATASETS with `n` points, Gaussian `noise` (in plane units), split into train and test."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {DATASETS}")
    rng = np.random.default_rng(seed)
    half = n // 2
    x, y = _GENERATORS[name](rng, half)  # (2*half, 2), (2*half,)
    x = x + rng.normal(0.0, noise, x.shape) * (EXTENT / 3.0)
    return split(np.clip(x, -EXTENT, EXTENT), y, seed=seed, train_fraction=train_fraction, name=name)


def split(
    x: np.ndarray, y: np.ndarray, *, seed: int = 0, train_fraction: float = 0.7, name: str = ""
) -> Toy2D:
    """Shuffle (seeded) and cut into train and test sets."""
    order = np.random.default_rng(seed + 1).permutation(len(x))
    cut = max(1, min(len(x) - 1, round(train_fraction * len(x))))
    train, test = order[:cut], order[cut:]
    x, y = x.astype(np.float32), y.astype(np.int64)
    return Toy2D(x[train], y[train], x[test], y[test], name)


def _circles(rng, half):
    radius = EXTENT * 0.8
    r_in = radius * 0.5 * np.sqrt(rng.uniform(0, 1, half))
    r_out = radius * rng.uniform(0.7, 1.0, half)
    angles = rng.uniform(0, 2 * math.pi, 2 * half)
    r = np.concatenate([r_in, r_out])
    x = np.stack([r * np.cos(angles), r * np.sin(angles)], 1)
    return x, np.concatenate([np.ones(half), np.zeros(half)])


def _xor(rng, half):
    x = rng.uniform(EXTENT * 0.05, EXTENT * 0.95, (2 * half, 2))  # a small gap along the axes
    signs = rng.choice([-1.0, 1.0], 2 * half)
    x[:, 0] *= signs
    x[:, 1] *= np.concatenate([signs[:half], -signs[half:]])  # same signs: class 1
    return x, np.concatenate([np.ones(half), np.zeros(half)])


def _gaussians(rng, half):
    centre = EXTENT * 0.4
    a = rng.normal(centre, EXTENT * 0.17, (half, 2))
    b = rng.normal(-centre, EXTENT * 0.17, (half, 2))
    return np.concatenate([a, b]), np.concatenate([np.ones(half), np.zeros(half)])


def _spiral(rng, half):
    t = np.linspace(0.0, 1.0, half)
    r = EXTENT * 0.85 * t
    angle = 1.75 * 2 * math.pi * t

    def arm(shift):
        return np.stack([r * np.sin(angle + shift), r * np.cos(angle + shift)], 1)

    return np.concatenate([arm(0.0), arm(math.pi)]), np.concatenate([np.ones(half), np.zeros(half)])


def _moons(rng, half):
    t = rng.uniform(0, math.pi, half)
    upper = np.stack([np.cos(t), np.sin(t)], 1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)
    x = (np.concatenate([upper, lower]) - [0.5, 0.25]) * EXTENT * 0.6
    return x, np.concatenate([np.zeros(half), np.ones(half)])


_GENERATORS = {"circles": _circles, "xor": _xor, "gaussians": _gaussians, "spiral": _spiral, "moons": _moons}


def parse_csv(data: bytes, *, seed: int = 0) -> tuple[Toy2D, list[str]]:
    """An uploaded CSV of x1, x2, label -> (split data, notes); InputError says what is wrong."""
    if not data or not data.strip():
        raise InputError("The file is empty. Upload a CSV with three columns: x1, x2, label.")
    if len(data) > MAX_CSV_BYTES:
        raise InputError(
            f"This file is {len(data) // 1024} KB; the limit is {MAX_CSV_BYTES // 1000} KB "
            f"(at most {MAX_CSV_ROWS} points)."
        )
    text = load_text(data)
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=_delimiter(text)) if any(c.strip() for c in r)]
    if rows and not _is_number(rows[0][0] if rows[0] else ""):
        rows = rows[1:]  # a header line
    if len(rows) < 4:
        raise InputError("The file needs at least 4 points (rows of x1, x2, label).")
    if len(rows) > MAX_CSV_ROWS:
        raise InputError(f"The file has {len(rows)} points; the limit is {MAX_CSV_ROWS}.")
    coords, labels = _read_rows(rows)
    classes = sorted(set(labels))
    if len(classes) != 2:
        raise InputError(f"The label column must hold exactly two classes; this file has {len(classes)}.")
    y = np.array([classes.index(v) for v in labels], np.int64)  # (N,)
    x, notes = _fit_to_plane(np.array(coords, np.float64))  # (N, 2)
    notes.insert(0, f"{len(y)} points; class '{classes[0]}' is blue, class '{classes[1]}' is orange")
    return split(x, y, seed=seed, name="upload"), notes


def _delimiter(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return next((d for d in (",", ";", "\t") if d in first), ",")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _read_rows(rows: list[list[str]]) -> tuple[list[tuple[float, float]], list[str]]:
    coords, labels = [], []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if len(cells) != 3:
            raise InputError(
                f"Row {number} has {len(cells)} columns; every row needs exactly 3: x1, x2, label."
            )
        try:
            x1, x2 = float(cells[0]), float(cells[1])
        except ValueError:
            raise InputError(f"Row {number}: x1 and x2 must be numbers.") from None
        if not (math.isfinite(x1) and math.isfinite(x2)):
            raise InputError(f"Row {number}: x1 and x2 must be finite numbers (no NaN or infinity).")
        if max(abs(x1), abs(x2)) > MAX_COORDINATE:
            raise InputError(
                f"Row {number}: x1 and x2 must lie between -{MAX_COORDINATE:g} and {MAX_COORDINATE:g}."
            )
        label = cells[2]
        if not label:
            raise InputError(f"Row {number} has no label.")
        if _is_number(label):
            label = f"{float(label):g}"
        coords.append((x1, x2))
        labels.append(label[:20])
    return coords, labels


def _fit_to_plane(x: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Centre and scale the points into the plane when they fall outside it."""
    notes: list[str] = []
    if np.abs(x).max() > EXTENT:
        centre = (x.max(0) + x.min(0)) / 2
        scale = np.abs(x - centre).max() or 1.0
        x = (x - centre) / scale * EXTENT * 0.9
        notes.append(f"rescaled to fit the plane [-{EXTENT:g}, {EXTENT:g}]")
    return x, notes
