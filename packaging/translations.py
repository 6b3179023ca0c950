"""Translations: `update` extracts strings into resources/translations/*.ts, `release` builds .qm.

    .venv/bin/python packaging/translations.py update    # after changing user-visible strings
    (translate the new entries in the .ts, e.g. with pyside6-linguist)
    .venv/bin/python packaging/translations.py release   # writes the .qm files the app loads
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de", "en")
# English is the source language: its file holds only the plural forms of "%n" messages
# ("1 message" / "2 messages"), which Qt takes from a translation even for the source language.
PLURAL_ONLY = ("en",)


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this interpreter, else on PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[Path]:
    """Every module that can show text: the UI layer and the console entry points."""
    files = sorted((ROOT / "app" / "ui").rglob("*.py"))
    return [*files, ROOT / "app" / "selftest.py"]


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"livedesk_{language}.ts"


def update(target: Path | None = None, language: str = "de") -> Path:
    """Merge the strings of the sources into the .ts (keeps translations, drops vanished)."""
    out = target or ts_path(language)
    out.parent.mkdir(parents=True, exist_ok=True)
    if target is not None and ts_path(language).exists():
        shutil.copy(ts_path(language), out)
    args = [_tool("lupdate"), "-no-obsolete", "-locations", "none", "-silent"]
    if language in PLURAL_ONLY:
        args.append("-pluralonly")
    args += [str(p) for p in sources()]
    subprocess.run([*args, "-ts", str(out)], check=True)
    return out


def release(language: str = "de") -> Path:
    qm = ts_path(language).with_suffix(".qm")
    subprocess.run(
        [_tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(qm)], check=True
    )
    return qm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "release"])
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        print(update(language=language) if args.action == "update" else release(language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
