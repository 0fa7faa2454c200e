"""The floor inside LayerLab's frame: app.py's router, sidebar, links and classroom mode around a
page that holds only the floor's slider. Its distance to the minimal app is what the frame costs
every page on each full rerun."""
import streamlit as st

from pages.widgets import classroom, links
from pages.widgets.chrome import sidebar

st.set_page_config(page_title="LayerLab frame", layout="wide")


def floor_page() -> None:
    value = st.slider("Value", 0, 100, 50, key="floor-slider")
    st.write(f"The value is {value}")


page = st.navigation({"LayerLab": [st.Page(floor_page, title="Floor", default=True)],
                      **{f"Section {s}": [st.Page(floor_page, title=f"Page {s}{i}", url_path=f"p{s}{i}")
                                         for i in range(5)] for s in "ABCD"}}, expanded=True)
links.restore()
links.notes()
sidebar()
classroom.frame(page.url_path or "home")
page.run()
links.settled()
links.adopt()
links.write(after_page=True)
classroom.finish()
