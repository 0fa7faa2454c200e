"""benchmarks/bare.py: the bare training loop every live page's live/bare ratio is measured against."""

import importlib
import pkgutil

import pytest

from benchmarks import bare, specs
from tests.test_runner import counting_train


def test_steps_per_second_counts_the_steps_after_the_first():
    def train(model, data, cfg, on_step, stop):  # the runner tests' fake loop, in the engine's signature
        return counting_train(10**7, delay=0.001)(on_step, stop)

    rate = bare.steps_per_second(train, None, None, None, 0.3)
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
