"""AE vs VAE latent space: click any z to decode it, interpolate, and see the autoencoder's gaps."""

import numpy as np
import streamlit as st

from engine import autoencoders as lib
from engine import latent_figures as lf
from engine.datasets import digits
from engine.figures import curves
from engine.runner import TrainingJob
from pages.widgets import links
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting
from pages.widgets.inputs import image_input
from pages.widgets.latent_models import MODELS, pretrained, pretrained_path, pretrained_plane, pretrained_view
from pages.widgets.live import live_training
from pages.widgets.plotly_view import clicked

K = "latent_space"

header(
    "AE vs VAE latent space",
    "003 · Generative models: autoencoders and VAEs",
    "An **autoencoder** compresses each 8×8 digit to a code z of 2 numbers and decodes it back "
    "(loss ‖x − x′‖²); a **VAE** encodes a Gaussian q(z|x) and adds KL(q(z|x) ‖ N(0, I)). Each plane is a "
    "whole latent space: **click a dot** to pick that digit (○), **click anywhere else** to decode that z "
    "(● red dot; dotted line: the interpolation path; ★ your digit).",
)

data = digits()
labels = data.y_test


def on_click(m: str) -> None:
    """A click in a plane: select that held-out digit (the whole page), or decode that z (only its part)."""
    if point := clicked(f"{K}-{m}-plane"):
        kind, value = lf.read_click(point, labels)
        if kind == "digit":
            st.session_state[f"{K}-digit"] = value
            st.rerun(scope="app")  # the other plane and the digit box show it too
        st.session_state[f"{K}-{m}-z1"], st.session_state[f"{K}-{m}-z2"] = (
            round(value[0], 2),
            round(value[1], 2),
        )


def probe(m: str, box: tuple) -> tuple[float, float]:
    """The z to decode, kept inside the plane's box (the box moves while a model trains)."""
    for i, (lo, hi) in enumerate((box[:2], box[2:])):
        key = f"{K}-{m}-z{i + 1}"
        st.session_state[key] = float(np.clip(st.session_state.get(key, 0.0), lo, hi))
    return st.session_state[f"{K}-{m}-z1"], st.session_state[f"{K}-{m}-z2"]


def show(models: dict, views: dict, own: np.ndarray | None, ends: tuple, manifold: bool, beta=None) -> None:
    """Both planes side by side; beta: the KL weight of a live VAE (None: the pretrained models)."""
    a, b = (int(np.flatnonzero(labels == e)[0]) for e in ends)
    for col, m in zip(st.columns(2, gap="large"), MODELS):
        with col:
            plane_column(m, models[m], views[m], (a, b), own, ends, manifold, beta)


def plane_column(m: str, model, v, ab: tuple, own, ends: tuple, manifold: bool, beta) -> None:
    names = ("z₁", "z₂") if v.codes.shape[1] == 2 else ("PCA 1", "PCA 2")
    tick = 22 if presenting() else 14  # the axes' numbers, readable from the back row in presenter view
    if beta is None:
        base, strip = pretrained_plane(m, *ab, manifold, tick), pretrained_path(m, *ab)[1]
    else:
        path, strip = lib.interpolate(model, v.codes[ab[0]], v.codes[ab[1]])
        base = lf.plane_base(
            v.xy,
            labels,
            v.box,
            MODELS[m],
            manifold=v.manifold_png if manifold else None,
            path=v.plane.project(path),
            axis_names=names,
            tick=tick,
        )
    own_xy = v.plane.project(lib.encode_means(model, own[None]))[0] if own is not None else None
    decode = st.fragment(decoded_part, key=f"{K}-{m}-decode") if beta is None else decoded_part
    decode(m, model, v, base, own, own_xy, names)
    if v.codes.shape[1] > 2:
        st.caption(
            f"{v.codes.shape[1]}-D latent shown by PCA: these two axes hold "
            f"{v.plane.explained:.0%} of the codes' variance."
        )
    st.markdown(lf.gap_words(m, 1.0 if beta is None else beta, float(np.abs(v.xy).max())))
    st.image(
        lf.enlarge(lf.tile(strip[None])),
        width="stretch",
        caption=f"Interpolation {ends[0]} → {ends[1]}: decoded along the straight line between their codes",
    )


