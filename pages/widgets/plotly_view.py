"""Plotly charts that update in place: the same plot is redrawn with `Plotly.react`, never rebuilt.

Streamlit 1.67 gives a plotly chart a new element id whenever its figure changes, so every slider step
tears the chart down and runs a full `Plotly.newPlot`: for one small heatmap and one curve, 112-127 ms
a step against a 33 ms floor (an app of just those two, timed with bench_app.measure_floor). This
component keeps one plot per key and hands it each new figure: 66-72 ms. plotly.js comes from the
plotly package the server already has, served by the app itself (`server.enableStaticServing`), so
nothing loads from outside. Should that folder not be writable, charts fall back to st.plotly_chart.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from pathlib import Path

import plotly
import plotly.graph_objects as go
import streamlit as st
from plotly.io.json import to_json_plotly
from streamlit.delta_generator import DeltaGenerator

from engine.figures import legend_clear_of_axes, title_above_legend

log = logging.getLogger(__name__)
WIDGETS = Path(__file__).resolve().parent
STATIC = WIDGETS.parents[1] / "static"
LIBRARY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# Runs in the page itself (no iframe). The first chart loads plotly.js once for the whole tab; each
# call after that is a `Plotly.react` on the chart's own div, which only redraws what changed.
JS = """
const plotlyReady = window.layerlabPlotly || (window.layerlabPlotly = new Promise((resolve, reject) => {
  if (window.Plotly) { resolve(window.Plotly); return; }
  const script = document.createElement('script');
  script.src = './app/static/plotly.min.js';
  script.onload = () => resolve(window.Plotly);
  script.onerror = () => reject(new Error('plotly.js did not load'));
  document.head.appendChild(script);
}));

