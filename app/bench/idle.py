"""Idle cost: the console's CPU at the demo's trickle, the backend in a process of its own.

`livedesk-server --demo` (its simulated audience goes live by itself: chat, gifts, viewers,
about 30 events a second) runs in one process, `python -m app --server URL` (offscreen,
painting) in another (`app.ui.bench.idle`), so the console's CPU time is its own: the
figure a creator pays for the window beside an encoder and a game.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TOKEN_ENV = "LIVEDESK_BENCH_TOKEN"  # app.ui.bench.idle reads the creator token here
# The same audience every run (its bursts and gifts move the figure by a third otherwise).
SEED = 20


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the server shuts down cleanly on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _result(stdout: str) -> dict[str, Any]:
    for line in reversed(stdout.splitlines()):
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line[len("RESULT ") :])
            return result
    return {"error": "the console printed no result"}


def idle_cost(
    work: Path,
    env: dict[str, str],
    seconds: float,
    warmup: float,
    log: Path,
    extra: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One console against one demo backend: the console's CPU % of a core over `seconds`
    (after `warmup`), its RSS, threads, frames/s and garbage collection, and the backend's
    CPU % over about the same stretch."""
    data = work / "idle-server"
    data.mkdir(parents=True, exist_ok=True)
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.server",
                "--demo",
                "--seed",
                str(SEED),
                "--port",
                "0",
                "--data-dir",
                str(data),
                "--print-creator-token",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            if not line:
                return {"error": f"the demo server did not start (exit {server.wait()})"}
            info = json.loads(line)
            console_env = dict(env, QT_QPA_PLATFORM="offscreen")
            console_env[TOKEN_ENV] = info["token"]
            console = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "app.ui.bench.idle",
                    info["url"],
                    str(seconds),
                    "--warmup",
                    str(warmup),
                    *extra,
                ],
                env=console_env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
            time.sleep(warmup)
            server_cpu, started = _cpu_seconds(server.pid), time.perf_counter()
            try:
                out, _ = console.communicate(timeout=seconds + 120)
            except subprocess.TimeoutExpired:
                console.kill()
                console.wait()
                return {"error": "the console did not finish its measurement"}
            server_end = _cpu_seconds(server.pid)
            wall = time.perf_counter() - started
        finally:
            _stop(server)
    result = _result(out)
    if server_cpu is not None and server_end is not None:
        result["server_cpu_pct"] = round(100 * (server_end - server_cpu) / wall, 2)
    return result
