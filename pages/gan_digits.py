"""GAN on digits: watch a generator learn to write 8x8 digits, and walk through its latent space."""

import streamlit as st

from engine import gan_digits as lib
from engine.assets import load
from engine.datasets import digits
from engine.figures import curves
from engine.latent_figures import enlarge, tile
from engine.plane_picture import png_data_uri
from engine.runner import TrainingJob
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart, presenting
from pages.widgets.live import live_part, live_training, picture

K = "gan_digits"
STRIP = f"{K}-strip"  # a seed only changes the strip: it reruns that part alone, not the page or training

header(
    "GAN on digits",
    "003 · Generative models: GANs",
    "The **generator** turns random noise z into an 8×8 picture; the **discriminator** says whether a "
    "picture is a real digit or the generator's. Each step D gets better at spotting fakes and G at "
    "fooling it. The grid shows G's pictures for the **same 64 noise vectors** at every step.",
)


@st.cache_resource(show_spinner="Loading the pretrained GAN…")
def pretrained_state() -> dict:
    """The shipped weights (shared, read-only: every job copies them into its own model)."""
    return load("gan_digits")[0]


controls = st.container()
left, right = st.columns([3, 2], gap="medium")
settings, scores = right.container(), right.container()
c1, c2 = settings.columns(2)
start = c1.radio("Start from", ["Pretrained GAN", "Scratch (random weights)"], key=f"{K}-start")
seed = c2.number_input("Seed", 0, 9999, 0, key=f"{K}-seed")
lr_d = c1.select_slider("Discriminator learning rate", lib.RATES, value=5e-4, key=f"{K}-lr-d")
lr_g = c2.select_slider("Generator learning rate", lib.RATES, value=1e-3, key=f"{K}-lr-g")
settings.caption("A new start, learning rate or seed starts training again from step 0.")
cfg = lib.Config(lr_d=lr_d, lr_g=lr_g, seed=int(seed))
data = digits()
if (last := st.session_state.get(f"{K}-last")) is not None and last[0] != (cfg, start) and last[1] > 0:
    st.toast(
        f"New settings: training starts again from step 0 (the last run reached step {last[1]:,}).", icon="🔄"
    )
    st.session_state[f"{K}-last"] = ((cfg, start), 0)


def make_job() -> TrainingJob:
    model = lib.build(cfg)
    if start.startswith("Pretrained"):
        model.load_state_dict(pretrained_state())  # copies the tensors: the cached weights stay as they are
    noise = lib.fixed_noise(cfg)

    def view() -> tuple:
        generator = lib.frozen_generator(model)
        return generator, lib.samples(generator, noise)

    return TrainingJob(
        lambda on_step, stop: lib.train(model, data, cfg, on_step=on_step, stop=stop), view=view, model=model
    )


def draw_samples(snap) -> None:
    """The 64 samples: the part that moves fastest, a picture swapped 5 times a second."""
    if (view := snap.view) is not None:
        samples = picture(
            f"{K}-samples", view, (), lambda: png_data_uri(enlarge(tile(view[1].reshape(8, 8, 8, 8)), 8))
        )
        st.session_state[f"{K}-last"] = ((cfg, start), snap.step)  # to say so when new settings start again
        st.image(
            samples, caption="64 samples G(z) from fixed noise", width=470 if presenting() else 440
        )  # the whole grid on the first screen


def draw_curves(snap) -> None:
    chart(
        st,
        curves(
            snap.history,
            ["d_loss", "g_loss"],
            "Losses",
            names={"d_loss": "discriminator", "g_loss": "generator −log D(G(z))"},
        ),
        key=f"{K}-curves",
    )
    chart(
        st,
        curves(
            snap.history,
            ["d_real", "d_fake"],
            "What D says (1 = real)",
            names={"d_real": "D(real digit)", "d_fake": "D(G(z))"},
            height=220,
        ),
        key=f"{K}-d",
    )
    st.caption("At balance D says about 0.5 to both: it can no longer tell real from generated.")


@st.fragment(key=STRIP)
def interpolation(job: TrainingJob) -> None:
    """The strip between the two seeds' noise vectors, decoded by the generator as it is now."""
    snap = job.snapshot()
    if snap.view is None:
        return
    generator = snap.view[0]
    z_from, z_to = st.session_state[f"{K}-from"], st.session_state[f"{K}-to"]
    strip = lib.interpolate(
        generator, lib.noise_for(z_from, generator.noise), lib.noise_for(z_to, generator.noise)
    )
    with st.container(key=f"{K}-interpolation"):
        st.image(
            enlarge(tile(strip[None]), 10),
            caption=f"from z(seed {z_from}) to z(seed {z_to})",
            width="stretch",
            output_format="PNG",
        )
    links.write()


# The samples redraw 5 times a second while it trains; the curves and the strip once a second, on
# their own, so each redraw of the samples carries nothing else.
with controls:
    job = live_training(f"{K}-live", make_job, draw_samples, config=(cfg, start), view=left)
with scores:
    live_part(job, draw_curves)
st.subheader("Interpolation in the latent space")
i1, i2, i3 = st.columns([1, 1, 2])
i1.slider("From noise seed", 0, 99, 1, key=f"{K}-from", on_change=parts.redraw(STRIP))
i2.slider("To noise seed", 0, 99, 2, key=f"{K}-to", on_change=parts.redraw(STRIP))
i3.caption(
    "Each seed picks one noise vector z. The strip decodes the straight line between the two: "
    "a smooth walk from one generated digit to another means the generator has organised its "
    "latent space, not memorised single pictures."
)
live_part(job, lambda _: interpolation(job))  # and once a second while it trains
