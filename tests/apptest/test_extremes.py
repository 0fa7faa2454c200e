"""Extremes (issue 18): every control of every page at its ends shows no traceback, nan, inf or half sentence.

For each page, from the page's defaults, one control at a time (the others back at their defaults):
sliders and number inputs at their minimum and maximum, text boxes empty and with one character "a",
selectboxes, radios and select-sliders at each option (evenly spread, at most MAX_OPTIONS of them, the
first and the last always), multiselects empty and full, checkboxes and toggles flipped. A choice that
reveals or enables other sliders and text boxes (a radio's "Your own text", a toggle's slider) has those
walked too, with the choice held. Buttons are never pressed: they start training. What is checked after
each run is in tests/extremes_text.py: no `at.exception`, and in every text the page shows (titles,
markdown, captions, alerts, metrics, widget labels, chart text, table cells) no nan/inf, no exception's
name and no half sentence.

The every-option walk of the larger selects, and their revealed controls, is `slow`. Set
EXTREMES_REPORT=<file> to append every failure there as a Markdown table row.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

import pandas  # noqa: F401 (imported before the first page runs: see open_page)
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT, available
from tests.apptest.charts import charts
from tests.extremes_text import not_a_number, problems

DEMOS = available()
IDS = [d.url_path for d in DEMOS]
MAX_OPTIONS = 6  # per select in the quick walk; the slow walk takes every option
SHOWN_TEXT = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "text",
    "info",
    "warning",
    "error",
    "success",
    "toast",
)
WIDGETS = (
    "slider",
    "select_slider",
    "number_input",
    "text_input",
    "text_area",
    "selectbox",
    "radio",
    "multiselect",
    "checkbox",
    "toggle",
    "segmented_control",
    "pills",
)
REVEALING = (
    "selectbox",
    "radio",
    "select_slider",
    "multiselect",
    "checkbox",
    "toggle",
    "segmented_control",
    "pills",
)  # a choice that can draw or enable other controls
CHOICES = ("select_slider", "selectbox", "radio", "multiselect", "segmented_control", "pills")
ENDS_ONLY = ("slider", "number_input", "text_input", "text_area")  # walked again where a choice reveals them


@dataclass(frozen=True)
class Probe:
    key: str
    kind: str
    value: Any

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r}"


def open_page(demo) -> AppTest:
    """The app at this page. pandas is imported by this module first: the first page a fresh process ran
    here once failed with "partially initialized module 'pandas'" (plotly imports it in the script thread
    while another thread of the app is importing), a start-up race that is no extreme of any control."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    return at.switch_page(demo.path).run()


def controls(at: AppTest) -> dict[str, tuple[str, Any]]:
    """Every keyed, enabled widget on the page: key -> (kind, widget)."""
    found = {}
    for kind in WIDGETS:
        for widget in getattr(at, kind):
            if widget.key and not getattr(widget, "disabled", False):
                found.setdefault(widget.key, (kind, widget))
    return found


def spread(options: list, most: int | None) -> list:
    """At most `most` options, evenly spread, the first and the last always among them."""
    if most is None or len(options) <= most:
        return list(options)
    picks = sorted({round(i * (len(options) - 1) / (most - 1)) for i in range(most)})
    return [options[i] for i in picks]


def ends(kind: str, widget, most: int | None) -> list[Any]:
    """The values to try for one widget."""
    if kind == "slider":
        low, high = widget.min, widget.max
        if isinstance(widget.value, int) or (
            isinstance(widget.value, (tuple, list)) and isinstance(widget.value[0], int)
        ):
            low, high = int(low), int(high)
        if isinstance(widget.value, (tuple, list)):
            return [(low, low), (high, high), (low, high)]
        return [low, high]
    if kind == "number_input":
        cast = int if isinstance(widget.value, int) else float
        return [cast(v) for v in (widget.min, widget.max) if v is not None]
    if kind in ("text_input", "text_area"):
        return ["", "a"]
    if kind in ("checkbox", "toggle"):
        return [not widget.value]
    if kind == "multiselect":
        most_chosen = widget.proto.max_selections or len(widget.options)  # the browser allows no more
        return [[], list(widget.options)[:most_chosen]] + [[o] for o in spread(widget.options, most)]
    if kind in ("select_slider", "selectbox", "radio", "segmented_control", "pills"):
        return spread(widget.options, most)  # labels: AppTest maps a label back to its option
    raise AssertionError(kind)


