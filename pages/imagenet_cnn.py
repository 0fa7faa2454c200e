"""A real ImageNet CNN: EfficientNet-Lite0's top-5 on any photo, its first filters and its feature maps."""

import hashlib

import numpy as np
import streamlit as st

from engine import imagenet
from engine import stage_figures as sf
from engine.figures import bars
from engine.samples import sample_photo
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart
from pages.widgets.inputs import image_input

P = "imagenet_cnn"
SHOWN = ("stem", "blocks.4", "blocks.15")  # early, middle, late

header(
    "A real ImageNet CNN",
    "001 CNNs: what layers 1-5 of a trained CNN respond to (Zeiler & Fergus)",
    "EfficientNet-Lite0, trained on 1.3 million ImageNet photos of 1,000 classes, looks at your picture. "
    "Its first layer holds small colour filters (edges and colour blobs); early feature maps follow edges, "
    "middle ones textures and patterns, late ones whole parts of objects: **edges → textures → parts**.",
)


@st.cache_resource(show_spinner="Loading EfficientNet-Lite0…")
def network():
    return imagenet.load_model()  # shared by every user: eval mode, frozen, never changed


def look(rgb: np.ndarray) -> tuple[list[tuple[str, float]], dict[str, np.ndarray], np.ndarray]:
    """Top-5 classes, the feature maps of the named stages (float16 to keep them small), the crop seen."""
    model = network()
    x = imagenet.preprocess(rgb)  # (1, 3, 224, 224)
    stages = {k: v.astype(np.float16) for k, v in imagenet.stage_features(model, x).items()}
    return imagenet.predict(model, x, k=5), stages, imagenet.cropped_view(rgb)


@st.cache_data(show_spinner="Looking at the picture…", max_entries=6)
def look_at_sample(name: str) -> tuple[list[tuple[str, float]], dict[str, np.ndarray], np.ndarray]:
    return look(sample_photo(name).rgb)  # the shipped photos: the same for everyone, shared safely


def analysis(loaded, sample: str):
    """A sample's answer from the shared cache; a user's own picture's only in their session."""
    if loaded.source_format == "sample":
        return look_at_sample(sample)
    digest = hashlib.sha1(loaded.rgb.tobytes()).hexdigest()
    kept = st.session_state.get(f"{P}-analysis")
    if kept is None or kept[0] != digest:
        with st.spinner("Looking at the picture…"):
            kept = (digest, look(loaded.rgb))
        st.session_state[f"{P}-analysis"] = kept
    return kept[1]


@st.cache_data(show_spinner=False)
def filter_picture() -> np.ndarray:
    return sf.filter_patches(imagenet.first_layer_filters(network()))


col_input, col_top = st.columns([1, 1], gap="large")
with col_input:
    loaded = image_input(P)
if loaded is None:
    st.stop()
top5, stages, seen = analysis(loaded, st.session_state.get(f"{P}-sample", ""))
with col_top:
    st.image(seen, caption="What the network sees: the centre square, 224 x 224", width=260)
    names, probs = [n for n, _ in top5], [p for _, p in top5]
    st.markdown(f"### It sees: **{names[0]}** ({probs[0]:.0%})")
    chart(
        st,
        bars(probs, names, "Top-5 classes (softmax probability)", highlight=0, horizontal=True, height=250),
        key=f"{P}-top5",
        config={"displayModeBar": False},
    )

st.subheader("Layer 1: the 32 learned 3x3 colour filters")
st.image(
    filter_picture(),
    caption="Each patch is one filter's weights on red, green and blue, scaled to 0..1. "
    "Most are edge detectors at some angle or colour-opponent blobs.",
    width=420,
)

st.subheader("Feature maps, early to late")


MAPS = f"{P}-maps"
st.select_slider(
    "Maps per stage (the strongest ones)",
    [4, 8, 16, 32],
    value=16,
    key=f"{P}-count",
    on_change=parts.redraw(MAPS),
)  # how many maps and which stages rerun only the maps
st.multiselect(
    "Stages",
    list(imagenet.STAGES),
    default=list(SHOWN),
    key=f"{P}-stages",
    on_change=parts.redraw(MAPS),
    format_func=lambda s: f"{s}: {imagenet.STAGES[s][0]}",
)


@st.fragment(key=MAPS)
def feature_maps(stages: dict[str, np.ndarray]) -> None:
    """The strongest maps of each chosen stage."""
    count, chosen = st.session_state[f"{P}-count"], st.session_state[f"{P}-stages"]
    links.write()  # a fragment rerun keeps the link current
    for column, stage in zip(st.columns(max(1, len(chosen))), chosen):
        maps = stages[stage].astype(np.float32)  # (C, H, W)
        mosaic, channels = sf.feature_mosaic(maps, count, columns=4 if count <= 16 else 8)
        words, resolution = imagenet.STAGES[stage]
        column.image(
            mosaic,
            caption=f"{stage} · {words} · {maps.shape[0]} maps of {resolution}; "
            f"showing channels {', '.join(map(str, channels[:6]))}…",
            width="stretch",
        )


feature_maps(stages)
st.caption(
    "Bright = strong activation (negative values shown black, as the next layer's activation cuts "
    "most of them). Early maps are sharp and follow edges; late maps are coarse (7 x 7) and light up "
    "where object parts are."
)
