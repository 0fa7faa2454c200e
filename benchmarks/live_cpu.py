"""What a page's live view costs the server: `python benchmarks/live_cpu.py SPEC [--old OLD_TREE]
[--rounds N]`
(SPEC: a name in benchmarks/specs with LIVE, e.g. mlp_playground; OLD_TREE: another checkout to compare).

bench_app's live/bare ratio divides two rates measured seconds apart, and on this machine one window
of either moves by a third from run to run. This counts CPU time instead. The server is held on CPU 0
and chromium on CPU 1 (a classroom: the browser runs on the student's laptop); while the page trains
live for `seconds`, the busiest thread is the training loop and everything else the process used
(reruns of the live view, the websocket, threads that came and went) is the view's cost, in CPU
milliseconds per second. The training loop gets the rest of the core: 1000 minus that is the most
its live/bare ratio can be. With --old, the two versions run side by side and take turns.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ab_pages import start  # noqa: E402
from benchmarks.bench_app import can_pin, pin  # noqa: E402
from tests.browser import driver  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_path: str) -> float:
    fields = Path(stat_path).read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def thread_seconds(pid: int) -> dict[str, float]:
    seconds = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):
            seconds[tid] = cpu_seconds(f"/proc/{pid}/task/{tid}/stat")
    return seconds


def measure(browser, url: str, pid: int, live: dict, page_name: str, seconds: float) -> dict:
    """One window of live training from a fresh job: CPU ms/s of the training thread and of the rest."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    status = page.locator(f".st-key-{live['key']}-status")
    try:
        page.goto(f"{url}/{page_name}", timeout=120_000)
        driver.wait_idle(page, 120_000)
        pin(pid, "0", "1")
        page.locator(f".st-key-{live['key']}-play button").click()
        time.sleep(2.0)  # past the first steps and views

        def step() -> int:
            return int(re.search(r"Step ([\d,]+)", status.inner_text()).group(1).replace(",", ""))

        threads0, total0, step0, t0 = (
            thread_seconds(pid),
            cpu_seconds(f"/proc/{pid}/stat"),
            step(),
            time.monotonic(),
        )
        time.sleep(seconds)
        threads1, total1, step1, t1 = (
            thread_seconds(pid),
            cpu_seconds(f"/proc/{pid}/stat"),
            step(),
            time.monotonic(),
        )
        if "finished" in status.inner_text():  # a short job (char_rnn: 3,000 steps) ran out
            raise RuntimeError(f"{page_name} finished training inside the window: use fewer --seconds")
        page.locator(f".st-key-{live['key']}-pause button").click()
        page.locator(f".st-key-{live['key']}-play button").wait_for(timeout=30_000)
    finally:
        page.close()
        everything = f"0-{(os.cpu_count() or 2) - 1}"
        pin(pid, everything, everything)
    wall = t1 - t0
    training = max(threads1[t] - threads0.get(t, 0.0) for t in threads1)
    return {
        "training_ms_per_s": round(training / wall * 1000),
        "view_ms_per_s": round((total1 - total0 - training) / wall * 1000),
        "steps_per_s": round((step1 - step0) / wall),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec")
    parser.add_argument("--old", type=Path, help="another checkout to compare with this tree")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args(argv)
    if not can_pin():
        print("needs Linux, taskset, pgrep and 2 CPUs: the server and the browser each get one")
        return 1
    spec = importlib.import_module(f"benchmarks.specs.{args.spec}")
    trees = {"old": args.old, "new": driver.ROOT} if args.old else {"new": driver.ROOT}
    from playwright.sync_api import sync_playwright

    servers = {name: start(tree) for name, tree in trees.items()}
    results: dict[str, list[dict]] = {name: [] for name in trees}
    try:
        with sync_playwright() as playwright:
            browser = driver.launch(playwright)
            for _ in range(args.rounds):
                for name, (process, url) in servers.items():
                    results[name].append(
                        measure(browser, url, process.pid, spec.LIVE, spec.PAGE, args.seconds)
                    )
                    print(name, results[name][-1], flush=True)
            browser.close()
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(10)
    summary = {
        name: {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        for name, rows in results.items()
    }
    print(json.dumps({"spec": args.spec, "median": summary, "runs": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
