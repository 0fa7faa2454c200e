"""Char-RNN on any text: train live, then sample one character at a time, greedy, or by beam search."""

import hashlib

import streamlit as st

from engine import char_rnn, char_rnn_figures, rnn
from engine.figures import curves
from engine.runner import TrainingJob
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart
from pages.widgets.inputs import text_input_file
from pages.widgets.live import live_training

header(
    "Char-RNN on any text",
    "Recurrent NN: sampling text one character at a time",
    "The network reads a text one character at a time and learns the probability of the next one. "
    "Every line ends with a special **end symbol ⏎**: the model learns when to stop. Once trained, "
    "we feed a character in, get a distribution over the next one, pick one and feed it right back in.",
)


@st.cache_data(show_spinner=False)
def bundled() -> dict[str, str]:
    return char_rnn.bundled_texts()


MODEL = "char_rnn-model-part"
redraw = parts.redraw(MODEL)  # a new model reruns only its part: training, generating, the trajectory
# the loss and the sample with ▶ Play beside the text and settings, on the first screen (settings first)
model_col, settings_col = st.columns([2.4, 1], gap="medium")
with settings_col:
    source = st.radio(
        "Text", ["Bundled text", "Paste your own", "Upload a .txt"], horizontal=True, key="char_rnn-source"
    )
    if source == "Bundled text":
        texts = bundled()
        text = texts[st.selectbox("Public-domain text", list(texts), key="char_rnn-bundled")]
    elif source == "Paste your own":
        pasted = st.text_area(
            "Your text (one sequence per line)",
            height=140,
            key="char_rnn-paste",
            placeholder="Paste a few lines, then press Ctrl+Enter.",
        )
        text = char_rnn.clean(pasted)
    else:
        text = text_input_file("char_rnn", "Upload a .txt file (up to 1 MB, any language)")
    if problem := char_rnn.check_text(text):
        show_error(problem)
        st.stop()
    digest = hashlib.sha256(text.encode()).hexdigest()
    if st.session_state.get("char_rnn-data", (None,))[0] != digest:
        st.session_state["char_rnn-data"] = (digest, char_rnn.TextData(text))
    data = st.session_state["char_rnn-data"][1]
    chars = data.vocab.chars
    st.caption(
        f"{len(text):,} characters · {len(data.lines):,} training lines · vocabulary of {len(chars)} "
        "symbols with the end symbol ⏎"
    )
    with st.expander("The vocabulary"):
        st.text(" ".join(char_rnn_figures.shown(c) for c in chars))
        st.caption("An emoji joined by ZWJ such as 👨‍👩‍👧, a flag or an accented letter is one symbol.")
    st.select_slider("Hidden size", [16, 32, 64, 96, 128], value=96, key="char_rnn-hidden", on_change=redraw)
    st.select_slider(
        "Learning rate (Adam)",
        [0.001, 0.003, 0.01, 0.03, 0.1, 1.0],
        value=0.01,
        key="char_rnn-lr",
        on_change=redraw,
    )
    st.number_input("Seed", 0, 9999, 0, key="char_rnn-seed", on_change=redraw)


@st.cache_resource(show_spinner="Preparing the training engine…")
def _warm() -> bool:
    rnn.warm_up()
    return True


_warm()


def make_job(cfg: char_rnn.Config, data: char_rnn.TextData) -> TrainingJob:
    model = char_rnn.build(cfg, len(data.vocab.chars))
    st.session_state["char_rnn-model"] = model
    return TrainingJob(
        lambda on_step, stop: char_rnn.train(model, data, cfg, on_step=on_step, stop=stop),
        view=lambda: data.vocab.decode(d.chosen for d in char_rnn.greedy(model, 120)),
    )


def draw(snap) -> None:
    left, right = st.columns([3, 2])
    chart(
        left,
        curves(snap.history, ["bits_per_char"], "Loss (bits per character)", height=240),
        key="char_rnn-curve",
    )
    right.markdown("**Greedy sample right now**")
    right.code(snap.view or " ", language=None, wrap_lines=True)


