"""AppTest of the X-vs-O page: the verdict follows the picture; moving it changes the votes,
not the answer."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

P = "x_vs_o"


def verdict(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def scores_text(at) -> str:
    return next(c.spec for c in page_charts(at) if "score for X" in c.spec)


def test_verdicts_votes_and_moves():
    at = AppTest.from_file(str(ROOT / f"pages/{P}.py"), default_timeout=60).run()
    assert not at.exception and "**X**" in verdict(at)
    clean = scores_text(at)
    at.slider(key=f"{P}-right").set_value(1).run()
    assert "**X**" in verdict(at) and scores_text(at) != clean  # shifted: other votes, same answer
    assert not at.slider and not at.subheader and len(page_charts(at)) == 4  # only the outputs reran
    at.run()
    at.slider(key=f"{P}-rotate").set_value(45).run()  # an X turned 45° is a plus
    at.run()
    at.slider(key=f"{P}-noise").set_value(6).run()
    assert not at.exception
    at.run()
    at.radio(key=f"{P}-input").set_value("O").run()  # the whole page: a new picture
    assert at.slider
    at.slider(key=f"{P}-rotate").set_value(0).run()
    at.run()
    at.slider(key=f"{P}-noise").set_value(0).run()
    at.run()
    at.radio(key=f"{P}-votes").set_value("learned").run()  # the accuracy and the outputs rerun
    assert not at.exception and not at.radio and "**O**" in verdict(at)
    assert any("right 9" in c.value for c in at.caption)  # accuracy on unseen pictures, 90%+
    at.run()
    assert "**O**" in verdict(at) and any("right 9" in c.value for c in at.caption)
