"""Where chromium's time goes for one interaction: `python benchmarks/js_profile.py PAGE KEY KIND [TEXT]`.

Repeats the interaction (as bench_app does it: KIND is slider, text or button on the widget with
`key=KEY`) under chromium's sampling JS profiler and prints, per interaction, the milliseconds spent
in Streamlit's own JavaScript, in plotly.js, in native work (style, layout, paint) and in GC, then the
busiest functions. The numbers are steadier than bench_app's wall-clock medians, so use this to
compare two versions of a page on this noisy 2-core machine. `--app` profiles another script
(e.g. benchmarks/cost_app.py with PAGE "").
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_app import act  # noqa: E402
from tests.browser import driver  # noqa: E402


def profile(page_name: str, interaction: dict, repeats: int, app: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = driver.launch(playwright)
        with driver.streamlit_server(app) as url:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{url}/{page_name}", timeout=120_000)
            driver.wait_idle(page, 120_000)
            for i in range(2):  # warm caches, as bench_app drops its first sample
                act(page, interaction, flip=bool(i % 2))
                page.wait_for_timeout(500)
                driver.wait_idle(page)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            cdp.send("Profiler.start")
            for i in range(repeats):
                act(page, interaction, flip=bool(i % 2))
                page.wait_for_timeout(400)
                driver.wait_idle(page)
            result = cdp.send("Profiler.stop")["profile"]
        browser.close()
    return result


def summarize(profile_: dict, repeats: int) -> tuple[dict, list]:
    nodes = {n["id"]: n for n in profile_["nodes"]}
    parent = {child: n["id"] for n in profile_["nodes"] for child in n.get("children", [])}

    def in_plotly(node_id) -> bool:
        while node_id in nodes:
            if nodes[node_id]["callFrame"]["url"].endswith("plotly.min.js"):
                return True
            node_id = parent.get(node_id)
        return False

    buckets, functions = collections.Counter(), collections.Counter()
    deltas = profile_["timeDeltas"][1:] + [0]
    for sample, delta in zip(profile_["samples"], deltas):
        frame = nodes[sample]["callFrame"]
        name = frame["functionName"]
        functions[
            f"{name or '(anonymous)'} {frame['url'].rsplit('/', 1)[-1][:40]}:{frame['lineNumber']}"
        ] += delta
        bucket = {
            "(idle)": "idle",
            "(program)": "native (style, layout, paint)",
            "(garbage collector)": "gc",
        }.get(name)
        buckets[bucket or ("plotly.js" if in_plotly(sample) else "streamlit / react js")] += delta
    per = lambda us: round(us / 1000 / repeats, 1)  # noqa: E731  microseconds in all -> ms per interaction
    return (
        {k: per(v) for k, v in buckets.most_common() if k != "idle"},
        [(per(v), k) for k, v in functions.most_common(20) if not k.startswith("(idle)")],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("key")
    parser.add_argument("kind", choices=["slider", "text", "button"])
    parser.add_argument("text", nargs="?", default="")
    parser.add_argument("--repeats", type=int, default=12)
    parser.add_argument("--app", default="app.py")
    args = parser.parse_args(argv)
    interaction = {"kind": args.kind, "key": args.key, "text": args.text}
    buckets, functions = summarize(profile(args.page, interaction, args.repeats, args.app), args.repeats)
    print("ms per interaction:", buckets)
    for ms, name in functions:
        print(f"{ms:7.2f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
