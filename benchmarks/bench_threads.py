"""How many torch threads for LayerLab's small models? `python benchmarks/bench_threads.py`.

Times a training step of a small MLP and of a small CNN (the sizes the demos use) with 1, 2 and
all cores' worth of intra-op threads. On the 2-core target one thread won: small kernels gain
nothing from a second thread and lose to the synchronisation, and the second core stays free
for the Streamlit server and the browser.
"""

from __future__ import annotations

import json
import os
import time

import torch
from torch import nn


def steps_per_second(model: nn.Module, x: torch.Tensor, y: torch.Tensor, seconds: float = 2.0) -> float:
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
        steps += 1
    return steps / (time.perf_counter() - start)


def main() -> None:
    generator = torch.Generator().manual_seed(0)
    workloads = {
        "mlp 2-16-16-2, batch 32": (
            nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 2)),
            torch.randn(32, 2, generator=generator),
            torch.randint(0, 2, (32,)),
        ),
        "cnn 8-16 on 1x16x16, batch 64": (
            nn.Sequential(
                nn.Conv2d(1, 8, 3, padding=1),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Conv2d(8, 16, 3, padding=1),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Flatten(),
                nn.Linear(16 * 16, 10),
            ),
            torch.randn(64, 1, 16, 16, generator=generator),
            torch.randint(0, 10, (64,)),
        ),
    }
    results = {}
    for threads in sorted({1, 2, os.cpu_count() or 1}):
        torch.set_num_threads(threads)
        for name, (model, x, y) in workloads.items():
            results[f"{name} @ {threads} thread(s)"] = round(steps_per_second(model, x, y), 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
