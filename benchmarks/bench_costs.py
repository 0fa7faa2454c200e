"""Where a page's time goes before any demo code runs: `python benchmarks/bench_costs.py`.

Measures, in one run and as bench_app measures a page (key press until the update is painted), the
floor (the minimal app) and the floor's slider inside LayerLab's frame (benchmarks/cost_app.py) with
what a demo page holds: the whole page rerun or only a fragment, other controls left alone, and
photo-sized pictures redrawn. Each row is Streamlit's own cost for a page of that shape, so a page
of that shape cannot answer faster. Writes benchmarks/results/costs.json and costs.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_app import RESULTS, measure_floor  # noqa: E402
from tests.browser import driver  # noqa: E402

SHAPES = [  # (what the page holds, environment for cost_app.py)
    ("frame, the whole page reruns (= bench_app's frame floor)", {"COST_SCOPE": "page"}),
    ("frame, only a fragment reruns", {"COST_SCOPE": "part"}),
    (
        "frame, only a fragment reruns and writes the link (as the demo parts do)",
        {"COST_SCOPE": "part", "COST_LINK": "1"},
    ),
    (
        "frame, a fragment redrawing one small heatmap and writing the link (the least a demo part does)",
        {"COST_SCOPE": "part", "COST_CHART": "1", "COST_LINK": "1"},
    ),
    ("frame, a fragment, 20 other controls on the page", {"COST_SCOPE": "part", "COST_WIDGETS": "20"}),
    ("frame, a fragment redrawing three 512 x 512 maps", {"COST_SCOPE": "part", "COST_PICTURES": "3"}),
    (
        "frame, a fragment redrawing three 512 x 512 maps, 20 other controls",
        {"COST_SCOPE": "part", "COST_PICTURES": "3", "COST_WIDGETS": "20"},
    ),
    ("frame, a fragment rewriting 12 lines, one element each", {"COST_SCOPE": "part", "COST_LINES": "12"}),
    (
        "frame, a fragment rewriting 12 lines in one element",
        {"COST_SCOPE": "part", "COST_LINES": "12", "COST_MERGED": "1"},
    ),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "rows": []}
    with sync_playwright() as playwright:
        browser = driver.launch(playwright)
        result["floor"] = measure_floor(browser, args.repeats)
        print(f"floor: {result['floor']}", flush=True)
        for label, env in SHAPES:
            stats = measure_floor(browser, args.repeats, "benchmarks/cost_app.py", env)
            result["rows"].append({"shape": label, "env": env, **stats})
            print(f"{label}: {stats}", flush=True)
        browser.close()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "costs.json").write_text(json.dumps(result, indent=2) + "\n")
    floor = result["floor"]["median_ms"]
    lines = [
        "# What a page of each shape costs in LayerLab's frame",
        "",
        f"Run {result['when']}. Floor (minimal app): median {floor} ms, p95 {result['floor']['p95_ms']} ms.",
        "",
        "| page shape | median ms | p95 ms | x floor |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {row['shape']} | {row['median_ms']} | {row['p95_ms']} | {row['median_ms'] / floor:.2f} |"
        for row in result["rows"]
    ]
    (RESULTS / "costs.md").write_text("\n".join(lines) + "\n")
    print((RESULTS / "costs.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
