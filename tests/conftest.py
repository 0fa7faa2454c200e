"""Test-wide settings: full error details in tests (users see none: .streamlit/config.toml)."""

import os

import pytest

os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
os.environ.setdefault("LAYERLAB_DEVICE", "cpu")

# Two workers (pytest.ini: -n 2 --dist loadfile) take whole files in the order collected: the longest
# files go first, so neither worker is left alone with a long one at the end.
LONGEST_FIRST = [
    "browser/test_extremes_browser.py",
    "browser/test_classroom.py",
    "browser/test_uploads_browser.py",
    "browser/test_first_minute.py",
    "deploy/test_replicas.py",
    "apptest/test_extremes.py",
    "apptest/test_crafted_links.py",
]
FOLDERS_FIRST = ["browser", "apptest", "tour_claims"]


def _order(item) -> tuple[int, int]:
    path = item.nodeid.split("::")[0].removeprefix("tests/")
    if path in LONGEST_FIRST:
        return 0, LONGEST_FIRST.index(path)
    folder = path.split("/")[0]
    return 1, FOLDERS_FIRST.index(folder) if folder in FOLDERS_FIRST else len(FOLDERS_FIRST)


def pytest_collection_modifyitems(items):
    items.sort(key=_order)  # stable: within a file, and among files of one rank, the collected order


@pytest.fixture(scope="session")
def browser():
    """One chromium per test process, for the browser and the deploy tests alike: Playwright's sync API
    cannot start a second time in a process while the first is running."""
    from tests.browser import driver

    with driver.chromium() as chromium:
        yield chromium
