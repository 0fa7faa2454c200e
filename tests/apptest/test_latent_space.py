"""AppTest of the AE vs VAE page: decode a chosen z, pick a digit, train both models live."""

import base64

import numpy as np
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
    assert _images(at, "ae")[0][2] == "decoded z = (0.00, 0.00)"  # each plane has its own z
    at.number_input(key=f"{K}-digit").set_value(5).run()
    assert _images(at, "ae")[0][0] == f"held-out #5 (a {digits().y_test[5]})"


def test_train_live_steps_both_models_and_bigger_latents_use_pca():
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60).run()
    at.radio(key=f"{K}-mode").set_value("Train live").run()
    assert not at.exception
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception
    assert until_caption(at, "Step 1")
    assert len(page_charts(at)) == 4  # two curves, two planes
    at.select_slider(key=f"{K}-latent").set_value(8).run()
    at.button(key=f"{K}-live-step").click().run()
    assert not at.exception
    assert until_caption(at, "8-D latent shown by PCA")


def _plane(at, model: str) -> dict:
    """The figure of one model's latent plane."""
    return next(c.figure for c in page_charts(at) if c.id.endswith(f"{K}-{model}-plane"))


def _values(array) -> np.ndarray:
    """A plotly JSON array: a list, or numpy's typed array as base64 ({"dtype", "bdata"})."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def _mark(figure: dict, name: str) -> tuple[float, float]:
    trace = next(t for t in figure["data"] if t.get("name") == name)
    return round(float(_values(trace["x"])[0]), 3), round(float(_values(trace["y"])[0]), 3)


def test_the_red_dot_is_the_sliders_z_set_by_a_tour_and_it_follows_the_sliders():
    """Tour scene 2 puts the AE's red dot at z = (5, -6): it is drawn from the controls, not from a click."""
    from engine import tours

    scene = tours.load(K)[1]
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60)
    for key, value in scene.settings.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception
    assert _mark(_plane(at, "ae"), "decoded z") == (5.0, -6.0)
    assert _mark(_plane(at, "vae"), "decoded z") == (0.0, 0.0)
    at.slider(key=f"{K}-ae-z1").set_value(1.5).run()
    assert _mark(_plane(at, "ae"), "decoded z") == (1.5, -6.0)  # the dot moves with the slider
    names = [t.get("name") for t in _plane(at, "ae")["data"]]
    assert names.count("decoded z") == 1 and "held-out #12" in names  # one dot, and the chosen digit
    at.number_input(key=f"{K}-digit").set_value(5).run()
    assert any(t.get("name") == "held-out #5" for t in _plane(at, "vae")["data"])


def test_the_vae_words_follow_beta_when_training_live():
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60).run()
    at.radio(key=f"{K}-mode").set_value("Train live").run()
    for beta, present, absent in (
        (0.0, "With **β = 0** there is no KL term", "no holes"),
        (1.0, "no holes", "β = 0"),
    ):
        at.slider(key=f"{K}-beta").set_value(beta).run()
        at.button(key=f"{K}-live-step").click().run()
        assert until_caption(at, "Step 1")
        for _ in range(20):  # the view arrives with the step's snapshot
            words = [m.value for m in at.markdown if "KL term" in m.value]
            if words:
                break
            at.run()
        assert not at.exception
        assert words and present in words[0] and absent not in words[0], (beta, words)


def test_an_uploaded_digit_off_the_plane_is_said_not_lost():
    """A thin upright '1' lands at z ~ (-7.4, 26) on the AE, above the plane's top: the page says so."""
    import io

    from PIL import Image

    picture = np.full((100, 100), 255, np.uint8)
    picture[10:90, 46:55] = 0
    png = io.BytesIO()
    Image.fromarray(picture).save(png, format="PNG")
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60).run()
    at.radio(key=f"{K}-own-source").set_value("Upload").run()
    at.file_uploader(key=f"{K}-own-upload").upload("one.png", png.getvalue(), "image/png").run()
    assert not at.exception and not at.error
    said = [w.value for w in at.warning]
    assert len(said) == 1 and "outside this plane" in said[0] and "Your digit" in said[0], said


def test_the_shared_planes_are_never_changed_by_drawing_them():
    """The pretrained planes are cached for every student (st.cache_resource): drawing one, in either view
    and with the marks of a z, a digit and an uploaded star, must leave the shared dict exactly as built."""
    import copy

    from pages.widgets import latent_models

    labels = digits().y_test
    ab = tuple(int(np.flatnonzero(labels == digit)[0]) for digit in (3, 8))  # the page's default ends
    shared = {
        (m, tick): latent_models.pretrained_plane(m, *ab, True, tick)
        for m in ("ae", "vae")
        for tick in (14, 22)
    }  # normal, presenter view
    before = {k: copy.deepcopy(v) for k, v in shared.items()}
    at = AppTest.from_file(str(ROOT / "pages/latent_space.py"), default_timeout=60).run()
    at.slider(key=f"{K}-vae-z1").set_value(1.5).run()
    at.session_state["presenter"] = True  # pages.widgets.classroom
    at.run()
    assert not at.exception
    for key, plane in shared.items():
        assert latent_models.pretrained_plane(key[0], *ab, True, key[1]) is plane  # the same object
        assert _same(plane, before[key]), f"the shared plane {key} was changed while drawn"


def _same(a, b) -> bool:
    """Equal all the way down: dicts, lists and numpy arrays."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    return a == b
