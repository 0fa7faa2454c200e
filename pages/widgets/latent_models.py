"""The pretrained AE and VAE on the 8x8 digits: loaded once, shared read-only by every session, with the
views of them the latent-space page draws (cached, since every student opens the same ones)."""

import numpy as np
import streamlit as st

from engine import autoencoders as lib
from engine import latent_figures as lf
from engine.assets import load
from engine.datasets import digits

MODELS = {"ae": "Autoencoder", "vae": "Variational autoencoder"}


@st.cache_resource(show_spinner="Loading the pretrained models…")
def pretrained() -> dict:
    return {m: lib.load_asset(load(f"{m}_digits_2d")[0], variational=m == "vae") for m in MODELS}


@st.cache_data(show_spinner=False)
def pretrained_view(m: str) -> lib.LatentView:
    return lib.latent_view(pretrained()[m], digits().x_test)


@st.cache_data(show_spinner=False, max_entries=200)
def pretrained_path(m: str, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    """The codes and the decoded digits along the straight line from held-out digit a to b."""
    return lib.interpolate(pretrained()[m], *pretrained_view(m).codes[[a, b]])


@st.cache_resource(show_spinner=False, max_entries=32)  # pretrained: shared, read-only
def pretrained_plane(m: str, a: int, b: int, manifold: bool, tick: int) -> dict:
    v = pretrained_view(m)
    return lf.plane_base(
        v.xy,
        digits().y_test,
        v.box,
        MODELS[m],
        tick=tick,
        manifold=v.manifold_png if manifold else None,
        path=v.plane.project(pretrained_path(m, a, b)[0]),
    )
