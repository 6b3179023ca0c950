"""The feeder (app.bench.feeder) in its own process, and a handle to it from any process."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ENV = "LIVEDESK_BENCH_FEEDER"  # how scenario processes find the running feeder


@dataclass(frozen=True)
class FeederInfo:
    url: str
    token: str
    creator_id: str
    control: int  # TCP port of the command line protocol on 127.0.0.1

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> FeederInfo:
        raw = os.environ.get(ENV)
        if not raw:
            raise SystemExit(f"{ENV} is not set: run scenarios through `python -m app.bench`")
        return cls(**json.loads(raw))


class Feeder:
    """Commands to a running feeder. They block for its answer (about a millisecond, `fill`
    longer): call them outside measured stretches, or through `acommand` in an event loop."""

    def __init__(self, info: FeederInfo) -> None:
        self.info = info
        self._sock = socket.create_connection(("127.0.0.1", info.control))
        self._lines = self._sock.makefile("r", encoding="utf-8")

    @property
    def url(self) -> str:
        return self.info.url

    @property
    def token(self) -> str:
        return self.info.token

    def command(self, text: str) -> dict[str, Any]:
        self._sock.sendall(text.encode() + b"\n")
        line = self._lines.readline()
        if not line:
            raise RuntimeError("the feeder closed its control connection")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    async def acommand(self, text: str) -> dict[str, Any]:
        return await asyncio.to_thread(self.command, text)

    def rate(self, per_second: float) -> None:
        self.command(f"rate {per_second}")

    def stop_messages(self) -> dict[str, int]:
        """No more messages; returns the heads once everything generated is committed."""
        heads: dict[str, int] = self.command("stop")["heads"]
        return heads

    def heads(self) -> dict[str, int]:
        heads: dict[str, int] = self.command("heads")["heads"]
        return heads

    def close(self) -> None:
        self._lines.close()
        self._sock.close()

    def __enter__(self) -> Feeder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FeederProcess:
    """Starts `python -m app.bench.feeder` (its own process: its own GIL) and stops it."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "app.bench.feeder", str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the feeder did not start (exit code {self._proc.wait()})")
        self.info = FeederInfo(**json.loads(line))

    @property
    def pid(self) -> int:
        return self._proc.pid

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()  # the feeder stops when its stdin closes
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

    def __enter__(self) -> FeederProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
