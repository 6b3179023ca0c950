"""Real requests against a real OBS: scenes, sources, recording, stats, and Add to OBS.

One OBS serves the whole module (the tests leave it running and usable); each test uses
names of its own, so their order does not matter.
"""

from __future__ import annotations

import asyncio
import struct
import time
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from app.obs.connection import ObsAddress
from app.obs.health import HealthMeter, sample
from app.obs.link import ObsLink
from app.obs.overlaysources import BrowserSource, add_to_obs
from app.obs.requests import InputKindMissing, NameTaken, SceneMissing, ensure_input, switch_scene
from tests.integration.obs.harness import RunningObs, wait_for

Events = list[tuple[str, dict[str, Any]]]


@asynccontextmanager
async def linked(obs: RunningObs) -> AsyncIterator[tuple[ObsLink, Events]]:
    events: Events = []
    link = ObsLink(
        ObsAddress("127.0.0.1", obs.port, obs.password),
        on_event=lambda kind, data: events.append((kind, data)),
    )
    link.start()
    try:
        await wait_for(lambda: link.connected, what="connected")
        yield link, events
    finally:
        await link.stop()


def png(path: Path) -> Path:
    """A 2x2 red PNG, written by hand (no imaging library needed)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def test_a_scene_is_created_and_switched_as_obs_reports_it(shared_obs: RunningObs) -> None:
    async def scenario() -> None:
        async with linked(shared_obs) as (link, events):
            await link.call("CreateScene", {"sceneName": "Question"})
            await switch_scene(link, "Question")
            await wait_for(
                lambda: ("CurrentProgramSceneChanged", {"sceneName": "Question"}) in events,
                what="OBS's own scene-changed event",
            )
            await switch_scene(link, "Main")
            with pytest.raises(SceneMissing) as missing:
                await switch_scene(link, "No such scene")
            assert missing.value.scene == "No such scene"

    asyncio.run(scenario())


def test_text_and_image_sources_are_created_then_updated(
    shared_obs: RunningObs, tmp_path: Path
) -> None:
    image = png(tmp_path / "badge.png")

    async def scenario() -> None:
        async with linked(shared_obs) as (link, _):
            text = {"text": "Thanks for the gifts!"}
            assert await ensure_input(link, "Main", "LD text", "text_ft2_source_v2", text) == (
                "created"
            )
            assert await ensure_input(
                link, "Main", "LD image", "image_source", {"file": str(image)}
            ) == ("created")
            items = await link.call("GetSceneItemList", {"sceneName": "Main"})
            names = {i["sourceName"]: i["inputKind"] for i in items["sceneItems"]}
            assert names["LD text"] == "text_ft2_source_v2"
            assert names["LD image"] == "image_source"
            # Again with new text: the same source is updated, not a second one made.
            again = {"text": "Goal reached"}
            assert await ensure_input(link, "Main", "LD text", "text_ft2_source_v2", again) == (
                "updated"
            )
            got = await link.call("GetInputSettings", {"inputName": "LD text"})
            assert got["inputSettings"]["text"] == "Goal reached"
            items = await link.call("GetSceneItemList", {"sceneName": "Main"})
            assert [i["sourceName"] for i in items["sceneItems"]].count("LD text") == 1
            with pytest.raises(NameTaken):  # an image source by that name is not text
                await ensure_input(link, "Main", "LD image", "text_ft2_source_v2", text)

    asyncio.run(scenario())


def test_recording_writes_a_file_and_the_stats_show_it(
    shared_obs: RunningObs, tmp_path: Path
) -> None:
    folder = tmp_path / "takes"
    folder.mkdir()

    async def scenario() -> Path:
        async with linked(shared_obs) as (link, events):
            await link.call(
                "SetProfileParameter",
                {
                    "parameterCategory": "SimpleOutput",
                    "parameterName": "FilePath",
                    "parameterValue": str(folder),
                },
            )
            meter = HealthMeter()
            meter.update(*await sample(link), now=time.monotonic())
            await link.call("StartRecord")
            await wait_for(
                lambda: any(k == "RecordStateChanged" and d.get("outputActive") for k, d in events),
                what="recording started",
            )
            meter.update(*await sample(link), now=time.monotonic())
            await asyncio.sleep(1.5)
            health = meter.update(*await sample(link), now=time.monotonic())
            assert health.recording and not health.streaming
            assert health.bitrate_kbps is not None and health.bitrate_kbps > 0
            assert 0 <= health.cpu_pct <= 100 * 64
            stopped = await link.call("StopRecord")
            await wait_for(
                lambda: (
                    ("RecordStateChanged", "OBS_WEBSOCKET_OUTPUT_STOPPED")
                    in {(k, d.get("outputState")) for k, d in events}
                ),
                what="recording stopped",
            )
            after = meter.update(*await sample(link), now=time.monotonic())
            assert not after.recording
            return Path(stopped["outputPath"])

    output = asyncio.run(scenario())
    assert output.parent == folder
    assert output.stat().st_size > 0


def test_add_to_obs_says_the_browser_source_is_missing_and_changes_nothing(
    shared_obs: RunningObs,
) -> None:
    sources = [BrowserSource("alert", "LiveDesk alert", "http://127.0.0.1:1/x", 800, 600)]

    async def scenario() -> None:
        async with linked(shared_obs) as (link, _):
            with pytest.raises(InputKindMissing) as missing:
                await add_to_obs(link, sources)
            assert missing.value.kind == "browser_source"
            inputs = await link.call("GetInputList")
            assert "LiveDesk alert" not in {i["inputName"] for i in inputs["inputs"]}
            # The same answer when the create itself is refused (code 605).
            with pytest.raises(InputKindMissing):
                await ensure_input(link, "Main", "LiveDesk alert", "browser_source", {})

    asyncio.run(scenario())
