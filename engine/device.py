"""Which device models run on, and how many CPU threads torch may use."""

from __future__ import annotations

import itertools
import os
from typing import TypeVar

import numpy as np
import torch

from engine import DEFAULT_THREADS, ENV_THREADS  # defined where the cap is asked for, before torch loads

Module = TypeVar("Module", bound=torch.nn.Module)

ENV_DEVICE = "LAYERLAB_DEVICE"


def pick_device(override: str | None = None) -> torch.device:
    """CUDA, then Apple MPS, then CPU; `override` or $LAYERLAB_DEVICE wins when usable."""
    wanted = (override or os.environ.get(ENV_DEVICE, "")).strip().lower()
    if wanted:
        if wanted.startswith("cuda") and not torch.cuda.is_available():
            return torch.device("cpu")
        if wanted == "mps" and not _mps_available():
            return torch.device("cpu")
        return torch.device(wanted)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if _mps_available():
        return torch.device("mps")
    return torch.device("cpu")


def placed(model: Module) -> Module:
    """`model` moved to pick_device(); build it on the CPU first so seeded weights match everywhere."""
    return model.to(pick_device())


def model_device(model: torch.nn.Module) -> torch.device:
    """Where `model` runs: the device of its first parameter or buffer (the CPU if it has neither)."""
    first = next(itertools.chain(model.parameters(), model.buffers()), None)
    return first.device if first is not None else torch.device("cpu")


def to_numpy(tensor: torch.Tensor) -> np.ndarray:
    """A tensor from any device as a numpy array on the CPU (shares memory when already there)."""
    return tensor.detach().cpu().numpy()


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def configure_threads(threads: int | None = None) -> int:
    """Cap torch's intra-op pool so training does not starve the web server on a small CPU."""
    n = threads or int(os.environ.get(ENV_THREADS, DEFAULT_THREADS))
    n = max(1, min(n, os.cpu_count() or 1))
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n


def describe(device: torch.device) -> str:
    """A short human name for the sidebar, e.g. 'GPU: NVIDIA H100' or 'CPU (1 thread)'."""
    if device.type == "cuda":
        return f"GPU: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return f"CPU ({torch.get_num_threads()} torch thread{'s' if torch.get_num_threads() > 1 else ''})"


def warm_up() -> None:
    """Pay torch's one-off first-use costs (Adam's first step imports torch._dynamo: 3-20 s on a
    busy 2-core machine) once per server, in the background, not in a student's first step."""
    layer = torch.nn.Linear(2, 1)
    optimizer = torch.optim.Adam(layer.parameters(), lr=1e-3)
    layer(torch.zeros(1, 2)).sum().backward()
    optimizer.step()
