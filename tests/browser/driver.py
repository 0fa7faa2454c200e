"""Start `streamlit run` and drive it in Debian's chromium: shared by browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LAYERLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    app: str = "app.py", env: dict | None = None, timeout: float = 90.0, on_start=None
) -> Iterator[str]:
    """`streamlit run app` on a free loopback port; yields its base URL and stops it afterwards.

    `on_start(process)` is called right after the process starts (benchmarks read its memory).
    """
    port = free_port()
    log = open(ROOT / f".streamlit-test-{port}.log", "w")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.serverAddress",
        "localhost",
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LAYERLAB_DEVICE": "cpu", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    if on_start is not None:
        on_start(process)
    try:
        wait_for_health(url, timeout, process)
        yield url
    finally:
        if sys.exc_info()[0] is not None:  # a failing test: the server's own words go in its report
            log.flush()
            print((ROOT / f".streamlit-test-{port}.log").read_text(errors="replace")[-6000:])
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        with contextlib.suppress(OSError):
            (ROOT / f".streamlit-test-{port}.log").unlink()


def wait_for_health(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout} s")


def launch(playwright):
    """Debian's chromium, headless, with every background network feature off."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def chromium() -> Iterator:
    """`launch` in a Playwright of its own, closed afterwards (the test folders' `browser` fixture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def is_loopback(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parsed.hostname or "") in LOOPBACK_HOSTS or (parsed.hostname or "").startswith("127.")


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished running and the browser has painted the result."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


_RUNS: dict[int, list[int]] = {}  # id(page) -> [script runs the server reported finished to it]


def watch_runs(page) -> None:
    """Count the runs the server reports finished to this page (ForwardMsg.script_finished on its
    websocket): a run too quick for the page to ever show "running" is still seen to end."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished = _RUNS.setdefault(id(page), [0])

    def frame(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            message = ForwardMsg()
            with contextlib.suppress(Exception):
                message.ParseFromString(bytes(payload))
                if message.WhichOneof("type") == "script_finished":
                    finished[0] += 1

    page.on("websocket", lambda socket: socket.on("framereceived", frame))
    page.on("close", lambda _: _RUNS.pop(id(page), None))


def _runs_finished(page) -> int | None:
    return _RUNS[id(page)][0] if id(page) in _RUNS else None


def wait_rerun(page, action, timeout: float = 60_000) -> None:
    """Do `action()` (a click, a key press ...) and wait for the rerun it causes to finish."""
    before = _runs_finished(page)
    page.evaluate("""() => { window.__sawRun = false;
        const app = document.querySelector('[data-testid="stApp"]');
        if (window.__runObserver) window.__runObserver.disconnect();
        window.__runObserver = new MutationObserver(() => {
            if (app.getAttribute('data-test-script-state') === 'running') window.__sawRun = true; });
        window.__runObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }""")
    action()
    if before is None:
        with contextlib.suppress(Exception):
            page.wait_for_function("() => window.__sawRun", timeout=5_000)
    else:  # an action that reruns nothing is given 5 s to show it does not
        deadline = time.monotonic() + 5
        while (
            _runs_finished(page) == before
            and not page.evaluate("() => window.__sawRun")
            and (time.monotonic() < deadline)
        ):
            page.wait_for_timeout(20)  # lets playwright deliver the websocket's frames
    wait_idle(page, timeout)


# The page's first chart or picture (at least 60 px each way) in the main area, once drawn: its box.
FIRST_VISUAL_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const boxes = [...main.querySelectorAll('.js-plotly-plot, [data-testid="stImage"] img')]
    .map(e => e.getBoundingClientRect()).filter(r => r.height >= 60 && r.width >= 60);
  return boxes.length ? {top: boxes[0].top, height: boxes[0].height} : null;
}"""
FIRST_SCREEN_PX = 400  # of a taller visual, this much must show without scrolling


# Settled: every picture decoded, every chart drawn, the first visual's box the same over 20 frames in a row.
SETTLED_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const box = (FIRST_VISUAL)();
  const loading = [...main.querySelectorAll('img')].some(img => !img.complete)
    || main.querySelector('.layerlab-plot:not(.js-plotly-plot)') !== null;  /* a chart not yet drawn */
  const key = box && !loading ? JSON.stringify(box) : null;
  window.__llSettled = key !== null && key === window.__llBox ? (window.__llSettled || 0) + 1 : 0;
  window.__llBox = key;
  return window.__llSettled >= 20;
}""".replace("FIRST_VISUAL", FIRST_VISUAL_JS)


