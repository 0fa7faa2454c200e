"""An update counter t, moved by a slider and by ◀ Back / Next ▶ / ⏭ buttons that rerun named parts."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from pages.widgets import parts


class Stepper:
    """t in 0..last(), kept in the session state under `key`; `shows` are the parts that draw what t shows."""

    def __init__(self, key: str, last: Callable[[], int], shows: tuple[str, ...]):
        self.key, self.goto, self.last, self.shows = key, f"{key}-goto", last, shows

    @property
    def t(self) -> int:
        return st.session_state.get(self.key, 0)

    def set(self, value: int) -> None:
        """Set t from a callback. The slider sets it again before it draws: a value set in a callback that
        reruns only parts is not sent to the browser, whose slider would then send its old value with the
        next click (four Nexts stayed at update 1)."""
        st.session_state[self.key] = st.session_state[self.goto] = value

    def keep(self) -> int:
        """Keep t within the updates there are; the number of updates."""
        last = self.last()
        if self.t > last:
            self.set(last)
        return last

    def move(self, delta: int | None, *also: str) -> None:
        """One step back or on (None: to the end); reruns what t shows and the parts named in `also`."""
        last = self.keep()
        self.set(last if delta is None else min(max(self.t + delta, 0), last))
        parts.redraw(*also, *self.shows)()

    def slider(self, label: str) -> None:
        """The slider (drawn in a part that the buttons rerun too); none while there is nothing to step."""
        if (goto := st.session_state.pop(self.goto, None)) is not None:
            st.session_state[self.key] = goto  # set in this run, so the browser's slider is moved too
        if last := self.last():
            st.slider(label, 0, last, key=self.key, on_change=parts.redraw(*self.shows))

    def buttons(self, prefix: str, slider_part: str, next_words: str = "Next update ▶") -> None:
        """◀ Back, Next ▶ and ⏭ Until the end, keyed `{prefix}-back`, `-next` and `-end`."""
        with st.container(horizontal=True, gap="small"):  # each as wide as its words, wrapping when narrow
            st.button("◀ Back", key=f"{prefix}-back", on_click=self.move, args=(-1, slider_part))
            st.button(
                next_words, key=f"{prefix}-next", on_click=self.move, args=(1, slider_part), type="primary"
            )
            st.button("⏭ Until the end", key=f"{prefix}-end", on_click=self.move, args=(None, slider_part))
