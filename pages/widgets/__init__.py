"""Streamlit building blocks shared by every page: chrome, live training, safe inputs."""
