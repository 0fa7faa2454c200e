"""Seq2seq alignments: an encoder-decoder rewrites dates, and shows where it looked for each digit."""

import streamlit as st

from engine import assets, dates, seq2seq
from engine.attention_figures import accuracy_by_length
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart
from pages.widgets.seq2seq_layout import alignment_chart, answers

K = "seq2seq"

header(
    "Seq2seq alignments",
    "000 and 001: encoder-decoder translation; attention (Bahdanau et al., 2015)",
    "An **encoder** RNN reads your date one character at a time; a **decoder** RNN writes it as "
    "YYYY-MM-DD. Without attention the decoder only gets the encoder's last state: the whole input "
    "squeezed into one vector. With attention it looks back before every symbol, "
    "$c_t = \\sum_j \\alpha_{tj} h_j$: each row of the **alignment matrix** below is one $\\alpha_t$.",
)


PAIRS = {
    "dates": ("seq2seq_dates", "seq2seq_dates_plain"),
    "reverse": ("seq2seq_reverse", "seq2seq_reverse_plain"),
}


@st.cache_resource(show_spinner=False)
def load_models():
    loaded = {}
    for pair in PAIRS.values():
        for name, attention in zip(pair, (True, False)):
            state, card = assets.load(name)
            loaded[name] = (seq2seq.load_state(state, attention), card)
    return loaded


def rewritten(text: str, task: str = "dates") -> tuple[dict, str]:
    """Both models on the user's text (about 10 ms, computed per run: typed text stays out of
    shared caches)."""
    models, steps = load_models(), dates.OUTPUT_LEN + 1 if task == "dates" else len(text) + 1
    with_attention = seq2seq.rewrite(models[PAIRS[task][0]][0], text, steps)
    plain = seq2seq.rewrite(models[PAIRS[task][1]][0], text, steps)["answer"]
    return with_attention, plain


def curves(task: str, lengths: list, metric) -> dict:
    cards = {name: load_models()[name][1]["metrics"] for name in PAIRS[task]}
    return {
        label: [cards[name][metric(n)] for n in lengths]
        for label, name in zip(("with attention", "without attention"), PAIRS[task])
    }


try:
    models = load_models()
except FileNotFoundError:
    show_error(
        "The seq2seq models are not installed: run `python -m engine.pretrain seq2seq_dates "
        "seq2seq_dates_plain seq2seq_reverse seq2seq_reverse_plain`."
    )
    st.stop()


def your_date() -> None:
    """The matrix beside the date box and the answers: Enter reruns only those two parts."""
    matrix_col, date_col = st.columns([2.4, 1], gap="medium")  # the matrix on the first screen
    with date_col:
        st.text_input(
            f"Write a date any way you like (up to {dates.MAX_INPUT} characters)",
            "Sunday, the 3rd of March, 2019",
            key=f"{K}-text",
            on_change=parts.redraw(f"{K}-date-answers", f"{K}-date"),
            help=f"Press Enter to rewrite it. The model reads at most {dates.MAX_INPUT} characters.",
        )
        date_answers()
        st.caption(
            "Try: "
            + " · ".join(f"“{e}”" for e in dates.EXAMPLES)
            + f". It learned years {dates.FIRST.year} to {dates.LAST.year}: what does it do with "
            "1789? It translates the ways a date is written; it does not understand words like "
            "“next” or “tomorrow”."
        )
    with matrix_col:
        date_alignment()


def date_rewritten(text: str) -> tuple[dict, str]:
    """One rewrite per date for both parts that show it (kept in this user's session, not shared)."""
    if st.session_state.get(f"{K}-rewritten", (None,))[0] != text:
        st.session_state[f"{K}-rewritten"] = (text, rewritten(text))
    return st.session_state[f"{K}-rewritten"][1]


@st.fragment(key=f"{K}-date-answers")
def date_answers() -> None:
    links.write()  # once for both parts
    try:
        text = dates.check_text(st.session_state[f"{K}-text"])
    except ValueError as error:
        show_error(str(error))
        return
    answers(*date_rewritten(text), f"{K}-answers", lambda answer: dates.verdict(text, answer), beside=False)


@st.fragment(key=f"{K}-date")
def date_alignment() -> None:
    try:
        text = dates.check_text(st.session_state[f"{K}-text"])
    except ValueError:
        return  # the answers beside it say why
    alignment_chart(date_rewritten(text)[0], f"{K}-alignment")
    st.caption(
        "Each row sums to 1. The year's digits should look at the year, the month at the month's "
        "name or number, even when the input puts the day first."
    )


def backwards() -> None:
    lo, hi = seq2seq.REVERSE_LENGTHS
    st.text_input(
        f"Digits to write backwards ({lo} to {hi} digits)",
        "31415926535897",
        key=f"{K}-digits",
        on_change=parts.redraw(f"{K}-backwards"),
    )
    written_backwards()


@st.fragment(key=f"{K}-backwards")
def written_backwards() -> None:
    """Only this part reruns when new digits are typed."""
    links.write()
    try:
        digits = seq2seq.check_digits(st.session_state[f"{K}-digits"])
    except ValueError as error:
        show_error(str(error))
        return
    view, plain = rewritten(digits, "reverse")
    answers(view, plain, f"{K}-reverse-answers", lambda a: "right" if a == digits[::-1] else "wrong")
    alignment_chart(view, f"{K}-reverse-alignment")


part = st.radio(
    "Explore",
    ["Your date", "The bottleneck: longer inputs"],
    horizontal=True,
    key=f"{K}-part",
    label_visibility="collapsed",
)
if part == "Your date":
    your_date()
else:
    st.subheader("The bottleneck: accuracy as inputs get longer")
    st.markdown(
        "Without attention, everything the decoder will ever know about the input must pass through "
        "one vector, the encoder's last state. A date is a small message however wordily it is written, "
        "so that vector copes at most lengths (left); its slips are digits in the wrong place (it turns "
        "1/7/1960 into 1960-07-11). Give it more to remember, **a string of digits to write backwards**, "
        "and accuracy collapses as the string grows, while the decoder with attention simply looks back "
        "at each digit in turn (right)."
    )
    left, right = st.columns(2)
    bins = [f"{lo}-{hi}" for lo, hi in seq2seq.LENGTH_BINS]
    by_bin = curves("dates", seq2seq.LENGTH_BINS, lambda b: f"length_{b[0]}_{b[1]}")
    chart(
        left,
        accuracy_by_length(bins, by_bin, "Dates (2,000 held out)"),
        key=f"{K}-by-length",
        config={"displayModeBar": False},
    )
    lengths = list(range(seq2seq.REVERSE_LENGTHS[0], seq2seq.REVERSE_LENGTHS[1] + 1))
    chart(
        right,
        accuracy_by_length(
            lengths, curves("reverse", lengths, lambda n: f"length_{n}"), "Digits backwards (1,500 held out)"
        ),
        key=f"{K}-reverse-by-length",
        config={"displayModeBar": False},
    )
    backwards()
    steps = {name: load_models()[name][1]["config"]["steps"] for pair in PAIRS.values() for name in pair}
    st.caption(
        f"All four models: the same encoder (a bidirectional GRU), decoder and training "
        f"({steps['seq2seq_reverse']:,} steps on fresh examples); only the attention differs."
    )
