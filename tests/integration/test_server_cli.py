"""The embedded server helper and the `livedesk-server` command line, run for real."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from app.core import roles
from app.protocol.frames import Events
from app.protocol.payloads import ChatMessage
from app.server.embedded import start_embedded, stop_embedded
from tests.integration.conftest import raw_client

ROOT = Path(__file__).resolve().parents[2]


def test_embedded_server_without_audience_serves_the_creator(tmp_path: Path) -> None:
    async def scenario() -> None:
        es = await start_embedded(tmp_path / "srv", demo=False)
        try:
            assert es.audience is None
            assert es.url == es.server.url and es.url.startswith("ws://127.0.0.1:")
            async with raw_client(es.url, es.creator_token) as client:
                assert client.ready is not None and client.ready.account.role == "creator"
        finally:
            await stop_embedded(es)

    asyncio.run(scenario())


def test_embedded_demo_audience_produces_live_chat(tmp_path: Path) -> None:
    async def scenario() -> None:
        es = await start_embedded(tmp_path / "srv", demo=True, seed=7)
        try:
            assert es.audience is not None
            async with raw_client(es.url, es.creator_token) as client:
                async with asyncio.timeout(10):
                    while True:
                        frame = await client.recv(timeout=10)
                        if isinstance(frame, Events) and any(
                            isinstance(e.data, ChatMessage) and e.ch == roles.PUBLIC
                            for e in frame.events
                        ):
                            break
        finally:
            await stop_embedded(es)

    asyncio.run(scenario())


def test_command_line_prints_url_and_token_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.server", "--port", "0", "--print-creator-token",
         "--data-dir", str(tmp_path / "srv"), "--heartbeat-ms", "5000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        info = json.loads(line)
        assert info["url"].startswith("ws://127.0.0.1:")

        async def connect() -> None:
            async with raw_client(info["url"], info["token"]) as client:
                assert client.hello is not None and client.hello.heartbeat_ms == 5000
                assert client.ready is not None and client.ready.account.role == "creator"

        asyncio.run(connect())
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr
    assert "shutting down" in stderr
    assert info["token"] not in stderr
    assert (tmp_path / "srv" / "server.db").exists()
