"""Shared chrome, defined once: the sidebar block and the header every demo page starts with."""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import streamlit as st

from pages.widgets import reconnect
from pages.widgets.catalog import SECTIONS, available

HOW_TO_USE = """
**How to use**
1. Pick a demo in the list above.
2. Change a control: every figure updates at once.
3. Hover any map or chart to read its numbers.
4. Where there is a ▶ **Play** button, the model trains live on this
   computer; **Step** takes one training step, **Reset** starts over.
"""


def _probe_device() -> tuple[str, str]:
    from pages.widgets import warmup

    warmup.settle()  # the lazily imported libraries, before any demo page draws (it waits for this)
    from engine.device import configure_threads, describe, pick_device, warm_up  # imports torch (~1.5 s)

    configure_threads()
    device = pick_device()
    warm_up()
    return str(device), describe(device)


@st.cache_resource(show_spinner=False)
def _device_probe() -> Future:
    """Pick the device once per server, in the background, so the home page never waits for torch."""
    from engine import ast_guard

    ast_guard.install()  # torch parses as it loads, and so do the script threads beside it
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="device-probe").submit(_probe_device)


def compute_device() -> tuple[str, str]:
    """(torch device name, label) once known; pages that use torch wait for it."""
    return _device_probe().result()


def sidebar() -> None:
    """The one sidebar block every page shares, and the connection watch at the top of the page."""
    with st.sidebar:
        probe = _device_probe()
        label = probe.result()[1] if probe.done() else "detecting the device…"
        st.caption(f"Running on **{label}**")
        if replica := os.environ.get("LAYERLAB_REPLICA"):  # one of several servers behind a load balancer
            st.caption(f"Server: **{replica}**")
        st.markdown(HOW_TO_USE)
    reconnect.watch()  # at the top of the page: a page whose server stopped says it started over


_ROUTED = threading.local()  # set while app.py runs the page: each session's script runs in its own thread


def navigation() -> st.Page:
    """The sidebar's sections and the page the address asks for (the router's `st.navigation`)."""
    home = st.Page("pages/home.py", title="Home", icon="🏠", default=True)
    sections = {"LayerLab": [home]}
    for section in SECTIONS:
        pages = [
            st.Page(d.path, title=d.title, icon=d.icon, url_path=d.url_path)
            for d in available()
            if d.section == section
        ]
        if pages:
            sections[section] = pages
    return st.navigation(sections, expanded=True)  # every demo visible, no "View more"


def run_routed(page: st.Page) -> None:
    """Run the page as the router's (app.py's) part: `header` then knows the frame is drawn around it."""
    _ROUTED.active = True
    try:
        page.run()
    finally:
        _ROUTED.active = False


def _enter_through_router() -> None:
    """A page that Streamlit ran without app.py goes back through it.

    Why: beside a folder named `pages/`, Streamlit runs a link's page straight from that folder (its
    legacy multipage mode) until the first `st.navigation` call on the server flips it to app.py's
    router. On a freshly started server, ten students opening links together all got such runs: no
    sidebar, no presenter view, no link values, and libraries still half imported ("partially
    initialized module 'pandas'" in place of a page). This call flips it for the whole server, and the
    rerun goes through app.py. Pages run alone (AppTest, whose script is the page) are left as they are.
    """
    if getattr(_ROUTED, "active", False) or Path(sys.argv[0]).name != "app.py":
        return
    navigation()
    st.rerun()


def header(title: str, lecture: str, intro: str) -> None:
    """Page title, the lecture it follows, and a two-line introduction in the lecture's words."""
    from pages.widgets.classroom import tour_bar

    _enter_through_router()
    st.title(title)
    st.caption(f"Lecture: {lecture}")
    st.markdown(intro)
    tour_bar()


def show_error(message: str) -> None:
    """A problem with the user's input, shown in words; the page goes on."""
    st.error(message, icon="⚠️")
