"""LayerLab's science: models, datasets, training, traces and figure builders.

Nothing in this package imports streamlit (a test enforces it), so every piece can be
driven from tests, benchmarks and the command line exactly as the pages drive it.
"""
import os
import sys

# One torch thread leaves the other core to the server (benchmarks/bench_threads.py). Asked for
# before torch loads, without loading it: the router and the home page import engine modules that
# need no torch, and importing it cost the first page a second.
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, os.environ.get("LAYERLAB_TORCH_THREADS", "1"))
if "torch" in sys.modules:  # loaded before this package: cap its pool directly
    from engine.device import configure_threads
    configure_threads()
