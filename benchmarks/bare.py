"""A page's training loop with no UI attached: the steps per second live training is compared with.

Each live page's spec (benchmarks/specs) builds its default model and data with the engine's own
functions and hands them here; bench_app.bare_rate runs that in a fresh process."""

from __future__ import annotations

import time
from typing import Any, Callable


def steps_per_second(train: Callable, model: Any, data: Any, cfg: Any, seconds: float) -> float:
    """Run `train(model, data, cfg, on_step, stop)` (the engine contract) for `seconds` after its first step
    and count the steps: the first step's set-up (imports, the optimizer's first use) is not timed."""
    first: list[tuple[int, float]] = []  # (step, time) of the first step seen
    last: list[tuple[int, float]] = []

    def on_step(step: int, metrics: dict) -> None:
        now = time.perf_counter()
        if not first:
            first.append((step, now))
        last[:] = [(step, now)]

    train(
        model,
        data,
        cfg,
        on_step=on_step,
        stop=lambda: bool(first) and time.perf_counter() - first[0][1] > seconds,
    )
    if not first or last[0][1] <= first[0][1]:
        return 0.0
    return (last[0][0] - first[0][0]) / (last[0][1] - first[0][1])
