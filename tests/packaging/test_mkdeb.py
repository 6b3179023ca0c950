"""The .deb builder's parts: versions, Depends, control file, staged tree, metadata files."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, load

mkdeb = load("packaging/linux/mkdeb.py")


@pytest.mark.parametrize(
    ("python", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("0.2.0rc1", "0.2.0~rc1"),
        ("1.0b2", "1.0~b2"),
        ("1.0.dev3", "1.0~dev3"),
        ("1.0.post2", "1.0+post2"),
        ("0.1.0.dev0", "0.1.0~dev0"),
    ],
)
def test_python_versions_become_debian_versions(python: str, debian: str) -> None:
    assert mkdeb.pep440_to_debian(python) == debian


@pytest.mark.parametrize(
    ("older", "newer"),
    [("0.2.0rc1", "0.2.0"), ("1.0.dev3", "1.0"), ("1.0", "1.0.post2"), ("0.1.0.dev0", "0.1.0")],
)
def test_debian_versions_sort_as_python_ones(older: str, newer: str) -> None:
    old, new = mkdeb.pep440_to_debian(older), mkdeb.pep440_to_debian(newer)
    assert subprocess.run(["dpkg", "--compare-versions", old, "lt", new]).returncode == 0


def test_unsupported_versions_are_refused() -> None:
    with pytest.raises(ValueError):
        mkdeb.pep440_to_debian("latest")


def test_depends_is_read_from_dpkg_shlibdeps_output() -> None:
    output = "shlibs:Depends=libc6 (>= 2.36), libxcb-cursor0 (>= 0.0.99), libgl1 | libgl1-x\n"
    depends = mkdeb.parse_depends(output)
    assert depends.startswith("libc6 (>= 2.36)")
    assert mkdeb.package_names(depends) == {"libc6", "libxcb-cursor0", "libgl1", "libgl1-x"}
    with pytest.raises(ValueError):
        mkdeb.parse_depends("dpkg-shlibdeps: warning: nothing\n")


def test_control_file_is_well_formed() -> None:
    text = mkdeb.control_text("0.1.0", "amd64", 155_000, "libc6 (>= 2.36)")
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith(" "))
    assert fields["Package"] == "livedesk" and fields["Version"] == "0.1.0"
    assert fields["Installed-Size"] == "155000" and fields["Depends"] == "libc6 (>= 2.36)"
    description = text.split("Description: ", 1)[1].splitlines()
    assert description[0] and all(line.startswith(" ") for line in description[1:])


def fake_bundle(path: Path) -> Path:
    (path / "_internal" / "resources").mkdir(parents=True)
    for name in ("livedesk", "livedesk-server"):
        (path / name).write_bytes(b"\x7fELF fake")
    (path / "_internal" / "resources" / "x.txt").write_text("x")
    return path


def test_staged_tree_installs_to_opt_with_links_desktop_entry_icons_and_metainfo(
    tmp_path: Path,
) -> None:
    root = tmp_path / "root"
    mkdeb.stage(fake_bundle(tmp_path / "bundle"), root, "1.2.3~rc1")

    assert (root / "opt/livedesk/_internal/resources/x.txt").is_file()
    for name in ("livedesk", "livedesk-server"):
        link = root / "usr/bin" / name
        assert link.is_symlink() and link.resolve() == (root / "opt/livedesk" / name).resolve()
        assert (root / "opt/livedesk" / name).stat().st_mode & 0o777 == 0o755
    assert (root / "opt/livedesk/_internal/resources/x.txt").stat().st_mode & 0o777 == 0o644
    for size in mkdeb.PNG_SIZES:
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/livedesk.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/livedesk.svg").is_file()
    assert (root / "usr/share/doc/livedesk/copyright").is_file()
    metainfo = root / "usr/share/metainfo/app.livedesk.LiveDesk.metainfo.xml"
    release = ET.parse(metainfo).getroot().find("releases/release")
    assert release is not None and release.get("version") == "1.2.3~rc1"
    assert "@" not in (release.get("date") or "@")
    desktop = (root / "usr/share/applications/livedesk.desktop").read_text()
    assert "Exec=livedesk\n" in desktop and "Icon=livedesk\n" in desktop


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_metainfo_validates(tmp_path: Path) -> None:
    root = tmp_path / "root"
    mkdeb.stage(fake_bundle(tmp_path / "bundle"), root, "0.1.0")
    files = list((root / "usr/share/metainfo").glob("*.xml"))
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", *map(str, files)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_names_the_installed_program_and_icon() -> None:
    entry = (ROOT / "packaging/linux/livedesk.desktop").read_text(encoding="utf-8")
    keys = dict(line.split("=", 1) for line in entry.splitlines()[1:] if "=" in line)
    assert keys["Type"] == "Application" and keys["Exec"] == "livedesk"
    assert keys["Icon"] == "livedesk" and keys["Terminal"] == "false"
    assert keys["Categories"].endswith(";")
