"""Grad-CAM on the shared EfficientNet-Lite0: right numbers, right place, shared model untouched."""

import numpy as np
import pytest
import torch
from PIL import Image

from engine import gradcam, imagenet
from engine.samples import sample_photo

pytestmark = pytest.mark.slow  # loads the pretrained ImageNet model


@pytest.fixture(scope="module")
def model():
    return imagenet.load_model()


@pytest.fixture(scope="module")
def cat_on_blank():
    """One object (the cat photo, shrunk) in the top-left corner of an otherwise white picture."""
    cat = np.asarray(Image.fromarray(np.asarray(sample_photo("Cat (Chelsea)").rgb)).resize((200, 133)))
    canvas = np.full((448, 448, 3), 255, np.uint8)
    canvas[16 : 16 + 133, 16:216] = cat
    region = np.zeros((224, 224), bool)  # the cat's place in the 224 x 224 view
    region[8 : 8 + 67, 8:108] = True
    return canvas, region


def test_grad_cam_matches_gradients_taken_through_the_whole_network(model):
    x = imagenet.preprocess(np.asarray(sample_photo("Coffee").rgb)).requires_grad_(True)
    features = imagenet.forward_with_features(model, x)
    head = features["head"]
    head.retain_grad()
    top = int(features["logits"][0].argmax())
    features["logits"][0, top].backward()
    reference = torch.relu((head.grad.mean(dim=(2, 3), keepdim=True) * head).sum(1))[0].detach()
    reference = (reference / reference.max()).numpy()
    ours = gradcam.grad_cams(model, x.detach(), classes=[top], layer="head")
    np.testing.assert_allclose(ours["maps"][0], reference, atol=1e-4)
    np.testing.assert_allclose(ours["logits"], features["logits"][0].detach().numpy(), atol=1e-4)


def test_shared_model_is_left_untouched(model):
    before = {k: v.clone() for k, v in model.state_dict().items()}
    for layer in gradcam.LAYERS:
        gradcam.explain(model, np.asarray(sample_photo("Coffee").rgb), k=2, layer=layer)
    assert not model.training
    assert all(not p.requires_grad and p.grad is None for p in model.parameters())
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_one_object_on_a_blank_background_is_where_the_map_lights_up(model, cat_on_blank):
    canvas, region = cat_on_blank
    result = gradcam.explain(model, canvas, k=1, layer="head")
    assert "cat" in result["names"][0] or result["names"][0] == "tabby", result["names"]
    heat = result["maps"][0]
    assert heat.min() >= 0 and heat.max() == pytest.approx(1.0)
    share = region.mean()  # the cat covers 13% of the picture
    assert gradcam.mass_inside(heat, region) > 3.5 * share  # measured: 55% of the map's weight
    peak_row, peak_col = np.unravel_index(heat.argmax(), heat.shape)
    assert region[int((peak_row + 0.5) * 32), int((peak_col + 0.5) * 32)]


def test_finer_layer_gives_a_finer_map_and_bad_layer_is_refused(model):
    x = imagenet.preprocess(np.asarray(sample_photo("Coffee").rgb))
    assert gradcam.grad_cams(model, x, k=1, layer="blocks.10")["maps"].shape == (1, 14, 14)
    with pytest.raises(ValueError):
        gradcam.grad_cams(model, x, layer="nope")
