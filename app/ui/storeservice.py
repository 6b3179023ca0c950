"""The one way the UI reaches the local store: off the GUI thread, one call at a time, in order.

`LocalStore` is meant for one thread at a time. The sync client already writes every event
on its own store thread; the console hands that same `StoreThread` to the client and to
this service, so a feature's read (history, a user's notes) or write (read marks, quick
replies) queues behind the events stored before it and never runs on the GUI thread.
Reads are awaited; `write()` queues a write without waiting (still in order): the console
drains the queue when it stops, before the store is closed, so a write made while a window
closes is not lost. tests/ui/test_store_service.py fails if the GUI thread runs any SQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from app.client.storethread import StoreThread
from app.store.localstore import LocalStore

T = TypeVar("T")


class StoreService:
    """One account's local store, reached through its store thread (GUI thread callers only)."""

    def __init__(self, store: LocalStore, thread: StoreThread) -> None:
        self._store = store
        self.thread = thread

    def read(self, query: Callable[[LocalStore], T]) -> asyncio.Future[T]:
        """Run `query(store)` on the store thread; the future resolves on the GUI thread."""
        return self.thread.run(query, self._store)

    def write(self, change: Callable[[LocalStore], object]) -> None:
        """Queue `change(store)` after every call made before it; a failure is logged."""
        self.thread.submit(change, self._store)

    async def drain(self) -> None:
        """Wait until every queued call has run (the console is stopping)."""
        await self.thread.close()
