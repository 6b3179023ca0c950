"""Layer rules: nothing below the UI imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
HEADLESS = ["protocol", "core", "client", "store", "server", "overlay", "obs"]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


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
        assert not any(
            name.startswith("PySide6.QtWidgets") for name in _imported_modules(path)
        ), f"{rel} imports QtWidgets outside app/ui"
