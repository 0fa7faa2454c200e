"""AE vs VAE latent space: click any z to decode it, interpolate, and see the autoencoder's gaps."""

import numpy as np
import streamlit as st

from engine import autoencoders as lib
from engine import latent_figures as lf
from engine.assets import load
from engine.datasets import digits
from engine.figures import curves
from engine.runner import TrainingJob
from pages.widgets.chrome import header, show_error
from pages.widgets import links, parts
from pages.widgets.classroom import chart
from pages.widgets.plotly_view import clicked
from pages.widgets.inputs import image_input
from pages.widgets.live import live_training

K = "latent_space"
MODELS = {"ae": "Autoencoder", "vae": "Variational autoencoder"}

header("AE vs VAE latent space", "003 · Generative models: autoencoders and VAEs",
       "An **autoencoder** compresses each 8×8 digit to a code z and decodes it back, minimising "
       "‖x − x′‖². A **VAE** encodes a Gaussian q(z|x) instead and adds KL(q(z|x) ‖ N(0, I)). Both codes "
       "here have 2 numbers, so the whole latent space is the plane below: **click a dot** to see that digit "
       "and its reconstruction, **click anywhere else** to decode that z (the red dot; dotted line: the "
       "interpolation path; ★ your digit).")

data = digits()
labels = data.y_test


@st.cache_resource(show_spinner="Loading the pretrained models…")
def pretrained() -> dict:
    return {m: lib.load_asset(load(f"{m}_digits_2d")[0], variational=m == "vae") for m in MODELS}


@st.cache_data(show_spinner=False)
def pretrained_view(m: str) -> lib.LatentView:
    return lib.latent_view(pretrained()[m], digits().x_test)


