"""Pretrained models shipped in assets/models: a state_dict (.pt) and a card (.json) each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

MODELS_DIR = Path(__file__).resolve().parent.parent / "assets" / "models"


def save(
    name: str, state_dict: dict[str, torch.Tensor], card: dict[str, Any], directory: Path = MODELS_DIR
) -> Path:
    """Write NAME.pt (tensors only, on CPU) and NAME.json (data, config, metrics, floors, seconds)."""
    directory.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().to("cpu").contiguous() for k, v in state_dict.items()}
    torch.save(tensors, directory / f"{name}.pt")
    card = {"name": name, "parameters": int(sum(v.numel() for v in tensors.values())), **card}
    (directory / f"{name}.json").write_text(json.dumps(card, indent=2, sort_keys=True) + "\n")
    return directory / f"{name}.pt"


def load(
    name: str, directory: Path = MODELS_DIR, map_location: str | torch.device = "cpu"
) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Read an asset back; `weights_only=True` so a tampered file cannot run code."""
    state = torch.load(directory / f"{name}.pt", map_location=map_location, weights_only=True)
    card = json.loads((directory / f"{name}.json").read_text())
    return state, card


def card(name: str, directory: Path = MODELS_DIR) -> dict[str, Any]:
    return json.loads((directory / f"{name}.json").read_text())


def names(directory: Path = MODELS_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.json"))
