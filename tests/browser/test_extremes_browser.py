"""Extremes in chromium (issue 18): every slider at its ends and every text box empty and with one character,
on every page, shows no traceback, no nan or inf and no half sentence.

One walk over all pages in one browser tab. On each page, in the order the page draws them: every enabled
slider and select-slider (`input[type="range"]`) is sent End (its maximum) and then Home (its minimum) on
its focused thumb, and every text box is emptied and then given one character "a" (Enter, or Ctrl+Enter in
a text area, commits it, as a student would). A control already at the value is not touched (no rerun would
come). The controls are walked one after another without a reload in between, so each is tried with the
earlier ones left at their minimum: that is how a class leaves a page. After every rerun the page must show
no `stException`, no nan/inf, no exception's name and no half sentence (tests/extremes_text.py: the rules
and what they let pass), in any visible text of the main area: markdown, metrics, captions, alerts, widget
labels and the charts' own text (titles, ticks, cell numbers); rendered LaTeX is left out. Each piece of text
is checked as the browser holds it (a sentence split by bold or a link is checked piece by piece).
Selects and radios are walked by the AppTest walker (tests/apptest/test_extremes.py). Set
EXTREMES_PAGES=a,b to walk only those pages, EXTREMES_REPORT=<file> to append every failure there as a
Markdown table row.
"""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import expect

from pages.widgets.catalog import available
from tests.extremes_text import problems

pytestmark = pytest.mark.browser
EXCEPTION = '[data-testid="stException"]'

# (key, kind, selector) of every keyed slider and text box in the main area, in page order
CONTROLS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const keyOf = el => { const box = el.closest('[class*="st-key-"]');
    const name = box && [...box.classList].find(c => c.startsWith('st-key-'));
    return name ? name.slice(7) : null; };
  const found = [];
  const boxes = '[data-testid="stTextInput"] input, [data-testid="stTextArea"] textarea';
  main.querySelectorAll('input[type="range"], ' + boxes)
    .forEach(el => { const key = keyOf(el); if (!key || el.disabled) return;
      const kind = el.type === 'range' ? 'slider' : (el.tagName === 'TEXTAREA' ? 'text_area' : 'text_input');
      if (!found.some(f => f[0] === key)) found.push([key, kind]); });
  return found;
}"""

# every visible piece of text in the main area, rendered LaTeX left out
SHOWN_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim(), parent = node.parentElement;
    if (!text || !parent || parent.closest('.katex, .katex-display, script, style, .hoverlayer')) continue;
    if (parent.checkVisibility && !parent.checkVisibility({visibilityProperty: true, opacityProperty: false}))
      continue;
    texts.push(text);
  }
  return texts;
}"""


# the page has drawn: its script idle, its sliders or text boxes there and enabled (every page has one), and
# its elements unchanged over three polls in a row (right after a navigation the app reads idle before the
# page's run has started, and the widgets arrive after the title)
DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!app || !main || app.getAttribute('data-test-script-state') !== 'notRunning'
      || !main.querySelector('h1')) {
    window.__drawnPolls = 0; return false; }
  const controls = main.querySelectorAll('input[type="range"]:enabled, '
                                         + '[data-testid="stTextInput"] input:enabled, '
                                         + '[data-testid="stTextArea"] textarea:enabled').length;
  if (!controls) { window.__drawnPolls = 0; return false; }  // every page has a slider or a text box
  const count = main.querySelectorAll('[data-testid="stElementContainer"]').length + 1000 * controls;
  window.__drawnPolls = count === window.__drawnCount ? (window.__drawnPolls || 0) + 1 : 0;
  window.__drawnCount = count;
  return window.__drawnPolls >= 3;
}"""


def open_drawn(visit, url_path: str):
    page = visit.open(url_path, timeout=180_000)
    page.evaluate("() => { window.__drawnPolls = 0; window.__drawnCount = -1; }")
    page.wait_for_function(DRAWN_JS, polling=300, timeout=180_000)
    return page


def selector(key: str, kind: str) -> str:
    inner = {"slider": 'input[type="range"]', "text_input": "input", "text_area": "textarea"}[kind]
    return f".st-key-{key} {inner}"


def troubles(page) -> list[str]:
    """What the page shows that it never should."""
    if page.locator(EXCEPTION).count():
        return [f"stException: {page.locator(EXCEPTION).first.inner_text()[:300]!r}"]
    return [f"{problem} in {text[:160]!r}" for text in page.evaluate(SHOWN_JS) for problem in problems(text)]


def settle(visit, action) -> None:
    visit.rerun(action, timeout=90_000)


def set_slider(visit, key: str, press: str) -> str | None:
    """Home or End on a slider's thumb; the value it lands on, or None when it was there already."""
    thumb = visit.page.locator(selector(key, "slider")).first
    if not thumb.count() or thumb.is_disabled():
        return None
    target = thumb.get_attribute("min" if press == "Home" else "max")
    if thumb.input_value() == target:
        return None
    thumb.focus()
    settle(visit, lambda: thumb.press(press))
    return thumb.input_value() if thumb.count() else target


