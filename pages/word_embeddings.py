"""Word embeddings: one-hot vectors against a matrix E learned live by skip-gram, on the slide's words
or any text."""

import hashlib

import streamlit as st

from engine import word_corpus as wc
from engine import word_embeddings as we
from engine.runner import TrainingJob
from engine.safe_inputs import clean_text
from engine.word_embeddings_figures import embedding_map
from pages.widgets import word_embedding_parts as parts
from pages.widgets.chrome import header, show_error
from pages.widgets.classroom import chart, presenting, text_scale
from pages.widgets.inputs import text_input_file
from pages.widgets.live import live_part, live_training, picture

K = "word_embeddings"
SOURCES = (wc.CORPUS_NAME, "Paste your own", "Upload a .txt")

header(
    "Word embeddings",
    "003 · Sequence models: one-hot representation vs featurized representation",
    "*I want a glass of orange ___. I want a glass of apple ___.* As **one-hot** vectors (Man = o_5391 of "
    "10,000) all words are equally far apart: 'orange juice' teaches nothing about 'apple juice'. A "
    "**featurized representation**, one row of E per word, puts related words close: "
    "skip-gram learns E live.",
)


@st.cache_data(show_spinner=False)
def generated() -> str:
    return wc.generated_corpus()


map_col, settings_col = st.columns([2.4, 1], gap="medium")
with settings_col:
    source = st.radio("Corpus", SOURCES, key=f"{K}-source")
    if source == SOURCES[0]:
        text = generated()
        st.caption(wc.CORPUS_SOURCE)
        with st.expander("Its first sentences"):
            st.text("\n".join(text.splitlines()[:10]))
    elif source == SOURCES[1]:
        pasted = st.text_area(
            "Your text (a sentence a line is best)",
            height=140,
            key=f"{K}-paste",
            placeholder="Paste a few paragraphs, then press Ctrl+Enter.",
        )
        text = clean_text(pasted or "", max_chars=wc.MAX_CHARS + 1)
    else:
        text = text_input_file(K, "Upload a .txt file (up to 1 MB, any language)")
    dim = st.select_slider(
        "Embedding size D (the slide: 300)", [2, 4, 8, 16, 32, 64], value=16, key=f"{K}-dim"
    )
    window = st.slider("Window: context words on each side", 1, 5, 3, key=f"{K}-window")
    rate = st.select_slider(
        "Learning rate (Adam)", [0.001, 0.003, 0.01, 0.03, 0.1], value=0.01, key=f"{K}-lr"
    )
    seed = st.number_input("Seed", 0, 9999, 0, key=f"{K}-seed")
    if problem := wc.check_text(text):
        show_error(problem)
        st.stop()
    digest = hashlib.sha256(text.encode()).hexdigest()
    data = parts.corpus_data(digest, text, window, int(seed))
    words = data.vocab.words
    st.caption(
        f"{data.corpus.tokens:,} words read · a vocabulary of {len(words):,} words (the rows of E)"
        + (f", {data.vocab.dropped:,} rarer ones left out" if data.vocab.dropped else "")
        + f" · {len(data):,} (centre, context) pairs."
    )
    if data.corpus.unspaced:
        st.caption(
            "This text is written without spaces between words (Chinese, Japanese, Thai ...): each "
            "character is read as a word."
        )

cfg = we.Config(dim=dim, window=window, learning_rate=rate, seed=int(seed))


def make_job() -> TrainingJob:
    model = we.build(cfg, len(words), data.vocab.digest)
    return TrainingJob(
        lambda on_step, stop: we.train(model, data, cfg, on_step=on_step, stop=stop),
        view=we.LiveView(model),
        model=model,
        view_every=0.25,
    )


def draw(snap) -> None:
    """The map: the part that moves, redrawn with every new view of E."""
    if snap.view is not None:
        width = 1250 if presenting() else 640  # the map column's width in each view, to place labels apart
        figure = picture(
            f"{K}-map",
            snap.view,
            (width,),
            lambda: embedding_map(snap.view.points, words, snap.step, width=width, scale=text_scale()),
        )
        chart(st, figure, key=f"{K}-map")


with map_col:
    job = live_training(f"{K}-live", make_job, draw, config=(cfg, digest))
    st.caption("Arrows: man → woman and king → queen. Once gender is a direction of E, they run parallel.")
    live_part(job, lambda snap: parts.progress(snap, words))

snap = job.snapshot()
if snap.view is None:  # a job that failed before its first view: its status above says why
    st.stop()
E = snap.view.E
parts.slide_tables(E, words)
parts.neighbours(job, words)
parts.fill_in(job, E, words, snap.step)
if not job.playing:
    parts.matrix(E, words, snap.step)
