"""Train every shipped model from scratch: `python -m engine.pretrain [NAME ...|all] [--quick]`.

A demo module registers its assets in a module-level `PRETRAINED: dict[str, Asset]`. Each
asset trains seeded and deterministic on the CPU (even where build() would pick a GPU), and
writes assets/models/NAME.pt (a state_dict) with NAME.json (data, config, metrics, floors,
seconds, parameter count).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import torch

import engine
from engine import assets
from engine.device import ENV_DEVICE, configure_threads

StateDict = dict[str, torch.Tensor]


@dataclass(frozen=True)
class Asset:
    """How to make one pretrained model and how to check it.

    train(quick) -> (state_dict, card): card holds "data", "config", "metrics" and "floors"
      (metric -> lowest acceptable value; for a loss, name it e.g. "neg_loss" and store -loss).
    evaluate(state_dict) -> metrics: recomputed by the tests from the saved weights alone.
    """

    train: Callable[[bool], tuple[StateDict, dict[str, Any]]]
    evaluate: Callable[[StateDict], dict[str, float]]
    description: str = ""


def registry() -> dict[str, Asset]:
    """Every `PRETRAINED` entry of every engine module."""
    found: dict[str, Asset] = {}
    for info in pkgutil.iter_modules(engine.__path__):
        if info.name in {"pretrain", "__main__"}:
            continue
        module = importlib.import_module(f"engine.{info.name}")
        for name, asset in getattr(module, "PRETRAINED", {}).items():
            if name in found:
                raise ValueError(f"asset {name!r} registered twice")
            found[name] = asset
    return dict(sorted(found.items()))


@contextlib.contextmanager
def on_cpu():
    """Make every build() inside pick the CPU: the shipped weights must not depend on the machine's GPU."""
    before = os.environ.get(ENV_DEVICE)
    os.environ[ENV_DEVICE] = "cpu"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_DEVICE, None)
        else:
            os.environ[ENV_DEVICE] = before


def build_asset(name: str, asset: Asset, quick: bool = False, directory: Path = assets.MODELS_DIR) -> Path:
    """Train one asset on the CPU and write its files; returns the .pt path."""
    start = time.perf_counter()
    with on_cpu():
        state, card = asset.train(quick)
    card = {
        **card,
        "seconds": round(time.perf_counter() - start, 2),
        "quick": quick,
        "torch": torch.__version__,
        "description": asset.description,
    }
    return assets.save(name, state, card, directory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=["all"], help="asset names, or 'all'")
    parser.add_argument("--quick", action="store_true", help="a tiny run that only checks the pipeline")
    parser.add_argument("--out", type=Path, default=assets.MODELS_DIR)
    args = parser.parse_args(argv)
    configure_threads()
    table = registry()
    wanted = list(table) if args.names in (["all"], []) else args.names
    unknown = [n for n in wanted if n not in table]
    if unknown:
        parser.error(f"unknown asset(s) {unknown}; known: {list(table)}")
    for name in wanted:
        path = build_asset(name, table[name], args.quick, args.out)
        print(f"{name}: {assets.card(name, args.out)['metrics']} -> {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
