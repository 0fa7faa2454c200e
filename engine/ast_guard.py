"""One thread at a time builds a Python syntax tree.

CPython 3.11 keeps the AST constructor's recursion count in interpreter-wide state. When a garbage
collection inside `ast.parse` hands the GIL to another thread that also calls `ast.parse` from a
different stack depth, the first one fails with "SystemError: AST constructor recursion depth
mismatch" (CPython gh-106905). The app meets exactly that: the device probe imports torch in the
background (torch parses ~80 signatures as it loads) while a session's script thread compiles a
page (Streamlit's magic parses it) or skimage's lazy loader parses its stubs. A CI run showed the
error in place of the first page a fresh server drew.

`install()` wraps `ast.parse`, through which Streamlit, inspect, torch and lazy_loader all build
their trees, in one process-wide lock. Parsing is rare and short, so the lock costs nothing.
"""

from __future__ import annotations

import ast
import threading

_LOCK = threading.RLock()  # re-entrant: a finalizer run by GC inside a parse may parse too


def _guarded(parse):
    def parse_one_at_a_time(*args, **kwargs):
        with _LOCK:
            return parse(*args, **kwargs)

    parse_one_at_a_time.__wrapped__ = parse
    parse_one_at_a_time.__doc__ = parse.__doc__
    return parse_one_at_a_time


def install() -> None:
    """Serialise `ast.parse` for the whole process; calling it again changes nothing."""
    if not installed():
        ast.parse = _guarded(ast.parse)


def installed() -> bool:
    return getattr(ast.parse, "__name__", "") == "parse_one_at_a_time"
