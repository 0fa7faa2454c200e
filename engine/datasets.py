"""Small datasets that ship inside installed packages or are generated here, seeded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Split:
    """Train and test arrays of one dataset."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


@lru_cache(maxsize=1)
def _digits_raw() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits  # lazy: scikit-learn costs ~1 s to import

    bunch = load_digits()
    images = (bunch.images / 16.0).astype(np.float32)  # (1797, 8, 8) in [0, 1]
    images.setflags(write=False)
    return images, bunch.target.astype(np.int64)


def digits(test_fraction: float = 0.2, seed: int = 0) -> Split:
    """scikit-learn's 8x8 handwritten digits (UCI, 1,797 images), scaled to [0, 1], split by seed."""
    images, labels = _digits_raw()
    order = np.random.default_rng(seed).permutation(len(labels))
    n_test = int(round(len(labels) * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return Split(images[train], labels[train], images[test], labels[test])
