"""The plotly charts a page drew in an AppTest run, whichever way they reached the browser."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    id: str  # Streamlit's element id; it ends with the chart's key
    spec: str  # the figure as plotly JSON

    @property
    def figure(self) -> dict:
        return json.loads(self.spec)


def charts(at) -> list[Chart]:
    """Streamlit's own charts (those that send clicks back) and the in-place ones
    (pages.widgets.plotly_view)."""
    found = [Chart(el.proto.id, el.proto.spec) for el in at.get("plotly_chart")]
    for el in at.get("bidi_component"):
        if el.proto.component_name.endswith("layerlab_plotly"):
            found.append(Chart(el.proto.id, json.loads(el.proto.json)["figure"]))
    return found
