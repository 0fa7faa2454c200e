"""Filters & Pooling's maps, each as numbers or as a picture, and the sliding window, one cell at a time."""

import numpy as np
import streamlit as st

from engine import conv, kernels
from engine import conv_figures as cf
from pages.widgets.classroom import chart


def show_map(
    values: np.ndarray, title: str, where, key: str, share: float, room: cf.Room, gray: bool = False
) -> None:
    """Small maps as heatmaps with their values (`share`: of the page's width); large ones as a picture."""
    title = f"{title} · {cf.shape_text(values)}"
    if cf.is_small(values):
        chart(
            where,
            cf.map_figure(values, title, room=room.columns(share)),
            key=key,
            config={"displayModeBar": False},
        )
    else:
        where.image(cf.picture(values, gray=gray), caption=title, output_format="JPEG", width="stretch")


def sliding_window(
    key: str, image: np.ndarray, filters: list, layers: list, settings: conv.ConvSettings, room: cf.Room
) -> None:
    """A filter picker, ▶ Play it through, and the window of the chosen output cell (`key`: the page's)."""
    st.subheader("The sliding window")
    pick, play_col = st.columns([3, 1])

    def named(i: int) -> str:
        return f"{i + 1}. {kernels.name_of(filters[i])}"

    which = pick.selectbox("Filter", range(len(filters)), key=f"{key}-which", format_func=named)
    which = min(len(filters) - 1, which)
    playing = play_col.toggle("▶ Play it through", key=f"{key}-play")
    # one output cell: only this reruns while playing
    step = st.fragment(window_step, run_every=0.7 if playing else None)
    step(key, image, filters[which], layers[which].feature_map, settings, playing, room)


def window_step(key: str, image, kernel, feature_map, settings, playing: bool, room: cf.Room) -> None:
    state = st.session_state
    cells, cell = feature_map.size, min(state.get(f"{key}-cell", 0), feature_map.size - 1)
    state[f"{key}-cell"] = (cell + 1) % cells if playing else cell
    index = st.slider("Output cell (row by row)", 0, max(cells - 1, 1), key=f"{key}-cell", disabled=cells < 2)
    row, col = divmod(index, feature_map.shape[1])
    window = conv.window_at(image, kernel, settings, row, col)
    cols, off, quarter = st.columns(4), {"displayModeBar": False}, room.columns(1 / 4)
    chart(
        cols[0],
        cf.window_figure(image, window, "Window on the input", room=quarter),
        key=f"{key}-win-in",
        config=off,
    )
    chart(cols[1], cf.map_figure(kernel, "Filter", room=quarter), key=f"{key}-win-k", config=off)
    chart(cols[2], cf.map_figure(window.products, "Products", room=quarter), key=f"{key}-win-p", config=off)
    chart(
        cols[3],
        cf.map_figure(feature_map, "Feature map", cell=(row, col), room=quarter),
        key=f"{key}-win-fm",
        config=off,
    )
    st.latex(conv.window_formula(row, col, window, settings.mean))
