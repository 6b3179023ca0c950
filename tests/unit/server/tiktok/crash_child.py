"""Run by test_crash.py in a process of its own: apply a frame, die in the middle of it.

argv: data dir, first frame file, frame file, where to die: "server" (at the first commit of
server.db after the frame came in), "tiktok" (at the first commit of tiktok.db) or
"after-tiktok" (right after that commit).
The process ends with os._exit(CRASHED), as at a power cut: nothing else is committed.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from app.server.backend import Backend
from app.server.hub import EventHub
from app.server.state import ServerState
from app.server.tiktok.bridge import TikTokBridge
from app.server.tiktok.library import proto
from app.server.tiktok.seen import SeenStore

CRASHED = 3


def _die(*_args: Any) -> None:
    os._exit(CRASHED)


async def main(data: Path, first: bytes, frame: bytes, where: str) -> None:
    backend = Backend(data)
    await backend.start()
    bridge = TikTokBridge(backend, username="creator.tt")
    await bridge.ingest(proto.ProtoMessageFetchResult().parse(first))
    if where == "server":
        EventHub._commit = _die  # type: ignore[method-assign]
        ServerState.commit = _die  # type: ignore[method-assign]
    elif where == "tiktok":
        SeenStore.commit = _die  # type: ignore[method-assign]
    else:
        commit = SeenStore.commit

        def commit_and_die(seen: SeenStore) -> None:
            commit(seen)
            _die()

        SeenStore.commit = commit_and_die  # type: ignore[method-assign]
    await bridge.ingest(proto.ProtoMessageFetchResult().parse(frame))
    os._exit(0)  # the frame went through without the commit it should have made


if __name__ == "__main__":
    data_dir, first_file, frame_file, crash_at = sys.argv[1:5]
    asyncio.run(
        main(Path(data_dir), Path(first_file).read_bytes(), Path(frame_file).read_bytes(), crash_at)
    )
