"""Two versions of the app, one interaction, samples alternating: `python benchmarks/ab_pages.py OLD_TREE
PAGE KEY KIND [TEXT]` (OLD_TREE: another checkout, e.g. `git worktree add /tmp/old HEAD`).

This machine's speed moves by a third from one minute to the next, so two runs of bench_app taken
minutes apart cannot rank a change of 10-20 ms. Here both servers run at once and each sample of the
old version is followed by one of the new (this tree), so both see the same minute; the report is
the median of the paired differences and how many pairs the new version won.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_app import one_sample  # noqa: E402
from tests.browser import driver  # noqa: E402


def start(tree: Path) -> tuple[subprocess.Popen, str]:
    port = driver.free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "LAYERLAB_DEVICE": "cpu"},
    )
    url = f"http://127.0.0.1:{port}"
    driver.wait_for_health(url, 90, process)
    return process, url


def paired(old: Path, page: str, interaction: dict, pairs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    servers = [start(old), start(driver.ROOT)]
    try:
        with sync_playwright() as playwright:
            browser = driver.launch(playwright)
            tabs = []
            for _, url in servers:
                tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                tab.goto(f"{url}/{page}", timeout=120_000)
                driver.wait_idle(tab, 120_000)
                tabs.append(tab)
            before, after = [], []
            for i in range(pairs + 1):  # the first pair warms caches and is dropped
                a, b = (one_sample(tab, interaction, flip=bool(i % 2)) for tab in tabs)
                if i and a is not None and b is not None:
                    before.append(a)
                    after.append(b)
            browser.close()
    finally:
        for process, _ in servers:
            process.terminate()
    return before, after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("page")
    parser.add_argument("key")
    parser.add_argument("kind", choices=["slider", "text", "button"])
    parser.add_argument("text", nargs="?", default="")
    parser.add_argument("--pairs", type=int, default=16)
    args = parser.parse_args(argv)
    before, after = paired(
        args.old, args.page, {"kind": args.kind, "key": args.key, "text": args.text}, args.pairs
    )
    differences = [b - a for a, b in zip(before, after)]
    print(
        f"{args.page} {args.key}: old {statistics.median(before):.1f} ms, "
        f"new {statistics.median(after):.1f} ms, "
        f"median of new - old {statistics.median(differences):+.1f} ms, new faster in "
        f"{sum(d < 0 for d in differences)} of {len(differences)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