def set_text(visit, key: str, kind: str, text: str) -> bool:
    """Type `text` into a text box and commit it; False when it held that text already."""
    box = visit.page.locator(selector(key, kind)).first
    if not box.count() or box.is_disabled() or box.input_value() == text:
        return False
    box.fill(text)
    settle(visit, lambda: box.press("Control+Enter" if kind == "text_area" else "Enter"))
    return True


def walk_page(visit, url_path: str) -> tuple[list[str], list[str]]:
    """(failures as Markdown table rows, what was tried) on one page."""
    page = open_drawn(visit, url_path)
    failures = [f"| {url_path} | (on load) | | {t} |" for t in troubles(page)]
    tried = []
    for key, kind in page.evaluate(CONTROLS_JS):
        tries = [("End", None), ("Home", None)] if kind == "slider" else [(None, ""), (None, "a")]
        for press, text in tries:
            try:
                if press:
                    value = set_slider(visit, key, press)
                    if value is None:
                        continue
                    what = f"{press} → {value}"
                else:
                    if not set_text(visit, key, kind, text):
                        continue
                    what = repr(text)
            except Exception as error:  # noqa: BLE001 (a control that stops answering is a finding)
                failures.append(
                    f"| {url_path} | {key} | {press or repr(text)} | no rerun: {str(error)[:200]} |"
                )
                page = open_drawn(visit, url_path)
                continue
            tried.append(f"{key} {what}")
            failures += [f"| {url_path} | {key} | {what} | {t} |" for t in troubles(page)]
    if not tried:  # a walk that set nothing proves nothing
        failures.append(f"| {url_path} | | | no slider or text box could be set |")
    return failures, tried


@pytest.mark.timeout(900)
def test_every_slider_at_its_ends_and_every_text_box_empty_or_one_letter(visit):
    wanted = [p for p in os.environ.get("EXTREMES_PAGES", "").split(",") if p]
    pages = [d.url_path for d in available() if not wanted or d.url_path in wanted]
    failures, started, report = [], time.monotonic(), os.environ.get("EXTREMES_REPORT")
    for url_path in pages:
        found, tried = walk_page(visit, url_path)
        if report:  # page by page, so a walk cut short by the timeout still leaves what it saw
            with open(report, "a", encoding="utf-8") as out:
                out.write(
                    f"<!-- {url_path}: done after {time.monotonic() - started:.0f} s: "
                    f"{'; '.join(tried) or 'nothing to set'} -->\n"
                )
                out.writelines(line + "\n" for line in found)
        failures += found
    seconds = time.monotonic() - started
    assert not failures, (
        f"{len(failures)} problem(s) on {len(pages)} pages in {seconds:.0f} s:\n" + "\n".join(failures)
    )
    expect(visit.page.locator(EXCEPTION)).to_have_count(0)