/* A click on a point, in the shape of Streamlit's own chart selection (only what a page reads). */
const pointOf = (p) => ({curve_number: p.curveNumber, point_number: p.pointNumber, point_index: p.pointIndex,
                         x: p.x, y: p.y, customdata: p.customdata === undefined ? null : p.customdata});

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let plot = parentElement.querySelector('.layerlab-plot');
  if (!plot) {
    plot = document.createElement('div');
    plot.className = 'layerlab-plot';
    plot.style.width = '100%';
    parentElement.appendChild(plot);
  }
  /* a tab or column that opens later, a new window size */
  if (!plot.layerlabResize && window.ResizeObserver) {
    let width = plot.clientWidth;
    plot.layerlabResize = new ResizeObserver(() => {
      const now = plot.clientWidth;
      if (now && now !== width && plot._fullLayout) window.Plotly.Plots.resize(plot);
      width = now || width;
    });
    plot.layerlabResize.observe(plot);
  }
  const cleanup = () => {
    if (plot.layerlabResize) { plot.layerlabResize.disconnect(); plot.layerlabResize = null; }
  };
  const drawn = JSON.stringify(data.config) + data.figure;
  if (plot.layerlabDrawn === drawn) return cleanup;  /* the same figure again: nothing to redraw */
  plot.layerlabDrawn = drawn;
  plot.layerlabTrigger = data.clicks ? setTriggerValue : null;  /* the latest run's, for the listener below */
  const figure = JSON.parse(data.figure);
  const version = plot.layerlabVersion = (plot.layerlabVersion || 0) + 1;
  plotlyReady.then((Plotly) => {
    if (version !== plot.layerlabVersion) return;
    Plotly.react(plot, figure.data, figure.layout || {}, data.config).then(() => {
      if (plot.layerlabListening) return;  /* plotly keeps its listeners through every react */
      plot.layerlabListening = true;
      plot.on('plotly_click', (event) => {
        if (plot.layerlabTrigger && event && event.points) {
          plot.layerlabTrigger('click', {points: event.points.map(pointOf)});
        }
      });
    });
  });
  return cleanup;
}
"""

_component = st.components.v2.component("layerlab_plotly", js=JS, isolate_styles=False)

# The toolbar of every chart, in both ways of drawing it: nothing that talks to Plotly's cloud (plotly.js 4
# offers "Share chart", an upload, unless told not to), and only the buttons a class uses: download as PNG
# (with the SVG button pages.widgets.classroom adds beside it), zoom and reset. So it stays one short row.
OFFLINE = {
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "plotlyServerURL": "",
    "displaylogo": False,
}
REMOVED_BUTTONS = (
    "sendChartToCloud",
    "sendDataToCloud",
    "editInChartStudio",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "toggleSpikelines",
    "toggleHover",
    "resetViews",
    "zoom3d",
    "pan3d",
    "orbitRotation",
    "tableRotation",
    "resetCameraLastSave3d",
    "hoverClosest3d",
    "hoverClosestGl2d",
    "hoverClosestPie",
    "zoomInGeo",
    "zoomOutGeo",
    "resetGeo",
    "hoverClosestGeo",
)


def toolbar(config: dict) -> dict:
    """`config` with the classroom's toolbar: offline, one row (the page's own choices kept otherwise)."""
    removed = [*config.get("modeBarButtonsToRemove", ()), *REMOVED_BUTTONS]
    return {**config, **OFFLINE, "modeBarButtonsToRemove": list(dict.fromkeys(removed))}


def publish_library(static: Path = STATIC) -> bool:
    """Put plotly.js in the static folder next to the app's main script (app.py's, unless a test app
    names its own), once per server and atomically; False when it cannot be written there."""
    target = static / LIBRARY.name
    try:
        if not (target.exists() and target.stat().st_size == LIBRARY.stat().st_size):
            static.mkdir(exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(LIBRARY, partial)
            os.replace(partial, target)
    except OSError:
        log.exception("could not publish plotly.js to %s: charts use st.plotly_chart instead", static)
        return False
    return True


@functools.lru_cache(maxsize=2)
def theme_template(dark: bool) -> dict:
    """What Streamlit's own chart theme gave our figures: the page behind them, the page's font (Source
    Sans, served by Streamlit), 12 px muted ticks and legend, 14 px axis titles, left-aligned bold titles,
    labels that push the margins (automargin), on the light or the dark background."""
    ink, muted, grid = ("#f2f4f7", "#a3acb9", "#2c333d") if dark else ("#111418", "#808495", "#e3e7ed")
    axis = {
        "automargin": True,
        "gridcolor": grid,
        "zerolinecolor": grid,
        "linecolor": grid,
        "tickfont": {"color": muted, "size": 12},
        "title": {"font": {"color": muted, "size": 14}},
    }
    return {
        "layout": {
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "font": {"color": ink, "family": '"Source Sans", sans-serif', "size": 12},
            "title": {
                "x": 0,
                "xanchor": "left",
                "xref": "container",
                "pad": {"l": 4},
                "font": {"size": 16, "weight": 600, "color": ink},
            },
            "xaxis": axis,
            "yaxis": axis,
            "legend": {"font": {"color": ink, "size": 12}},
            "hoverlabel": {"font": {"family": '"Source Sans", sans-serif'}},
            "colorway": [
                "#1f5fbf",
                "#e4572e",
                "#2e9e5b",
                "#9b59b6",
                "#f0a202",
                "#17becf",
                "#8c564b",
                "#7f7f7f",
            ],
        },
        "data": {"heatmap": [{"colorbar": {"outlinewidth": 0, "tickfont": {"color": muted, "size": 12}}}]},
    }


def show(
    where,
    figure: go.Figure | dict,
    config: dict,
    *,
    key: str,
    height: int | None = None,
    themed: bool = True,
    on_click=None,
):
    """Draw `figure` in `where`; the same `key` keeps the same plot, redrawn in place with each new figure.
    With `on_click`, a click on a point calls it; `clicked(key)` then reads the point."""
    spec = figure.to_plotly_json() if isinstance(figure, go.Figure) else dict(figure)
    layout = spec["layout"] = title_above_legend(
        legend_clear_of_axes(dict(spec.get("layout") or {})), spec.get("data") or ()
    )
    if height is not None:
        layout["height"] = height
    config = toolbar(config)
    clicks = {} if on_click is None else {"on_select": on_click, "selection_mode": "points"}
    if not PUBLISHED:  # plotly.js cannot be served: Streamlit's own chart, rebuilt on every change
        return where.plotly_chart(
            spec, config=config, key=key, theme="streamlit" if themed else None, **clicks
        )
    if themed:  # in place of Streamlit's own chart theme, which only st.plotly_chart applies
        layout["template"] = theme_template(getattr(st.context.theme, "type", None) == "dark")
    payload = {"figure": to_json_plotly(spec), "config": config, "clicks": on_click is not None}
    callbacks = {} if on_click is None else {"on_click_change": on_click}
    if isinstance(where, DeltaGenerator):  # a column or container given as `where`, as st.plotly_chart takes
        with where:
            return _component(data=payload, key=key, width="stretch", height="content", **callbacks)
    return _component(data=payload, key=key, width="stretch", height="content", **callbacks)


def clicked(key: str) -> dict | None:
    """The point last clicked in the chart `key` ({"curve_number", "point_index", "x", "y", ...}), or None;
    read in the chart's `on_click`, whichever way the chart was drawn."""
    value = st.session_state.get(key)
    if value is None:
        return None
    selection = getattr(value, "selection", None)  # st.plotly_chart's event (the fallback)
    if selection is not None:
        points = selection.points
    else:
        click = value.get("click") if hasattr(value, "get") else getattr(value, "click", None)
        points = (click or {}).get("points") if isinstance(click, dict) else None
    return points[0] if points else None


PUBLISHED = publish_library()
