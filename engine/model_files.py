"""A model trained live, with its page's settings, as a file that cannot run code when it is loaded.

The file is a safetensors file: an 8-byte header length, a JSON header, then raw tensor bytes. Its
metadata names the format, the page it was saved on, the settings as JSON and a SHA-256 of every
tensor, so a file that is foreign, damaged or changed after saving is refused in plain words.
"""
from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass

import torch
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

FORMAT = "layerlab-model/1"
SUFFIX = ".layerlab"
MAX_BYTES = 50 * 1024 * 1024
MAX_HEADER = 1024 * 1024


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
    metadata = {"format": FORMAT, "page": page, "settings": json.dumps(settings, sort_keys=True),
                "steps": str(int(steps)), "sha256": _digest(tensors)}
    return save_tensors(tensors, metadata=metadata)


def load(data: bytes, *, page: str) -> SavedModel:
    """The model in `data`, checked to be whole, unchanged and made on `page`."""
    if len(data) > MAX_BYTES:
        raise ModelFileError(f"This file is {len(data) / 1e6:.0f} MB; LayerLab models are far smaller.")
    metadata = _metadata(data)
    if metadata.get("format") != FORMAT:
        raise ModelFileError("This is not a LayerLab model file. Save one with 💾 on a page that trains a model.")
    if metadata.get("page") != page:
        raise ModelFileError(f"This model was saved on another page ({metadata.get('page', '?')!s:.40}); "
                             "open that page to load it.")
    try:
        tensors = load_tensors(data)
        settings = json.loads(metadata["settings"])
        steps = int(metadata.get("steps", "0"))
    except Exception:  # noqa: BLE001 (any damage to the bytes reads as the same plain message)
        raise ModelFileError("This model file is damaged and cannot be read.") from None
    if not isinstance(settings, dict) or _digest(tensors) != metadata.get("sha256"):
        raise ModelFileError("This model file was changed after LayerLab saved it, so it is not loaded.")
    return SavedModel(page, settings, tensors, steps)


def _metadata(data: bytes) -> dict:
    """The JSON header's metadata, read without trusting anything in it."""
    not_ours = ModelFileError("This is not a LayerLab model file. Save one with 💾 on a page that trains a model.")
    if len(data) < 8:
        raise not_ours
    (length,) = struct.unpack("<Q", data[:8])
    if length > min(MAX_HEADER, len(data) - 8):
        raise not_ours
    try:
        header = json.loads(data[8:8 + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise not_ours from None
    metadata = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(metadata, dict):
        raise not_ours
    return metadata


def _digest(tensors: dict[str, torch.Tensor]) -> str:
    digest = hashlib.sha256()
    for name in sorted(tensors):
        tensor = tensors[name].contiguous()
        digest.update(f"{name}|{tensor.dtype}|{tuple(tensor.shape)}|".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()
