"""The code is formatted and linted by ruff, as pyproject.toml configures it (lines of at most 110)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


def _ruff(*args: str) -> subprocess.CompletedProcess:
    if RUFF is None:
        pytest.fail("ruff not found: `pip install -r requirements-dev.txt` installs it")
    return subprocess.run([RUFF, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_code_is_formatted_by_ruff():
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, f"run `.venv/bin/ruff format .`:\n{result.stdout}{result.stderr}"


def test_ruff_finds_nothing_to_fix():
    result = _ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, f"`.venv/bin/ruff check .` says:\n{result.stdout}{result.stderr}"
