"""What one slider change costs in LayerLab's frame, by what the page holds (bench_costs.py, bench_app.py).

The floor's slider inside the frame (router, sidebar, classroom mode); as it is, bench_app's frame
floor (what the frame adds to every full rerun). Set by environment:
COST_SCOPE "page" (the slider reruns the whole page) or "part" (slider and what it changes in one
fragment, as the demo pages do); COST_WIDGETS other controls that the change leaves alone;
COST_PICTURES photo-sized (512 x 512) pictures the change redraws, as Filters & Pooling does;
COST_LINES lines of text the change rewrites, one element each or (COST_MERGED=1) all in one;
COST_LINK=1: the part ends by writing the link (`links.write()`), as every demo page's parts do.
COST_CHART=1: the change redraws one small heatmap (8 x 20, hover values) as the pages draw charts.
"""

import os

import numpy as np
import streamlit as st

from pages.widgets import classroom, links
from pages.widgets.chrome import sidebar

SCOPE = os.environ.get("COST_SCOPE", "page")
WIDGETS = int(os.environ.get("COST_WIDGETS", "0"))
PICTURES = int(os.environ.get("COST_PICTURES", "0"))
LINES = int(os.environ.get("COST_LINES", "0"))
MERGED = os.environ.get("COST_MERGED") == "1"
LINK = os.environ.get("COST_LINK") == "1"
CHART = os.environ.get("COST_CHART") == "1"

st.set_page_config(page_title="LayerLab costs", layout="wide")


def changed_part() -> None:
    value = st.slider("Value", 0, 100, 50, key="floor-slider")
    st.write(f"The value is {value}")
    if MERGED and LINES:
        st.markdown("\n\n".join(f"Line {i}: {value + i}" for i in range(LINES)))
    else:
        for i in range(LINES):
            st.markdown(f"Line {i}: {value + i}")
    if PICTURES:
        ramp = np.add.outer(np.arange(512), np.arange(512)) + value  # (512, 512)
        for column, offset in zip(st.columns(PICTURES), range(PICTURES)):
            column.image(
                ((ramp + 40 * offset) % 256).astype(np.uint8),
                caption=f"map {offset}",
                output_format="JPEG",
                width="stretch",
            )
    if CHART:
        import plotly.graph_objects as go

        grid = np.sin(np.add.outer(np.arange(8), np.arange(20)) * 0.3 + value / 10)  # (8, 20)
        figure = go.Figure(go.Heatmap(z=grid, zmin=-1, zmax=1, colorscale="RdBu"))
        figure.update_layout(height=300, margin=dict(l=40, r=10, t=30, b=30))
        classroom.chart(st, figure, key="cost-chart", config={"displayModeBar": False})
    if LINK:
        links.write()


def cost_page() -> None:
    kinds = [
        lambda i: st.slider(f"Setting {i}", 0, 10, 5, key=f"cost-{i}"),
        lambda i: st.radio(f"Choice {i}", ["a", "b", "c"], horizontal=True, key=f"cost-{i}"),
        lambda i: st.selectbox(f"Option {i}", ["one", "two", "three"], key=f"cost-{i}"),
        lambda i: st.toggle(f"Switch {i}", key=f"cost-{i}"),
    ]
    for i in range(WIDGETS):
        kinds[i % len(kinds)](i)
    (st.fragment(changed_part) if SCOPE == "part" else changed_part)()


page = st.navigation(
    {
        "LayerLab": [st.Page(cost_page, title="Costs", default=True)],
        **{
            f"Section {s}": [st.Page(cost_page, title=f"Page {s}{i}", url_path=f"p{s}{i}") for i in range(5)]
            for s in "ABCD"
        },
    },
    expanded=True,
)
links.restore()
links.notes()
sidebar()
classroom.frame(page.url_path or "home")
page.run()
links.settled()
links.adopt()
links.write(after_page=True)
classroom.finish()
