"""Shared chrome, defined once: the sidebar block and the header every demo page starts with."""
from __future__ import annotations

import streamlit as st

HOW_TO_USE = """
**How to use**
1. Pick a demo in the list above.
2. Change a control: every figure updates at once.
3. Hover any map or chart to read its numbers.
4. Where there is a ▶ **Play** button, the model trains live on this
   computer; **Step** takes one training step, **Reset** starts over.
"""


@st.cache_resource(show_spinner=False)
def compute_device() -> tuple[str, str]:
    """Pick the device once per server and cap torch's threads; returns (torch name, label)."""
    from engine.device import configure_threads, describe, pick_device  # torch: import on first use
    configure_threads()
    device = pick_device()
    return str(device), describe(device)


def sidebar() -> None:
    """The one sidebar block every page shares."""
    with st.sidebar:
        _, label = compute_device()
        st.caption(f"Running on **{label}**")
        st.markdown(HOW_TO_USE)


def header(title: str, lecture: str, intro: str) -> None:
    """Page title, the lecture it follows, and a two-line introduction in the lecture's words."""
    st.title(title)
    st.caption(f"Lecture: {lecture}")
    st.markdown(intro)


def show_error(message: str) -> None:
    """A problem with the user's input, shown in words; the page goes on."""
    st.error(message, icon="⚠️")
