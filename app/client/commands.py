"""Commands on their way to the server: saved first, written in order, answered once."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import cast

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from app.client.outbox import CommandPacer, Outbox
from app.client.safenames import clean_result
from app.client.state import CommandResult, notify
from app.client.storethread import ClientStore, StoreThread
from app.protocol.codec import MAX_CLIENT_FRAME_BYTES, encode
from app.protocol.frames import Ack, Command, Error
from app.protocol.payloads import QUERIES, AnyCommandData, CommandData

log = logging.getLogger(__name__)

# Queries (see QUERIES) are answered afresh and only worth having now: they are never saved
# in the store's outbox (a console asks again after every reconnect; saved, each drop would
# leave one more copy behind), and a query equal to one still unanswered is not sent twice:
# the second caller waits for the same answer.


class CommandQueue:
    """Owns the outbox side of a sync client (event-loop thread only).

    `send` records the command in memory, saves it through the store thread, and marks
    it writable once saved; `write_loop` (one per connection, after Ready) writes the
    writable ones in order. The first Ack or Error for a rid resolves it: the store's
    outbox entry is removed, `on_result` runs, and a `request` waiter wakes up.
    """

    def __init__(
        self,
        store: ClientStore,
        store_thread: StoreThread,
        *,
        on_result: Callable[[CommandResult], None],
        on_count: Callable[[], None],
    ) -> None:
        self._store = store
        self._store_thread = store_thread
        self._on_result = on_result
        self._on_count = on_count  # the number of unanswered commands changed
        self._outbox = Outbox()
        self._changed = asyncio.Event()
        self._waiters: dict[str, asyncio.Future[CommandResult]] = {}
        self._waiting: dict[str, int] = {}  # callers per waiter (equal queries share one)

    def __len__(self) -> int:
        return len(self._outbox)

    def restore(self, saved: Iterable[tuple[str, CommandData]]) -> None:
        """Commands left unanswered by a previous run go first (queries saved by an older
        version are dropped: nobody waits for their answer)."""
        restored = []
        for rid, cmd in saved:
            if type(cmd) in QUERIES:
                self._store_thread.submit(self._store.outbox_done, rid)
            elif rid not in self._outbox:
                restored.append((rid, cmd))
        self._outbox.restore(restored)
        self._on_count()

    def send(self, cmd: CommandData) -> str:
        rid = uuid.uuid4().hex
        size = len(encode(Command(rid=rid, cmd=cast(AnyCommandData, cmd))))
        if size > MAX_CLIENT_FRAME_BYTES:
            # The server would close the connection (1009) and a resend after every
            # reconnect would do it again: refuse it here, never queue it.
            message = f"The command is too large to send ({size} bytes)."
            refusal = CommandResult(rid, False, error_code="too_large", message=message)
            asyncio.get_running_loop().call_soon(self._answer, refusal)
            return rid
        if type(cmd) in QUERIES:
            return self._ask(rid, cmd)
        self._outbox.add(rid, cmd)
        saving = self._store_thread.run(self._store.outbox_add, rid, cmd)
        saving.add_done_callback(functools.partial(self._saved, rid))
        self._on_count()
        return rid

    def _ask(self, rid: str, query: CommandData) -> str:
        """Queue a query in memory only; an equal one still unanswered answers for both."""
        same = self._outbox.find(query)
        if same is not None:
            return same
        self._outbox.add(rid, query)
        self._outbox.mark_saved(rid)
        self._changed.set()
        self._on_count()
        return rid

    def waiter(self, rid: str) -> asyncio.Future[CommandResult]:
        """A future for the result of `rid`; call `forget_waiter` when done with it."""
        future = self._waiters.get(rid)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._waiters[rid] = future
        self._waiting[rid] = self._waiting.get(rid, 0) + 1
        return future

    def forget_waiter(self, rid: str) -> None:
        left = self._waiting.pop(rid, 1) - 1
        if left > 0:  # another caller of an equal query still waits for it
            self._waiting[rid] = left
        else:
            self._waiters.pop(rid, None)

    # --- connection lifecycle ---------------------------------------------------------

    def connected(self) -> None:
        """Ready arrived: every saved, unanswered command is to be written again."""
        self._outbox.connected()
        self._changed.set()

    def disconnected(self) -> None:
        self._outbox.disconnected()

    async def write_loop(self, ws: ClientConnection, pacer: CommandPacer) -> None:
        """Write commands in order within the server's rate limit, until the socket closes."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                wait_s = pacer.delay()
                if wait_s > 0:
                    await asyncio.sleep(wait_s)
                    continue
                entry = self._outbox.next_to_write()
                if entry is None:
                    self._changed.clear()
                    await self._changed.wait()
                    continue
                pacer.record()
                frame = Command(rid=entry.rid, cmd=cast(AnyCommandData, entry.cmd))
                await ws.send(encode(frame), text=True)

    # --- answers ----------------------------------------------------------------------

    def receive_ack(self, ack: Ack) -> None:
        self._finish(CommandResult(ack.rid, True, result=clean_result(ack.result)))

    def receive_error(self, error: Error) -> None:
        if error.rid is None:
            log.warning("server error %s: %s", error.code, error.message)
            return
        if error.code == "rate_limited" and error.rid in self._outbox:
            # Not applied: write it again when the server says, on this connection
            # (a new connection writes every pending command anyway).
            retry_s = (error.retry_after_ms or 1000) / 1000
            asyncio.get_running_loop().call_later(
                retry_s, self._retry, error.rid, self._outbox.generation
            )
            return
        self._finish(CommandResult(error.rid, False, error_code=error.code, message=error.message))

    def _retry(self, rid: str, generation: int) -> None:
        self._outbox.retry(rid, generation)
        self._changed.set()

    def _saved(self, rid: str, saving: asyncio.Future[None]) -> None:
        exc = saving.exception() if not saving.cancelled() else asyncio.CancelledError()
        if exc is not None:
            log.error("could not save command %s to the outbox: %s", rid, exc)
            message = f"Could not save the command: {exc}"
            self._finish(CommandResult(rid, False, error_code="not_saved", message=message))
            return
        self._outbox.mark_saved(rid)
        self._changed.set()

    def _finish(self, result: CommandResult) -> None:
        entry = self._outbox.resolve(result.rid)
        if entry is None:
            return  # a second answer to a command re-sent after a drop, or not ours
        if type(entry.cmd) not in QUERIES:
            self._store_thread.submit(self._store.outbox_done, result.rid)
        self._on_count()
        self._answer(result)

    def _answer(self, result: CommandResult) -> None:
        waiter = self._waiters.pop(result.rid, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(result)
        notify(self._on_result, result)