def choose(widget, kind: str, labels) -> None:
    """Pick options by the labels the page shows, as the browser sends them: AppTest's set_value wants the
    option itself, and a page's format_func (DATA_NAMES.get, a lambda) cannot be inverted."""
    state = WidgetState(id=widget.id)
    if kind in ("radio", "selectbox"):
        state.string_value = labels
    else:
        state.string_array_value.data[:] = [labels] if isinstance(labels, str) else list(labels)
    widget.__class__ = type(
        f"Chosen{type(widget).__name__}", (type(widget),), {"_widget_state": property(lambda self: state)}
    )


def shown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every piece of text the run put on screen."""
    texts = [(name, str(el.value)) for name in SHOWN_TEXT for el in getattr(at, name)]
    for metric in at.metric:
        texts += [("metric", f"{metric.label}: {metric.value}"), ("metric delta", str(metric.delta or ""))]
    for kind in WIDGETS + ("button",):
        for widget in getattr(at, kind):
            texts.append((f"{kind} label", str(widget.label)))
            texts += [(f"{kind} option", str(o)) for o in getattr(widget, "options", [])]
    return texts


def chart_strings(figure, path: str = "figure"):
    """Every string inside a plotly figure (titles, annotations, cell texts), with where it sits."""
    if isinstance(figure, dict):
        for name, value in figure.items():
            yield from chart_strings(value, f"{path}.{name}")
    elif isinstance(figure, list):
        for value in figure:
            yield from chart_strings(value, f"{path}[]")
    elif isinstance(figure, str):
        yield path, figure


def table_problems(at: AppTest) -> list[str]:
    found = []
    for kind in ("dataframe", "table"):
        for element in getattr(at, kind):
            frame = element.value
            for column in frame.columns:
                for cell in frame[column].tolist():
                    if isinstance(cell, float) and not math.isfinite(cell):
                        found.append(f"{kind} column {column!r} shows {cell}")
                    elif isinstance(cell, str) and not_a_number(cell):
                        found.append(f"{kind} column {column!r} shows {cell!r}")
    return found


def exception_line(exception) -> str:
    """The exception's own last line (the app redacts the message; the traceback is in the captured log)."""
    lines = [line.strip() for line in exception.stack_trace if line.strip()]
    if lines:
        return lines[-1]
    if "redacted" in exception.message:
        return "an exception (its message is redacted: the traceback is in the test's captured stderr)"
    return exception.message


def what_is_wrong(at: AppTest) -> list[str]:
    """Everything the run shows that a student must never see."""
    if at.exception:
        return [f"exception: {exception_line(e)}" for e in at.exception]
    found = [
        f"{where}: {issue} in {text[:160]!r}" for where, text in shown_texts(at) for issue in problems(text)
    ]
    for chart in charts(at):
        name = chart.id.rsplit("-", 1)[-1]
        for where, text in chart_strings(chart.figure):
            found += [f"chart {name} {where} shows {token!r}" for token in not_a_number(text)]
    return found + table_problems(at)


