"""LayerLab's science: models, datasets, training, traces and figure builders.

Nothing in this package imports streamlit (a test enforces it), so every piece can be
driven from tests, benchmarks and the command line exactly as the pages drive it.
"""

from engine.device import configure_threads

configure_threads()  # before any model runs: one torch thread leaves the other core to the server
