"""The shared figure builders: curves drawn from plain dicts match plotly's own validated figure."""

import json

import numpy as np
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from engine.figures import CLASS_COLORS, base_layout, curves


def _validated_curves(rows, keys, title, names, log_y, height=260):
    """What curves() built with plotly's checks before it skipped them."""
    fig = go.Figure()
    for i, key in enumerate(keys):
        points = [(r["step"], r[key]) for r in rows if key in r]
        fig.add_trace(
            go.Scatter(
                x=np.array([p[0] for p in points], float),
                y=np.array([p[1] for p in points], float),
                mode="lines",
                name=names.get(key, key),
                line=dict(width=2.5, color=CLASS_COLORS[i]),
            )
        )
    fig.update_xaxes(title="step")
    if log_y:
        fig.update_yaxes(type="log")
    return base_layout(
        fig, title, height, legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom")
    )


def test_curves_match_the_validated_figure():
    rows = [{"step": i, "loss": float(np.exp(-i / 9)), "acc": i / 40} for i in range(40)] + [
        {"step": 41, "loss": 0.01}
    ]
    for log_y in (False, True):
        ours = curves(rows, ["loss", "acc"], "Training", names={"loss": "train loss"}, log_y=log_y)
        theirs = _validated_curves(rows, ["loss", "acc"], "Training", {"loss": "train loss"}, log_y)
        assert json.loads(to_json_plotly(ours.to_plotly_json())) == json.loads(
            to_json_plotly(theirs.to_plotly_json())
        )
    assert (
        len(ours.data[0].x) == 41 and len(ours.data[1].x) == 40
    )  # a key missing from a row is skipped there


def test_curves_of_no_history_are_empty_traces():
    fig = curves([], ["loss"], "Loss")
    assert list(fig.data[0].x) == [] and fig.layout.title.text == "Loss"


def test_curves_before_the_first_step_say_so_on_a_step_axis_from_zero():
    """plotly draws empty axes from -1 to 6: GAN on digits showed "step -1" before training."""
    for log_y in (False, True):
        fig = go.Figure(curves([], ["loss"], "Loss", log_y=log_y).to_dict())  # plotly's checks accept it
        assert fig.layout.xaxis.range == (0, 10) and fig.layout.yaxis.showticklabels is False
        assert [a.text for a in fig.layout.annotations] == ["no training steps yet"]
    drawn = curves([{"step": 1, "loss": 0.5}], ["loss"], "Loss")
    assert drawn.layout.xaxis.range is None and not drawn.layout.annotations


def test_the_base_layouts_legend_sits_above_the_plot_clear_of_the_axis_titles():
    from engine.figures import layout_dict

    legend = layout_dict("t", 300, xaxis=dict(title=dict(text="step")))["legend"]
    assert legend["y"] >= 1 and legend["yanchor"] == "bottom" and legend["orientation"] == "h"
    moved = base_layout(
        go.Figure(go.Scatter(y=[1])), "t", legend=dict(orientation="h", y=-0.25)
    ).to_plotly_json()
    assert moved["layout"]["legend"]["y"] >= 1 and moved["layout"]["legend"]["yanchor"] == "bottom"


def test_a_legend_over_an_axis_title_is_moved_and_the_layout_given_is_kept():
    from engine.figures import legend_clear_of_axes

    below = {
        "legend": {"orientation": "h", "y": -0.3, "x": 0, "yanchor": "top"},
        "font": {"size": 14},
        "margin": {"t": 40, "b": 60, "autoexpand": False},
    }
    moved = legend_clear_of_axes(below)
    assert moved["legend"]["y"] >= 1 and moved["legend"]["yanchor"] == "bottom"
    assert moved["margin"]["t"] > 40  # fixed margins make room for it above
    assert below["legend"]["y"] == -0.3 and below["margin"]["t"] == 40  # the input is untouched
    above = {"legend": {"orientation": "h", "y": 1.01, "x": 0, "yanchor": "bottom"}}
    assert legend_clear_of_axes(above) is above  # a legend already clear stays where it is
    assert legend_clear_of_axes({"title": "no legend"}) == {"title": "no legend"}


def test_a_title_and_a_legend_above_the_plot_get_a_row_each():
    """A right-aligned legend above the plot ran into a long left-aligned title
    (why_gates in presenter view)."""
    from engine.figures import layout_dict, title_above_legend

    traces = [{"type": "scatter", "name": "RNN"}, {"type": "scatter", "name": "LSTM"}]
    layout = layout_dict("gradient reaching each word (log scale)", 360)
    roomy = title_above_legend(layout, traces)
    assert (
        roomy["title"]["yref"] == "container"
        and roomy["title"]["y"] == 1
        and roomy["title"]["yanchor"] == "top"
    )
    title_row, legend_row = 1.3 * 16, 1.6 * 14
    assert roomy["margin"]["t"] >= title_row + legend_row and layout["margin"]["t"] == 40  # the input is kept
    big = title_above_legend(
        {**layout, "font": {"size": 21}, "title": {**layout["title"], "font": {"size": 25}}}, traces
    )
    assert big["margin"]["t"] > roomy["margin"]["t"]  # presenter view's type needs more
    assert title_above_legend(layout, traces[:1]) is layout  # one trace: plotly shows no legend
    assert title_above_legend(layout_dict("", 300), traces)["margin"]["t"] == 10  # no title: nothing to move


def test_a_run_that_blew_up_is_drawn_without_numpys_cast_warnings():
    """MLP at learning rate 10 ends with nan weights: the network and the pictures drew them with
    'invalid value encountered in cast' (test_blow_up), edges vanishing at random."""
    import warnings

    from engine import mlp, mlp_figures
    from engine.figures import to_uint8

    model = mlp.build(mlp.Config(hidden=(3,)))
    view = mlp_figures.surface_view(model)
    view["weights"] = [np.full_like(w, np.nan) for w in view["weights"]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = mlp_figures.network_figure(view, "output", True)
        assert (to_uint8(np.array([np.nan, 1.0, -1.0]), signed=True) == [128, 255, 0]).all()
    drawn = sum(len(trace.x) for trace in fig.data[: len(mlp_figures.EDGE_GROUPS)] if trace.x is not None)
    assert drawn > 0  # every edge still drawn, as the thinnest
