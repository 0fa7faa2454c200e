"""LayerLab's science: models, datasets, training, traces and figure builders.

Nothing in this package imports streamlit (a test enforces it), so every piece can be
driven from tests, benchmarks and the command line exactly as the pages drive it.
"""
