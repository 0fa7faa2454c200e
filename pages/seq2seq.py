"""Seq2seq alignments: an encoder-decoder rewrites dates, and shows where it looked for each digit."""
import datetime as dt

import streamlit as st

from engine import assets, dates, seq2seq
from engine.attention_figures import accuracy_by_length, alignment
from pages.widgets.chrome import header, show_error

K = "seq2seq"

header("Seq2seq alignments", "000 and 001: encoder-decoder translation; attention (Bahdanau et al., 2015)",
       "An **encoder** RNN reads your date one character at a time; a **decoder** RNN writes it as "
       "YYYY-MM-DD. Without attention the decoder only gets the encoder's last state: the whole input "
       "squeezed into one vector. With attention it looks back before every symbol, "
       "$c_t = \\sum_j \\alpha_{tj} h_j$: each row of the **alignment matrix** below is one $\\alpha_t$.")


@st.cache_resource(show_spinner=False)
def load_models():
    loaded = {}
    for name, attention in (("seq2seq_dates", True), ("seq2seq_dates_plain", False)):
        state, card = assets.load(name)
        loaded[name] = (seq2seq.load_state(state, attention), card)
    return loaded


@st.cache_data(show_spinner=False, max_entries=256)
def rewritten(text: str) -> tuple[dict, str]:
    models = load_models()
    with_attention = seq2seq.rewrite(models["seq2seq_dates"][0], text)
    plain = seq2seq.rewrite(models["seq2seq_dates_plain"][0], text)["answer"]
    return with_attention, plain


def verdict(answer: str) -> str:
    try:
        dt.date.fromisoformat(answer)
        return "a real date"
    except ValueError:
        return "not a real date"


try:
    models = load_models()
except FileNotFoundError:
    show_error("The seq2seq models are not installed: run `python -m engine.pretrain seq2seq_dates "
               "seq2seq_dates_plain`.")
    st.stop()

text = st.text_input("Write a date any way you like", "Sunday, the 3rd of March, 2019", key=f"{K}-text",
                     max_chars=80, help="Press Enter to rewrite it.")
st.caption("Try: " + " · ".join(f"“{e}”" for e in dates.EXAMPLES) +
           f". It learned years {dates.FIRST.year} to {dates.LAST.year}: what does it do with 1789?")
try:
    text = dates.check_text(text)
except ValueError as error:
    show_error(str(error))
    st.stop()

view, plain = rewritten(text)
with st.container(key=f"{K}-answers"):
    a, b = st.columns(2)
    a.metric("With attention", view["answer"] or "(nothing)", help="The decoder looks back at every character.")
    a.caption(verdict(view["answer"]))
    b.metric("Without attention", plain or "(nothing)", help="The decoder only sees the encoder's last state.")
    b.caption(verdict(plain))

st.plotly_chart(alignment(view["alignment"], view["inputs"], view["outputs"],
                          "Alignment: where the decoder looked (rows: output symbols, columns: your characters)",
                          height=max(360, 26 * len(view["outputs"]) + 120)),
                key=f"{K}-alignment", config={"displayModeBar": False})
st.caption("Each row sums to 1. The year's digits should look at the year, the month at the month's "
           "name or number, even when the input puts the day first.")

st.subheader("The bottleneck: accuracy as inputs get longer")
st.markdown("Without attention, everything the decoder will ever know about your date must pass through one "
            "vector, the encoder's last state. A date is a small message however wordily it is written, so "
            "here that vector copes at most lengths. Its slips are digits in the wrong place (it turns "
            "1/7/1960 into 1960-07-11 and 20101003 into 2010-01-30): it must recall from one vector which "
            "digit stood where, worst on compact all-digit forms. With attention the decoder reads each "
            "digit where it stands and makes no mistakes at any length. The longer and richer the "
            "message (a whole sentence to translate), the more the single vector loses.")
cards = {name: card for name, (_, card) in models.items()}
bins = seq2seq.LENGTH_BINS
curves = {label: [cards[name]["metrics"][f"length_{lo}_{hi}"] for lo, hi in bins]
          for label, name in (("with attention", "seq2seq_dates"), ("without attention", "seq2seq_dates_plain"))}
st.plotly_chart(accuracy_by_length([f"{lo}-{hi}" for lo, hi in bins], curves,
                                   "Exact-match accuracy on 2,000 held-out dates, by input length"),
                key=f"{K}-by-length", config={"displayModeBar": False})
st.caption(f"Both models have the same encoder, decoder and training ({cards['seq2seq_dates']['config']['steps']:,} "
           "steps); only the attention differs. Overall: with attention "
           f"{cards['seq2seq_dates']['metrics']['exact_match']:.1%}, without "
           f"{cards['seq2seq_dates_plain']['metrics']['exact_match']:.1%}.")
