"""Issue 4: "training hello to 'ello' takes under 2 s with the live view on".
`python benchmarks/hello_live.py`

Opens Unroll an RNN in chromium with the page's default settings, presses ▶ Play and times, in the
browser, from the click until the painted page says "says ello" (the live view is on the whole time).
Repeated in fresh sessions (each one a fresh model); prints the median and every run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import driver  # noqa: E402

TARGET_S = 2.0
# Clock starts at the pointer press on Play; every paint is watched until the said-box reads 'ello'.
ARM = """() => { window.__hello = new Promise(resolve => {
  let t0 = null;
  document.addEventListener('pointerdown', () => { if (t0 === null) t0 = performance.now(); }, true);
  const check = () => {
    const said = document.querySelector('.st-key-unroll_rnn-said');
    if (t0 !== null && said && /says ello/.test(said.innerText)) resolve(performance.now() - t0);
    else if (t0 !== null && performance.now() - t0 > 30000) resolve(null);
    else requestAnimationFrame(check);
  };
  check();
}); }"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    seconds = []
    with sync_playwright() as playwright, driver.streamlit_server() as url:
        browser = driver.launch(playwright)
        for i in range(args.repeats + 1):  # the first one warms the server (imports, first optimizer)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"{url}/unroll_rnn", timeout=120_000)
            driver.wait_idle(page, 120_000)
            page.evaluate(ARM)
            page.locator(".st-key-unroll_rnn-live-play button").click()
            elapsed = page.evaluate("() => window.__hello")
            status = page.locator(".st-key-unroll_rnn-live-status").inner_text()
            page.locator(".st-key-unroll_rnn-live-reset button").click()  # free the training slot now
            driver.wait_idle(page)
            context.close()
            if i > 0:
                seconds.append(None if elapsed is None else elapsed / 1000)
                print(
                    f"  run {i}: {'timed out' if elapsed is None else f'{elapsed / 1000:.2f} s'} "
                    f"({status.strip()})",
                    flush=True,
                )
        browser.close()
    done = [s for s in seconds if s is not None]
    median = statistics.median(done) if done else float("nan")
    print(
        f"Play -> page says 'ello' (live view on): median {median:.2f} s over {len(done)} runs "
        f"(target < {TARGET_S} s): {'ok' if done and median < TARGET_S else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
