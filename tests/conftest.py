"""Test-wide settings: full error details in tests (users see none: .streamlit/config.toml)."""
import os

os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
os.environ.setdefault("LAYERLAB_DEVICE", "cpu")
