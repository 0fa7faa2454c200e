"""Self-attention: a tiny transformer sorts the letters of your word; see every layer's and
head's attention."""

import streamlit as st

from engine import assets, transformer
from engine.attention_figures import alignment
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting

K = "self_attention"
# keyed parts: a new word reruns the answer and the patterns, the layer only the patterns; the header's
# equations, the controls and the words around them stay
ANSWER, PATTERNS = f"{K}-part-answer", f"{K}-part-patterns"

header(
    "Self-attention",
    "Attention, taken one step further: a sequence attending to itself (a tiny transformer)",
    "Here there is no separate encoder and decoder: every position of one sequence computes a query "
    "$q$, a key $k$ and a value $v$, and mixes the values of the positions before it with weights "
    "$\\mathrm{softmax}(q \\cdot k / \\sqrt{d})$. This 2-layer, 2-head model reads a word, then a `|`, "
    "then writes the word's letters **sorted**, one at a time.",
)


@st.cache_resource(show_spinner=False)
def load_model():
    state, card = assets.load("sorting_gpt")
    return transformer.load_state(state), card


def attention_of(word: str) -> tuple[str, str, dict]:
    """Sort the user's word and trace every head (a few ms; not kept in a shared cache)."""
    model, _ = load_model()
    answer = transformer.sort_word(model, word)
    sequence = f"{word}{transformer.SEP}{answer}{transformer.END}"[: transformer.BLOCK]
    return answer, sequence, transformer.trace(model, sequence)


def new_word() -> None:
    """A word the model can read reruns only the answer and the patterns; any other the page, which says why
    (and so does the first word after such a message: the page has to draw the parts again)."""
    try:
        transformer.check_word(st.session_state[f"{K}-word"])
    except ValueError:
        return
    parts.redraw(ANSWER, PATTERNS)()


def word_now() -> str:
    return transformer.check_word(st.session_state[f"{K}-word"])  # read from the state: a part reruns alone


@st.fragment(key=ANSWER)
def answer_part() -> None:
    word = word_now()
    answer = transformer.sort_word(load_model()[0], word)
    with st.container(key=f"{K}-answer"):
        st.metric("The model writes", answer or "(nothing)")
        st.caption(
            "✅ correctly sorted"
            if answer == "".join(sorted(word))
            else f"❌ sorted it is “{''.join(sorted(word))}”"
        )


@st.fragment(key=PATTERNS)
def patterns_part(heads: int) -> None:
    _, sequence, record = attention_of(word_now())
    layer = st.session_state[f"{K}-layer"]
    tokens = list(sequence)
    pattern = record[f"blocks.{layer}.attn.pattern"]  # (heads, T, T)
    for head, column in enumerate(st.columns(heads)):
        chart(
            column,
            alignment(
                pattern[head],
                tokens,
                tokens,
                f"layer {layer + 1}, head {head + 1}",
                height=520,
                colorbar=False,
            ),
            key=f"{K}-pattern-{head}",
            config={"displayModeBar": False},
        )
    links.write()  # the controls that reran it (drawn by the page) too


try:
    model, card = load_model()
except FileNotFoundError:
    show_error("The transformer is not installed: run `python -m engine.pretrain sorting_gpt`.")
    st.stop()

if presenting():  # a projector's first screen: the heads beside the controls
    patterns_col, typed = st.columns([2.4, 1], gap="medium")
    told = chosen = typed
else:  # the heads below the controls, wide enough for square cells beside the sidebar
    typed, told, chosen = st.columns(3, gap="large")
    patterns_col = st.container()
text = typed.text_input(
    "A word of 2 to 8 letters", "softmax", key=f"{K}-word", max_chars=40, on_change=new_word
)
with typed, parts.drawing(ANSWER, PATTERNS):  # a word it cannot read: the page stops before its parts
    try:
        transformer.check_word(text)
    except ValueError as error:
        show_error(str(error))
        st.stop()
with told:
    answer_part()
layers, heads = card["config"]["layers"], card["config"]["heads"]
chosen.radio(
    "Layer",
    list(range(layers)),
    index=layers - 1,
    format_func=lambda i: f"layer {i + 1}",
    horizontal=True,
    key=f"{K}-layer",
    on_change=parts.redraw(PATTERNS),
)
chosen.caption(
    f"Trained by LayerLab ({card['config']['steps']:,} steps); it sorts "
    f"{card['metrics']['exact_match']:.0%} of 500 held-out words exactly."
)

with patterns_col:
    patterns_part(heads)
    st.markdown(
        "**How to read it.** Row = the position that is looking (its query), column = the position "
        "it looks at (its key); brighter = more weight. Each row sums to 1, and the upper triangle "
        "is empty because a position may not look at the future. In the sorted half (below the `|` "
        "row) of the last layer, look for a head that picks out, among the word's letters, the next "
        "one to write."
    )
