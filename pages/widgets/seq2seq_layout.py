"""How the seq2seq page draws one rewrite: both models' answers, and the attention model's alignment."""

import streamlit as st

from engine.attention_figures import alignment
from pages.widgets.classroom import chart


def answers(view: dict, plain: str, key: str, judge, beside: bool = True) -> None:
    """Both models' answers and their verdicts: side by side, or one above the other (a narrow column)."""
    with st.container(key=key):
        a, b = st.columns(2) if beside else (st.container(), st.container())
        a.metric(
            "With attention", view["answer"] or "(nothing)", help="The decoder looks back at every character."
        )
        a.caption(judge(view["answer"]))
        b.metric(
            "Without attention", plain or "(nothing)", help="The decoder only sees the encoder's last state."
        )
        b.caption(judge(plain))


def alignment_chart(view: dict, key: str) -> None:
    """The alignment matrix: one row per output symbol, one column per input character."""
    title = "Alignment: where the decoder looked (rows: output symbols, columns: your characters)"
    chart(
        st,
        alignment(
            view["alignment"],
            view["inputs"],
            view["outputs"],
            title,
            height=max(360, 26 * len(view["outputs"]) + 120),
        ),
        key=key,
        config={"displayModeBar": False},
    )
