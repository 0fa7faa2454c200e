"""AppTest of the activations & backprop page: the curves, the numbers, gradient steps."""

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts

K = "backprop"


def _loss(at: AppTest) -> float:
    return float(at.metric[0].value)


def test_activation_choice_and_gradient_steps_change_the_numbers():
    at = AppTest.from_file(str(ROOT / "pages/backprop.py"), default_timeout=60).run()
    assert not at.exception
    assert any(r"\sigma(a)" in e.value for e in at.latex)
    first = _loss(at)
    at.button(key=f"{K}-step").click().run()
    assert "after 1 gradient steps" in at.metric[0].label
    assert not at.button and not at.slider and not at.header and len(at.latex) == 1  # only the numbers reran
    at.run()
    at.button(key=f"{K}-step").click().run()
    assert "after 2 gradient steps" in at.metric[0].label
    assert _loss(at) < first
    at.run()
    at.button(key=f"{K}-reset").click().run()
    assert _loss(at) == first
    at.run()
    equations = [e.value for e in at.latex]
    at.slider(key=f"{K}-x1").set_value(-1.5).run()
    assert [e.value for e in at.latex] != equations[-1:] and len(at.metric) == 1
    at.run()
    assert [e.value for e in at.latex] != equations
    at.slider(key=f"{K}-a").set_value(-4.0).run()  # only the curve reruns
    assert not at.exception and len(page_charts(at)) == 1 and not at.slider and not at.latex
    at.run()
    at.radio(key=f"{K}-activation").set_value("step").run()
    assert not at.exception
    assert any("not possible to propagate error" in m.value for m in at.markdown)
    assert any(r"g_{h1} = f'(a_{h1})" in e.value and "= 0.0000" in e.value for e in at.latex)


def test_output_node_equations_and_more_hidden_nodes():
    at = AppTest.from_file(str(ROOT / "pages/backprop.py"), default_timeout=60).run()
    at.slider(key=f"{K}-hidden").set_value(4).run()  # the page: the node's options change
    assert "h4" in at.selectbox(key=f"{K}-node").options
    at.selectbox(key=f"{K}-node").set_value("y1").run()  # only the network and its equations
    assert not at.exception and not at.selectbox and not at.metric
    assert any(r"[y1 = \text{target}]" in e.value for e in at.latex)
    at.run()
    assert any(r"[y1 = \text{target}]" in e.value for e in at.latex)
