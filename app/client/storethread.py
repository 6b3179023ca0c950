"""The one worker thread that runs every local-store call of a sync client, in order."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from app.client.unreadable import Unreadable
from app.protocol.frames import Event
from app.protocol.payloads import CommandData
from app.store.errors import StoreError

log = logging.getLogger(__name__)

T = TypeVar("T")


class ClientStore(Protocol):
    """What the sync client needs from the local store (app.store.localstore.LocalStore)."""

    def apply_events(self, events: list[Event]) -> list[Event]: ...
    def apply_frame(
        self, events: list[Event], unreadable: list[Unreadable]
    ) -> tuple[list[Event], int]: ...
    def last_seqs(self) -> dict[str, int]: ...
    def record_gap(self, ch: str, from_seq: int, to_seq: int) -> None: ...
    def outbox_add(self, rid: str, cmd: CommandData) -> None: ...
    def outbox_pending(self) -> list[tuple[str, CommandData]]: ...
    def outbox_done(self, rid: str) -> None: ...


class StoreThread:
    """Runs store calls on a single worker thread: SQLite work never blocks the event
    loop, and calls complete (and their futures resolve) in the order they were made."""

    def __init__(self, name: str = "livedesk-store") -> None:
        self._name = name
        self._executor: ThreadPoolExecutor | None = None

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                1, thread_name_prefix=self._name, initializer=name_os_thread, initargs=(self._name,)
            )
        return self._executor

    def run(self, fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue a call; the returned future resolves on the running loop."""
        return asyncio.get_running_loop().run_in_executor(self._pool(), fn, *args)

    def submit(self, fn: Callable[..., object], *args: Any) -> None:
        """Queue a call without waiting for it; a failure is logged."""
        self._pool().submit(fn, *args).add_done_callback(_log_failure)

    async def close(self) -> None:
        """Wait for every queued call, then let the thread go (a later call starts a new one)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.get_running_loop().run_in_executor(executor, _nothing)
            executor.shutdown(wait=False)


def name_os_thread(name: str) -> None:
    """Give the calling thread `name` where the system shows it (Linux: `top -H`, /proc), so
    a profile or the bench can tell the store's CPU from the window's. Python names its
    threads for itself only."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(15, name.encode()[:15], 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def _nothing() -> None:
    return None


def _log_failure(future: Future[object]) -> None:
    if not future.cancelled() and (exc := future.exception()) is not None:
        # A StoreError says all there is to say (disk full, damaged): no traceback.
        trace = None if isinstance(exc, StoreError) else exc
        log.error("local store call failed: %s", exc, exc_info=trace)
