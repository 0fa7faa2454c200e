"""A test app for pages/widgets/plotly_view.py: one slider, two charts, one that sends its clicks back."""

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from pages.widgets import plotly_view

plotly_view.publish_library(Path(__file__).resolve().parent / "static")  # this app's own static folder
n = st.slider("Points", 2, 30, 5, key="points")
if n % 2:
    st.info("An odd number of points.")  # comes and goes above the second chart
plotly_view.show(
    st,
    go.Figure(go.Scatter(y=[i * i for i in range(n)], mode="lines+markers")).update_layout(
        title=f"{n} points"
    ),
    {"displayModeBar": False},
    key="curve",
)
plotly_view.show(
    st, go.Figure(go.Bar(x=list(range(n)), y=[1] * n)).update_layout(title=f"{n} bars"), {}, key="bars"
)


def remember_click() -> None:
    point = plotly_view.clicked("target")
    st.session_state["hit"] = None if point is None else (point["curve_number"], point["point_index"])


plotly_view.show(
    st,
    go.Figure(go.Scatter(x=[0], y=[0], mode="markers", marker={"size": 80})).update_layout(
        title="a target", xaxis_range=[-1, 1], yaxis_range=[-1, 1], height=300
    ),
    {"displayModeBar": False},
    key="target",
    on_click=remember_click,
)
st.write(f"Clicked: {st.session_state.get('hit')}")
