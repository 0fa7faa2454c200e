"""Parts of a page that redraw alone: a control drawn outside a part reruns only that part.

Streamlit reruns the whole page when a control changes; a fragment reruns only itself, but then its
own controls are redrawn with it. For a visual that many controls feed, the cheapest update keeps
the controls where they are and reruns just the visual: the controls are drawn in the page, the
visual in `@st.fragment(key=...)`, and each control gets `on_change=redraw(key)`.

Draw the part on every full run that draws its controls: Streamlit forgets a fragment a finished run
did not draw (redraw then reruns the page), but a run cut short by `st.stop()` keeps the old one, so
a control drawn before such a stop must not redraw it (gradcam and self_attention record whether they did).
"""
from __future__ import annotations

from typing import Callable

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx


def redraw(*parts: str) -> Callable[[], None]:
    """An on_change callback that reruns only the named fragment(s): the whole page when one of them
    was not drawn by the last run (its key is unknown until it is)."""
    def callback() -> None:
        ctx = get_script_run_ctx()
        if ctx is None:
            return
        try:
            ctx.fragment_storage.resolve_target(list(parts))
        except StreamlitAPIException:
            return  # returning normally: the whole page reruns, which draws the part
        st.rerun(list(parts))
    return callback
