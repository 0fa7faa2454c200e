"""Presenter view's figure restyling: bigger type, thicker lines, and room for them."""

import plotly.graph_objects as go

from pages.widgets.classroom import projector_style


def test_big_type_and_thick_lines():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[1, 0], line=dict(width=2), marker=dict(size=6)))
    fig.update_layout(font=dict(size=14))
    big = projector_style(fig)
    assert big.layout.font.size >= 21 and big.data[0].line.width >= 4 and big.data[0].marker.size >= 9.6
    assert fig.layout.font.size == 14 and fig.data[0].line.width == 2  # the original is untouched


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


def test_a_schematic_diagram_keeps_its_boxes_and_arrows_as_drawn():
    """unroll_rnn and rnn_shapes draw boxes and arrowheads as markers:
    1.6x markers would break the drawing."""
    from engine.figures import is_schematic, schematic

    boxes = go.Scatter(
        x=[0, 1],
        y=[0, 0],
        mode="markers+text",
        text=["h1", "h2"],
        marker=dict(size=30),
        textfont=dict(size=11),
    )
    arrow = go.Scatter(x=[0, 1], y=[1, 1], mode="lines", line=dict(width=1.5))
    fig = schematic(go.Figure([boxes, arrow]).update_layout(font=dict(size=14)))
    assert is_schematic(fig.layout) and is_schematic(fig.to_plotly_json()["layout"])
    big = projector_style(fig)
    assert big.data[0].marker.size == 30 and big.data[1].line.width == 1.5 and big.data[0].textfont.size == 11
    assert big.layout.font.size >= 21  # its titles still grow
    plain = projector_style(go.Figure([boxes, arrow]))
    assert (
        plain.data[0].marker.size == 48 and plain.data[1].line.width == 3.5
    )  # others are enlarged as before


def test_a_schematic_mark_keeps_other_meta():
    from engine.figures import is_schematic, schematic

    fig = schematic(go.Figure(layout=dict(meta={"page": "rnn_shapes"})))
    assert fig.layout.meta == {"page": "rnn_shapes", "schematic": True}
    assert not is_schematic(go.Figure().layout) and not is_schematic({"meta": [1, 2]})


def test_red_means_above_zero_in_both_views():
    """One diverging scale: engine.figures.DIVERGING, blue below zero, white at zero, red above; presenter
    view never changes a chart's colours."""
    import numpy as np

    from engine.figures import DIVERGING, colorize, heatmap, palette

    table = palette(DIVERGING)
    assert table[255][0] > 2 * table[255][2] and table[0][2] > 2 * table[0][0]  # red top, blue bottom
    assert min(table[128]) > 230  # white in the middle
    fig = heatmap(np.array([[-1.0, 0.0], [0.5, 1.0]]))
    big = projector_style(fig)
    assert fig.data[0].colorscale == big.data[0].colorscale and big.data[0].reversescale in (None, False)
    assert (big.data[0].zmin, big.data[0].zmax) == (-1.0, 1.0)
    assert tuple(colorize(np.array([[1.0, -1.0]]))[0, 0]) == tuple(table[255])  # the picture path agrees
