"""Fixtures of the alert tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.settings import ConsoleSettings


@pytest.fixture
def settings(tmp_path: Path) -> ConsoleSettings:
    s = ConsoleSettings(tmp_path / "settings.ini")
    s.set("alert_min_diamonds", 5)
    s.set("alert_duration_s", 4)
    return s