def kept(name: str, key: tuple, compute):
    """Recompute only when the model (job and step) or the settings it depends on changed."""
    slot = st.session_state.get(f"char_rnn-{name}")
    if slot is None or slot[0] != key:
        slot = st.session_state[f"char_rnn-{name}"] = (key, compute())
    return slot[1]


@st.fragment
def generate(job: TrainingJob, model, data: char_rnn.TextData) -> None:
    """Only this part reruns when a decoding setting or the step to look at changes."""
    chars = data.vocab.chars
    st.subheader("Generate")
    method = (
        st.segmented_control("Decoding", char_rnn.METHODS, default="Sampling", key="char_rnn-method")
        or "Sampling"
    )
    a, b, c = st.columns(3)
    temperature = a.slider(
        "Temperature",
        0.0,
        2.0,
        0.8,
        0.05,
        key="char_rnn-temp",
        disabled=method != "Sampling",
        help="0 = always the likeliest character (greedy)",
    )
    width = b.slider("Beam width", 1, 8, 3, key="char_rnn-width", disabled=method != "Beam search")
    sample_seed = c.number_input(
        "Sample seed", 0, 10**6, 0, key="char_rnn-sample-seed", disabled=method != "Sampling"
    )
    result = kept(
        "result",
        (job.id, job.snapshot().step, method, temperature, width, sample_seed),
        lambda: job.inspect(lambda: char_rnn.generate(model, method, temperature, width, int(sample_seed))),
    )
    with st.container(key="char_rnn-sample"):
        st.code(data.vocab.decode(result.tokens), language=None, wrap_lines=True)
    st.caption(
        (
            "Ended when the model drew the end symbol ⏎."
            if result.ended
            else "Stopped at the length limit: the model never drew the end symbol."
        )
        + f" The whole string's log p = {result.log_prob:.2f}."
    )
    if result.draws:
        chart(st, char_rnn_figures.step_distributions(result.draws[:40], chars), key="char_rnn-dists")
        pick = (
            st.slider("Look at step", 1, len(result.draws), 1, key="char_rnn-pick")
            if len(result.draws) > 1
            else 1
        )
        chart(st, char_rnn_figures.one_step(result.draws[pick - 1], chars, pick), key="char_rnn-onestep")
    else:
        chart(st, char_rnn_figures.beam_tree(result.levels, chars), key="char_rnn-tree")
    links.write()


@st.fragment(key=MODEL)
def model_part(data: char_rnn.TextData, digest: str, text: str) -> None:
    """The model the settings above make: trained live, then sampled and its hidden states."""
    state = st.session_state
    cfg = char_rnn.Config(
        hidden_size=state["char_rnn-hidden"],
        learning_rate=state["char_rnn-lr"],
        seed=int(state["char_rnn-seed"]),
    )
    job = live_training("char_rnn-live", lambda: make_job(cfg, data), draw, config=(cfg, digest))
    links.write()
    if job.playing:  # reading the model would have to wait between two steps: generate once it pauses
        st.info(
            "While it trains, the greedy sample above shows what it has learned. Pause (or let it finish) "
            "to sample, decode with beam search and see the hidden states.",
            icon="⏸️",
        )
        return
    model = state["char_rnn-model"]
    generate(job, model, data)
    st.subheader("Hidden-state trajectory")
    trajectory = kept(
        "trajectory",
        (job.id, job.snapshot().step),
        lambda: char_rnn_figures.trajectory(
            *job.inspect(lambda: char_rnn.hidden_trajectory(model, data.vocab, text))
        ),
    )
    chart(st, trajectory, key="char_rnn-traj")
    st.caption(
        "The state after each of the first 300 characters, projected onto its two main directions. "
        "After training, similar contexts (after a space, inside a word) land close together."
    )


with model_col:
    model_part(data, digest, text)
