"""Show, Attend and Tell in miniature: a caption written word by word, with where the model looked."""

import numpy as np
import streamlit as st

from engine import assets, captioning, scenes
from engine.attention_figures import attention_grid_image, attention_overlay, upscale, word_strip
from pages.widgets import links, parts
from pages.widgets.chrome import header, show_error
from pages.widgets.inputs import scene_drawing, scene_upload

K = "captioning"

header(
    "Show, Attend and Tell",
    "002 ConvNets and LSTMs: analysing visual attention (Xu et al., 2015)",
    "A CNN cuts the picture into **L = 64 annotation vectors** $a_i$, one per 4x4 patch. Before every "
    "word the LSTM scores each patch, $\\alpha_{ti} = \\mathrm{softmax}_i\\, f_{att}(a_i, h_{t-1})$, and "
    "reads the **context vector** $\\hat z_t = \\sum_i \\alpha_{ti} a_i$: the lit patches below are where "
    "it looked to write each word.",
)


@st.cache_resource(show_spinner=False)
def load_captioner():
    state, card = assets.load("captioner")
    return captioning.load_state(state), card


@st.cache_data(show_spinner=False, max_entries=256)
def generated_scene(number: int) -> tuple[np.ndarray, str]:
    scene = scenes.random_scene(np.random.default_rng(number))
    return scenes.render(scene), " ".join(scenes.caption_words(scene))


@st.cache_data(show_spinner=False, max_entries=256)
def captioned_scene(number: int, greedy: bool, temperature: float, seed: int) -> dict:
    """Generated scenes are the same for everyone, so their captions are shared."""
    return captioning.caption_view(load_captioner()[0], generated_scene(number)[0], greedy, temperature, seed)


def captioned(image: np.ndarray, number: int | None, greedy: bool, temperature: float, seed: int) -> dict:
    """A drawing or an upload is captioned afresh (a few ms): the user's picture stays out of
    shared caches."""
    if number is not None:
        return captioned_scene(number, greedy, temperature, seed)
    return captioning.caption_view(load_captioner()[0], image, greedy, temperature, seed)


try:
    model, card = load_captioner()
except FileNotFoundError:
    show_error("The captioning model is not installed: run `python -m engine.pretrain captioner`.")
    st.stop()


@st.fragment
def word_by_word(image: np.ndarray, view: dict) -> None:
    """Only this part reruns when the step moves."""
    words = view["words"]
    t = (
        st.select_slider(
            "Step through the words",
            options=list(range(len(words))),
            format_func=lambda i: f"{i + 1}: {words[i]}",
            key=f"{K}-word",
        )
        if len(words) > 1
        else 0
    )
    alpha = view["attention"][t]
    big, grid, choices = st.columns([1, 1, 1.1])
    big.image(attention_overlay(image, alpha, 320), caption=f"looking to write “{words[t]}”", width="stretch")
    grid.image(
        attention_grid_image(alpha),
        caption=f"α for word {t + 1}: 64 weights, sum = {alpha.sum():.2f}",
        width="stretch",
    )
    rows = "\n".join(
        f"| {'**' + name + '**' if name == words[t] else name} | {p:.2f} | {'▇' * round(6 * p)} |"
        for name, p in view["choices"][t]
    )
    choices.markdown(f"**p(word {t + 1} | words so far, ẑ)**\n\n| word | p | |\n|:--|--:|:--|\n{rows}")
    links.write()


TOP, MAPS = f"{K}-top", f"{K}-looked"
redraw = parts.redraw(TOP, MAPS)  # a scene, temperature or seed reruns only the caption and the maps
controls, rest = st.columns([2, 3.4], gap="medium")
with controls:
    source = st.radio("Scene", ["Generate", "Draw", "Upload"], horizontal=True, key=f"{K}-source")
    picture = None
    if source == "Generate":
        st.slider(
            "Scene number",
            0,
            999,
            7,
            key=f"{K}-scene",
            on_change=redraw,
            help="Every number is another generated scene.",
        )
    elif source == "Draw":
        picture = scene_drawing(K)
    else:
        picture = scene_upload(K)
    decoding = st.radio(
        "Choosing each word",
        ["Greedy", "Sampled"],
        horizontal=True,
        key=f"{K}-decoding",
        help="Greedy takes the most likely word; sampled draws it from the softmax.",
    )
    if decoding == "Sampled":
        st.slider("Temperature", 0.2, 3.0, 1.0, 0.1, key=f"{K}-temperature", on_change=redraw)
        st.number_input("Sample seed", 0, 9_999, 0, key=f"{K}-seed", on_change=redraw)


def chosen(picture: np.ndarray | None) -> tuple:
    """(image, scene number, true caption, greedy, temperature, seed), read from the session: a part that
    reruns alone only has the drawing or upload of the last full run."""
    state = st.session_state
    image, number, truth = picture, None, None
    if state[f"{K}-source"] == "Generate":
        number = int(state[f"{K}-scene"])
        image, truth = generated_scene(number)
    greedy = state[f"{K}-decoding"] == "Greedy"
    temperature, seed = (1.0, 0) if greedy else (float(state[f"{K}-temperature"]), int(state[f"{K}-seed"]))
    return image, number, truth, greedy, temperature, seed


@st.fragment(key=TOP)
def caption_part(picture: np.ndarray | None) -> None:
    """What the model sees and the caption it writes."""
    image, number, truth, greedy, temperature, seed = chosen(picture)
    seen, told = st.columns([1.4, 2], gap="medium")
    if image is None:
        told.info("Generate, draw or upload a scene to caption it.")
        return
    seen.image(upscale(image, 256), caption="What the model sees (32 x 32 pixels)", width="stretch")
    view = captioned(image, number, greedy, temperature, seed)
    with told.container(key=f"{K}-caption"):
        st.subheader(f"“{view['caption']}”")
        notes = []
        if not greedy:
            notes.append(
                f"Greedy decoding would write “{captioned(image, number, True, 1.0, 0)['caption']}”."
            )
        if truth is not None:
            notes.append(
                "✅ exactly right" if view["caption"] == truth else f"❌ the right caption: “{truth}”"
            )
        if notes:
            st.caption("  \n".join(notes))


@st.fragment(key=MAPS)
def maps_part(picture: np.ndarray | None) -> None:
    """Where the model looked for every word, and word by word."""
    image, number, _, greedy, temperature, seed = chosen(picture)
    if image is None:
        return
    view = captioned(image, number, greedy, temperature, seed)
    words = view["words"]
    st.markdown("**Where it looked for every word** (the word and its probability under each map)")
    by_word = " · ".join(f"{w} ({p:.2f})" for w, p in zip(words, view["probs"]))
    with st.container(key=f"{K}-maps"):
        st.image(
            word_strip(image, view["attention"], words, view["probs"]),
            width="stretch",
            caption=f"Each map: where the model looked just before writing the word under it. "
            f"Caption, word by word: {by_word}",
        )
    word_by_word(image, view)
    links.write()


with rest:
    caption_part(picture)
maps_part(picture)

with st.expander("How this model was trained"):
    metrics = card["metrics"]
    st.markdown(
        f"Trained by LayerLab on fresh generated scenes ({card['config']['steps']:,} steps, "
        f"{card['parameters']:,} parameters). On 400 held-out scenes it writes the exact caption "
        f"**{metrics['exact_caption_accuracy']:.0%}** of the time, and for a word naming an object "
        f"(its colour or its shape) the attention peaks on that object **"
        f"{metrics['attention_on_object']:.0%}** of the time."
    )
