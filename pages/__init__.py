"""LayerLab's pages. app.py registers them with st.navigation; none of them is run on its own.

Streamlit also knows an older multipage mode for a folder named `pages/` beside the main script:
until st.navigation has run once in the server, a link straight to a page (say /filters_pooling,
opened on a fresh server) runs that file alone, without app.py's router, sidebar and wide layout.
Every page imports this package first, so here that mode is switched off and the run starts over
through app.py, which then routes to the page that was asked for.
"""
try:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx
except ImportError:  # pragma: no cover - streamlit always ships these
    PagesManager = None

if PagesManager is not None and PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
    import streamlit as st

    PagesManager.uses_pages_directory = False
    st.rerun()
