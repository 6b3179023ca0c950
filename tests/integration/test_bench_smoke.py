"""`python -m app.bench --quick` runs every scenario and writes their results (no timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bench.__main__ import SCENARIOS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_quick_benchmark_reports_every_scenario(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "app.bench", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=850,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(out.read_text())
    results = document["results"]
    assert set(SCENARIOS) <= set(results)
    failed = {name: value for name, value in results.items() if "error" in value}
    assert not failed
    assert results["resume"]["events_expected"] > 0
    assert (results["ingest"]["store_depth"], results["queued"]["store_depth"]) == (1, 2)
    assert set(results["rated"]) == {"1000", "10000"}
    assert all(r["catch_up_s"] >= 0 for r in results["rated"].values())
    assert results["store"]["msg_per_s"] > 0
    loaded = results["loaded"]
    assert set(loaded["quiet"]) == set(loaded["loaded"]) == {"1000", "10000"}
    assert loaded["processes_still_running"] == 3  # the load ran through the loaded runs
    assert loaded["coldstart_quiet"]["median_s"] > 0 < loaded["coldstart_loaded"]["median_s"]
    assert set(results["naive"]) == {"pane", "textedit", "listwidget"}
    assert all(s["qasync_us"] > 0 < s["console_us"] for s in results["loop"].values())
    assert any(row["what"].startswith("asyncio: a task step") for row in document["table"])
    _check_idle(results["idle"])
    assert any(row["what"].startswith("Idle: console") for row in document["table"])
    assert document["table"] and "| What" in done.stdout


def _check_idle(idle: dict[str, object]) -> None:
    """The console measured itself while its backend (another process) sent the demo."""
    assert 0 < float(idle["cpu_pct"]) < 100  # type: ignore[arg-type]
    assert float(idle["frames_per_s"]) > 0  # type: ignore[arg-type]  # it painted the demo
    assert float(idle["events_per_s"]) > 0  # type: ignore[arg-type]  # and stored its events
    assert "server_cpu_pct" in idle and int(idle["threads"]) >= 1  # type: ignore[call-overload]
