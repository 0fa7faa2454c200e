"""EfficientNet-Lite0 on the shipped sample photos: the top classes we observed, and the page's pictures."""

import numpy as np
import pytest

from engine import imagenet
from engine import stage_figures as sf
from engine.samples import SAMPLE_PHOTOS, sample_photo

# Observed with torch 2.13 on CPU (top-5 names); each photo's expected class must be among them.
EXPECTED = {
    "Temple (China)": {"palace", "bell cote", "monastery"},  # a building
    "Flower": {"daisy"},
    "Cameraman": {"tripod", "reflex camera"},
    "Cat (Chelsea)": {"Egyptian cat", "tiger cat", "tabby"},
    "Coffee": {"espresso", "cup", "coffee mug"},
}


@pytest.fixture(scope="module")
def model():
    return imagenet.load_model()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_top_classes_of_the_sample_photos_are_sensible(model, name):
    top = imagenet.predict(model, imagenet.preprocess(sample_photo(name).rgb), k=5)
    assert top[0][0] in EXPECTED[name], top
    assert sum(p for n, p in top if n in EXPECTED[name]) > 0.2, top


@pytest.mark.slow
def test_feature_mosaics_show_the_strongest_maps_of_each_stage(model):
    stages = imagenet.stage_features(model, imagenet.preprocess(sample_photo("Coffee").rgb))
    assert list(stages) == list(imagenet.STAGES)
    assert stages["stem"].shape == (32, 112, 112) and stages["blocks.15"].shape[1:] == (7, 7)
    mosaic, channels = sf.feature_mosaic(stages["blocks.4"], 8, columns=4)
    means = stages["blocks.4"].mean(axis=(1, 2))
    assert list(channels) == list(np.argsort(-means)[:8]) and mosaic.shape == (2 * 99 + 3, 4 * 99 + 3)


def test_filter_patches_lay_out_every_filter():
    filters = np.random.default_rng(0).random((32, 3, 3, 3))
    mosaic = sf.filter_patches(filters, columns=8, patch=36, gap=4)
    assert mosaic.shape == (4 * 40 + 4, 8 * 40 + 4, 3)
    first_pixel = (filters[0, 0, 0] * 255).round()  # its red, green, blue
    np.testing.assert_array_equal(mosaic[4:16, 4:16], np.broadcast_to(first_pixel, (12, 12, 3)))
    assert SAMPLE_PHOTOS  # the photos the page offers exist
