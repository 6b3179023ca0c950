"""The loaded scenario's competing processes: they run while the block runs, then are gone."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.bench.load import CompetingLoad


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_competing_load_spins_a_process_per_core_writes_to_disk_and_stops(tmp_path: Path) -> None:
    with CompetingLoad(tmp_path, cores=2, settle_s=0.5) as load:
        pids = [proc.pid for proc in load._procs]
        assert load.running == 3  # two busy, one writing
        recording = tmp_path / "recording.bin"
        time.sleep(0.7)
        busy_cpu = [_cpu_seconds(pid) for pid in pids[:2]]
        written = recording.stat().st_size
    assert min(busy_cpu) > 0.2  # they spin rather than sleep
    assert written >= 1 << 20  # the writer wrote (at least a chunk) and flushed
    assert load.running == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
    assert not recording.exists()
