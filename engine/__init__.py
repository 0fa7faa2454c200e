"""LayerLab's science: models, datasets, training, traces and figure builders.

Nothing in this package imports streamlit (a test enforces it), so every piece can be
driven from tests, benchmarks and the command line exactly as the pages drive it.
"""

import os
import sys

ENV_THREADS = "LAYERLAB_TORCH_THREADS"
# Measured with benchmarks/bench_threads.py on a 2-core machine: the small models of this
# app train fastest on one thread, and one thread leaves the other core to the server.
DEFAULT_THREADS = 1

# Asked for before torch loads, without loading it: the router and the home page import engine
# modules that need no torch, and importing it cost the first page a second.
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, os.environ.get(ENV_THREADS, str(DEFAULT_THREADS)))
if "torch" in sys.modules:  # loaded before this package: cap its pool directly
    from engine.device import configure_threads

    configure_threads()
