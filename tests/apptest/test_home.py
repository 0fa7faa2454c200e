"""AppTest of the frame and the home page."""
from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT, available


def test_home_page_renders_cards_for_every_demo():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # page links need the router
    assert not at.exception
    assert at.title[0].value.endswith("LayerLab")
    headers = [h.value for h in at.header]
    assert "Using it in class" in headers
    for section in {d.section for d in available()}:
        assert section in headers


def test_app_routes_and_shows_the_shared_sidebar():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("Running on" in c.value for c in at.sidebar.caption)
    assert at.title[0].value.endswith("LayerLab")


def test_every_page_opens_from_the_router():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for demo in available():
        at.switch_page(demo.path).run()
        assert not at.exception, f"{demo.path}: {at.exception}"
        assert at.title, f"{demo.path} shows no title"
