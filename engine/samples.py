"""Built-in sample photos, all from packages that ship them (no download at run time)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from engine.safe_inputs import WORKING_SIZE, LoadedImage, _fit

# name -> (package, loader name, what it shows)
SAMPLE_PHOTOS: dict[str, tuple[str, str, str]] = {
    "Temple (China)": ("sklearn", "china.jpg", "a Chinese temple among trees"),
    "Flower": ("sklearn", "flower.jpg", "a flower close up"),
    "Cameraman": ("skimage", "camera", "a man with a camera on a tripod, grayscale"),
    "Astronaut": ("skimage", "astronaut", "astronaut Eileen Collins"),
    "Cat (Chelsea)": ("skimage", "chelsea", "a tabby cat"),
    "Coffee": ("skimage", "coffee", "a cup of coffee on a saucer"),
}


@lru_cache(maxsize=None)  # read-only arrays of a fixed set: shared safely by all users
def sample_photo(name: str) -> LoadedImage:
    """One of `SAMPLE_PHOTOS`, as a LoadedImage at working size (the array is read-only)."""
    package, item, _ = SAMPLE_PHOTOS[name]
    if package == "sklearn":
        from sklearn.datasets import load_sample_image

        rgb = load_sample_image(item)
    else:
        from skimage import data

        rgb = getattr(data, item)()
    if rgb.ndim == 2:
        rgb = np.repeat(rgb[:, :, None], 3, axis=2)
    height, width = rgb.shape[:2]
    rgb, note = _fit(np.ascontiguousarray(rgb[:, :, :3], dtype=np.uint8), WORKING_SIZE)
    rgb.setflags(write=False)
    return LoadedImage(
        rgb=rgb, original_size=(width, height), source_format="sample", notes=(note,) if note else ()
    )
