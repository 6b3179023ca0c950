"""THIRD-PARTY-NOTICES.txt for the bundle: every runtime dependency with its licence texts.

The bundle ships Python, Qt (LGPL-3.0: its libraries stay separate, replaceable files in
the one-folder bundle) and the packages LiveDesk depends on; their licences ask for their
notices to travel with the binaries. Called by livedesk.spec; runnable alone to check:
    .venv/bin/python packaging/notices.py > /tmp/notices.txt
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

LICENCE_WORDS = ("license", "licence", "copying", "notice")


PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
LICENCES = Path(__file__).resolve().parent / "licenses"


def runtime_distributions() -> list[md.Distribution]:
    """pyproject's dependencies and all they need at run time on this platform, by name."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    seen: dict[str, md.Distribution] = {}
    todo = [Requirement(text).name for text in project["dependencies"]]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        seen[key] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def _field(dist: md.Distribution, name: str) -> str:
    values = dist.metadata.get_all(name) or []
    return str(values[0]).strip() if values else ""


def licence_of(dist: md.Distribution) -> str:
    meta = dist.metadata
    expression = _field(dist, "License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if "License ::" in c
    ]
    short = _field(dist, "License")
    if short and len(short) < 100:
        return short
    return ", ".join(classifiers) or "see below"


def licence_texts(dist: md.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        name = file.name.lower()
        if ".dist-info" in str(file) and any(word in name for word in LICENCE_WORDS):
            try:
                texts.append((file.name, file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    return texts


def notices() -> str:
    parts = [
        "LiveDesk bundles the following software. Each keeps its own licence, reproduced here.",
        "Qt 6 (inside PySide6) is used under the LGPL-3.0: its libraries are separate files",
        "in this folder and can be replaced by compatible builds.",
        "",
    ]
    python_licence = (
        Path(sys.base_prefix)
        / "lib"
        / f"python{sys.version_info[0]}.{sys.version_info[1]}"
        / "LICENSE.txt"
    )
    dists = runtime_distributions()
    parts.append(f"- Python {sys.version.split()[0]}: PSF-2.0")
    parts += [f"- {d.metadata['Name']} {d.version}: {licence_of(d)}" for d in dists]
    if python_licence.is_file():
        parts += ["", "=" * 78, f"Python {sys.version.split()[0]}", "=" * 78]
        parts.append(python_licence.read_text(encoding="utf-8", errors="replace"))
    for dist in dists:
        for name, text in licence_texts(dist):
            parts += ["", "=" * 78, f"{dist.metadata['Name']} {dist.version}: {name}", "=" * 78]
            parts.append(text.strip())
    # PySide6's wheels carry no licence file; the LGPL-3.0 (which builds on the GPL-3.0)
    # must travel with Qt's libraries all the same.
    for title, name in (("Qt 6, PySide6, shiboken6", "LGPL-3.0"), ("the LGPL-3.0", "GPL-3.0")):
        parts += ["", "=" * 78, f"{title}: {name}", "=" * 78]
        parts.append((LICENCES / f"{name}.txt").read_text(encoding="utf-8").strip())
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.stdout.write(notices())