# The two views every page is checked in: a student's laptop, and presenter view on a 1080p projector.
VIEWS = {"laptop": ("", (1400, 1000)), "presenter": ("presenter=true", (1920, 1080))}


def wait_settled(page) -> None:
    """Until every picture and chart is drawn and the first visual has not moved for 20 frames."""
    page.evaluate("() => { window.__llSettled = 0; window.__llBox = null; }")
    page.wait_for_function(SETTLED_JS, polling="raf", timeout=60_000)


def main_visual_box(page, visual, height: int) -> dict:
    """The box of `visual` (a locator), checked to be the page's first visual and on the first screen."""
    from playwright.sync_api import expect

    expect(visual).to_be_visible(timeout=90_000)  # drawn: before plotly.js loads, a later picture is first
    wait_settled(page)
    box, first = visual.bounding_box(), page.evaluate(FIRST_VISUAL_JS)
    assert first is not None and abs(first["top"] - box["y"]) < 1, f"a visual above it: {first}"
    assert 0 <= box["y"] and box["y"] + min(box["height"], FIRST_SCREEN_PX) <= height, f"not on screen: {box}"
    return box


def first_visual_shows(page, viewport_height: int) -> tuple[bool, dict | None]:
    """Whether the page's main visual is on the first screen: all of it, or its first 400 px when taller.

    Measured once the layout has settled: a small picture drawn before the main one must not count."""
    wait_idle(page)
    wait_settled(page)
    box = page.evaluate(FIRST_VISUAL_JS)
    return box["top"] >= 0 and box["top"] + min(box["height"], FIRST_SCREEN_PX) <= viewport_height, box


def url_settings(page) -> dict:
    """The settings the address bar holds now (decoded as the app's links write them)."""
    from urllib.parse import parse_qsl, urlparse

    from pages.widgets.links import decode

    return decode(dict(parse_qsl(urlparse(page.url).query)))


def expect_in_link(page, key: str, value) -> None:
    """The address bar comes to hold `key` = `value` (it is updated as the run's last message lands)."""
    deadline = time.monotonic() + 15
    while url_settings(page).get(key) != value and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert url_settings(page).get(key) == value, f"{key}: {url_settings(page).get(key)!r} != {value!r}"


def expect_out_of_link(page, key: str) -> None:
    """The address bar comes to hold no `key` (it is written in the browser once the run has landed)."""
    deadline = time.monotonic() + 15
    while key in url_settings(page) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert key not in url_settings(page), f"{key} still in the link: {url_settings(page)}"


# Every button of a chart's toolbar: its title and the row it sits in.
TOOLBAR_JS = """(plot) => [...plot.querySelectorAll('.modebar-btn')].map((b) => ({
    title: b.getAttribute('data-title') || '', top: Math.round(b.getBoundingClientRect().top)}))"""


def toolbar_troubles(page, where: str) -> list[str]:
    """plotly.js offers "Share chart" (an upload to Plotly Cloud): an offline classroom never sends a chart.
    Every chart's toolbar: no such button, a download button, one row (a second row covered titles)."""
    plots = page.locator('[data-testid="stMain"] .js-plotly-plot')
    found = []
    for index in range(plots.count()):
        plot = plots.nth(index)
        if not plot.is_visible():
            continue
        plot.scroll_into_view_if_needed()
        plot.hover()
        plot.locator(".modebar-btn").first.wait_for(state="attached")
        buttons = plot.evaluate(TOOLBAR_JS)
        titles = [b["title"] for b in buttons]
        if [t for t in titles if "Share" in t or "Chart Studio" in t or "Cloud" in t]:
            found.append(f"{where} chart {index} offers to share itself: {titles}")
        if not any(t.startswith("Download") for t in titles):
            found.append(f"{where} chart {index} has no download button: {titles}")
        if len({b["top"] for b in buttons}) != 1:
            found.append(f"{where} chart {index}: toolbar in rows {buttons}")
    page.evaluate(
        "() => document.querySelectorAll('*').forEach((el) => { if (el.scrollTop) el.scrollTop = 0; })"
    )
    return found  # scrolled back: the first screen again
