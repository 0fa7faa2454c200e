"""benchmarks/bare.py: the bare training loop every live page's live/bare ratio is measured against."""

import importlib
import pkgutil
import time

import pytest

from benchmarks import bare, specs


def counting_train(model, data, cfg, on_step=None, stop=None):
    """The engine contract's train, one step each millisecond, steps numbered from 1."""
    step = 0
    while not stop():
        step += 1
        time.sleep(0.001)
        on_step(step, {"loss": 1.0})
    return model


def test_steps_per_second_counts_the_steps_after_the_first():
    rate = bare.steps_per_second(counting_train, None, None, None, 0.3)
    assert 200 < rate < 1100  # a step a millisecond, less what the machine's sleeps add


SPECS = sorted(info.name for info in pkgutil.iter_modules(specs.__path__))
LIVE_SPECS = [
    name for name in SPECS if getattr(importlib.import_module(f"benchmarks.specs.{name}"), "LIVE", None)
]


@pytest.mark.parametrize("name", LIVE_SPECS)
def test_every_live_pages_bare_loop_trains(name):
    spec = importlib.import_module(f"benchmarks.specs.{name}")
    module, function = spec.LIVE["bare"].split(":")
    assert getattr(importlib.import_module(module), function)(0.2) > 0
