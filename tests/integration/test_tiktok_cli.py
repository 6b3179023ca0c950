"""`livedesk-server --demo --tiktok-replay FILE`: a TikTok-shaped live over the real protocol."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.protocol.frames import Events
from app.protocol.payloads import ChatMessage, LiveEnded, TikTokActivity, TikTokConnection
from app.server.tiktok.demo_recording import DEMO_PATH
from tests.integration.conftest import raw_client
from tests.unit.server.tiktok.expected import expected_from

ROOT = Path(__file__).resolve().parents[2]


def _server(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "app.server", "--port", "0", "--print-creator-token",
         "--data-dir", str(tmp_path / "srv"), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip


@pytest.mark.slow
def test_demo_with_the_shipped_replay_serves_a_tiktok_shaped_live(tmp_path: Path) -> None:
    expected = expected_from(DEMO_PATH)
    proc = _server(tmp_path, "--demo", "--tiktok-replay", str(DEMO_PATH), "--speed", "20")
    seen: list[object] = []

    async def watch(info: dict[str, str]) -> None:
        async with raw_client(info["url"], info["token"]) as client, asyncio.timeout(30):
            while not any(isinstance(d, TikTokConnection) and d.state == "ended" for d in seen):
                frame = await client.recv(timeout=30)
                if isinstance(frame, Events):
                    seen.extend(e.data for e in frame.events)

    with proc:
        assert proc.stdout is not None
        try:
            asyncio.run(watch(json.loads(proc.stdout.readline())))
        finally:
            proc.send_signal(signal.SIGTERM)
            stderr = proc.communicate(timeout=15)[1]
    assert proc.returncode == 0, stderr
    # Only the recording's viewers speak: the simulated audience stays away.
    assert [d.text for d in seen if isinstance(d, ChatMessage)] == expected.comments
    assert {d.kind for d in seen if isinstance(d, TikTokActivity)} == {
        "like", "follow", "share", "join", "subscribe"
    }  # fmt: skip
    states = [d.state for d in seen if isinstance(d, TikTokConnection)]
    assert states[0] == "connected" and states[-1] == "ended"
    assert len([d for d in seen if isinstance(d, LiveEnded)]) == 1
    assert "TikTok replay:" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tiktok-replay", "/nonexistent/rec.jsonl"], "cannot read it"),
        (["--tiktok", "@"], "--tiktok needs a TikTok @username"),
        (["--tiktok", "mia", "--tiktok-replay", str(DEMO_PATH)], "exclude each other"),
        (["--tiktok-replay", str(DEMO_PATH), "--speed", "-1"], "--speed must be 0 or more"),
    ],
)
def test_bad_tiktok_options_stop_with_a_clear_message(
    tmp_path: Path, args: list[str], message: str
) -> None:
    proc = _server(tmp_path, *args)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert message in stderr
