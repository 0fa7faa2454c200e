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


def test_the_slides_examples_home_names_are_where_those_pages_start():
    """Issue 18: "the slides' own examples and numbers" must then be true. Home names three worked examples
    the pages start from; each is checked against the page's own defaults (the LSTM page starts from the
    plural form of the lecture's sentence, and home must quote what the page shows)."""
    import re

    from engine import rnn
    from engine.conv import LECTURE_FILTERS, X_IMAGE

    home = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    bullet = next(m.value for m in home.markdown if "**Project it.**" in m.value)
    bullet = bullet[bullet.index("**Project it.**") : bullet.index("- **Students")]
    quoted = re.findall(r"\"([^\"]+)\"", bullet)
    assert len(quoted) == 3, quoted
    x, hello, sentence = (" ".join(q.split()) for q in quoted)  # markdown wraps lines

    assert x == "X" and "9x9" in bullet and "three filters" in bullet
    at = AppTest.from_file(str(ROOT / "pages/filters_pooling.py"), default_timeout=60).run()
    assert not at.exception
    assert at.radio(key="filters_pooling-input").value == "x" and X_IMAGE.shape == (9, 9)
    assert at.multiselect(key="filters_pooling-presets").value == list(LECTURE_FILTERS)
    assert len(LECTURE_FILTERS) == 3

    assert hello == "hello" and rnn.HelloData().word == "hello"

    at = AppTest.from_file(str(ROOT / "pages/lstm_gates.py"), default_timeout=60).run()
    assert not at.exception
    shown = at.text_input(key="lstm_gates-sentence").value
    pattern = ".*".join(re.escape(part.strip()) for part in sentence.split("…"))  # "…" stands for words
    assert "…" in sentence and re.fullmatch(pattern, shown), (sentence, shown)


def test_every_demo_card_has_its_picture():
    """A card without a thumbnail is a bare title among pictures (the word-embeddings card had none):
    `benchmarks/thumbnails.py PAGE` makes it from the page's first figure."""
    from PIL import Image

    missing = [demo.url_path for demo in available() if not demo.thumbnail.is_file()]
    assert not missing, f"no thumbnail for {missing}: run benchmarks/thumbnails.py {' '.join(missing)}"
    sizes = {demo.url_path: Image.open(demo.thumbnail).size for demo in available()}
    assert set(sizes.values()) == {(480, 300)}, sizes
