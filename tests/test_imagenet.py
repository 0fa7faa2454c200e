"""EfficientNet-Lite0 from its PyPI wheel: traces match the model and it stays read-only."""

import numpy as np
import pytest
import torch

from engine import imagenet
from engine.samples import sample_photo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def model():
    return imagenet.load_model()


def test_trace_ends_with_the_models_own_output(model):
    x = imagenet.preprocess(sample_photo("Coffee").rgb)
    trace = imagenet.trace(model, x)
    assert list(trace)[-1] == "logits"
    with torch.no_grad():
        np.testing.assert_allclose(trace["logits"], model(x)[0].numpy(), rtol=1e-4, atol=1e-4)
    assert trace["stem"].shape == (32, 112, 112) and trace["head"].shape == (1280, 7, 7)


def test_shared_model_is_frozen_and_in_eval_mode(model):
    assert not model.training
    assert not any(p.requires_grad for p in model.parameters())


def test_sample_photos_get_sensible_classes(model):
    top = {
        name: [c for c, _ in imagenet.predict(model, imagenet.preprocess(sample_photo(name).rgb))]
        for name in ("Coffee", "Cameraman", "Temple (China)")
    }
    assert top["Coffee"][0] == "espresso"
    assert "tripod" in top["Cameraman"][:2]
    assert {"palace", "bell cote", "bell tower", "church", "monastery", "pagoda"} & set(
        top["Temple (China)"][:3]
    )


def test_preprocess_handles_tiny_and_extreme_images():
    for shape in [(1, 1, 3), (3, 900, 3), (500, 20, 3)]:
        x = imagenet.preprocess(np.full(shape, 200, np.uint8))
        assert x.shape == (1, 3, 224, 224)


def test_first_layer_filters_are_colour_patches(model):
    patches = imagenet.first_layer_filters(model)
    assert patches.shape == (32, 3, 3, 3) and patches.min() >= 0 and patches.max() <= 1
