"""Shareable links: every control's value lives in the page URL, and opening a link restores it.

After each full run the values of the widgets drawn in that run are written to the query string
(`?filters_pooling-stride=2&...`, each value JSON). On the first run of a new browser session the
query string is read back into session state before the page draws, so the widgets start there.
Uploads, drawings, clicks on charts and buttons are not settings and never go into a link.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import parse_qsl, urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

# Widget kinds whose value is a setting a link can carry (Streamlit's own names for them).
SETTING_KINDS = frozenset(
    {
        "bool_value",
        "int_value",
        "double_value",
        "string_value",
        "int_array_value",
        "double_array_value",
        "string_array_value",
    }
)
MAX_VALUE_CHARS = 300  # long pasted texts stay out of links
RESTORED = "links::restored"  # the keys a link set in this session, for the note and a bad link
_OPENED = "links::opened"
_MISFIT = "links::misfit"
_PENDING, _READY, _PASSES, _GREET = "links::pending", "links::ready", "links::passes", "links::greet"
_LAST = "links::last"
MAX_PASSES = 3
WRITER, WRITER_NAME = "links-writer-", "layerlab_link"

# Sets the address bar to the run's settings: a new history entry when it held others, so Back walks
# them (Streamlit's own history handler reruns the page with the older link, and `restore` reads it),
# or in place when it held none (a page just opened). The element itself is never shown.
_WRITER_JS = """
export default function ({ data }) {
  if (!data || typeof data.query !== 'string') return;
  const query = data.query ? `?${data.query}` : '';
  if (query === window.location.search) return;
  const url = window.location.pathname + query + window.location.hash;
  if (window.location.search) window.history.pushState({}, '', url);
  else window.history.replaceState(window.history.state, '', url);
}
"""
_WRITER_CSS = f"""/* the link writer draws nothing and takes no room */
.stElementContainer[class*="st-key-{WRITER}"] {{ display: none; }}"""  # one line would be read as a file name
_writer = st.components.v2.component(WRITER_NAME, js=_WRITER_JS, css=_WRITER_CSS, isolate_styles=False)


def widget_settings(whole_page: bool = False, unset: bool = False) -> dict[str, Any]:
    """The user-keyed setting widgets drawn in this run, with their current values; with `whole_page`
    every one the page has drawn (a part rerunning alone was often rerun by a control outside it);
    with `unset` also those holding no value yet (None: a tour not started, a box with nothing picked)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return {}
    state = ctx.session_state._state  # Streamlit's SessionState: the only place widget kinds are recorded
    id_to_key = state._key_id_mapper.id_key_mapping
    settings = {}
    drawn = (
        list(state._new_widget_state.widget_metadata)
        if whole_page
        else ctx.shared.widget_ids_this_run.snapshot()
    )
    for widget_id in drawn:
        key, meta = id_to_key.get(widget_id), state._new_widget_state.widget_metadata.get(widget_id)
        if key is None or meta is None or meta.value_type not in SETTING_KINDS or key.startswith("links::"):
            continue
        value = st.session_state.get(key)
        if _linkable(value) or (unset and value is None):
            settings[key] = value
    return settings


def page_settings() -> dict[str, Any]:
    """The page's settings as far as this run knows them: the widgets drawn so far in a full run; in a
    part that reruns alone, every widget of the page (the ones outside the part were drawn before)."""
    ctx = get_script_run_ctx()
    return widget_settings(whole_page=ctx is not None and bool(ctx.fragment_ids_this_run))


