"""A page whose session was lost (its server stopped) says so, and starts over where it now runs.

Streamlit's browser side reconnects by itself when its websocket drops, and offers the old session's
id: a server that still holds that session (the same replica, a network blip) resumes it with all it
held. A server that does not (another replica behind the load balancer, this one restarted, or one
that let the session go while the tab was away for minutes) opens a new, empty session, and
Streamlit 1.67 then does not always rerun the page: the tab keeps showing the old page, and a
control inside a part (a fragment) reruns nothing there, since the new session never drew that part.
So each session has a token the page keeps; when the connection comes back after a drop, the page
sends the token it had and asks for a full run, and a session that finds another token than its own
says that the page started over.
"""

from __future__ import annotations

import uuid

import streamlit as st

KEY = "reconnect-watch"
_TOKEN = "reconnect::token"  # this session's, in the page's watch
_STARTED_OVER = "reconnect::started-over"  # the note stays until the student has read it
MESSAGE = (
    "**This page started over.** The server it was running on stopped, or the connection to it "
    "was lost for too long. The page now runs on a working server with the settings from its link; "
    "anything you trained, uploaded or drew is gone: train, upload or draw it again."
)

# Runs in the page itself, once per tab: stApp's connection state leaves CONNECTED when the websocket
# drops and comes back to it when Streamlit has reconnected, to the old session or to a new one.
_JS = """
export default function ({ data, setTriggerValue }) {
  const watch = window.layerlabReconnect || (window.layerlabReconnect = { lost: null });
  watch.token = data.token;           /* the session that drew the page last */
  watch.trigger = setTriggerValue;
  if (watch.observer) return;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return;
  const ATTRIBUTE = 'data-test-connection-state';
  watch.observer = new MutationObserver((records) => {
    /* every state it passed through, not only the last: a drop and its reconnect can come together */
    const connected = app.getAttribute(ATTRIBUTE) === 'CONNECTED';
    if (watch.lost === null && (!connected || records.some((record) => record.oldValue !== 'CONNECTED'))) {
      watch.lost = watch.token;       /* before a new session's run can draw its own token here */
    }
    if (connected && watch.lost !== null) {
      const token = watch.lost;
      watch.lost = null;
      watch.trigger('reconnected', token);
    }
  });
  watch.observer.observe(app, { attributes: true, attributeFilter: [ATTRIBUTE], attributeOldValue: true });
}
"""
_CSS = f"""/* the watch draws nothing and takes no room */
.stElementContainer.st-key-{KEY} {{ display: none; }}"""
_watch = st.components.v2.component("layerlab_reconnect", js=_JS, css=_CSS, isolate_styles=False)


def _reconnected() -> None:
    """The watch's trigger needs a callback to be read; the run it causes does the work."""


def _dismiss() -> None:
    st.session_state.pop(_STARTED_OVER, None)


def watch() -> None:
    """Draw the connection watch; in a new session after a lost server, say what happened until dismissed.

    The note is kept in the session, not drawn once: restoring the link reruns the page right away."""
    token = st.session_state.setdefault(_TOKEN, uuid.uuid4().hex)
    had = _watch(
        data={"token": token}, key=KEY, on_reconnected_change=_reconnected, width="stretch", height="content"
    ).reconnected
    if had is not None and had != token:
        st.session_state[_STARTED_OVER] = True
    if st.session_state.get(_STARTED_OVER):
        with st.container(key="reconnect-note"):
            st.warning(MESSAGE, icon="🔌")
            st.button("OK", key="reconnect-ok", on_click=_dismiss)
