"""MLP playground in chromium: training moves the decision surface; a bad CSV gets a message."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

K = "mlp_playground"
SURFACE_CELL = f"""() => {{
  const plot = document.querySelector('.st-key-{K}-surface .js-plotly-plot');
  const z = plot && plot._fullData && plot._fullData[0] && plot._fullData[0].z;
  return z && z[30] ? z[30][45] : null;
}}"""


LIVE_PICTURE = f"() => document.querySelector('.st-key-{K}-surface img')?.getAttribute('src') || null"


def test_play_moves_the_decision_surface(visit):
    page = visit.open(K)
    page.wait_for_function(f"() => ({SURFACE_CELL})() !== null")
    before = page.evaluate(SURFACE_CELL)
    visit.rerun(lambda: visit.key(f"{K}-play").locator("button").click())
    expect(visit.key(f"{K}-status")).to_contain_text("steps/s", timeout=30_000)
    # While it trains, the plane is a picture repainted live: it must change under our eyes.
    page.wait_for_function(f"() => ({LIVE_PICTURE})() !== null", timeout=30_000)
    first = page.evaluate(LIVE_PICTURE)
    page.wait_for_function(
        f"() => ({LIVE_PICTURE})() !== null && ({LIVE_PICTURE})() !== {first!r}", timeout=30_000
    )
    visit.rerun(lambda: visit.key(f"{K}-pause").locator("button").click())
    expect(visit.key(f"{K}-play")).to_be_visible()
    # Paused, it is the chart again, with the trained network's numbers under the mouse.
    page.wait_for_function(f"() => Math.abs(({SURFACE_CELL})() - {before}) > 0.05", timeout=30_000)


def test_bad_csv_gets_a_message_and_a_good_one_trains(visit, tmp_path):
    page = visit.open(K)
    visit.rerun(lambda: visit.key(f"{K}-source").get_by_text("Upload CSV").click())
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,0\n3,four,1\n0,1,1\n2,2,0\n")
    visit.rerun(lambda: visit.key(f"{K}-upload").locator("input[type=file]").set_input_files(str(bad)))
    expect(page.get_by_text("Row 2: x1 and x2 must be numbers")).to_be_visible(timeout=30_000)
    good = tmp_path / "good.csv"
    good.write_text(
        "x1,x2,label\n" + "".join(f"{i % 7 - 3},{i % 5 - 2},{'a' if i % 2 else 'b'}\n" for i in range(40))
    )
    visit.rerun(lambda: visit.key(f"{K}-upload").locator("input[type=file]").set_input_files(str(good)))
    expect(page.get_by_text("40 points")).to_be_visible(timeout=30_000)
    expect(visit.key(f"{K}-surface")).to_be_visible(timeout=30_000)


def test_more_noise_redraws_the_plane_and_keeps_the_controls(visit):
    page = visit.open(K)
    page.wait_for_function(f"() => ({SURFACE_CELL})() !== null")
    visit.rerun(lambda: visit.key(f"{K}-noise").get_by_role("slider").press("ArrowRight"))  # 0.10 -> 0.15
    expect(visit.key(f"{K}-status")).to_contain_text("Step 0")  # a fresh network on new data
    expect(visit.key(f"{K}-surface").locator(".js-plotly-plot")).to_be_visible()
    expect(visit.key(f"{K}-layers")).to_be_visible()  # the controls stay drawn
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("presenter", [False, True], ids=["1400x1000", "presenter-1920x1080"])
def test_the_plane_and_play_are_on_the_first_screen(browser, app_url, presenter):
    """Issue 18: the plane with ▶ Play on the first screen, in both views (it was below the settings)."""
    from tests.browser import driver

    size = {"width": 1920, "height": 1080} if presenter else {"width": 1400, "height": 1000}
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/{K}" + ("?presenter=true" if presenter else ""), timeout=90_000)
        driver.wait_idle(page, 90_000)
        plane = page.locator(f".st-key-{K}-surface .js-plotly-plot .main-svg").first
        expect(plane).to_be_visible(timeout=120_000)  # a busy CPU draws slowly
        play = page.locator(f".st-key-{K}-play button")
        expect(play).to_be_visible()
        expect(play).to_contain_text("Play")
        box, button = plane.bounding_box(), play.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 1, box  # the whole plane
        assert button["y"] + button["height"] <= size["height"], button
        assert box["height"] >= 300, box
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()


CUT_WORDS = """root => [...root.querySelectorAll('*')]
  .filter(e => e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)
  .map(e => `${e.textContent.trim()}: ${e.scrollWidth} px of words in ${e.clientWidth} px`)"""


def test_the_training_buttons_and_the_toggle_show_their_whole_words(visit):
    """At 1400 px, fixed columns cut "↺ Reset" to "↺ R…", "💾 Save / load" to "Save…" and the test points'
    toggle to "Show test points (open cir…"."""
    page = visit.open(K)
    expect(visit.key(f"{K}-reset")).to_be_visible(timeout=30_000)
    for key in ("play", "step", "reset", "show-test"):
        assert visit.key(f"{K}-{key}").evaluate(CUT_WORDS) == [], key
    save = page.get_by_role("button", name="💾 Save / load")
    assert save.evaluate(CUT_WORDS) == []
