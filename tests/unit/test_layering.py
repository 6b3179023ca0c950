"""Layer rules: nothing below the UI imports Qt; the UI reaches the backend only through its
composition root (app/ui/app.py); every top-level part of app/ has a declared layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
HEADLESS = ["protocol", "core", "client", "store", "server", "overlay", "obs"]
# Programs above the layers: they may use any of them, within the rules of each test below.
ENTRY_POINTS = ["__init__.py", "__main__.py", "selftest.py", "bench"]
COMPOSITION_ROOT = Path("ui/app.py")


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the import nodes under `if TYPE_CHECKING:` (types only, nothing runs)."""
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            guarded.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return guarded


def _imported_modules(path: Path, *, runtime_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_blocks(tree) if runtime_only else set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_part_of_app_has_a_layer() -> None:
    parts = {p.name for p in APP.iterdir() if p.name != "__pycache__"}
    declared = set(HEADLESS) | {"ui"} | set(ENTRY_POINTS)
    assert parts <= declared, f"app/ parts without a layer rule: {sorted(parts - declared)}"


def test_ui_reaches_the_server_only_through_the_composition_root() -> None:
    offenders = {
        f"{path.relative_to(APP)}: {name}"
        for path in sorted((APP / "ui").rglob("*.py"))
        if path.relative_to(APP) != COMPOSITION_ROOT
        for name in _imported_modules(path, runtime_only=True)
        if name == "app.server" or name.startswith("app.server.")
    }
    assert not offenders, f"app.ui imports app.server outside {COMPOSITION_ROOT}: {offenders}"


def test_self_test_uses_the_console_as_it_ships() -> None:
    """The self-test checks an installation: it starts the real console (through its Qt half,
    app/ui/selftest_window.py, which runs the composition root) and never the backend alone."""
    names = _imported_modules(APP / "selftest.py")
    tree = ast.parse((APP / "selftest.py").read_text(encoding="utf-8"))
    ui = {
        f"{node.module}.{alias.name}" if node.module == "app.ui" else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app.ui")
        for alias in node.names
    }
    assert ui == {"app.ui.selftest_window"}, ui
    assert not any(n.startswith("app.server") for n in names), names
    assert not any(n.startswith("PySide6") for n in names), names
    window = _imported_modules(APP / "ui" / "selftest_window.py", runtime_only=True)
    assert "app.ui.app" in window, "the self-test must start the console as app.py builds it"


@pytest.mark.parametrize("package", HEADLESS)
def test_headless_packages_do_not_import_qt(package: str) -> None:
    files = sorted((APP / package).rglob("*.py"))
    assert files, f"app/{package} has no modules"
    offenders = {
        f"{path.relative_to(APP)}: {name}"
        for path in files
        for name in _imported_modules(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "qasync", "app"}
        and (name.split(".")[0] != "app" or name.startswith("app.ui"))
    }
    assert not offenders, f"Qt or UI imports below the UI layer: {sorted(offenders)}"


def test_only_ui_imports_qtwidgets() -> None:
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[0] == "ui" or rel == Path("__main__.py"):
            continue
        assert not any(name.startswith("PySide6.QtWidgets") for name in _imported_modules(path)), (
            f"{rel} imports QtWidgets outside app/ui"
        )


def test_no_test_module_imports_another_test_module() -> None:
    """Shared test helpers live in helper modules or fixtures (conftest.py), never in a test
    module: importing one runs its module-level skips and couples unrelated tests."""
    tests = Path(__file__).resolve().parents[1]
    offenders = []
    for path in sorted(tests.rglob("*.py")):
        for name in _imported_modules(path):
            last = name.rsplit(".", 1)[-1]
            if name.startswith("tests.") and last.startswith("test_"):
                offenders.append(f"{path.relative_to(tests)}: {name}")
    assert not offenders, offenders
