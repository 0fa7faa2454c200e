"""LayerLab: the router and the frame. Every page lives in pages/; the science in engine/."""
import streamlit as st

from pages.widgets.catalog import SECTIONS, available
from pages.widgets.chrome import sidebar

st.set_page_config(page_title="LayerLab", page_icon="🧠", layout="wide")

home = st.Page("pages/home.py", title="Home", icon="🏠", default=True)
sections = {"LayerLab": [home]}
for section in SECTIONS:
    pages = [st.Page(d.path, title=d.title, icon=d.icon, url_path=d.url_path)
             for d in available() if d.section == section]
    if pages:
        sections[section] = pages

page = st.navigation(sections, expanded=True)  # every demo visible, no "View more"
sidebar()
page.run()
