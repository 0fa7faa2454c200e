"""A class on one server, before the lesson: `python benchmarks/class_load.py [--students 30]`.

N simulated students, each a chromium tab of their own session, open pages within `--ramp` seconds;
every third one presses ▶ Play on a live-training page, so the server's training slots are full and
a line forms. The server runs pinned to CPU 0 and chromium to the others (where taskset exists), so
the clients distort the server's figures as little as this machine allows.

Reports, against one student alone on the same server:
- first page: from the address typed until the page has drawn (p50, p95), and error panels seen;
- interactions of students who are not training (a slider's arrow key until the page is drawn again),
  p50 and p95, while the training slots are full;
- the queue: the longest any training student waited for a turn, and the places they were shown;
- server memory (RSS) before, at its peak, and 20 s after every student has closed their tab.
Writes benchmarks/results/class.json and class.md.
Targets (issue 26, 30 students on 2 cores): first page p95 <= 10 s, interactions p95 <= 1 s,
memory <= 1.5 GB, memory after they leave within 15% of before.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_app import can_pin, one_sample, pin, rss_mb, summarize  # noqa: E402
from tests.browser import driver  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {"first_page_p95_s": 10.0, "interaction_p95_ms": 1000.0, "peak_mb": 1536.0, "after_vs_before": 1.15}
# what students open: (page, slider to probe or None); live pages are where they train
BROWSING = [
    ("perceptron", "perceptron-margin"),
    ("filters_pooling", "filters_pooling-stride"),
    ("backprop", None),
    ("x_vs_o", None),
    ("lstm_gates", None),
    ("self_attention", None),
    ("rnn_shapes", "rnn_shapes-digit"),
    ("bptt", None),
]
TRAINING = {
    "mlp_playground": "mlp_playground",
    "gan_2d": "gan_2d-live",
    "gan_digits": "gan_digits-live",
    "unroll_rnn": "unroll_rnn-live",
    "why_gates": "why_gates-live",
}  # page: its live-training key
# Stamps, in the page, the moment its first run has been drawn (ms since the address was typed).
FIRST_DRAWN = """(() => {
  const look = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute('data-test-script-state') === 'notRunning' && document.querySelector('h1')) {
      requestAnimationFrame(() => { window.__firstDrawn = performance.now(); });
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""
PLACE = re.compile(r"number (\d+) in line")


class Memory(threading.Thread):
    """The server's RSS once a second, in the background."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.done = pid, [], threading.Event()

    def run(self) -> None:
        while not self.done.wait(1.0):
            self.samples.append(round(rss_mb(self.pid), 1))


def open_student(browser, url: str, path: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(FIRST_DRAWN)
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(f"{url}/{path}", wait_until="commit", timeout=180_000)
    return context, page


def probe(page, slider_key: str, flip: bool) -> float:
    """One arrow key on a slider, until the page is drawn again: ms (bench_app's measure)."""
    elapsed = one_sample(page, {"kind": "slider", "key": slider_key}, flip)
    return float("inf") if elapsed is None else elapsed


def alone(browser, url: str) -> dict:
    """One student on the quiet server: the baseline."""
    context, page = open_student(browser, url, BROWSING[0][0])
    driver.watch_runs(page)
    driver.wait_idle(page, 180_000)
    first = page.evaluate("window.__firstDrawn") / 1000
    samples = [probe(page, BROWSING[0][1], flip=i % 2 == 1) for i in range(6)]
    context.close()
    return {"first_page_s": round(first, 2), "interaction": summarize(samples)}


def class_of(browser, url: str, students: int, ramp: float, memory: Memory) -> dict:
    opened, start = [], time.monotonic()
    for i in range(students):
        training = i % 3 == 2
        path = list(TRAINING)[(i // 3) % len(TRAINING)] if training else BROWSING[i % len(BROWSING)][0]
        slider = None if training else BROWSING[i % len(BROWSING)][1]
        while time.monotonic() - start < i * ramp / students:  # students arrive spread over the ramp
            time.sleep(0.05)
        context, page = open_student(browser, url, path)
        driver.watch_runs(page)
        opened.append((context, page, path, training, slider))
    firsts, errors = [], 0
    for context, page, path, training, slider in opened:
        driver.wait_idle(page, 180_000)
        page.wait_for_function("window.__firstDrawn !== undefined", timeout=180_000)
        firsts.append(page.evaluate("window.__firstDrawn") / 1000)
        errors += page.locator('[data-testid="stException"]').count()
    played = []
    for context, page, path, training, _ in opened:
        if training:
            page.locator(f".st-key-{TRAINING[path]}-play button").first.click()
            played.append((page, TRAINING[path], time.monotonic()))
    waits, places = _queue(played)
    samples = []  # while the slots are full: the trainings go on while these students click
    for round_ in range(2):
        for _, page, _, training, slider in opened:
            if not training and slider:
                samples.append(probe(page, slider, flip=round_ == 1))
    peak = max(memory.samples or [0])
    for context, *_ in opened:
        context.close()
    return {
        "students": students,
        "training": len(played),
        "first_page_s": _seconds(firsts),
        "error_panels": errors,
        "interaction": summarize(samples),
        "longest_wait_s": max(waits or [0]),
        "places_shown": sorted(set(places)),
        "peak_mb": peak,
    }


def _queue(played: list, limit: float = 240.0) -> tuple[list[float], list[int]]:
    """Until every training student trains (or `limit` s): how long each waited, the places shown."""
    waits, places, waiting = [], [], list(played)
    deadline = time.monotonic() + limit
    while waiting and time.monotonic() < deadline:
        for item in list(waiting):
            page, live_key, since = item
            words = " ".join(page.locator(f".st-key-{live_key}-status").all_inner_texts())  # none mid-run
            places += [int(p) for p in PLACE.findall(words)]
            if "steps/s" in words or "Finished" in words:
                waits.append(round(time.monotonic() - since, 1))
                waiting.remove(item)
        if waiting:
            waiting[0][0].wait_for_timeout(500)
    waits += [limit] * len(waiting)
    return waits, places


def _seconds(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 2),
        "p95": round(p95, 2),
        "max": round(ordered[-1], 2),
    }


def write_report(result: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "class.json").write_text(json.dumps(result, indent=2) + "\n")
    c, a = result["class"], result["alone"]
    lines = [
        f"# A class of {c['students']} on one server ({result['cpus']}; training slots: "
        f"{result.get('slots', 'one per CPU (at least 2)')})",
        "",
        "| measure | alone | class | target |",
        "|---|---|---|---|",
        f"| first page p50 / p95 (s) | {a['first_page_s']} | {c['first_page_s']['median']} / "
        f"{c['first_page_s']['p95']} | p95 ≤ {TARGETS['first_page_p95_s']} |",
        f"| interaction p50 / p95 (ms), slots full | {a['interaction']['median_ms']} / "
        f"{a['interaction']['p95_ms']} | {c['interaction']['median_ms']} / {c['interaction']['p95_ms']} | "
        f"p95 ≤ {TARGETS['interaction_p95_ms']:.0f} |",
        f"| error panels | 0 | {c['error_panels']} | 0 |",
        f"| longest wait for a training turn (s) | – | {c['longest_wait_s']} | bounded |",
        f"| places in line shown | – | {c['places_shown']} | |",
        f"| server memory: before / peak / after (MB) | {result['memory_before_mb']} | "
        f"{c['peak_mb']} / {result['memory_after_mb']} | peak ≤ {TARGETS['peak_mb']:.0f}, after ≤ "
        f"{TARGETS['after_vs_before']:.2f}x before |",
        "",
    ]
    (RESULTS / "class.md").write_text("\n".join(lines))
    print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which the students arrive")
    parser.add_argument(
        "--slots",
        type=int,
        default=None,
        help="training slots on the server (LAYERLAB_MAX_JOBS; default: one per CPU, at "
        "least 2): fewer slots than training students make a line form",
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    servers, env = [], {"LAYERLAB_MAX_JOBS": str(args.slots)} if args.slots else None
    with sync_playwright() as playwright, driver.streamlit_server(env=env, on_start=servers.append) as url:
        browser = driver.launch(playwright)
        pid = servers[0].pid
        pinned = can_pin()
        if pinned:
            pin(pid, "0", f"1-{max(1, (os.cpu_count() or 2) - 1)}")
        baseline = alone(browser, url)
        time.sleep(5)  # the baseline student's session is gone: what the server holds before the class
        before = round(rss_mb(pid), 1)
        memory = Memory(pid)
        memory.start()
        result = class_of(browser, url, args.students, args.ramp, memory)
        memory.done.set()
        time.sleep(20)
        after = round(rss_mb(pid), 1)
        browser.close()
    report = {
        "cpus": "server on CPU 0, chromium on the others" if pinned else "unpinned",
        "slots": args.slots or "one per CPU (at least 2)",
        "alone": baseline,
        "class": result,
        "memory_before_mb": before,
        "memory_after_mb": after,
        "memory_samples_mb": memory.samples,
    }
    write_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