class Walker:
    """Sets one control at a time from the page's defaults and records what goes wrong."""

    def __init__(self, demo, most: int | None):
        self.demo, self.most = demo, most
        self.at = open_page(demo)
        self.on_load = what_is_wrong(self.at)  # reported once, not again for every control
        self.failures: list[tuple[str, str, str]] = [("(defaults)", "", issue) for issue in self.on_load]
        self.defaults = {key: self.at.session_state[key] for key in controls(self.at)}
        self.runs = 0

    def restore(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            self.at.session_state[key] = value

    def set_and_run(self, probe: Probe) -> bool:
        """Set the control as a student would and run; False when it is not drawn."""
        widget = controls(self.at).get(probe.key)
        if widget is None:  # the last run did not draw it (an error stopped the page): restore first
            self.at.run()
            widget = controls(self.at).get(probe.key)
        if widget is None:
            return False
        kind, control = widget
        if kind in CHOICES:
            choose(control, kind, probe.value)
        else:
            control.set_value(probe.value)
        self.runs += 1
        self.at.run()
        return True

    def probe(self, probe: Probe, held: dict[str, Any]) -> bool:
        """Run with `probe` set (and the `held` values); False when the run broke."""
        try:
            if not self.set_and_run(probe):
                return True
        except Exception:  # noqa: BLE001 (AppTest can fail to send a stale choice that changed its options)
            try:  # the same setting once more, from a freshly opened page
                self.at = open_page(self.demo)
                self.restore(held)
                if held:
                    self.at.run()
                self.set_and_run(probe)
            except Exception as error:  # noqa: BLE001 (a timeout or a crash of the script thread is a finding)
                self.failures.append(
                    (probe.key, repr(probe.value), f"the run did not finish: {type(error).__name__}: {error}")
                )
                self.at = open_page(self.demo)
                self.restore(held)
                return False
        found = what_is_wrong(self.at)
        if probe.key not in controls(self.at):  # only a part of the page reran (pages.widgets.parts)
            self.at.run()  # the whole page, as the next rerun draws it
            found += [issue for issue in what_is_wrong(self.at) if issue not in found]
        self.failures += [
            (probe.key, repr(probe.value), issue) for issue in found if issue not in self.on_load
        ]
        return True

    def walk(
        self, keys: list[str], held: dict[str, Any], kinds: tuple[str, ...] = WIDGETS, depth: int = 0
    ) -> None:
        base = {key: self.at.session_state[key] for key in controls(self.at)}
        for key in keys:
            if key not in controls(self.at):  # the last run stopped before it: run with the restored values
                self.at.run()
            kind, widget = controls(self.at).get(key, (None, None))
            if kind not in kinds:
                continue
            for value in ends(kind, widget, self.most):
                before = set(controls(self.at))
                if not self.probe(Probe(key, kind, value), held):
                    continue
                revealed = [k for k in controls(self.at) if k not in before]
                if revealed and depth == 0 and kind in REVEALING:
                    self.walk(revealed, {**held, key: self.at.session_state[key]}, ENDS_ONLY, depth + 1)
                self.restore({k: v for k, v in base.items() if k in controls(self.at) or k == key})
            self.restore({key: base[key]})
        self.restore({k: v for k, v in base.items() if k in controls(self.at)})
        self.at.run()


def walk(demo, most: int | None) -> Walker:
    walker = Walker(demo, most)
    walker.walk(list(walker.defaults), {})
    report = os.environ.get("EXTREMES_REPORT")
    if report and walker.failures:
        with open(report, "a", encoding="utf-8") as out:
            out.writelines(
                f"| {demo.url_path} | {key} | {value} | {what} |\n" for key, value, what in walker.failures
            )
    return walker


def verdict(demo, walker: Walker) -> str:
    return f"{demo.url_path}: {len(walker.failures)} problem(s) in {walker.runs} runs\n" + "\n".join(
        f"  {demo.url_path} · {key} = {value}: {what}" for key, value, what in walker.failures
    )


@pytest.mark.parametrize("demo", DEMOS, ids=IDS)
def test_every_control_at_its_ends_shows_no_error_nan_or_half_sentence(demo):
    walker = walk(demo, MAX_OPTIONS)
    assert not walker.failures, verdict(demo, walker)


@pytest.mark.slow
@pytest.mark.parametrize("demo", DEMOS, ids=IDS)
def test_every_option_of_every_select_shows_no_error_nan_or_half_sentence(demo):
    walker = Walker(demo, None)
    many = [
        k
        for k, (kind, w) in controls(walker.at).items()
        if kind in REVEALING and len(getattr(w, "options", [])) > MAX_OPTIONS
    ]
    if not many:
        pytest.skip("every select has at most MAX_OPTIONS options: the quick walk took them all")
    walker.walk(many, {})
    assert not walker.failures, verdict(demo, walker)


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Loss at step T: inf", "shows 'inf'"),
        ("||dL/dh_1||: nan", "shows 'nan'"),
        ("exploding: ×inf per step", "inf"),
        ("The gradient is too few steps receive gradient to tell.", "two clauses"),
        ("That is 1 digits", "singular count"),
        ("The gradient is .", "space before"),
        ("it is multiplied by.", "ends on"),
        ("Read {name} here.", "unfilled"),
        ("ValueError: could not convert", "exception's name"),
        ("The answer is None.", "formatted None"),
    ],
)
def test_the_text_rules_catch_what_issue_18_saw(text, rule):
    assert any(rule in p for p in problems(text)), problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "Read more information about the inferno colour scale.",
        "As $T \\to \\infty$ the product vanishes.",
        "None of the steps receives gradient.",
        "The word 'a' has 1 letter.",
        "The limit is ∞ and infinity.",
        "Loss 0.693, accuracy 98%.",
        "$\\inf_x f(x)$",
        "Late maps light up where object parts are.",
        "A 1 class problem: the bias is 1 axis off.",
        "At every step it is multiplied by $W$.",
        "β = 1 trains on the ELBO; β = 0 drops the KL term.",
    ],
)
def test_the_text_rules_let_prose_pass(text):
    assert problems(text) == []
