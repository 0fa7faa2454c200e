"""Presenter view's figure restyling: bigger type, thicker lines, and room for them."""
import plotly.graph_objects as go

from pages.widgets.classroom import projector_style


def test_big_type_and_thick_lines():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[1, 0], line=dict(width=2), marker=dict(size=6)))
    fig.update_layout(font=dict(size=14))
    big = projector_style(fig)
    assert big.layout.font.size >= 21 and big.data[0].line.width >= 4 and big.data[0].marker.size >= 9.6
    assert fig.layout.font.size == 14 and fig.data[0].line.width == 2          # the original is untouched


def test_fixed_margins_give_way_to_plotlys_own_for_big_type():
    fig = go.Figure(go.Heatmap(z=[[0, 1], [1, 0]]))
    fig.update_layout(margin=dict(l=50, r=95, t=10, b=95, autoexpand=False))
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    big = projector_style(fig)
    assert big.layout.margin.autoexpand is True
    assert big.layout.xaxis.automargin is True and big.layout.yaxis.automargin is True
    assert fig.layout.margin.autoexpand is False


def test_a_base_layout_chart_makes_room_for_its_big_labels():
    from engine.figures import curves
    big = projector_style(curves([{"step": 0, "loss": 1.0}, {"step": 5000, "loss": 0.1}], ["loss"], "Loss"))
    assert big.layout.margin.autoexpand is True
    assert big.layout.xaxis.automargin is True and big.layout.yaxis.automargin is True
