"""LSTM gates: every gate and the cell state of a trained model, step by step, on the user's own sentence."""

import streamlit as st

from engine import lstm, lstm_assets, lstm_gates_text
from engine import lstm_figures as figs
from engine.figures import stacked_latex
from engine.safe_inputs import safe_label
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting, text_scale

KEY, BARE = "lstm_gates", {"displayModeBar": False}
MODELS = {
    "lstm_agreement": "LSTM · was / were",
    "peephole_agreement": "peephole LSTM · was / were",
    "coupled_agreement": "coupled LSTM · was / were",
    "gru_agreement": "GRU · was / were",
    "lstm_first_symbol": "LSTM · remember the first symbol",
}

header(
    "LSTM gates",
    "002 LSTMs (cell state, gates, variants, GRU) · 001 LSTM & GRU · 003 GRU · 004 long-term dependencies",
    '*"The **cat**, which already ate …, **was** full."* To choose *was* or *were* the network must carry '
    "one fact, singular or plural, across the whole clause. The **cell state** is the conveyor belt that "
    "carries it; three **gates** (0 = nothing goes through, 1 = everything) decide what is thrown away, "
    "what is written and what is shown. Type your own sentence and watch every gate.",
)


@st.cache_resource(show_spinner="Loading the trained model…")
def load(name: str):
    """Shared and read-only: every student reads the same frozen weights."""
    return lstm_assets.load_pretrained(name)


sentence_row = st.container()  # first on screen, filled once the model is picked: its words depend on it
picture, side = st.columns([5, 1] if presenting() else [3, 1], gap="medium")  # gates, then model and answer
name = side.radio("Trained model", list(MODELS), format_func=MODELS.get, key=f"{KEY}-model")
model, card, task = load(name)
kind, metrics = model.kind, card["metrics"]

text_key = f"{KEY}-sentence" if task.name == "agreement" else f"{KEY}-symbols"


def use_example() -> None:
    st.session_state[text_key] = st.session_state[f"{KEY}-example-{task.name}"]


@st.fragment
def conveyor_belt(trace: dict, tokens: tuple, kind: str, unit: int) -> None:
    """Only this part reruns when the step moves."""
    step = (
        st.slider(
            "Step",
            0,
            len(tokens) - 1,
            len(tokens) - 1,
            key=f"{KEY}-step",
            format="%d",
            help="Which word the cell is reading.",
        )
        if len(tokens) > 1
        else 0
    )  # one word: no slider
    values = figs.belt_values(trace, step, unit)
    st.image(
        figs.gru_belt(values, tokens[step], step, unit)
        if kind == "gru"
        else figs.lstm_belt(values, tokens[step], step, unit, kind),
        width="stretch",
    )
    links.write()  # the step lives in the link too


READING = f"{KEY}-reading"
left, right = sentence_row.columns([3, 2])
left.text_input(
    "Your sentence (end it with the verb to check the model)"
    if task.name == "agreement"
    else "Your symbols (a letter a-d first, then digits or letters)",
    value=task.examples[0],
    key=text_key,  # no max_chars: the browser would cut a paste unsaid
    on_change=parts.redraw(READING),
)  # a new sentence reruns only what reads it, below
right.selectbox("…or pick an example", task.examples, key=f"{KEY}-example-{task.name}", on_change=use_example)


