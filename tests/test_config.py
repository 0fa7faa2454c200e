"""The server configuration a classroom relies on."""

import tomllib
from pathlib import Path

from engine.safe_inputs import MAX_UPLOAD_BYTES

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())


def test_students_never_see_tracebacks():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_nothing_phones_home():
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["browser"]["serverAddress"] == "localhost"  # no public-IP lookup at start-up


def test_upload_cap_matches_the_engine():
    assert CONFIG["server"]["maxUploadSize"] * 1024 * 1024 == MAX_UPLOAD_BYTES


def test_post_run_gc_is_off_and_both_themes_are_set():
    assert CONFIG["runner"]["postScriptGC"] is False
    assert {"light", "dark"} <= set(CONFIG["theme"])
