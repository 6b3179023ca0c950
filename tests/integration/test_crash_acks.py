"""An ack is a promise: kill -9 the real server in the middle of chat bursts, many times.

Each round starts `python -m app.server` on the same data folder, opens several connections,
pipelines a burst of `chat.send` on each (new commands plus every command not acked yet, as a
client's outbox resends them), and SIGKILLs the server at a random point 5-80 ms into it. A
last round without a kill resends every command ever sent. Then the log must hold every
command's message exactly once: an ack (first or duplicate) for a message that is in no log
is a lost message, two messages for one rid a duplicate.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from app.protocol.codec import encode
from app.protocol.frames import Ack, Command, Error
from app.protocol.payloads import FetchHistory, SendMessage
from tests.integration.conftest import RawClient, raw_client

ROOT = Path(__file__).resolve().parents[2]
KILLS = 15
CONNECTIONS = 5
NEW_PER_CONNECTION = 30
MAX_PER_CONNECTION = 100  # below the 120-command burst of the rate limit


def _start_server(data_dir: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.server", "--port", "0", "--print-creator-token",
         "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise AssertionError(f"the server did not start (exit {proc.wait()})")
    return proc, json.loads(line)


def _chunks(rids: list[str], size: int) -> list[list[str]]:
    return [rids[i : i + size] for i in range(0, len(rids), size)]


async def _burst(
    info: dict[str, str],
    groups: list[list[str]],
    acked: dict[str, bool],
    kill: subprocess.Popen[str] | None,
    rng: random.Random,
) -> None:
    """Send each group's commands pipelined on its own connection; record every ack
    (rid -> duplicate flag); if `kill` is given, SIGKILL it 5-80 ms after the burst starts."""
    async with contextlib.AsyncExitStack() as stack:
        # Connected and identified before the burst, so the kill falls among the commands.
        clients = [
            await stack.enter_async_context(raw_client(info["url"], info["token"])) for _ in groups
        ]
        async with asyncio.TaskGroup() as tasks:
            for client, rids in zip(clients, groups, strict=True):
                tasks.create_task(_send_and_collect(client, rids, acked))
            if kill is not None:
                await asyncio.sleep(rng.uniform(0.005, 0.080))
                kill.send_signal(signal.SIGKILL)


async def _send_and_collect(client: RawClient, rids: list[str], acked: dict[str, bool]) -> None:
    waiting = set(rids)
    try:
        for rid in rids:
            cmd = SendMessage(room="public", text=f"crash test {rid}")
            await client.ws.send(encode(Command(rid=rid, cmd=cmd)).decode())
        while waiting:
            frame = await client.recv(timeout=20)
            if isinstance(frame, Ack):
                acked[frame.rid] = acked.get(frame.rid, False) or frame.duplicate
                waiting.discard(frame.rid)
            elif isinstance(frame, Error):
                raise AssertionError(f"refused: {frame}")
    except (ConnectionClosed, OSError):
        pass  # the server was killed: whatever was not acked is resent next round


async def _log_rids(info: dict[str, str]) -> Counter[str]:
    """How many chat.message events of the public log carry each rid."""
    found: Counter[str] = Counter()
    async with raw_client(info["url"], info["token"]) as client:
        after = 0
        while True:
            answer, _ = await client.command(
                FetchHistory(channel="public", after_seq=after, limit=5000), timeout=20
            )
            assert isinstance(answer, Ack) and answer.result is not None
            events = answer.result["events"]
            for event in events:
                if event["data"]["type"] == "chat.message" and event["rid"]:
                    found[event["rid"]] += 1
            if not events:
                return found
            after = events[-1]["seq"]


@pytest.mark.slow
def test_every_acked_command_is_in_the_log_exactly_once_across_kill_9s(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("LIVEDESK_CRASH_SEED", "15")))
    data_dir = tmp_path / "srv"
    sent: list[str] = []
    acked: dict[str, bool] = {}  # rid -> was any ack of it a duplicate

    async def scenario() -> Counter[str]:
        for round_no in range(KILLS):
            proc, info = _start_server(data_dir)
            with proc:  # closes the pipe and waits
                try:
                    sent.extend(f"k{round_no}-{n}" for n in range(CONNECTIONS * NEW_PER_CONNECTION))
                    outbox = [rid for rid in sent if rid not in acked]
                    size = max(NEW_PER_CONNECTION, -(-len(outbox) // CONNECTIONS))
                    await _burst(
                        info, _chunks(outbox, min(size, MAX_PER_CONNECTION)), acked, proc, rng
                    )
                finally:
                    proc.kill()
        # The last run is not killed: every command is resent once more (acked ones get a
        # duplicate ack and must not be applied again), then the log is read.
        proc, info = _start_server(data_dir)
        with proc:
            try:
                await _burst(info, _chunks(sent, MAX_PER_CONNECTION), acked, None, rng)
                missing = [rid for rid in sent if rid not in acked]
                assert not missing, f"{len(missing)} commands were never acked"
                return await _log_rids(info)
            finally:
                proc.send_signal(signal.SIGTERM)

    in_log = asyncio.run(scenario())
    lost = sorted(rid for rid in acked if in_log[rid] == 0)
    duplicated = sorted(rid for rid in acked if in_log[rid] > 1)
    print(
        f"kills={KILLS} commands={len(sent)} acked={len(acked)} "
        f"duplicate_acks={sum(acked.values())} lost={len(lost)} duplicated={len(duplicated)}"
    )
    assert lost == [] and duplicated == [], (lost[:10], duplicated[:10])