def _linkable(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return (
            all(isinstance(v, (bool, int, float, str)) for v in value)
            and len(json.dumps(list(value))) <= MAX_VALUE_CHARS
        )
    return isinstance(value, (bool, int, float, str)) and len(json.dumps(value)) <= MAX_VALUE_CHARS


def encode(settings: dict[str, Any]) -> dict[str, str]:
    return {
        key: json.dumps(list(value) if isinstance(value, tuple) else value, separators=(",", ":"))
        for key, value in sorted(settings.items())
    }


def decode(params: dict[str, str]) -> dict[str, Any]:
    """Query-string values back to Python; anything that is not our JSON is ignored."""
    settings = {}
    for key, text in params.items():
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if _linkable(value):
            settings[key] = as_setting(value)
    return settings


def as_setting(value: Any) -> Any:
    """A JSON or TOML value as a widget takes it: a pair of numbers is a range slider's tuple."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        return tuple(value)
    return value


def restore() -> None:
    """Before the page draws: take in a new session's link, and set the values found to fit its widgets.

    A link is only trusted for keys that turn out to be setting widgets of the page: its first run
    draws the defaults and `adopt` then picks the link's values for the widgets that run drew. So a
    crafted link can never write the page's own state (a trained model, a list of points).
    """
    ctx = get_script_run_ctx()
    back_or_forward = ctx is not None and ctx.is_history_navigation  # the browser's Back walks the settings
    if not st.session_state.get(_OPENED) or back_or_forward:
        st.session_state[_GREET] = not st.session_state.get(_OPENED)
        st.session_state[_OPENED] = True
        st.session_state[_PENDING] = decode(st.query_params.to_dict())
        st.session_state[_PASSES] = 0
    ready = st.session_state.pop(_READY, None)
    if ready:
        st.session_state.update(ready)
        mark_restored(ready)


def fits(value: Any, current: Any) -> bool:
    """Whether a link's `value` can stand in for a widget's `current` one: the same kind of value (a
    toggle takes true or false, a whole-number slider a whole number, a range a pair), and finite.
    Whether it is in the widget's range or among its options, the page itself finds out (app.py)."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if current is None:  # nothing chosen yet: any single plain value may be one of its options
        return isinstance(value, (bool, int, float, str))
    if isinstance(current, (list, tuple)):
        return (
            isinstance(value, (list, tuple))
            and (len(value) == len(current) or isinstance(current, list))
            and all(fits(v, c) for v, c in zip(value, current))
            and (not current or all(fits(v, current[0]) for v in value))
        )
    if isinstance(current, bool) or isinstance(value, bool):
        return isinstance(current, bool) and isinstance(value, bool)
    if isinstance(current, int):
        return isinstance(value, int)
    if isinstance(current, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(current))


def adopt() -> None:
    """After a full run: the link's values for widgets this run drew are set on a rerun (a few passes,
    as restored values can reveal more widgets, e.g. a data source's own settings). A value that does
    not fit its widget (`fits`) is dropped: that widget keeps its default, and a note says so."""
    pending = st.session_state.get(_PENDING)
    if not pending:
        return
    drawn = widget_settings(unset=True)
    misfits = [key for key, value in pending.items() if key in drawn and not fits(value, drawn[key])]
    ready = {key: value for key, value in pending.items() if key in drawn and key not in misfits}
    passes = st.session_state[_PASSES] = st.session_state.get(_PASSES, 0) + 1
    left = {key: value for key, value in pending.items() if key not in drawn}
    st.session_state[_PENDING] = left if ready and passes < MAX_PASSES else {}
    if misfits:
        st.session_state[_MISFIT] = True
        if not ready:  # no rerun follows to say it: say it now
            notes()
    if ready:
        st.session_state[_READY] = ready
        if st.session_state.pop(_GREET, False):
            st.toast(
                "Opened from a link: its settings are restored. Photos, files and drawings are never "
                "part of a link, so add your own again if the page needs one.",
                icon="🔗",
            )
        st.rerun()


def pending() -> bool:
    """A link is still being restored: the URL keeps it until then."""
    return bool(st.session_state.get(_PENDING)) or bool(st.session_state.get(_READY))


def mark_restored(settings: dict[str, Any]) -> None:
    """Settings set from outside the page (a link, a saved model): if they break it, they are dropped."""
    st.session_state[RESTORED] = sorted(settings)


def restored_from_link() -> bool:
    return bool(st.session_state.get(RESTORED))


def settled() -> None:
    """The page ran with the restored settings: from now on they are the user's own."""
    if st.session_state.get(RESTORED):
        st.session_state[RESTORED] = []


def forget_restored() -> None:
    """A link whose values do not fit the page: drop them so the page starts from its defaults."""
    for key in st.session_state.get(RESTORED, []):
        st.session_state.pop(key, None)
    st.session_state[RESTORED] = []
    st.session_state[_MISFIT] = True  # said on the next run: the rerun that follows would drop a toast now


def notes() -> None:
    """Say, once, that a link or a saved model did not fit the page."""
    if st.session_state.pop(_MISFIT, False):
        st.toast(
            "Those settings do not fit this version of the page, so it starts from its defaults.", icon="🔗"
        )


def write(after_page: bool = False) -> None:
    """Put the page's settings into the address bar (only when they changed, so it stays calm).

    The router calls it after every full run (`after_page`); a part calls it at its end, which only
    writes when the part reruns alone, then with every control of the page, not only the part's
    own (the control that reran it is usually drawn outside it). In a full run the router writes once
    for the whole page: a part's write then would put half a page in the link, then the rest.

    The address bar is set in the browser (`_WRITER_JS`), not through `st.query_params`: that sends
    Streamlit's page-info message, whose handler re-renders the whole app, navigation included
    (latent_space's z: 122 -> 101 ms, 12 of 16 pairs faster, benchmarks/ab_pages.py). So the
    server's `st.query_params` keeps the link the tab was opened with, which only `restore` reads.
    Each change is a history entry, so the browser's Back walks the settings as before.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    run = _this_run(ctx)
    # Parts rerun together write once: the first one writes, the others draw no settings.
    writes = not pending() and (after_page or bool(ctx.fragment_ids_this_run)) and not run["wrote"]
    query, serial = None, None
    if writes:  # new settings get a new number, so a writer whose last settings were these still writes
        run["wrote"] = True
        query = urlencode(encode(page_settings()))
        last = st.session_state.get(_LAST)  # (query, number): the last settings sent to the address bar
        if last is None or last[0] != query:
            last = st.session_state[_LAST] = (query, 1 if last is None else last[1] + 1)
        serial = last[1]
    # Drawn in every run, writing or not, so the part's elements keep their places (and their plots),
    # under the same key run after run: the part drawing it (or the page), and how many it drew so far
    # in this run (a part may call a function that writes twice, as latent_space's live view does).
    place = "page" if after_page else (ThreadState.get().fragment_id or "page")
    run["drawn"][place] = run["drawn"].get(place, -1) + 1
    _writer(
        data={"query": query, "serial": serial},
        key=f"{WRITER}{place}-{run['drawn'][place]}",
        width="stretch",
        height="content",
    )


def _this_run(ctx) -> dict:
    """What this run's link writers did so far: whether one wrote, how many each place drew."""
    record = getattr(ctx, "layerlab_links", None)
    if record is None or record["cursors"] is not ctx.cursors:  # Streamlit gives every run fresh cursors
        record = ctx.layerlab_links = {"cursors": ctx.cursors, "wrote": False, "drawn": {}}
    return record


def written(element) -> dict[str, Any] | None:
    """The settings a link writer drawn in an AppTest run puts in the address bar
    (None: it writes nothing)."""
    query = (
        json.loads(element.proto.json)["query"]
        if element.proto.component_name.endswith(WRITER_NAME)
        else None
    )
    return None if query is None else decode(dict(parse_qsl(query)))
