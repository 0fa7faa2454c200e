"""How the word-embeddings page draws its parts: the slide's tables, neighbours and analogies,
the fill-in, E."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import word_corpus as wc
from engine import word_embeddings as we
from engine import word_embeddings_figures as figures
from engine import word_fill_in as fill
from engine.figures import curves
from engine.runner import TrainingJob
from pages.widgets.classroom import chart
from pages.widgets.live import live_part

K = "word_embeddings"
SQRT2 = "√2 ≈ 1.41"


def corpus_data(text_digest: str, text: str, window: int, seed: int) -> we.SkipGramData:
    """The text's skip-gram pairs, kept in this user's session while the text and window stay the same."""
    key = (text_digest, window, seed)
    if st.session_state.get(f"{K}-data", (None,))[0] != key:
        st.session_state[f"{K}-data"] = (key, we.SkipGramData(wc.Corpus.from_text(text), window, seed))
    return st.session_state[f"{K}-data"][1]


def known(word: str, words: list[str]) -> str | None:
    """The word as the vocabulary has it (lower case), or None with a message saying why it cannot be used."""
    cleaned = wc.as_word(word)
    if cleaned in words:
        return cleaned
    some = ", ".join(w for w in (*wc.SLIDE_WORDS, *words[:12]) if w in words)
    what = f"'{word.strip()}' is not" if word.strip() else "No word is"
    st.warning(f"{what} in this text's vocabulary of {len(words):,} words. Try one of: {some}.", icon="🔤")
    return None


def progress(snap, words: list[str]) -> None:
    """The loss curve and, in words, what the typed analogy gives right now."""
    left, right = st.columns([3, 2])
    chart(left, curves(snap.history, ["loss"], "Loss (negative sampling)", height=220), key=f"{K}-curve")
    a, b, c = (st.session_state.get(f"{K}-{x}", d) for x, d in zip("abc", ("king", "man", "woman")))
    a, b, c = (wc.as_word(w) for w in (a, b, c))
    if snap.view is None or not all(w in words for w in (a, b, c)) or len({a, b, c}) < 3:
        right.caption("Type three different words of the vocabulary below for an analogy.")
        return
    (best, cosine), *_ = we.analogy(snap.view.E, words, a, b, c, top=1)
    with right.container(key=f"{K}-live-analogy"):
        st.markdown(f"**{a} − {b} + {c} ≈ {best}**  \ncosine {cosine:.2f}, at step {snap.step:,}")


def slide_tables(E, words: list[str]) -> None:
    """The slide's table as written there, and its point in numbers: one-hot distances against E's."""
    st.subheader("One-hot against featurized: the slide in numbers")
    names = [f"{w.capitalize()} ({wc.SLIDE_INDEX[w]})" for w in wc.SLIDE_WORDS]
    table = pd.DataFrame(
        {
            name: ["" if row[i] is None else str(row[i]) for row in wc.SLIDE_FEATURES.values()]
            for i, name in enumerate(names)
        },
        index=list(wc.SLIDE_FEATURES),
    )
    st.table(table)
    st.caption(
        "The slide's featurized table, exactly as the slide writes it (its blank cells are blank there too). "
        "Under each word, its index in the slide's 10,000-word vocabulary: Man is the one-hot vector o_5391."
    )
    hot = we.slide_one_hot()
    left, right = st.columns(2)
    chart(
        left,
        figures.one_hot_vs_embedding(
            we.distance_table(hot), wc.SLIDE_WORDS, "One-hot: distance between every two words"
        ),
        key=f"{K}-onehot",
    )
    left.caption(
        f"Every pair of one-hot vectors is {SQRT2} apart and their cosine is 0: man is as far from "
        "woman as from orange, so nothing learned about one word carries to another."
    )
    present = [w for w in wc.SLIDE_WORDS if w in words]
    if len(present) < 2:
        right.info("This text has fewer than two of the slide's six words, so there is no table of theirs.")
        return
    cosines = we.cosine_table(E[[words.index(w) for w in present]])
    chart(
        right,
        figures.one_hot_vs_embedding(cosines, present, "Embedding: cosine between their rows of E"),
        key=f"{K}-cosines",
    )
    right.caption(
        "The same words' rows of E: cosines that differ. Once trained, apple and orange are close, "
        "man and apple are not."
    )


def _rows(found: list[tuple[str, float]], column: str) -> pd.DataFrame:
    """Words and their cosines as a small table, numbered from 1."""
    table = pd.DataFrame({column: [w for w, _ in found], "cosine": [f"{c:.2f}" for _, c in found]})
    table.index = range(1, len(found) + 1)
    return table


def _try_analogy() -> None:
    """A picked analogy fills in a, b and c (before the page draws them)."""
    picked = st.session_state.get(f"{K}-try")
    if picked:
        a, _, b, _, c = picked.split(" ")
        st.session_state.update({f"{K}-a": a, f"{K}-b": b, f"{K}-c": c})


def neighbours(job: TrainingJob, words: list[str]) -> None:
    """Nearest neighbours of a typed word and the analogy a − b + c, from E as it is now (updated live)."""
    st.subheader("Nearest neighbours and analogies")
    st.pills(
        "Analogies to try",
        [f"{a} − {b} + {c}" for a, b, c, _ in we.ANALOGIES],
        key=f"{K}-try",
        on_change=_try_analogy,
    )
    left, right = st.columns(2)
    word = left.text_input("A word", "king", key=f"{K}-word", max_chars=60)
    cols = right.columns(3)
    typed = [
        col.text_input(label, default, key=f"{K}-{x}", max_chars=60)
        for col, label, default, x in zip(cols, ("a", "− b", "+ c"), ("king", "man", "woman"), "abc")
    ]
    word = known(word, words) if word is not None else None
    abc = [known(w, words) for w in typed]
    if all(abc) and len(set(abc)) < 3:
        right.warning("Give three different words: a − b + c leaves all three out of its answers.", icon="🔤")

    def draw(snap) -> None:
        if snap.view is None:
            return
        near, answers = st.columns(2)  # inside the part: it redraws them every second in training
        if word:
            near.container(key=f"{K}-near").table(_rows(we.nearest(snap.view.E, words, word), "word"))
        if all(abc) and len(set(abc)) == 3:
            answers.markdown(f"**{abc[0]} − {abc[1]} + {abc[2]}** ≈")
            answers.container(key=f"{K}-answers").table(_rows(we.analogy(snap.view.E, words, *abc), "answer"))
        st.caption(f"From E at step {snap.step:,}. Cosine: 1 = the same direction, 0 = unrelated.")

    live_part(job, draw)


def fill_in(job: TrainingJob, E, words: list[str], step: int) -> None:
    """The slide's 'I want a glass of orange ___ / apple ___' by a one-hot reader and an embedding reader."""
    st.subheader("I want a glass of orange ___. I want a glass of apple ___.")
    st.caption(
        "Two small classifiers learn the word after the blank from the same four phrases: "
        + ", ".join(f"'{fill.FRAME.format(w).replace('___', a)}'" for w, a in fill.PHRASES)
        + ". One reads the word before the blank as a one-hot vector, the other reads its row of E. "
        "'apple juice' is in neither the phrases nor the corpus."
    )
    typed = st.text_input("The word before the blank", "apple", key=f"{K}-blank", max_chars=60) or ""
    if job.playing:
        st.info(
            "While it trains, watch the map and the neighbours. Pause (or let it finish) for the fill-in "
            "and the matrix E at the step reached.",
            icon="⏸️",
        )
        return
    if not fill.ready(words):
        st.info(
            "The fill-in needs the phrases' words (orange, cold, warm, hot) in the text: pick LayerLab's "
            "generated corpus."
        )
        return
    word = known(typed, words)
    made = st.session_state.get(f"{K}-readers")
    if made is None or made[0] != (job.id, step):  # two small trainings: once per model and step
        made = st.session_state[f"{K}-readers"] = ((job.id, step), fill.Readers(E, words))
    readers = made[1]
    if word is None:
        return
    found = readers.read(word)
    seen = (
        "it saw this word in training"
        if word in readers.seen
        else "it never saw this word: every answer 25 %"
    )
    left, right = st.columns(2)
    chart(
        left,
        figures.fill_in_bars(found.one_hot, fill.ANSWERS, f"One-hot reader: {fill.FRAME.format(word)}"),
        key=f"{K}-fill-one-hot",
    )
    left.caption(f"The one-hot reader: {seen}.")
    chart(
        right,
        figures.fill_in_bars(found.embedding, fill.ANSWERS, f"Embedding reader: {fill.FRAME.format(word)}"),
        key=f"{K}-fill-embedding",
    )
    best = fill.ANSWERS[int(found.embedding.argmax())]
    right.container(key=f"{K}-fill-answer").caption(
        f"The embedding reader, with E at step {step:,}: '{word} {best}' ({found.embedding.max():.0%}). "
        "Its row of E is what it learned from."
    )


def matrix(E, words: list[str], step: int) -> None:
    """E as a heatmap with one word's row outlined, and o_w × E = e_w with the shapes written."""
    word = wc.as_word(st.session_state.get(f"{K}-word") or "king")
    index = (
        words.index(word)
        if word in words
        else words.index(next((w for w in wc.SLIDE_WORDS if w in words), words[0]))
    )
    word = words[index]
    st.subheader(f"The embedding matrix E, and the row of '{word}'")
    rows = figures.shown_words(words, (word,), most=24)[:30]
    chart(st, figures.matrix_figure(E, words, rows, index), key=f"{K}-matrix")
    V, D = E.shape
    st.markdown(
        f"$o_{{\\text{{{word}}}}}\\,(1 \\times {V}) \\; E\\,({V} \\times {D}) = "
        f"e_{{\\text{{{word}}}}}\\,(1 \\times {D})$: the one-hot vector picks row {index} of E. "
        f"An embedding layer (`nn.Embedding`) skips the product and reads the row."
    )
    chart(st, figures.one_hot_strip(index, words), key=f"{K}-strip")
    chart(st, figures.row_figure(E[index], word), key=f"{K}-row")
    st.caption(f"E at step {step:,}; the word is the one typed under 'A word' above.")
