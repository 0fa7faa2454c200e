"""Shapes of RNNs: one-to-many, many-to-one, many-to-many, encoder-decoder, each with a live example."""

import streamlit as st

from engine import rnn_shapes as shapes
from engine import rnn_shapes_figures as figures
from engine import rnn_shapes_text as words
from engine.rnn_shapes_text import COUNTS, FEEDBACK, MODES, TASKS
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting

header(
    "Shapes of RNNs",
    "Recurrent NN: RNN types, bidirectional RNNs, encoder-decoder, passing output vs state",
    "The same recurrent cell, wired in different ways. Each shape below comes with a small network "
    "trained on a task of that shape: type your own input and watch it answer. Green outputs are right, "
    "red ones wrong.",
)


@st.cache_resource(show_spinner="Loading the trained networks…")
def model(name: str) -> shapes.ShapeRNN:
    return shapes.load(name)  # shared and read-only: only ever run under no_grad


ANSWER, STATES = "rnn_shapes-answer-part", "rnn_shapes-states-part"
redraw = parts.redraw(
    ANSWER, STATES
)  # a new input reruns only the network's answer and states, not the controls


def controls(shape: str) -> None:
    """The inputs of the chosen shape (what each shows or hides reruns the page; the rest only the answer)."""
    if shape == "one-to-many":
        a, b, c = st.columns(3)
        a.slider("The input digit n", 0, 9, 5, key="rnn_shapes-digit", on_change=redraw)
        a.radio(
            "Task",
            list(COUNTS),
            format_func=COUNTS.get,
            horizontal=True,
            key="rnn_shapes-task",
            on_change=redraw,
        )
        feedback = b.radio(
            "Passed to the next step",
            list(FEEDBACK),
            format_func=FEEDBACK.get,
            index=2,
            key="rnn_shapes-feedback",
        )
        if feedback != "state":
            c.radio(
                "Inputs while generating",
                ["free", "teacher"],
                key="rnn_shapes-mode",
                format_func=MODES.get,
                on_change=redraw,
            )
            c.selectbox(
                "Force its first output to",
                ["no", *range(10)],
                key="rnn_shapes-force",
                on_change=redraw,
                help="Inject a mistake and see whether it spreads.",
            )
    elif shape == "many-to-one":
        st.text_input("Bits (up to 10)", "1011001", key="rnn_shapes-bits", on_change=redraw)
    elif shape == "many-to-many":
        a, b = st.columns([2, 1])
        a.text_input("Digits (3 to 9)", "3172945", key="rnn_shapes-digits", on_change=redraw)
        b.toggle(
            "Bidirectional RNN",
            key="rnn_shapes-bi",
            on_change=redraw,
            help="Add a second RNN that reads the sequence backward.",
        )
    else:
        a, b = st.columns([2, 1])
        a.text_input("Digits to reverse (1 to 6)", "2468", key="rnn_shapes-seq", on_change=redraw)
        b.radio(
            "Decoder inputs",
            ["free", "teacher"],
            key="rnn_shapes-mode-s2s",
            on_change=redraw,
            format_func={"free": "free running", "teacher": "teacher forcing"}.get,
        )


def chosen(shape: str) -> tuple[str, list, str, int | None]:
    """(network, input sequence, generating mode, forced first output) from the controls' values;
    ValueError (in words) for an input the network cannot take."""
    state = st.session_state
    if shape == "one-to-many":
        feedback = state["rnn_shapes-feedback"]
        name = shapes.one_to_many_name(state["rnn_shapes-task"], feedback)
        if feedback != "state":
            forced = state["rnn_shapes-force"]
            first = None if forced == "no" else int(forced)
            return name, [state["rnn_shapes-digit"]], state["rnn_shapes-mode"], first
        return name, [state["rnn_shapes-digit"]], "free", None
    if shape == "many-to-one":
        return "rnn_many_to_one", shapes.parse(state["rnn_shapes-bits"], "01", shapes.MAX_BITS), "free", None
    if shape == "many-to-many":
        name = "rnn_many_to_many_bi" if state["rnn_shapes-bi"] else "rnn_many_to_many"
        return name, shapes.parse(state["rnn_shapes-digits"], "0123456789", 9, 3), "free", None
    sequence = shapes.parse(state["rnn_shapes-seq"], "0123456789", shapes.MAX_DIGITS)
    return "rnn_encoder_decoder", sequence, state["rnn_shapes-mode-s2s"], None


