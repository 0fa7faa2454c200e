"""Seeds as arguments: build inside `seeded(seed)` and get the same model whoever else is building.

PyTorch's modules draw their initial weights from torch's one global generator, which every thread
of the server shares. `fork_rng` saves and restores it, but two threads inside it at once draw from
the same stream in turns: with students building at the same moment, "everyone use seed 3" gave
different models. So one thread at a time is inside `seeded`, and blocks in it stay short (a build):
training loops take the explicit Generator instead, and no code of the engine draws from the
global generator outside these blocks.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Iterator

import torch

_GLOBAL_RNG = threading.RLock()  # re-entrant: a build may build its parts


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[torch.Generator]:
    """Hold the global RNG alone, fork it, seed it, and hand back a Generator seeded the same way."""
    with _GLOBAL_RNG, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield torch.Generator().manual_seed(seed)
