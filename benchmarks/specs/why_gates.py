"""Why gates: the gap slider starts a fresh trio of models; live training of RNN, LSTM and GRU."""

from benchmarks import bare

PAGE = "why_gates"
INTERACTIONS = [
    {"name": "gap slider (new training job)", "kind": "slider", "key": "why_gates-gap"},
]
LIVE = {"key": "why_gates-live", "bare": "benchmarks.specs.why_gates:bare_steps_per_second"}


def bare_steps_per_second(seconds: float) -> float:
    """The page's default training loop with no UI (benchmarks/bare.py), against which live is measured."""
    from dataclasses import replace

    from engine import why_gates
    from engine.agreement import TASKS

    cfg = why_gates.Config()
    model, task = why_gates.build(cfg), TASKS[cfg.task]
    return bare.steps_per_second(why_gates.train, model, task, replace(cfg, steps=10**9), seconds)