@st.fragment(key=READING)
def reading() -> None:
    """The model reading the sentence: interventions, answer, every gate, the conveyor belt, one unit."""
    encoded = lstm_gates_text.read(task, st.session_state[text_key])
    # drawn on every run, so that a rerun of this part alone may fill them (containers made outside it)
    found, answers, gates = sentence_row.container(), side.container(), picture.container(key=f"{KEY}-gates")
    with found:
        if not encoded.tokens:
            show_error("There is nothing to read yet: type a sentence such as “" + task.examples[0] + "”.")
            return
        notes = [f"Note: {safe_label(note, 400)}." for note in encoded.notes]
        if encoded.unknown:
            st.info(
                "Not in the model's vocabulary, so read as the unknown-word token: "
                + ", ".join(f"“{safe_label(w, 30)}”" for w in encoded.unknown[:12])
                + ". The model saw a few unknown words in training and treats them as noise.",
                icon="ℹ️",
            )
        if notes:
            st.caption("  \n".join(notes))
    steps, units = len(encoded.tokens), model.cell.hidden_size
    memory, gate = int(metrics["memory_unit"]), lstm.MEMORY_GATE[kind]
    st.subheader("Interventions")
    c1, c2, c3 = st.columns(3)
    target = c1.selectbox(
        "Which unit",
        ["all units", *[f"unit {u}" + (" (the memory unit)" if u == memory else "") for u in range(units)]],
        index=1 + memory,
        key=f"{KEY}-unit",
    )
    clamp = c2.radio(
        f"Clamp its {figs.gate_name(gate, kind)}", ["no clamp", "0", "1"], horizontal=True, key=f"{KEY}-clamp"
    )
    wipe = c3.selectbox(
        "Zero its memory after step",
        ["never", *range(steps)],
        key=f"{KEY}-wipe",
        format_func=lambda s: s if s == "never" else f"{s}: {encoded.tokens[s]}",
        help=f"Sets its {lstm.MEMORY_NAMES[kind]} to 0 after that word.",
    )
    st.caption(
        lstm_gates_text.memory_caption(
            model, card, task, encoded.ids, figs.gate_name(gate, kind), lstm_assets.LONG_GAP
        )
    )
    if wipe != "never":
        st.caption(
            lstm_gates_text.wipe_caption(
                kind,
                wipe,
                safe_label(encoded.tokens[wipe], 30),
                "every unit" if target == "all units" else target.split(" (")[0],
            )
        )
    intervention = lstm.Intervention(
        clamp=None if clamp == "no clamp" else float(clamp),
        units=None if target == "all units" else (int(target.split()[1]),),
        zero_at=None if wipe == "never" else int(wipe),
    )
    untouched = lstm.trace(model, encoded.ids)
    changed = (
        intervention.clamp is not None or intervention.zero_at is not None
    )  # a unit alone changes nothing
    trace = lstm.trace(model, encoded.ids, intervention) if changed else untouched

    label, prob = lstm.answer(trace["readout.probs"][-1], task.classes)
    base_label, base_prob = lstm.answer(untouched["readout.probs"][-1], task.classes)
    with answers.container(gap=None):  # the question in full: a metric's own label is cut to one line
        st.markdown(f":small[The model's answer: {task.question}]")
        st.metric(
            f"The model's answer: {task.question}",
            f"{label} ({prob:.0%})",
            delta_color="off",
            delta=f"untouched: {base_label} ({base_prob:.0%})" if changed else None,
            label_visibility="collapsed",
        )
    if encoded.expected is not None:
        answers.metric(
            "Your text says",
            task.classes[encoded.expected],
            delta="agrees" if label == task.classes[encoded.expected] else "disagrees",
            delta_color="normal" if label == task.classes[encoded.expected] else "inverse",
        )
    answers.metric("Words read", steps)
    chart(
        gates,
        figs.gates_figure(trace, encoded.tokens, kind, text_scale()),
        key=f"{KEY}-gates-chart",
        config=BARE,
    )

    st.subheader("One unit, one step: the conveyor belt")
    pick, belt_column = st.columns([1, 3])
    unit = pick.selectbox(
        "Unit",
        range(units),
        index=memory,
        key=f"{KEY}-pick-unit-{name}",
        format_func=lambda u: f"unit {u}" + (" (memory)" if u == memory else ""),
    )
    pick.caption(
        "The thick line on top is the memory: its width shows how much it holds. Green boxes are "
        "gates: the darker, the more they let through. Move the step to walk along the sentence."
    )
    with belt_column:
        conveyor_belt(trace, encoded.tokens, kind, unit)
    chart(st, figs.unit_curves(trace, unit, encoded.tokens, kind), key=f"{KEY}-curves", config=BARE)
    links.write()


reading()

with st.expander(f"The cell, written out: {lstm.CELL_NAMES[kind]} (and its variants)", expanded=False):
    cols = st.columns(2)
    cols[0].markdown(
        f"**{lstm.CELL_NAMES[kind]}**, as the lecture writes it"
        + (
            ""
            if kind != "gru"
            else " in decks 001 and 002 (lecture 003 calls z the update gate Γ_u and r the relevance gate "
            "Γ_r)"
        )
    )
    cols[0].latex(stacked_latex(figs.cell_equations(kind)))  # one KaTeX block per group
    if kind == "gru":
        cols[0].caption(figs.GRU_DIFFERENCE)
    cols[1].markdown("**Peephole connections**: the gates also look at the cell")
    cols[1].latex(stacked_latex(figs.EQUATIONS["peephole"]))
    cols[1].markdown("**Coupled forget and input gates**: forget only to write something new")
    cols[1].latex(figs.EQUATIONS["coupled"][0])
    if kind != "gru":
        cols[1].markdown("**GRU**: forget and input merged in one update gate (decks 001 and 002, no biases)")
        cols[1].latex(stacked_latex(figs.EQUATIONS["gru"]))
    st.caption(
        f"This model: {card['parameters']:,} weights, trained in {card['seconds']:.0f} s. "
        f"Accuracy with {lstm_assets.LONG_GAP} words in between: {metrics['accuracy_gap20']:.0%}; "
        f"a vanilla RNN of the same size, trained the same way: {metrics['rnn_accuracy_gap20']:.0%} (chance "
        f"{card['chance']:.0%}). Written-out cells equal PyTorch's nn.LSTM / nn.GRU (tested)."
    )
