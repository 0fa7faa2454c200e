"""The shape of the code: engine stays UI-free, demos share one contract, pages stay thin."""

import ast
import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest

import engine
from pages.widgets.catalog import DEMOS

ROOT = Path(__file__).resolve().parents[1]


def _defines_config(name: str) -> bool:
    tree = ast.parse((ROOT / "engine" / f"{name}.py").read_text())
    return any(isinstance(node, ast.ClassDef) and node.name == "Config" for node in tree.body)


# A demo module is one that defines a Config; the others (figures, datasets, runner ...) are helpers.
DEMO_MODULES = sorted(
    info.name for info in pkgutil.iter_modules(engine.__path__) if _defines_config(info.name)
)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "engine").rglob("*.py")), ids=lambda p: p.name)
def test_engine_never_imports_streamlit(path):
    offending = {m for m in _imported_modules(path) if m == "streamlit" or m.startswith("streamlit.")}
    assert not offending, f"{path.name} imports {offending}: engine/ must stay UI-free"


def test_the_streamlit_check_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from streamlit import session_state\n")
    assert "streamlit" in _imported_modules(bad)


def test_there_are_demo_modules():
    assert len(DEMO_MODULES) >= 6, DEMO_MODULES


@pytest.mark.parametrize("name", DEMO_MODULES)
def test_demo_modules_follow_the_contract(name):
    module = importlib.import_module(f"engine.{name}")
    config = module.Config
    assert dataclasses.is_dataclass(config) and config.__dataclass_params__.frozen, "Config: frozen dataclass"
    for verb in ("build", "train", "trace"):
        assert callable(getattr(module, verb, None)), f"engine.{name} lacks {verb}()"
    import inspect

    params = inspect.signature(module.train).parameters
    assert "on_step" in params and "stop" in params, "train(model, data, cfg, on_step=None, stop=None)"


MAX_PAGE_STATEMENTS = 120  # about the 150 lines of ../shared/STYLE.md: today's longest page has 109


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_stay_thin(path):
    """A page wires widgets to the engine: at most MAX_PAGE_STATEMENTS statements (counted, not lines, so no
    page is packed onto fewer lines to fit), no model and no optimizer."""
    tree = ast.parse(path.read_text())
    statements = sum(isinstance(node, ast.stmt) for node in ast.walk(tree))
    assert statements <= MAX_PAGE_STATEMENTS, (
        f"{path.name} has {statements} statements: move logic into engine/"
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {ast.unparse(b) for b in node.bases}
            assert not any("Module" in b for b in bases), f"{path.name} defines a model"
        if isinstance(node, ast.Attribute) and ast.unparse(node).startswith("torch.optim"):
            pytest.fail(f"{path.name} builds an optimizer: training belongs in engine/")


def test_every_catalogued_page_exists_and_is_unique():
    assert len({d.path for d in DEMOS}) == len(DEMOS)
    missing = [d.path for d in DEMOS if not d.exists]
    assert not missing, f"catalogued pages missing: {missing}"


def test_page_icons_are_emoji_not_material_icons():
    # Material icons that Streamlit does not bundle come from a CDN, which an offline classroom lacks.
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]:
        assert ":material/" not in path.read_text(), f"{path.name} uses a Material icon"
