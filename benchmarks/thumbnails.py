"""Home-page thumbnails made from the app's own figures: `python benchmarks/thumbnails.py`.

Opens every demo page in chromium, screenshots its first figure (a Plotly chart or an image)
and writes assets/thumbnails/<page>.png, 480 px wide. Run it again after a page changes its look.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pages.widgets.catalog import available  # noqa: E402
from tests.browser import driver  # noqa: E402

WIDTH, HEIGHT = 480, 300
# a chart (drawn by pages/widgets/plotly_view.py: a plotly div, no stPlotlyChart) or a picture
FIGURES = (
    '[data-testid="stMain"] :is(.js-plotly-plot, [data-testid="stPlotlyChart"], [data-testid="stImage"])'
)


def main(only: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    out = ROOT / "assets" / "thumbnails"
    out.mkdir(parents=True, exist_ok=True)
    with driver.streamlit_server() as url, sync_playwright() as playwright:
        browser = driver.launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for demo in available():
            if only and demo.url_path not in only:
                continue
            page.goto(f"{url}/{demo.url_path}", timeout=120_000)
            driver.wait_idle(page, 120_000)
            figures = page.locator(FIGURES)
            try:
                figures.first.wait_for(timeout=30_000)  # live pages draw theirs in a fragment after the run
            except Exception:  # noqa: BLE001 (playwright's TimeoutError)
                print(f"{demo.url_path}: no figure on the page, no thumbnail")
                continue
            driver.wait_settled(page)  # every chart drawn and the first one still
            shot = Image.open(io.BytesIO(figures.first.screenshot())).convert("RGB")
            shot.thumbnail((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
            canvas = Image.new("RGB", (WIDTH, HEIGHT), "white")
            canvas.paste(shot, ((WIDTH - shot.width) // 2, (HEIGHT - shot.height) // 2))
            canvas.save(out / f"{demo.url_path}.png", optimize=True)
            print(f"{demo.url_path}: {out / (demo.url_path + '.png')}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
