"""Record what the bridge receives, and play it back as if live.

A recording is a text file of JSON lines. The first line describes it; every other line is one
frame as TikTok sent it, with the seconds since the recording started:

    {"format": "livedesk-tiktok-recording", "version": 1, "library": "TikTokLive 7.0.1",
     "username": "mia.draws", "started_ms": 1764770000000}
    {"t": 0.0, "frame": "<base64 of the serialized ProtoMessageFetchResult>"}

The frame bytes are exactly what the library decodes (`ProtoMessageFetchResult().parse(...)`),
so a recording can be decoded again by the library, by LiveDesk or by anything else.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.server.tiktok.library import proto

FORMAT = "livedesk-tiktok-recording"
VERSION = 1
LIBRARY = "TikTokLive 7.0.1"


class RecordingError(ValueError):
    """A file that is not a readable recording; the message names the file and line."""


class Recorder:
    """Appends frames to a recording file, one flushed line each (a crash keeps what came)."""

    def __init__(self, path: Path, username: str, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        self._start = clock()
        self._file: IO[str] | None = self.path.open("w", encoding="utf-8")
        self.frames = 0
        header = {
            "format": FORMAT,
            "version": VERSION,
            "library": LIBRARY,
            "username": username,
            "started_ms": int(self._start * 1000),
        }
        self._write(header)

    def record(self, frame: Any, at: float | None = None) -> None:
        """Write a frame received now (or at `at`, in the clock's seconds)."""
        t = round((self._clock() if at is None else at) - self._start, 3)
        self._write({"t": t, "frame": base64.b64encode(bytes(frame)).decode("ascii")})
        self.frames += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _write(self, line: dict[str, Any]) -> None:
        if self._file is None:
            raise RuntimeError("the recording is closed")
        self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._file.flush()


@dataclass(frozen=True)
class Recording:
    username: str
    started_ms: int
    frames: tuple[tuple[float, Any], ...]  # (seconds since the start, ProtoMessageFetchResult)

    @property
    def duration_s(self) -> float:
        return self.frames[-1][0] if self.frames else 0.0


def read_recording(path: Path) -> Recording:
    """The recording in `path` (RecordingError if it is not one; nothing is half-read)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordingError(f"{path}: cannot read it ({exc})") from exc
    rows = list(_json_lines(path, lines))
    if not rows or rows[0][1].get("format") != FORMAT:
        raise RecordingError(f"{path}: not a LiveDesk TikTok recording (no {FORMAT} header)")
    header = rows[0][1]
    if header.get("version") != VERSION:
        raise RecordingError(f"{path}: recording version {header.get('version')!r} is unknown")
    frames: list[tuple[float, Any]] = []
    last_t = 0.0
    for number, row in rows[1:]:
        try:
            t = float(row["t"])
            raw = base64.b64decode(row["frame"], validate=True)
            frame = proto.ProtoMessageFetchResult().parse(raw)
        except Exception as exc:
            raise RecordingError(f"{path}, line {number}: not a frame ({exc})") from exc
        if t < last_t:
            raise RecordingError(f"{path}, line {number}: time goes backwards ({t} < {last_t})")
        last_t = t
        frames.append((t, frame))
    return Recording(
        str(header.get("username", "")), int(header.get("started_ms", 0)), tuple(frames)
    )


def _json_lines(path: Path, lines: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordingError(f"{path}, line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise RecordingError(f"{path}, line {number}: not a JSON object")
        yield number, row


async def replay(
    recording: Recording,
    ingest: Callable[[Any], Awaitable[None]],
    *,
    speed: float = 1.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> int:
    """Feed the recording's frames to `ingest` at their times divided by `speed` (0: no
    waiting); returns how many frames were fed."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    for t, frame in recording.frames:
        if speed > 0:
            wait = start + t / speed - loop.time()
            if wait > 0:
                await sleep(wait)
        await ingest(frame)
    return len(recording.frames)
