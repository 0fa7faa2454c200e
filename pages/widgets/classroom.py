"""Classroom mode: presenter view, guided tours, figure export and page snapshots, for every page."""

from __future__ import annotations

import copy

import plotly.graph_objects as go
import streamlit as st

from engine import tours
from engine.figures import is_schematic
from pages.widgets import plotly_view
from pages.widgets.links import as_setting

PRESENTER = "presenter"  # the sidebar toggle's key; a link can carry it
PAGE = "classroom::page"  # the stem of the page being drawn, set by the router
SNAPSHOT = "classroom::snapshot"  # counts snapshot requests, so each one runs its script

# Streamlit sizes its text in rem, so a bigger root font enlarges every label, caption and widget.
PRESENTER_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: 22px !important; }
.stApp, .stApp [data-testid="stMain"] { background: #ffffff !important; color: #000000 !important; }
.stApp p, .stApp li, .stApp label, .stApp h1, .stApp h2, .stApp h3, .stApp span { color: #000000 !important; }
.stApp [data-testid="stCaptionContainer"] p { color: #222222 !important; }
.stApp button[kind="primary"]:enabled p,
.stApp button[kind="primary"]:enabled span { color: #ffffff !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; max-width: 100% !important; }
/* The way out takes no row of its own: it sits in the page's top right corner, where no page draws, so
   each page's main visual stays on the projector's first screen (and it scrolls away with the page). */
[data-testid="stMainBlockContainer"] { position: relative !important; }
.stApp .st-key-classroom-leave { position: absolute !important; top: 0.6rem; right: 1.2rem; z-index: 10;
  width: auto !important; }
/* A control that cannot be used looks it: the black ink above must not reach a disabled one. */
.stApp button:disabled, .stApp [aria-disabled="true"], .stApp input:disabled { opacity: 0.4 !important;
  cursor: not-allowed !important; }
.stApp button:disabled p, .stApp button:disabled span, .stApp label:has(input:disabled) p {
  color: #6b7280 !important; }
</style>"""

# Every chart's toolbar in one row, however narrow the chart (the buttons are few: pages.widgets.plotly_view).
TOOLBAR_CSS = """<style>
.js-plotly-plot .plotly .modebar { display: flex !important; flex-wrap: nowrap !important; }
.js-plotly-plot .plotly .modebar-group { float: none !important; display: flex !important;
  flex-wrap: nowrap !important; }
/* A refused upload says why beside its red mark ("File must be 10.0MB or smaller."), not only to a
   screen reader. */
[data-testid="stFileChip"] [role="alert"] { position: static !important; width: auto !important;
  height: auto !important; clip: auto !important; clip-path: none !important; overflow: visible !important;
  white-space: normal !important; margin: 0 0 0 0.5rem !important; color: #b42318 !important;
  font-size: 0.8rem; }
</style>"""

# Adds a "Download as SVG" button next to plotly's own "Download as PNG" in every chart's toolbar.
# Both are drawn by plotly.js in the browser, so export needs no network. Runs once per browser tab.
EXPORT_JS = """<script>
(() => {
  if (window.layerlabExport) return;
  window.layerlabExport = true;
  function addSvgButton(plot) {
    const camera = plot.querySelector('.modebar-btn[data-title^="Download"]');
    if (!camera || camera.parentNode.querySelector('.layerlab-svg')) return;
    const button = document.createElement('a');
    button.className = 'modebar-btn layerlab-svg';
    button.setAttribute('rel', 'tooltip');
    button.setAttribute('data-title', 'Download as SVG');
    button.setAttribute('data-testid', 'layerlab-svg');
    button.textContent = 'SVG';  /* no markup in here: st.html's sanitiser drops scripts that hold tags */
    button.style.cssText = 'font: bold 10px sans-serif; line-height: 22px; padding: 0 3px; cursor: pointer;';
    button.addEventListener('click', (event) => {
      event.preventDefault();
      const context = plot._context, before = context.toImageButtonOptions;
      context.toImageButtonOptions = Object.assign({}, before, {format: 'svg', scale: 1});
      try { camera.dispatchEvent(new MouseEvent('click', {bubbles: true})); }
      finally { context.toImageButtonOptions = before; }
    });
    camera.after(button);
  }
  /* Streamlit's own words when the server stops answering send an offline classroom looking for the
     internet ("Are you connected to the internet?"): say what happened instead. */
  const SERVER_GONE = 'The LayerLab server is not answering: it may be restarting. This page reconnects by ' +
                      'itself as soon as the server is back; if it does not within a minute, ' +
                      'reload the page.';
  function sayServerGone() {
    document.querySelectorAll('[role="dialog"] p, [role="dialog"] div').forEach((node) => {
      const streamlits = /connected to the internet|Is Streamlit still running/;
      if (node.childElementCount === 0 && streamlits.test(node.textContent)) {
        node.textContent = SERVER_GONE;
      }
    });
    document.querySelectorAll('[role="dialog"] code').forEach((code) => {
      if (code.textContent.includes('yourscript.py')) code.textContent = 'streamlit run app.py';
    });
  }
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      document.querySelectorAll('.js-plotly-plot').forEach(addSvgButton);
      sayServerGone();
    });
  /* characterData too: React edits a text in place */
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
})();
</script>"""

SNAPSHOT_JS = """<script>
/* snapshot %(nonce)s. html2canvas is served by the app (static/), fetched once per tab. */
(() => {
const library = window.layerlabHtml2canvas || (window.layerlabHtml2canvas = new Promise((resolve, reject) => {
  if (window.html2canvas) { resolve(window.html2canvas); return; }
  const script = document.createElement('script');
  script.src = './app/static/html2canvas.min.js';
  script.onload = () => resolve(window.html2canvas);
  script.onerror = () => reject(new Error('html2canvas did not load'));
  document.head.appendChild(script);
}));
library.then((html2canvas) => setTimeout(() => {
  /* The whole page, not the screen: the page's content at its full height, drawn in a copy of the
     document tall enough to hold it, scrolled to its top (the main area is a scrolling box). */
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const content = main.querySelector('[data-testid="stMainBlockContainer"]') || main;
  const tall = Math.max(content.scrollHeight, main.scrollHeight, window.innerHeight);
  const fresh = (clone) => {
    const copy = clone.querySelector('[data-testid="stMain"]');
    if (copy) { copy.scrollTop = 0; copy.style.overflow = 'visible'; copy.style.height = 'auto'; }
  };
  html2canvas(content, {backgroundColor: '#ffffff', scale: 1.5, logging: false, scrollX: 0, scrollY: 0,
                        windowWidth: document.documentElement.clientWidth, windowHeight: tall + 64,
                        height: content.scrollHeight, onclone: fresh}).then((canvas) => {
    const link = document.createElement('a');
    link.download = %(filename)s;
    link.href = canvas.toDataURL('image/png');
    document.body.appendChild(link); link.click(); link.remove();
  });
}, 600));
})();
</script>"""


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTER))


def page_background() -> str:
    """The colour behind the page ("#rrggbb"), for pictures drawn flat on it: the theme's, from
    .streamlit/config.toml, or white in presenter view (which paints the page white)."""
    dark = getattr(st.context.theme, "type", None) == "dark" and not presenting()
    return st.get_option("theme.dark.backgroundColor" if dark else "theme.light.backgroundColor") or (
        "#0f1216" if dark else "#ffffff"
    )


def frame(page_stem: str) -> None:
    """The router's part, before the page draws: which page this is, presenter styles, the export script."""
    st.session_state[PAGE] = page_stem
    with st.sidebar:
        st.toggle(
            "🎦 Presenter view",
            key=PRESENTER,
            help="Big text and thick lines for a projector; hides this sidebar. Leave it with the "
            "button at the top of the page.",
        )
        st.button(
            "📸 Snapshot of this page",
            key="classroom-snapshot",
            on_click=_ask_snapshot,
            help="Downloads the whole page as a PNG picture for your slides.",
        )
        # One element, with the script: a <style> alone would go to Streamlit's event container, where
        # a toast said just before a rerun (a link's greeting, links.adopt) is kept while the styles
        # before it are dropped, and the browser, handed the toast at place 1 of an empty container,
        # blanks the whole tab ("Bad delta path index 1"; Streamlit keeps toasts since its PR #16498).
        # Styles in the hidden sidebar still apply to the whole page.
        st.html(
            EXPORT_JS + TOOLBAR_CSS + (PRESENTER_CSS if presenting() else ""), unsafe_allow_javascript=True
        )
    if presenting():
        # The sidebar is hidden, so every page (home included) shows its own way out, at the top
        st.button("✕ Leave presenter view", key="classroom-leave", on_click=_leave_presenter)


def _ask_snapshot() -> None:
    st.session_state[SNAPSHOT] = st.session_state.get(SNAPSHOT, 0) + 1


def finish() -> None:
    """The router's part after the page drew: take the snapshot asked for, once everything is on screen."""
    nonce = st.session_state.get(SNAPSHOT, 0)
    if nonce and st.session_state.get(f"{SNAPSHOT}::done") != nonce:
        st.session_state[f"{SNAPSHOT}::done"] = nonce
        filename = repr(f"layerlab-{st.session_state.get(PAGE, 'page')}.png")
        st.html(
            SNAPSHOT_JS % {"nonce": nonce, "filename": filename},
            unsafe_allow_javascript=True,
        )


def tour_bar() -> None:
    """The page's guided tour: previous / next (PageUp / PageDown, as a presenter's clicker sends)."""
    stem = st.session_state.get(PAGE)
    scenes = tours.load(stem) if stem else ()
    if not scenes:
        return
    key = f"tour-{stem}"
    current = st.session_state.get(key)
    if current is not None and (type(current) is not int or not 0 <= current < len(scenes)):
        current = st.session_state[key] = None  # not a scene of this tour (an old or crafted link)
    with st.container(border=True, key="classroom-tour"):
        # One row whose buttons take the width of their labels, so no label is cut at any window size
        with st.container(horizontal=True, vertical_alignment="bottom", key="classroom-tour-row"):
            st.button(
                "◀ Previous",
                key="classroom-prev",
                shortcut="PageUp",
                width="content",
                disabled=current is None or current == 0,
                on_click=_go,
                args=(stem, scenes, -1),
            )
            st.selectbox(
                f"🎓 Guided tour · {len(scenes)} scenes",
                range(len(scenes)),
                index=None,
                format_func=lambda i: f"{i + 1} · {scenes[i].title}",
                key=key,
                width="stretch",
                placeholder="Start the tour: pick a scene, or press Next",
                on_change=_apply,
                args=(stem, scenes),
            )
            st.button(
                "Next ▶",
                key="classroom-next",
                shortcut="PageDown",
                width="content",
                type="primary",
                disabled=current is not None and current >= len(scenes) - 1,
                on_click=_go,
                args=(stem, scenes, +1),
            )
        if current is not None:
            st.info(scenes[current].narration, icon="🎓")


def _leave_presenter() -> None:
    st.session_state[PRESENTER] = False


def _go(stem: str, scenes: tuple[tours.Scene, ...], delta: int) -> None:
    key = f"tour-{stem}"
    current = st.session_state.get(key)
    st.session_state[key] = 0 if current is None else min(max(current + delta, 0), len(scenes) - 1)
    _apply(stem, scenes)


def _apply(stem: str, scenes: tuple[tours.Scene, ...]) -> None:
    """Set the scene's controls; callbacks run before the page draws, so the widgets start there."""
    index = st.session_state.get(f"tour-{stem}")
    if index is not None:
        for widget_key, value in scenes[index].settings.items():
            st.session_state[widget_key] = as_setting(value)


def chart(where, figure: go.Figure, *, key: str, **kwargs):
    """A chart (pages.widgets.plotly_view) with the toolbar's PNG/SVG export, and big type in presenter view.
    `key` names it: the same key keeps the same plot. `on_click` is called when a point is clicked,
    `plotly_view.clicked(key)` reads it."""
    config = {
        **kwargs.pop("config", {}),
        "displayModeBar": "hover",
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": _filename(key)},
    }
    if presenting():
        figure = projector_style(figure)
        kwargs.setdefault("theme", None)  # plotly's own white template, matching the high-contrast page
    return plotly_view.show(
        where,
        figure,
        config,
        key=key,
        height=kwargs.get("height"),
        themed=kwargs.get("theme", "streamlit") == "streamlit",
        on_click=kwargs.get("on_click"),
    )


def _filename(key: str | None) -> str:
    stem = st.session_state.get(PAGE, "figure")
    return f"layerlab-{key or stem}".replace("::", "-")


PRESENTER_TEXT = 1.5  # presenter view writes a chart's text this much bigger (projector_style)


def text_scale() -> float:
    """How much bigger this view writes a chart's text: a figure that makes room for its words needs it."""
    return PRESENTER_TEXT if presenting() else 1.0


def projector_style(figure: go.Figure) -> go.Figure:
    """A copy of `figure` with text, lines and markers enlarged for the back row of a lecture hall.

    A diagram drawn to scale (`engine.figures.schematic`, its boxes and arrowheads are markers) keeps
    its markers and lines as drawn; only its layout's type grows. Colours are never changed: a heatmap
    keeps its scale, so red means the same in both views (engine.figures.DIVERGING: red above zero)."""
    figure = go.Figure(copy.deepcopy(figure.to_dict()), skip_invalid=True)
    to_scale = is_schematic(figure.layout)
    # Big type needs room: plotly's own margins, whether the figure fixed them for speed or kept base_layout's
    # 10 px (the page's theme template gives axes automargin; presenter view draws without that template)
    figure.update_layout(margin_autoexpand=True)
    figure.update_xaxes(automargin=True)
    # plotly measures big tick labels (raised exponents: 10⁻³) short: a y title 2 px from them touches them
    figure.update_yaxes(automargin=True, title_standoff=12)
    font = figure.layout.font.size or 12
    figure.update_layout(font_size=max(18, font * PRESENTER_TEXT), title_font_size=max(22, font * 1.8))
    for trace in figure.data:
        if trace.type in ("scatter", "scattergl") and not to_scale:
            line = trace.line.width if isinstance(trace.line.width, (int, float)) else 2
            trace.line.width = max(3.5, line * 2)
            if isinstance(trace.marker.size, (int, float)) or trace.marker.size is None:
                trace.marker.size = max(10, (trace.marker.size or 6) * 1.6)
        if trace.type == "heatmap" and trace.texttemplate:
            trace.textfont.size = max(16, (trace.textfont.size or 12) * 1.4)
    return figure
