"""Record what the bridge receives, read it back, replay it (the shipped demo recording too)."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from typing import Any

import pytest

from app.core import roles
from app.protocol.payloads import ChatMessage, GiftStreakEnded, LedgerEntry, LiveEnded
from app.server.backend import Backend
from app.server.tiktok import frames as tt
from app.server.tiktok.demo_recording import DEMO_PATH, script
from app.server.tiktok.recording import (
    Recorder,
    RecordingError,
    read_recording,
    replay,
)
from app.server.tiktok.service import TikTokOptions, TikTokService
from tests.unit.server.tiktok.expected import expected_from

MIA = tt.user(6_900_000_001, "Mia", "mia")


def test_a_recording_keeps_each_frame_byte_for_byte_with_its_time(tmp_path: Path) -> None:
    now = [100.0]
    made = [tt.frame(tt.comment(MIA, "hi"), first=True), tt.frame(tt.like(MIA, 3, 3))]
    recorder = Recorder(tmp_path / "rec.jsonl", "mia", clock=lambda: now[0])
    recorder.record(made[0])
    now[0] = 101.25
    recorder.record(made[1])
    recorder.close()
    recording = read_recording(tmp_path / "rec.jsonl")
    assert recording.username == "mia" and recording.started_ms == 100_000
    assert [t for t, _ in recording.frames] == [0.0, 1.25]
    assert [bytes(f) for _, f in recording.frames] == [bytes(m) for m in made]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("", "no livedesk-tiktok-recording header"),
        ('{"format": "livedesk-tiktok-recording", "version": 9}\n', "version 9 is unknown"),
        ('{"format": "livedesk-tiktok-recording", "version": 1}\n{oops\n', "line 2: not JSON"),
        (
            '{"format": "livedesk-tiktok-recording", "version": 1}\n{"t": 0, "frame": "%%%"}\n',
            "line 2: not a frame",
        ),
        (
            '{"format": "livedesk-tiktok-recording", "version": 1}\n'
            '{"t": 2, "frame": ""}\n{"t": 1, "frame": ""}\n',
            "line 3: time goes backwards",
        ),
    ],
)
def test_a_file_that_is_not_a_recording_is_refused_with_its_line(
    tmp_path: Path, content: str, error: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RecordingError, match=error):
        read_recording(path)


def test_replay_keeps_the_recorded_pace_divided_by_speed(tmp_path: Path) -> None:
    recording = read_recording(DEMO_PATH)
    waits: list[float] = []
    fed: list[Any] = []

    async def main() -> None:
        async def ingest(frame: Any) -> None:
            fed.append(frame)

        async def sleep(seconds: float) -> None:
            waits.append(seconds)

        assert await replay(recording, ingest, speed=4.0, sleep=sleep) == len(recording.frames)
        assert await replay(recording, ingest, speed=0, sleep=sleep) == len(recording.frames)

    asyncio.run(main())
    assert len(fed) == 2 * len(recording.frames)
    # The fake sleep does not move the loop's clock, so each wait is the frame's whole offset
    # from the start, divided by the speed; at speed 0 nothing waits.
    offsets = [t / 4.0 for t, _ in recording.frames if t > 0]
    assert waits == pytest.approx(offsets, abs=0.05)


def test_the_shipped_recording_is_the_one_the_script_makes(tmp_path: Path) -> None:
    shipped = read_recording(DEMO_PATH)
    assert shipped.username == "livedesk.demo"
    made = script()
    assert [t for t, _ in shipped.frames] == [t for t, _ in made]
    assert [bytes(f) for _, f in shipped.frames] == [bytes(f) for _, f in made]
    lines = DEMO_PATH.read_text(encoding="utf-8").splitlines()
    assert all(base64.b64decode(json.loads(line)["frame"]) for line in lines[1:])


def test_replaying_the_shipped_recording_matches_its_own_totals_and_records_it_again(
    tmp_path: Path,
) -> None:
    expected = expected_from(DEMO_PATH)
    # Ines 10 roses, Kwame a Money Gun and a Galaxy, Priya 5 finger hearts, Bao 3 doughnuts,
    # Nova 3 roses.
    assert (expected.live_ends, expected.gifts) == (1, 6)
    assert expected.diamonds == 10 + 500 + 1_000 + 25 + 90 + 3

    async def main() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        options = TikTokOptions(replay=DEMO_PATH, speed=0, record=tmp_path / "again.jsonl")
        service = TikTokService(backend, options)
        try:
            service.start()
            async with asyncio.timeout(30):
                await service.done.wait()
            public = [e.data for e in backend.hub.read(roles.PUBLIC, 0, None, 10_000)]
            creator = [e.data for e in backend.hub.read(roles.CREATOR, 0, None, 10_000)]
            assert [d.text for d in public if isinstance(d, ChatMessage)] == expected.comments
            assert len([d for d in public if isinstance(d, GiftStreakEnded)]) == expected.gifts
            assert len([d for d in public if isinstance(d, LiveEnded)]) == 1
            ledger = [d for d in creator if isinstance(d, LedgerEntry)]
            assert {d.kind for d in ledger} == {"tiktok"}
            assert sum(d.diamonds for d in ledger) == expected.diamonds
            assert all(d.session_id is not None for d in ledger)  # all inside the live
            assert service.bridge.duplicates == 2  # the frame TikTok sent twice
            assert service.bridge.ignored["WebcastLiveDeskDemoNewFeatureMessage"] == 1
        finally:
            await service.stop()
            await backend.close()

    asyncio.run(main())
    again = read_recording(tmp_path / "again.jsonl")
    shipped = read_recording(DEMO_PATH)
    assert [bytes(f) for _, f in again.frames] == [bytes(f) for _, f in shipped.frames]


def test_a_second_replay_of_the_same_recording_is_shown_again(tmp_path: Path) -> None:
    async def main() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        try:
            for _ in range(2):
                service = TikTokService(backend, TikTokOptions(replay=DEMO_PATH, speed=0))
                service.start()
                await service.done.wait()
                await service.stop()
            public = [e.data for e in backend.hub.read(roles.PUBLIC, 0, None, 10_000)]
            assert len([d for d in public if isinstance(d, LiveEnded)]) == 2
        finally:
            await backend.close()

    asyncio.run(main())
