"""A TikTok source for a running backend: the live connection (`--tiktok @username`) or a
replay (`--tiktok-replay FILE`), optionally recorded (`--tiktok-record FILE`).

The connection's state goes to the creator as `tiktok.connection` events (PROTOCOL.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import roles
from app.core.tiktok_names import normalize_username
from app.protocol.payloads import TikTokConnection
from app.server.tiktok.bridge import TikTokBridge
from app.server.tiktok.connection import ConnectionState, TikTokConnector
from app.server.tiktok.recording import Recorder, read_recording, replay

if TYPE_CHECKING:
    from app.server.backend import Backend

log = logging.getLogger(__name__)


@dataclass
class TikTokOptions:
    username: str = ""  # @username of the creator's TikTok account: read it live
    replay: Path | None = None  # or play this recording
    speed: float = 1.0
    record: Path | None = None  # keep what the bridge receives here
    sign_key: str | None = None  # signing service API key (Euler Stream by default)
    sign_url: str | None = None  # signing service base URL


class TikTokService:
    def __init__(self, backend: Backend, options: TikTokOptions) -> None:
        self.backend = backend
        self.options = options
        username = normalize_username(options.username)
        self.recording = read_recording(options.replay) if options.replay else None
        if self.recording is not None and not username:
            username = self.recording.username
        self.username = username
        self.recorder = Recorder(options.record, username) if options.record else None
        # A replay is a live of its own: its message ids must not pass for ones already seen.
        namespace = f"replay-{secrets.token_hex(3)}:" if self.recording is not None else ""
        self.bridge = TikTokBridge(
            backend,
            username=username,
            on_frame=self.recorder.record if self.recorder else None,
            namespace=namespace,
        )
        self.connector: TikTokConnector | None = None
        self._task: asyncio.Task[None] | None = None
        self.done = asyncio.Event()

    def publish(self, state: ConnectionState) -> None:
        self.backend.emit(
            roles.CREATOR,
            TikTokConnection(
                state=state.state,
                username=self.username[:200],
                detail=state.detail,
                retry_in_s=state.retry_in_s,
            ),
            None,
        )

    def start(self) -> None:
        if self.recording is not None:
            self._task = asyncio.create_task(self._replay(), name="tiktok-replay")
            return
        options = self.options
        self.connector = TikTokConnector(
            self.bridge,
            self.username,
            publish=self.publish,
            sign_key=options.sign_key,
            sign_url=options.sign_url,
        )
        self._task = asyncio.create_task(self._connect(self.connector), name="tiktok")

    async def _connect(self, connector: TikTokConnector) -> None:
        try:
            await connector.run()
        finally:
            self.done.set()

    async def _replay(self) -> None:
        assert self.recording is not None
        try:
            self.publish(ConnectionState("connected", "Replaying a recording."))
            count = await replay(self.recording, self.bridge.ingest, speed=self.options.speed)
            log.info("TikTok replay: %d frames, applied %s", count, dict(self.bridge.applied))
            if self.bridge.live_ended:
                self.publish(ConnectionState("ended", "The recorded LIVE ended."))
        except Exception:
            log.exception("the TikTok replay stopped")
        finally:
            self.done.set()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.recorder is not None:
            self.recorder.close()
        self.bridge.close()
