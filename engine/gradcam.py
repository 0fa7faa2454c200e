"""Grad-CAM (Selvaraju et al. 2017): where the shared ImageNet CNN looked for a class.

For class c and a layer's feature maps A^k: weights w_k = mean over positions of d y_c / d A^k,
map = ReLU(sum_k w_k A^k). The gradient is taken with `torch.autograd.grad` with respect to a
detached copy of the feature maps only: the shared model's parameters are frozen and untouched.
"""

from __future__ import annotations

import numpy as np
import torch

from engine import imagenet
from engine.device import to_numpy

LAYERS = {
    "head": "last feature maps (7 x 7): the classic Grad-CAM layer",
    "blocks.15": "last block (7 x 7)",
    "blocks.10": "late-middle block (14 x 14): finer, less class-specific",
}


def _rest_of_network(model: torch.nn.Module, layer: str, features: torch.Tensor) -> torch.Tensor:
    """Logits (1, 1000) from the feature maps of `layer` onwards (the same steps as imagenet)."""
    h = features
    if layer != "head":
        first = int(layer.split(".")[1]) + 1
        rate = model._global_params.drop_connect_rate
        for i in range(first, len(model._blocks)):
            h = model._blocks[i](h, drop_connect_rate=rate * i / len(model._blocks) if rate else None)
        h = model._swish(model._bn1(model._conv_head(h)))  # (1, 1280, 7, 7)
    pooled = model._avg_pooling(h).flatten(1)  # (1, 1280)
    return model._fc(model._dropout(pooled))  # (1, 1000)


def grad_cams(
    model: torch.nn.Module, x: torch.Tensor, classes: list[int] | None = None, k: int = 3, layer: str = "head"
) -> dict[str, np.ndarray]:
    """Grad-CAM maps for `classes` (default: the top k): classes (k,), probs (k,), maps (k, h, w) in [0, 1].

    Also returns "logits" (1000,), equal to model(x).
    """
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; choose one of {list(LAYERS)}")
    with torch.no_grad():
        features = imagenet.forward_with_features(model, x)[layer]  # (1, C, h, w)
    activations = features.detach().clone().requires_grad_(True)  # a private copy
    with torch.enable_grad():
        logits = _rest_of_network(model, layer, activations)  # (1, 1000)
        probs = logits.detach().softmax(-1)[0]  # (1000,)
        if classes is None:
            classes = [int(i) for i in probs.topk(k).indices]
        maps = []
        for c in classes:
            (grads,) = torch.autograd.grad(logits[0, c], activations, retain_graph=True)  # (1, C, h, w)
            weights = grads.mean(dim=(2, 3), keepdim=True)  # (1, C, 1, 1)
            cam = torch.relu((weights * activations.detach()).sum(1))[0]  # (h, w)
            maps.append((cam / cam.max()).nan_to_num(0.0) if float(cam.max()) > 0 else cam)
    return {
        "classes": np.array(classes),
        "probs": to_numpy(probs[classes]),
        "maps": to_numpy(torch.stack(maps)),
        "logits": to_numpy(logits[0]),
    }


def explain(model: torch.nn.Module, rgb: np.ndarray, k: int = 3, layer: str = "head") -> dict:
    """What the page shows: the 224 x 224 view, the top-k names with probabilities and their maps."""
    x = imagenet.preprocess(rgb)  # (1, 3, 224, 224)
    result = grad_cams(model, x, k=k, layer=layer)
    return {
        "view": imagenet.cropped_view(rgb),
        "names": [imagenet.CLASS_NAMES[int(c)] for c in result["classes"]],
        "probs": result["probs"],
        "maps": result["maps"],
    }


def mass_inside(heat: np.ndarray, region: np.ndarray) -> float:
    """Share of a map's total weight that falls inside a boolean region of the (resized) picture."""
    from PIL import Image

    h, w = region.shape
    big = np.asarray(
        Image.fromarray(heat.astype(np.float32), mode="F").resize((w, h), Image.Resampling.BILINEAR)
    )
    big = np.clip(big, 0, None)
    return float(big[region].sum() / max(big.sum(), 1e-8))
