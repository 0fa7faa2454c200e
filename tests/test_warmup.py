"""The libraries pages import lazily are imported once, at server start, before any demo page draws."""

import ast
import sys
from pathlib import Path

from pages.widgets import warmup

ROOT = Path(__file__).resolve().parents[1]
OURS = {"engine", "pages", "tests", "benchmarks"}
ALWAYS_LOADED = {"streamlit", "numpy", "__future__"}  # imported by app.py itself before any session draws
ONLY_UNDER_STREAMLIT_RUN = {"streamlit_drawable_canvas"}  # a component: imported by the page that draws it


def lazy_imports() -> dict[str, str]:
    """Third-party packages that app code imports inside a function, with where."""
    found = {}
    for path in [ROOT / "app.py", *ROOT.glob("engine/**/*.py"), *ROOT.glob("pages/**/*.py")]:
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [
                        f"{node.module}.{alias.name}" for alias in node.names
                    ]  # a submodule or a name in it
                for name in names:
                    top = name.split(".")[0]
                    if top not in OURS | ALWAYS_LOADED | ONLY_UNDER_STREAMLIT_RUN | set(
                        sys.stdlib_module_names
                    ):
                        found[name] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_library_imported_lazily_is_settled_at_server_start():
    settled = set(warmup.LAZY_MODULES)
    missing = {
        name: where
        for name, where in lazy_imports().items()
        if not any(name == s or name.startswith(s + ".") for s in settled)
    }
    assert not missing, f"imported inside a function but not in warmup.LAZY_MODULES: {missing}"


def test_settle_imports_them_all_whole():
    warmup.settle()
    assert warmup.settled()
    import pandas

    assert hasattr(pandas, "Series")  # a partially initialised pandas lacks it: the first-minute error
    for name in warmup.LAZY_MODULES:
        assert name in sys.modules, name
