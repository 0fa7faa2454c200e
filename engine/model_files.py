"""A model trained live, with its page's settings, as a file that cannot run code when it is loaded.

The file is a safetensors file: an 8-byte header length, a JSON header, then raw tensor bytes. Its
metadata names the format, the page it was saved on, the settings as JSON, the training steps and
a SHA-256 over all of those and every tensor, so a file that is foreign, damaged or changed after
saving (a weight, a setting or the step count) is refused in plain words. What a checksum cannot
catch, a file written by hand with a fresh checksum, is checked field by field: settings are plain
JSON values, steps a count, weights finite numbers of a size training can reach.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from dataclasses import dataclass

import torch
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

FORMAT = "layerlab-model/2"  # /1 checksummed the tensors only
OLD_FORMATS = ("layerlab-model/1",)
SUFFIX = ".layerlab"
MAX_BYTES = 10 * 1024 * 1024  # the server takes no bigger upload (.streamlit/config.toml)
MAX_HEADER = 1024 * 1024
MAX_STEPS = 10**9
MAX_WEIGHT = 1e6  # no weight trained on these pages comes near; 1e38 would overflow the first layer
MAX_SETTINGS = 200


class ModelFileError(ValueError):
    """A file that is not a LayerLab model for this page; the message is for the student."""


@dataclass(frozen=True)
class SavedModel:
    page: str
    settings: dict
    state: dict[str, torch.Tensor]
    steps: int


def dump(state: dict[str, torch.Tensor], *, page: str, settings: dict, steps: int) -> bytes:
    """`state` (a state_dict) and the page's `settings` as the bytes of a .layerlab file."""
    tensors = {name: tensor.detach().cpu().contiguous().clone() for name, tensor in state.items()}
    metadata = {
        "format": FORMAT,
        "page": page,
        "settings": json.dumps(settings, sort_keys=True),
        "steps": str(int(steps)),
    }
    metadata["sha256"] = _digest(tensors, metadata)
    return save_tensors(tensors, metadata=metadata)


def load(data: bytes, *, page: str) -> SavedModel:
    """The model in `data`, checked to be whole, unchanged and made on `page`."""
    if len(data) > MAX_BYTES:
        raise ModelFileError(f"This file is {len(data) / 1e6:.0f} MB; LayerLab models are far smaller.")
    metadata = _metadata(data)
    if metadata.get("format") in OLD_FORMATS:
        raise ModelFileError(
            "This model was saved by an older LayerLab whose files could be edited unnoticed; "
            "train it again and save a new file."
        )
    if metadata.get("format") != FORMAT:
        raise ModelFileError(
            "This is not a LayerLab model file. Save one with 💾 on a page that trains a model."
        )
    if metadata.get("page") != page:
        raise ModelFileError(
            f"This model was saved on another page ({metadata.get('page', '?')!s:.40}); "
            "open that page to load it."
        )
    try:
        tensors = load_tensors(data)
        digest = _digest(tensors, metadata)
    except Exception:  # noqa: BLE001 (any damage to the bytes reads as the same plain message)
        raise ModelFileError("This model file is damaged and cannot be read.") from None
    if digest != metadata.get("sha256"):
        raise ModelFileError("This model file was changed after LayerLab saved it, so it is not loaded.")
    return SavedModel(page, _settings(metadata), _checked(tensors), _steps(metadata))


def _settings(metadata: dict) -> dict:
    """The page's settings: a flat dict of names to plain JSON values (lists of them at most)."""
    not_settings = ModelFileError(
        "This model file's settings are not settings LayerLab writes, so it is not loaded."
    )
    try:
        settings = json.loads(metadata.get("settings", ""), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise not_settings from None
    if not isinstance(settings, dict) or len(settings) > MAX_SETTINGS:
        raise not_settings
    for name, value in settings.items():
        values = value if isinstance(value, list) else [value]
        if len(name) > 100 or len(values) > 100 or not all(_plain(v) for v in values):
            raise not_settings
    return settings


def _no_constant(name: str):
    raise ValueError(f"{name} is not a setting")


def _plain(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return len(value) <= 1000
    return value is None or isinstance(value, (bool, int))


def _steps(metadata: dict) -> int:
    text = metadata.get("steps", "0")
    if not (isinstance(text, str) and text.isdigit() and int(text) <= MAX_STEPS):
        raise ModelFileError(
            f"This model file's step count ({text!s:.20}) is not one LayerLab writes, so it is not loaded."
        )
    return int(text)


def _checked(tensors: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The weights, if every one is a finite number of a size training can reach."""
    for name, tensor in tensors.items():
        if tensor.is_floating_point() or tensor.is_complex():
            if not bool(torch.isfinite(tensor).all()):
                raise ModelFileError(
                    f"This model file holds weights that are not numbers (NaN or infinite, "
                    f"in {name!s:.60}), so it is not loaded."
                )
            if tensor.numel() and float(tensor.abs().max()) > MAX_WEIGHT:
                raise ModelFileError(
                    f"This model file holds weights far larger than training makes "
                    f"(over {MAX_WEIGHT:.0e}, in {name!s:.60}), so it is not loaded."
                )
    return tensors


def _metadata(data: bytes) -> dict:
    """The JSON header's metadata, read without trusting anything in it."""
    not_ours = ModelFileError(
        "This is not a LayerLab model file. Save one with 💾 on a page that trains a model."
    )
    if len(data) < 8:
        raise not_ours
    (length,) = struct.unpack("<Q", data[:8])
    if length > min(MAX_HEADER, len(data) - 8):
        raise not_ours
    try:
        header = json.loads(data[8 : 8 + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: [[[[ … nested deeply
        raise not_ours from None
    metadata = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise not_ours
    return metadata


def _digest(tensors: dict[str, torch.Tensor], metadata: dict) -> str:
    """SHA-256 of the whole file's content: every metadata field but the digest, then every tensor."""
    digest = hashlib.sha256()
    fields = {name: value for name, value in metadata.items() if name != "sha256"}
    digest.update(json.dumps(fields, sort_keys=True).encode())
    for name in sorted(tensors):
        tensor = tensors[name].contiguous()
        digest.update(f"{name}|{tensor.dtype}|{tuple(tensor.shape)}|".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()
