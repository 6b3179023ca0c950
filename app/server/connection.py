"""One client connection's outbound side: a bounded queue of encoded frames and its sender task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from app.protocol.closecodes import Close
from app.protocol.codec import events_frame
from app.protocol.frames import Event
from app.server.memory import release_free_memory

log = logging.getLogger(__name__)

MAX_EVENTS_PER_FRAME = 500
# A frame also stops growing past this many bytes, far below the client's 4 MiB limit.
MAX_FRAME_BYTES = 1024 * 1024
CLOSE_TIMEOUT_S = 5.0
# What one connection may have queued and not yet written (events and answers), in bytes.
# Beyond it the client is a slow consumer: the queue is dropped at once and it is closed 4009.
MAX_QUEUE_BYTES = 8 * 1024 * 1024
# A slow consumer's close frame waits behind what its socket still holds: it gets this long
# to read up to it (only the close frame and one frame before it are kept meanwhile).
SLOW_CONSUMER_CLOSE_TIMEOUT_S = 30.0
# Dropping at least this much queued data hands the allocator's free memory back to the OS.
_RELEASE_AFTER_BYTES = 1024 * 1024


async def close_websocket(ws: ServerConnection, code: int, reason: str, timeout: float) -> None:
    """Send a close frame and wait for the handshake; a peer that stops reading is cut off.

    websockets' own close() can wait forever for a full write buffer to drain.
    """
    try:
        async with asyncio.timeout(timeout):
            await ws.close(code, reason)
    except TimeoutError:
        ws.transport.abort()
    except ConnectionClosed:
        pass


class RateLimit:
    """Token bucket of `per_minute` commands; a client may overdraw it by as much again
    (each refused command still costs a token) before it is disconnected."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.tokens = self.capacity
        self._clock = clock
        self._last = clock()

    def take(self) -> float | None:
        """Spend one token. None: allowed; >= 0: refused, retry after that many seconds;
        raises OverflowError when the client is more than twice over the limit."""
        now = self._clock()
        self.tokens = min(self.capacity, self.tokens + (now - self._last) * self.rate)
        self._last = now
        self.tokens -= 1.0
        if self.tokens >= 0.0:
            return None
        if self.tokens < -self.capacity:
            raise OverflowError("more than twice the command rate limit")
        return (1.0 - self.tokens) / self.rate


class Connection:
    """The hub's Subscriber for one websocket: buffers committed events and control frames
    in order, and a sender task writes them out (events in batched `events` frames).

    Until `go_live()` the queue only buffers, so the replay can be sent first; the sender
    skips every event whose seq is not above what this connection already sent on that
    channel, which removes replay/live overlap and keeps each channel's seq increasing.
    """

    def __init__(
        self,
        ws: ServerConnection,
        account_id: str,
        channels: set[str],
        *,
        max_queue_bytes: int = MAX_QUEUE_BYTES,
        on_closed: Callable[[Connection], None],
    ) -> None:
        self.ws = ws
        self.account_id = account_id
        self.channels = channels
        self.max_queue_bytes = max_queue_bytes
        self.last_sent: dict[str, int] = {}
        self.closing = False
        self._queue: deque[tuple[str | None, int, bytes]] = deque()
        self._queued_bytes = 0
        self._dropped_bytes = 0
        self._wake = asyncio.Event()
        self._sender: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None
        self._on_closed = on_closed

    # --- Subscriber ----------------------------------------------------------------------

    def deliver(self, encoded: bytes, event: Event) -> None:
        self._enqueue(event.ch, event.seq, encoded)

    def close(self, code: int, reason: str) -> None:
        """Close soon, from synchronous code (the hub, the backend's hooks)."""
        if not self.closing and self._closer is None:
            self._closer = asyncio.create_task(self.shutdown(code, reason))

    # --- outbound ------------------------------------------------------------------------

    def send_frame(self, frame: bytes) -> None:
        """Queue a control frame (ack, error, ...) behind the events queued before it."""
        self._enqueue(None, 0, frame)

    def buffered_bytes(self) -> int:
        """Bytes queued here and not yet handed to the socket, plus the socket's own buffer."""
        transport = self.ws.transport
        in_transport = transport.get_write_buffer_size() if not transport.is_closing() else 0
        return self._queued_bytes + in_transport

    def _enqueue(self, ch: str | None, seq: int, body: bytes) -> None:
        if self.closing or self._closer is not None:
            return
        if self._queued_bytes + len(body) > self.max_queue_bytes:
            # Said once per connection: nothing is queued from here on.
            log.warning(
                "connection of %s is too slow (%d bytes waiting); closing it 4009",
                self.account_id,
                self._queued_bytes,
            )
            self._drop_queue()
            self._closer = asyncio.create_task(
                self.shutdown(
                    Close.SLOW_CONSUMER,
                    "slow consumer: send queue full, resume",
                    timeout=SLOW_CONSUMER_CLOSE_TIMEOUT_S,
                )
            )
            return
        self._queue.append((ch, seq, body))
        self._queued_bytes += len(body)
        self._wake.set()

    def _drop_queue(self) -> None:
        self._queue.clear()
        self._dropped_bytes += self._queued_bytes
        self._queued_bytes = 0

    def go_live(self) -> None:
        if self._sender is None and not self.closing:
            self._sender = asyncio.create_task(self._send_loop(), name="livedesk-sender")

    async def shutdown(
        self, code: int, reason: str, *, drain: bool = False, timeout: float = CLOSE_TIMEOUT_S
    ) -> None:
        """Stop queueing, stop the sender and close the websocket with `code`.

        With `drain`, what is already queued (answers, events) is sent first, so a client
        closed for what it did still reads every answer given before the close (bounded by
        the close timeout: a client that does not read is cut off all the same).
        """
        if self.closing:
            return
        self.closing = True
        self._on_closed(self)
        sender, self._sender = self._sender, None
        if drain and sender is not None and sender is not asyncio.current_task():
            self._wake.set()  # the sender empties the queue, then ends (see _send_loop)
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT_S):
                    await asyncio.shield(sender)
            except TimeoutError:
                pass
        self._drop_queue()
        if sender is not None and sender is not asyncio.current_task():
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender
        if self._dropped_bytes >= _RELEASE_AFTER_BYTES:
            release_free_memory()
        await close_websocket(self.ws, code, reason, timeout)

    async def _send_loop(self) -> None:
        queue = self._queue
        ws = self.ws
        try:
            while queue or not self.closing:
                await self._wake.wait()
                self._wake.clear()
                while queue:
                    if queue[0][0] is None:
                        frame = queue.popleft()[2]
                        self._queued_bytes -= len(frame)
                        await ws.send(frame, text=True)
                        continue
                    batch = self._take_events()
                    if batch:
                        await ws.send(events_frame(batch), text=True)
        except ConnectionClosed:
            pass
        except Exception:
            log.exception("sender of %s failed", self.account_id)
            self.close(Close.SERVER_ERROR, "internal error")

    def _take_events(self) -> list[bytes]:
        """Pop up to one frame's worth of events that are due, dropping stale ones."""
        queue, channels, last_sent = self._queue, self.channels, self.last_sent
        batch: list[bytes] = []
        size = 0
        while queue and len(batch) < MAX_EVENTS_PER_FRAME and size < MAX_FRAME_BYTES:
            ch, seq, body = queue[0]
            if ch is None:
                break
            queue.popleft()
            self._queued_bytes -= len(body)
            if ch in channels and seq > last_sent.get(ch, 0):
                last_sent[ch] = seq
                batch.append(body)
                size += len(body)
        return batch
