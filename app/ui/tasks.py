"""The UI's background work: coroutines started from slots, kept alive, their failures logged.

asyncio keeps only a weak reference to a task: one started with `ensure_future` and dropped
can vanish mid-way, and one that fails with nobody awaiting it ends as "Task exception was
never retrieved" at garbage collection, long after the fact and without saying whose it was.
Every feature owns one `BackgroundTasks` and starts its work with `spawn()`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class BackgroundTasks:
    """The running tasks of one owner (a feature, a window), for the GUI thread's loop only."""

    def __init__(self, owner: str) -> None:
        self.owner = owner  # named in the log line of a failure
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run `coro` in the background; it is referenced until it ends, and a failure is
        logged once, here (awaiting the returned task still gets its result or exception)."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()  # retrieved: asyncio does not complain about it again
        if exc is not None:
            log.error("%s: background task failed", self.owner, exc_info=exc)

    def cancel(self) -> None:
        """Cancel every running task (the owner is closing)."""
        for task in list(self._tasks):
            task.cancel()

    def __iter__(self) -> Iterator[asyncio.Task[Any]]:
        return iter(list(self._tasks))

    def __len__(self) -> int:
        return len(self._tasks)