def explained(shape: str) -> tuple[str, shapes.Example]:
    """The chosen network's name and its answer laid out; ValueError (in words) for an input
    it cannot take."""
    name, sequence, mode, force = chosen(shape)
    return name, shapes.explain(model(name), sequence, mode, force)


@st.fragment(key=ANSWER)
def answer(shape: str) -> None:
    """The network on the input: the unrolled diagram and its answer (above the controls:
    the first screen)."""
    links.write()
    try:
        name, ex = explained(shape)
    except ValueError as problem:
        show_error(str(problem))
        return
    net = model(name)
    chart(
        st,
        figures.shape_diagram(
            shape,
            ex.inputs,
            ex.outputs,
            ex.correct,
            bidirectional=net.cfg.bidirectional,
            fed_back=ex.fed_back,
            encoder_steps=ex.encoder_steps,
            state_passed=ex.state_passed,
            scale=1.3 if presenting() else 1.0,
        ),
        key="rnn_shapes-diagram",
        config={"displayModeBar": False},
    )
    with st.container(key="rnn_shapes-answer"):
        right = ex.answer == ex.expected
        (st.success if right else st.warning)(
            f"The network answers **{ex.answer}** · the right answer is **{ex.expected}**",
            icon="✅" if right else "❌",
        )


@st.fragment(key=STATES)
def states(shape: str) -> None:
    """The network's size and score, and every hidden state."""
    try:
        name, ex = explained(shape)
    except ValueError:
        return  # the answer part above says why
    net, card = model(name), shapes.card(name)
    st.caption(
        f"This network: {net.cfg.hidden_size} hidden units, trained on {card['config']['steps']:,} batches "
        f"of random examples; it answers {card['metrics']['accuracy']:.0%} of fresh examples entirely right."
    )
    labels = [f"{t + 1}:{c if c is not None else ''}" for t, c in enumerate(ex.inputs)]
    if "hidden.backward" in ex.states:
        left, right_col = st.columns(2)
        chart(
            left,
            figures.states_map(ex.states["hidden.forward"], "Forward states →", labels),
            key="rnn_shapes-fwd",
        )
        chart(
            right_col,
            figures.states_map(ex.states["hidden.backward"], "← Backward states", labels),
            key="rnn_shapes-bwd",
        )
        st.caption(
            "Bidirectional: y_t sees the forward state (the past) and the backward state (the future)."
        )
    else:
        chart(
            st,
            figures.states_map(ex.states["hidden.forward"], "Hidden states h_t", labels),
            key="rnn_shapes-states",
        )


shape = (
    st.segmented_control("Shape", shapes.SHAPES, default="one-to-many", key="rnn_shapes-shape")
    or "one-to-many"
)
st.markdown(TASKS[shape])
board = st.container()  # the diagram and the answer go above the controls: on the first screen in both views
controls(shape)
with board:
    answer(shape)
states(shape)


@st.cache_data(show_spinner=False)
def feedback_table() -> str:
    """The three one-to-many nets side by side (shared: the same for everyone)."""
    return words.feedback_table(shapes.compare_feedback(model))


if shape == "one-to-many":
    st.markdown(words.OUTPUT_VS_STATE)
    with st.container(key="rnn_shapes-feedback-table"):
        st.markdown(feedback_table())
    st.caption(words.FORCING_HINT)
elif shape == "many-to-many":
    st.markdown(words.BIDIRECTIONAL)
