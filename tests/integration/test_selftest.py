"""`livedesk --self-test` run for real, as a subprocess from the source tree."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.store.localstore import LocalStore
from app.store.schema import LATEST_VERSION
from tests.unit.store.factories import chat

ROOT = Path(__file__).resolve().parents[2]
CHECKS = (
    "Qt",
    "resources",
    "backend",
    "window",
    "render",
    "overlay",
    "store",
    "keyring",
    "data folder",
)
NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def self_test(tmp_path: Path, **env: str) -> tuple[int, str, float]:
    """Run `python -m app --self-test` with a private HOME; returns (code, stdout, seconds)."""
    environ = {
        **{k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"},
        "HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "LIVEDESK_SELF_TEST_SCREENSHOT": str(tmp_path / "window.png"),
        **env,
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stdout, time.monotonic() - started


def line_of(report: str, check: str) -> str:
    lines = [line for line in report.splitlines() if f" {check}: " in line]
    assert lines, f"no {check!r} line in:\n{report}"
    return lines[0]


def test_self_test_opens_the_console_checks_every_part_and_passes(tmp_path: Path) -> None:
    code, report, seconds = self_test(tmp_path)

    assert code == 0, report
    assert report.splitlines()[-1].startswith("PASSED"), report
    assert seconds < 30
    for check in CHECKS:
        assert not line_of(report, check).lstrip().startswith("FAIL"), report
    for check in ("Qt", "resources", "backend", "window", "render", "store"):
        assert line_of(report, check).lstrip().startswith("ok"), report
    # The overlay: ok, or a warning only when another program holds its port.
    overlay = line_of(report, "overlay").lstrip()
    assert overlay.startswith("ok") or "could not use port" in overlay, report
    assert "public" in line_of(report, "window") and "Below Room" in line_of(report, "window")
    assert "search found" in line_of(report, "store")
    assert (tmp_path / "window.png").stat().st_size > 10_000  # a real grab of the window
    # The check ran on temporary folders: nothing was added to the user's data folder.
    assert "0 account stores, 0 messages" in line_of(report, "data folder")
    assert not (Path(os.environ["LIVEDESK_DATA_DIR"]) / "accounts").exists()


def test_self_test_reports_a_usable_keyring(tmp_path: Path) -> None:
    backend = "app.client.memorykeyring.MemoryKeyring"
    code, report, _ = self_test(tmp_path, PYTHON_KEYRING_BACKEND=backend)

    assert code == 0, report
    assert line_of(report, "keyring").lstrip().startswith("ok"), report
    assert "usable: app.client.memorykeyring.MemoryKeyring" in report


def test_self_test_counts_the_users_history_and_flags_a_newer_store(tmp_path: Path) -> None:
    data = Path(os.environ["LIVEDESK_DATA_DIR"])
    with LocalStore(data / "accounts" / "example.org-443-alice" / "store.db") as store:
        store.apply_events([chat(seq, f"hello {seq}") for seq in range(1, 8)])
    newer = data / "accounts" / "example.org-443-bob" / "store.db"
    with LocalStore(newer):
        pass
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")

    code, report, _ = self_test(tmp_path)

    assert code == 0, report  # a warning, not a failure
    line = line_of(report, "data folder")
    assert line.lstrip().startswith("WARN"), report
    assert "2 account stores, 7 messages" in line
    assert "example.org-443-bob is from a newer LiveDesk" in line


def test_self_test_fails_with_the_reason_on_a_system_without_fonts(tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(NO_FONTS.format(cache=tmp_path / "fc-cache"), encoding="utf-8")

    code, report, _ = self_test(tmp_path, FONTCONFIG_FILE=str(config))

    assert code == 1, report
    assert line_of(report, "Qt").lstrip().startswith("FAIL")
    assert "no usable font" in report and "fonts-dejavu-core" in report
    assert report.splitlines()[-1].startswith("FAILED"), report
