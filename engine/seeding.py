"""Seeds as arguments: build and train inside `seeded(seed)` without touching anyone else's RNG."""
from __future__ import annotations

import contextlib
from typing import Iterator

import torch


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[torch.Generator]:
    """Fork torch's global RNG, seed it, and hand back a Generator seeded the same way."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield torch.Generator().manual_seed(seed)