@st.cache_data(show_spinner=False, max_entries=200)
def pretrained_path(m: str, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    return lib.interpolate(pretrained()[m], *pretrained_view(m).codes[[a, b]])


def on_click(m: str) -> None:
    """A click in a plane: select that held-out digit (the whole page), or decode that z (only its decoded part)."""
    if point := clicked(f"{K}-{m}-plane"):
        kind, value = lf.read_click(point, labels)
        if kind == "digit":
            st.session_state[f"{K}-digit"] = value
        else:
            st.session_state[f"{K}-{m}-z1"], st.session_state[f"{K}-{m}-z2"] = round(value[0], 2), round(value[1], 2)
            parts.redraw(f"{K}-{m}-decode")()


def probe(m: str, box: tuple) -> tuple[float, float]:
    """The z to decode, kept inside the plane's box (the box moves while a model trains)."""
    for i, (lo, hi) in enumerate((box[:2], box[2:])):
        key = f"{K}-{m}-z{i + 1}"
        st.session_state[key] = float(np.clip(st.session_state.get(key, 0.0), lo, hi))
    return st.session_state[f"{K}-{m}-z1"], st.session_state[f"{K}-{m}-z2"]


plane_figure = st.cache_resource(show_spinner=False, max_entries=32)(lf.latent_plane)  # pretrained: shared, read-only


def show(models: dict, views: dict, own: np.ndarray | None, ends: tuple, manifold: bool, shared=False) -> None:
    digit = st.number_input("Held-out digit # (or click a dot)", 0, len(labels) - 1, key=f"{K}-digit")
    a, b = (int(np.flatnonzero(labels == e)[0]) for e in ends)
    for col, m in zip(st.columns(2, gap="large"), MODELS):
        with col:
            plane_column(m, models[m], views[m], digit, (a, b), own, ends, manifold, shared)


def plane_column(m: str, model, v, digit: int, ab: tuple, own, ends: tuple, manifold: bool, shared: bool) -> None:
    names = ("z₁", "z₂") if v.codes.shape[1] == 2 else ("PCA 1", "PCA 2")
    path, strip = pretrained_path(m, *ab) if shared else lib.interpolate(model, v.codes[ab[0]], v.codes[ab[1]])
    own_xy = v.plane.project(lib.encode_means(model, own[None]))[0] if own is not None else None
    st.subheader(MODELS[m])
    fig = (plane_figure if shared and own is None else lf.latent_plane)(
        v.xy, labels, v.box, "", manifold=v.manifold_png if manifold else None,
        path=v.plane.project(path), own=own_xy, axis_names=names)
    chart(st, fig, key=f"{K}-{m}-plane", on_click=lambda m=m: on_click(m), config={"displayModeBar": False})
    if v.codes.shape[1] > 2:
        st.caption(f"{v.codes.shape[1]}-D latent shown by PCA: these two axes hold "
                   f"{v.plane.explained:.0%} of the codes' variance.")
    st.markdown(lf.GAP_WORDS[m])
    decode = st.fragment(decoded_part, key=f"{K}-{m}-decode") if shared else decoded_part
    decode(m, model, v, digit, own if own_xy is not None else None, names)
    st.image(lf.enlarge(lf.tile(strip[None])), width="stretch",
             caption=f"Interpolation {ends[0]} → {ends[1]}: decoded along the straight line between their codes")


def decoded_part(m: str, model, v, digit: int, own, names: tuple) -> None:
    """The z sliders and what they decode (pretrained: a z, slider or click, reruns only this part)."""
    z = probe(m, v.box)
    for i, column in enumerate(st.columns(2)):
        column.slider(f"decode {names[i]}", *v.box[2 * i:2 * i + 2], step=0.05, key=f"{K}-{m}-z{i + 1}")
    pictures, captions = lib.gallery(model, data.x_test[digit], f"held-out #{digit} (a {labels[digit]})",
                                     z, v.plane.lift(np.array(z)), own)
    with st.container(key=f"{K}-{m}-decoded"):
        st.image([lf.enlarge(p) for p in pictures], caption=captions, width=96, output_format="PNG")
    links.write()  # the z lives in the link too


main = st.container()
with st.expander("✏️ Your own digit: draw or upload one and see where it lands", expanded=False):
    picture = image_input(f"{K}-own", sources=("draw", "upload"), label="Your digit")
    own = None
    if picture is not None:
        try:
            own = lib.digit_from_picture(picture.gray)
        except ValueError as error:
            show_error(f"That picture cannot be used: {error}.")

with main:
    c1, c2, c3, c4 = st.columns([2, 1, 1, 2], vertical_alignment="bottom")
    mode = c1.radio("Models", ["Pretrained", "Train live"], horizontal=True, key=f"{K}-mode")
    ends = (c2.selectbox("Interpolate from", range(10), index=3, key=f"{K}-from"),
            c3.selectbox("to", range(10), index=8, key=f"{K}-to"))
    manifold = c4.toggle("Decoded manifold behind the dots", value=True, key=f"{K}-manifold")
    if mode == "Pretrained":
        show(pretrained(), {m: pretrained_view(m) for m in MODELS}, own, ends, manifold, shared=True)
    else:
        l1, l2, l3 = st.columns(3)
        cfg = lib.Config(latent=l1.select_slider("Latent size", [2, 3, 4, 8, 16], value=2, key=f"{K}-latent"),
                         beta=l2.slider("KL weight β (VAE)", 0.0, 4.0, 1.0, 0.1, key=f"{K}-beta"),
                         lr=l3.select_slider("Learning rate", [1e-4, 3e-4, 1e-3, 2e-3, 5e-3, 1e-2], value=2e-3,
                                             key=f"{K}-lr"), steps=100_000)
        st.caption("β = 1 trains on the ELBO; β = 0 drops the KL term (a noisy autoencoder); bigger β pulls "
                   "the codes harder towards N(0, I) at the cost of blurrier reconstructions.")

        def make_job() -> TrainingJob:
            twins = lib.build(cfg)
            return TrainingJob(lambda on_step, stop: lib.train(twins, data, cfg, on_step=on_step, stop=stop),
                               view=lambda: lib.live_view(twins, data.x_test), view_every=1.5, model=twins)

        def draw(snap) -> None:
            g1, g2 = st.columns(2)
            chart(g1, curves(snap.history, ["vae_recon", "vae_kl"], "VAE: reconstruction and KL (nats)", names={
                "vae_recon": "reconstruction −log p(x|z)", "vae_kl": "KL(q ‖ N(0, I))"}), key=f"{K}-curves-vae")
            chart(g2, curves(snap.history, ["ae_recon"], "AE: squared error ‖x − x′‖²",
                       names={"ae_recon": "‖x − x′‖²"}), key=f"{K}-curves-ae")
            if snap.view is not None:
                show(*snap.view, own, ends, manifold)

        live_training(f"{K}-live", make_job, draw, config=cfg)
