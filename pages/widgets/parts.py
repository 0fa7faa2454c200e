"""Parts of a page that redraw alone: a control drawn outside a part reruns only that part.

Streamlit reruns the whole page when a control changes; a fragment reruns only itself, but then its
own controls are redrawn with it. For a visual that many controls feed, the cheapest update keeps
the controls where they are and reruns just the visual: the controls are drawn in the page, the
visual in `@st.fragment(key=...)`, and each control gets `on_change=redraw(key)`.

Streamlit forgets a fragment that a finished run did not draw (redraw then reruns the page), but a
run cut short by `st.stop()` keeps the old one: wrap page code that may stop before drawing its parts
in `drawing(*keys)`, and their controls rerun the page until a run has drawn them again.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Iterator

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx


def _drawn(key: str) -> str:
    return f"parts::drawn::{key}"


@contextlib.contextmanager
def drawing(*parts: str) -> Iterator[None]:
    """Around the page code that draws these parts: a run stopped inside it leaves them undrawn."""
    for key in parts:
        st.session_state[_drawn(key)] = False
    yield  # a st.stop() in here ends the run: the parts stay marked undrawn
    for key in parts:
        st.session_state[_drawn(key)] = True


def redraw(*parts: str) -> Callable[[], None]:
    """An on_change callback that reruns only the named fragment(s): the whole page when one of them
    was not drawn by the last run (its key is unknown until it is, or `drawing` saw the run stop)."""

    def callback() -> None:
        ctx = get_script_run_ctx()
        if ctx is None or any(st.session_state.get(_drawn(key)) is False for key in parts):
            return
        try:
            ctx.fragment_storage.resolve_target(list(parts))
        except StreamlitAPIException:
            return  # returning normally: the whole page reruns, which draws the part
        st.rerun(list(parts))

    return callback
