"""Every page's tour has its claims recomputed: a page without a claims test is a tour nobody checks."""

from pathlib import Path

import pytest

from pages.widgets.catalog import available

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("demo", available(), ids=lambda d: d.url_path)
def test_every_tour_has_a_claims_test(demo):
    claims = HERE / f"test_{demo.url_path}.py"
    assert claims.is_file(), f"{demo.url_path}: its tour's claims are not recomputed in {claims.name}"
    assert "tours.load(" in claims.read_text(), f"{claims.name} does not read the tour it checks"
