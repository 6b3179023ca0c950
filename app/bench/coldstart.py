"""Cold start: `python -m app` (offscreen) from process start to its first painted window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from app.bench.stats import percentile

FIRST_PAINT_LINE = "livedesk-first-paint"  # printed by app.ui.firstpaint


def one_start(env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from spawning the process to its first-paint line (it then closes itself)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.startswith(FIRST_PAINT_LINE):
                return time.perf_counter() - started
        raise RuntimeError(f"python -m app exited ({proc.wait()}) without painting")
    finally:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def compile_app() -> None:
    """Byte-compile the app's modules, as an install does (pip for site-packages, the
    installers' bundle): with PYTHONDONTWRITEBYTECODE set (CI, some shells) every start
    would otherwise compile ~250 modules from source, about a fifth of a second here."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parents[1])],
        check=False,
        stdout=subprocess.DEVNULL,
    )


def cold_start(work: Path, runs: int) -> dict[str, Any]:
    """The first run starts on an empty data folder (creates the demo backend and store);
    the others start on what the earlier runs left, as a creator's daily start does."""
    compile_app()
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        LIVEDESK_DATA_DIR=str(work / "data"),
        LIVEDESK_CONFIG_DIR=str(work / "config"),
        LIVEDESK_REPORT_FIRST_PAINT="1",
    )
    times = [one_start(env) for _ in range(runs)]
    return {
        "median_s": round(percentile(times, 0.5), 3),
        "first_run_s": round(times[0], 3),
        "runs_s": [round(t, 3) for t in times],
    }
