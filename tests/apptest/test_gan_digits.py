"""AppTest of the digit GAN page: samples from the pretrained GAN, a training step, interpolation seeds."""

import time

from streamlit.testing.v1 import AppTest

from pages.widgets.catalog import ROOT

K = "gan_digits"


def _captions(at) -> list[str]:
    return [i.caption for e in at.get("image") for i in e.proto.imgs]


def _status(at, want: str) -> str:
    for _ in range(20):
        status = next(c.value for c in at.caption if "Step" in c.value)
        if want in status:
            return status
        time.sleep(0.5)
        at.run()
    return status


def test_pretrained_samples_step_and_interpolation():
    at = AppTest.from_file(str(ROOT / "pages/gan_digits.py"), default_timeout=60).run()
    assert not at.exception
    assert "64 samples G(z) from fixed noise" in _captions(at)
    grid_before = (
        next(e for e in at.get("image") if e.proto.imgs[0].caption.startswith("64")).proto.imgs[0].url
    )
    at.button(key=f"{K}-live-step").click().run()
    assert "Step 1" in _status(at, "Step 1")
    grid_after = (
        next(e for e in at.get("image") if e.proto.imgs[0].caption.startswith("64")).proto.imgs[0].url
    )
    assert grid_after != grid_before  # one step changed the generator's pictures
    at.slider(key=f"{K}-to").set_value(9).run()
    assert "from z(seed 1) to z(seed 9)" in _captions(at)
    assert not at.slider and not at.button and len(at.get("image")) == 1  # only the strip reran, not training
    at.run()
    assert "Step 1" in _status(at, "Step 1") and "from z(seed 1) to z(seed 9)" in _captions(
        at
    )  # the same job
    at.radio(key=f"{K}-start").set_value("Scratch (random weights)").run()
    assert not at.exception and "Step 0" in _status(at, "Step 0")


def test_a_new_learning_rate_says_that_training_starts_again_from_step_0():
    at = AppTest.from_file(str(ROOT / "pages/gan_digits.py"), default_timeout=60).run()
    assert any("starts training again from step 0" in c.value for c in at.caption)  # said before it happens
    at.button(key=f"{K}-live-step").click().run()
    assert "Step 1" in _status(at, "Step 1")
    at.select_slider(key=f"{K}-lr-d").set_value(1e-4).run()
    assert "Step 0" in _status(at, "Step 0")
    assert any("the last run reached step 1" in t.value for t in at.toast)
