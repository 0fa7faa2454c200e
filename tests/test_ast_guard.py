"""Two threads parsing at once, as the device probe and a page's script thread do at start-up."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# One thread parses from a shallow stack, one from a deep one (torch's import is ~40 frames deep);
# a Python-level GC callback hands the GIL over in the middle of a parse.
RACE = """
import ast, gc, inspect, sys, threading
sys.path.insert(0, {root!r})
if {guarded}:
    from engine import ast_guard
    ast_guard.install()
source = open(inspect.__file__).read()
errors = []

def on_gc(*_):
    total = 0
    for i in range(300):
        total += i

def at_depth(depth, call):
    return call() if depth == 0 else at_depth(depth - 1, call)

def parse_repeatedly(depth):
    for _ in range(12):
        try:
            at_depth(depth, lambda: ast.parse(source))
        except SystemError as error:
            errors.append(str(error))
            return

gc.set_threshold(50)
gc.callbacks.append(on_gc)
sys.setswitchinterval(1e-6)
threads = [threading.Thread(target=parse_repeatedly, args=(depth,)) for depth in (5, 40)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(errors[0] if errors else "clean")
"""


def _race(guarded: bool) -> str:
    script = RACE.format(root=str(ROOT), guarded=guarded)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the race is CPython 3.11's")
def test_the_race_is_real_without_the_guard():
    assert "AST constructor recursion depth mismatch" in _race(guarded=False)


def test_guarded_parses_never_trip_over_each_other():
    assert _race(guarded=True) == "clean"


def test_install_is_idempotent_and_parses_as_before():
    import ast

    from engine import ast_guard

    ast_guard.install()
    first = ast.parse
    ast_guard.install()
    assert ast.parse is first and ast_guard.installed()
    assert ast.dump(ast.parse("x = 1")) == ast.dump(first.__wrapped__("x = 1"))
