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
        fig.add_trace(go.Scatter(x=np.array([p[0] for p in points], float), y=np.array([p[1] for p in points], float),
                                 mode="lines", name=names.get(key, key), line=dict(width=2.5, color=CLASS_COLORS[i])))
    fig.update_xaxes(title="step")
    if log_y:
        fig.update_yaxes(type="log")
    return base_layout(fig, title, height, legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))


def test_curves_match_the_validated_figure():
    rows = [{"step": i, "loss": float(np.exp(-i / 9)), "acc": i / 40} for i in range(40)] + [{"step": 41, "loss": 0.01}]
    for log_y in (False, True):
        ours = curves(rows, ["loss", "acc"], "Training", names={"loss": "train loss"}, log_y=log_y)
        theirs = _validated_curves(rows, ["loss", "acc"], "Training", {"loss": "train loss"}, log_y)
        assert json.loads(to_json_plotly(ours.to_plotly_json())) == json.loads(to_json_plotly(theirs.to_plotly_json()))
    assert len(ours.data[0].x) == 41 and len(ours.data[1].x) == 40   # a key missing from a row is skipped there


def test_curves_of_no_history_are_empty_traces():
    fig = curves([], ["loss"], "Loss")
    assert list(fig.data[0].x) == [] and fig.layout.title.text == "Loss"
