"""Unroll an RNN: the lecture's "hello" character model, unrolled over 4 steps and trained live."""

import streamlit as st

from engine import rnn, rnn_figures
from engine.runner import TrainingJob
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart, presenting
from pages.widgets.live import live_training

header(
    "Unroll an RNN",
    'Recurrent NN: the character-level language model on "hello"',
    "Vocabulary **[h, e, l, o]**, one-hot inputs, and four training pairs: after *h* comes *e*, after *he* "
    "an *l*, after *hel* another *l*, after *hell* an *o*. The same weights are used at every step: "
    "$h_t = \\tanh(W_{hh}h_{t-1} + W_{xh}x_t + b_h)$, $y_t = W_{hy}h_t + b_y$, and a softmax on every "
    "output. Untrained, the network says the wrong string; press ▶ Play and watch it learn **ello**.",
)

LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
TRAIN_FOR = {300: "300 steps", 3000: "3,000 steps", 30000: "30,000 steps"}
RATE_HELP = (
    "Too large a rate saturates the tanh units: with 3 hidden units and seed 3, rates 1 and 3 never "
    "say 'ello' in 3,000 steps, while 10 lands on it at step 5 by luck. Try 1 (the tour's scene 5)."
)

TRAINING = "unroll_rnn-training"
redraw = parts.redraw(TRAINING)  # a setting reruns only the training part, not the words and controls above
data = rnn.HelloData()
# the network and ▶ Play beside the settings, on the first screen; the settings first (the part reads them)
training_col, settings_col = st.columns([2.6, 1], gap="medium")
with settings_col:
    st.slider(
        "Hidden size",
        1,
        12,
        3,
        key="unroll_rnn-hidden",
        on_change=redraw,
        help="The lecture uses 3 hidden units.",
    )
    st.select_slider(
        "Learning rate (Adam)",
        LEARNING_RATES,
        value=0.03,
        key="unroll_rnn-lr",
        on_change=redraw,
        help=RATE_HELP,
    )
    st.number_input(
        "Seed",
        0,
        9999,
        3,
        key="unroll_rnn-seed",
        on_change=redraw,
        help="Seed 3 starts out saying 'oolo', as on the slide.",
    )
    st.selectbox(
        "Train for",
        list(TRAIN_FOR),
        index=2,
        format_func=TRAIN_FOR.get,
        key="unroll_rnn-steps",
        on_change=redraw,
    )
    st.radio(
        "Equations with numbers at step",
        [1, 2, 3, 4],
        horizontal=True,
        on_change=redraw,
        key="unroll_rnn-t",
        format_func=lambda t: f"t = {t} ({data.input_text[t - 1]} → {data.target_text[t - 1]})",
    )


@st.cache_resource(show_spinner="Preparing the training engine…")
def _warm() -> bool:
    rnn.warm_up()
    return True


_warm()


def settings() -> rnn.Config:
    state = st.session_state
    return rnn.Config(
        hidden_size=state["unroll_rnn-hidden"],
        learning_rate=state["unroll_rnn-lr"],
        steps=state["unroll_rnn-steps"],
        seed=int(state["unroll_rnn-seed"]),
    )


def make_job(cfg: rnn.Config) -> TrainingJob:
    model = rnn.build(cfg)
    return TrainingJob(
        lambda on_step, stop: rnn.train(model, data, cfg, on_step=on_step, stop=stop),
        view=lambda: {"trace": rnn.trace(model, data.inputs), "weights": rnn.weights(model)},
        model=model,
    )


def draw(snap) -> None:
    if snap.view is None:
        return
    trace, weights = snap.view["trace"], snap.view["weights"]
    said = rnn.predicted_text(trace["output.scores"])
    first = snap.metrics.get("learned_at")  # the engine's count: the history is thinned on long runs
    chart(
        st,
        rnn_figures.unrolled_diagram(
            trace, rnn.VOCAB, data.targets.tolist(), data.input_text, scale=1.3 if presenting() else 1.0
        ),
        key="unroll_rnn-diagram",
        config={"displayModeBar": False},
    )
    with st.container(key="unroll_rnn-said"):
        words = f"Input **{data.input_text}** → the network says **{said}** · target **{data.target_text}**"
        if said == data.target_text:
            st.success(f"{words}. Learned" + (f" at step {first:,}." if first else "."), icon="✅")
        else:
            st.info(words, icon="🔤")
    st.caption(
        "Every output column: the 4 scores y_t (target green, the others red, as on the slide) and "
        "softmax(y_t) beside them. Hover a cell to read it exactly."
    )
    losses = [snap.metrics.get(f"loss_t{t + 1}") for t in range(len(data.target_text))]
    loss_col, curve_col = st.columns(2)
    if None not in losses:
        chart(
            loss_col,
            rnn_figures.step_losses(losses, data.input_text, data.target_text),
            key="unroll_rnn-losses",
        )
    else:
        loss_col.caption("Loss per time step appears after the first training step.")
    every = max(1, len(snap.history) // 400)  # a few hundred points draw the same curve, faster
    chart(
        curve_col,
        rnn_figures.loss_curve(snap.history[::every], "loss", "Total loss (sum over the 4 steps)"),
        key="unroll_rnn-curve",
    )
    chart(st, rnn_figures.weight_maps(weights, rnn.VOCAB), key="unroll_rnn-weights")
    t_pick = st.session_state.get("unroll_rnn-t", 1)
    st.subheader(f"Step t = {t_pick} with numbers")
    for line in rnn_figures.step_equations(trace, weights, t_pick - 1, rnn.VOCAB):
        st.latex(line)


@st.fragment(key=TRAINING)
def training() -> None:
    """Play / Pause / Step / Reset and everything the model shows: what the settings above change."""
    cfg = settings()
    live_training("unroll_rnn-live", lambda: make_job(cfg), draw, config=cfg)
    links.write()


with training_col:
    training()
