"""AppTest of the AE vs VAE page: decode a chosen z, pick a digit, train both models live."""
from streamlit.testing.v1 import AppTest

from engine.datasets import digits
from pages.widgets.catalog import ROOT
from tests.apptest.charts import charts as page_charts
from tests.apptest.waiting import until_caption

K = "latent_space"


def _images(at, model):
    """(captions, urls) of the decoded panel of one model."""
    panels = [e for e in at.get("image") if e.proto.imgs[0].caption.startswith("held-out")]
    block = panels[0 if model == "ae" else 1]
    return [i.caption for i in block.proto.imgs], [i.url for i in block.proto.imgs]


def test_pretrained_page_decodes_the_chosen_z_and_the_chosen_digit():
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60).run()
    assert not at.exception
    assert len(page_charts(at)) == 2
    captions, urls = _images(at, "vae")
    assert captions[:3] == ["held-out #0 (a 6)", "its reconstruction", "decoded z = (0.00, 0.00)"]
    at.slider(key=f"{K}-vae-z1").set_value(1.5).run()
    assert not at.exception
    new_captions, new_urls = _images(at, "vae")
    assert new_captions[2] == "decoded z = (1.50, 0.00)" and new_urls[2] != urls[2]
    assert _images(at, "ae")[0][2] == "decoded z = (0.00, 0.00)"   # each plane has its own z
    at.number_input(key=f"{K}-digit").set_value(5).run()
    assert _images(at, "ae")[0][0] == f"held-out #5 (a {digits().y_test[5]})"


def test_train_live_steps_both_models_and_bigger_latents_use_pca():
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60).run()
    at.radio(key=f"{K}-mode").set_value("Train live").run()
    assert not at.exception
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception
    assert until_caption(at, "Step 1")
    assert len(page_charts(at)) == 4                          # two curves, two planes
    at.select_slider(key=f"{K}-latent").set_value(8).run()
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception
    assert until_caption(at, "8-D latent shown by PCA")
