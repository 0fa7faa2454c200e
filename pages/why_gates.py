"""Why gates: a vanilla RNN, an LSTM and a GRU of the same size learn the same long-range task, live."""

import streamlit as st

from engine import why_gates
from engine.agreement import TASKS
from engine.runner import TrainingJob
from pages.widgets.chrome import header
from pages.widgets.classroom import chart
from pages.widgets.live import live_training

KEY = "why_gates"

header(
    "Why gates",
    "004 LSTMs: RNNs cannot capture long-term dependencies · 003 vanishing gradients, gated cells",
    '*"I grew up in France … I speak fluent **_**."* When the answer depends on a word far back, a plain '
    "RNN's gradient fades a little at every step back through time, so it never learns the link. Train a "
    "**vanilla RNN**, an **LSTM** and a **GRU** of the same size on the same sentences "
    '(*"The cat, which …, was full"*) and move the gap between subject and verb.',
)

# the gap and ▶ Play side by side, the charts right under them; what the charts show is told below them
settings_col, controls_col = st.columns([2, 3], vertical_alignment="bottom")
gap = settings_col.slider(
    "Words between subject and verb in the training sentences (gap)",
    1,
    20,
    10,
    key=f"{KEY}-gap",
    help="Half of the training sentences have this gap; the other "
    "half have none, so every model can learn what a subject is.",
)
task = TASKS["agreement"]
cfg = why_gates.Config(gap=gap)


@st.cache_resource(show_spinner=False, max_entries=24)
def probe_set(gap: int) -> why_gates.Probes:
    """Fixed test sentences per gap: read-only tensors, shared by everyone."""
    return why_gates.probes(task, gap)


@st.cache_data(show_spinner=False, max_entries=24)
def untrained_view(gap: int) -> dict:
    """What the three seeded, untrained models measure: the same for everyone, so computed once."""
    return why_gates.view(why_gates.build(why_gates.Config(gap=gap)), probe_set(gap))


def make_job() -> TrainingJob:
    model, probe, first = why_gates.build(cfg), probe_set(gap), untrained_view(gap)
    trained: list[int] = []

    def run(on_step, stop):
        def counted(step: int, metrics: dict) -> None:
            trained[:] = [step]
            on_step(step, metrics)

        return why_gates.train(model, task, cfg, on_step=counted, stop=stop)

    return TrainingJob(run, view=lambda: why_gates.view(model, probe) if trained else first, view_every=3.0)


def draw(snapshot) -> None:
    view = untrained_view(gap) if snapshot.view is None else snapshot.view
    cached = st.session_state.get(f"{KEY}-figures")
    if cached is None or cached[0] is not view:  # a new measurement: redraw it
        cached = (
            view,
            why_gates.accuracy_figure(view["gaps"], view["accuracy"], gap, 0.5),
            why_gates.sensitivity_figure(view["sensitivity"]),
        )
        st.session_state[f"{KEY}-figures"] = cached
    a, b = st.columns(2)
    chart(a, cached[1], key=f"{KEY}-accuracy", config={"displayModeBar": False})
    chart(b, cached[2], key=f"{KEY}-sensitivity", config={"displayModeBar": False})
    if snapshot.step == 0:  # under the charts, so they start right under ▶ Play
        st.caption("The three models, untrained: press ▶ Play to train them.")
    if snapshot.history:
        chart(
            st, why_gates.loss_figure(snapshot.history), key=f"{KEY}-loss", config={"displayModeBar": False}
        )


charts = st.container()
with controls_col:
    live_training(f"{KEY}-live", make_job, draw, config=cfg, view=charts)
st.markdown(
    "Each model has **8 units** and reads the same batch of 64 sentences per step. **Left chart:** "
    "accuracy on new sentences at every gap (chance is 50%). **Right chart:** ‖∂h_T/∂x_t‖, how "
    "strongly the last state still depends on the word *k* steps before the verb (more below)."
)
st.markdown(
    "**The right chart** is on a log scale. Every gradient the loss sends back to the word *k* steps back "
    "is multiplied by ‖∂h_T/∂x_t‖, so it shows the vanishing gradient; unlike the gradient of the loss "
    "itself, which falls to almost 0 once a model answers right, it keeps its meaning after training."
)
st.caption(
    "What to look for (measured at 600 steps): at a gap of 6 or 10 words the RNN stays at chance on "
    "every sentence with a gap, while the LSTM reaches 100% at every gap, even longer ones than it was "
    "trained on, and the GRU gets there a little later. Their last state still depends on the subject, "
    "along the memory (the conveyor belt): on the right chart their lines stay within a few powers of ten, "
    "while the RNN's falls by a constant factor at every step back, over ten powers of ten. With a gap of "
    "2-4 words the RNN does learn, but only sentences of exactly the trained length: a trick, not a memory."
)