def decoded_part(m: str, model, v, base: dict, own, own_xy, names: tuple) -> None:
    """The plane with its marks, the z sliders and what they decode (pretrained: a z, slider or click,
    reruns only this part, and the red dot follows it)."""
    digit = int(st.session_state.get(f"{K}-digit", 0))
    z = probe(m, v.box)
    fig = lf.plane_marks(
        base, v.box, chosen=z, digit=v.xy[digit], digit_name=f"held-out #{digit}", own=own_xy
    )
    chart(st, fig, key=f"{K}-{m}-plane", on_click=lambda m=m: on_click(m), config={"displayModeBar": False})
    if own_xy is not None and lf.clamp_to_box(own_xy, v.box)[1]:
        st.warning(lf.off_plane_words("Your digit", own_xy, v.box), icon="⭐")
    for i, column in enumerate(st.columns(2)):
        column.slider(f"decode {names[i]}", *v.box[2 * i : 2 * i + 2], step=0.05, key=f"{K}-{m}-z{i + 1}")
    pictures, captions = lib.gallery(
        model, data.x_test[digit], f"held-out #{digit} (a {labels[digit]})", z, v.plane.lift(np.array(z)), own
    )
    with st.container(key=f"{K}-{m}-decoded"):
        st.image(
            [lf.enlarge(p) for p in pictures],
            caption=captions,
            width=144 if presenting() else 96,
            output_format="PNG",
        )
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
    c1, c2, c3, c4, c5 = st.columns([2, 1.4, 0.8, 0.8, 2], vertical_alignment="bottom")
    mode = c1.radio("Models", ["Pretrained", "Train live"], horizontal=True, key=f"{K}-mode")
    c2.number_input(
        "Held-out digit #", 0, len(labels) - 1, key=f"{K}-digit", help="Or click a dot in a plane"
    )
    ends = (
        c3.selectbox("Interpolate from", range(10), index=3, key=f"{K}-from"),
        c4.selectbox("to", range(10), index=8, key=f"{K}-to"),
    )
    manifold = c5.toggle("Decoded manifold behind the dots", value=True, key=f"{K}-manifold")
    if mode == "Pretrained":
        show(pretrained(), {m: pretrained_view(m) for m in MODELS}, own, ends, manifold)
    else:
        l1, l2, l3 = st.columns(3)
        cfg = lib.Config(
            latent=l1.select_slider("Latent size", [2, 3, 4, 8, 16], value=2, key=f"{K}-latent"),
            beta=l2.slider("KL weight β (VAE)", 0.0, 4.0, 1.0, 0.1, key=f"{K}-beta"),
            lr=l3.select_slider(
                "Learning rate", [1e-4, 3e-4, 1e-3, 2e-3, 5e-3, 1e-2], value=2e-3, key=f"{K}-lr"
            ),
            steps=100_000,
        )
        st.caption(
            "β = 1 trains on the ELBO; β = 0 drops the KL term (a noisy autoencoder); bigger β pulls "
            "the codes harder towards N(0, I) at the cost of blurrier reconstructions. A new setting "
            "starts both models again from step 0."
        )

        def make_job() -> TrainingJob:
            twins = lib.build(cfg)
            return TrainingJob(
                lambda on_step, stop: lib.train(twins, data, cfg, on_step=on_step, stop=stop),
                view=lambda: lib.live_view(twins, data.x_test),
                view_every=1.5,
                model=twins,
            )

        def draw(snap) -> None:
            if snap.view is not None:
                show(*snap.view, own, ends, manifold, beta=cfg.beta)
            g1, g2 = st.columns(2)
            chart(
                g1,
                curves(
                    snap.history,
                    ["vae_recon", "vae_kl"],
                    "VAE: −log p(x|z) and KL, nats",
                    names={"vae_recon": "reconstruction", "vae_kl": "KL(q ‖ N(0, I))"},
                ),
                key=f"{K}-curves-vae",
            )
            chart(
                g2,
                curves(
                    snap.history, ["ae_recon"], "AE: squared error ‖x − x′‖²", names={"ae_recon": "‖x − x′‖²"}
                ),
                key=f"{K}-curves-ae",
            )

        live_training(f"{K}-live", make_job, draw, config=cfg)
