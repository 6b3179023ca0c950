"""SyncClient: keeps one LiveDesk connection alive, stores every event once, delivers commands.

Concurrency contract: a SyncClient belongs to the event loop that runs `start()`. Every
public method and attribute is for that loop's thread only (with qasync, the Qt GUI
thread); none is thread-safe. Callbacks (`on_events`, `on_state`, `on_result`, `on_gap`,
`on_ready`) run on that loop, one at a time, in protocol order; they must return quickly
(they delay the receive loop). An exception from a callback is logged and does not stop
the client. Store calls run on one private worker thread, in the order they were issued.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from app.client.backoff import Backoff
from app.client.closes import describe_close, describe_connect_error
from app.client.commands import CommandQueue
from app.client.incoming import EventFilter, Item, SeqJump
from app.client.outbox import CommandPacer
from app.client.safenames import clean_events, clean_struct
from app.client.state import CommandResult, ConnectionState, Status, SyncStats, notify
from app.client.storethread import ClientStore, StoreThread
from app.client.unreadable import Unreadable, salvage_events, unreadable_frame
from app.protocol.closecodes import is_resumable
from app.protocol.codec import MAX_SERVER_FRAME_BYTES, ProtocolError, decode_server_frame, encode
from app.protocol.frames import (
    PROTOCOL_VERSION,
    Ack,
    Error,
    Event,
    Events,
    Gap,
    Heartbeat,
    Hello,
    Identify,
    Ready,
)
from app.protocol.payloads import CommandData
from app.store.errors import StoreError

log = logging.getLogger(__name__)
# websockets logs handshake headers (the bearer token) and every frame at debug level:
# its own logger stays at INFO whatever the application's log level is.
_ws_log = logging.getLogger(__name__ + ".websocket")
_ws_log.setLevel(logging.INFO)

_MAX_QUEUED_FRAMES = 64  # frames websockets buffers while the store writes
_CLOSE_TIMEOUT_S = 2.0


def _ignore(*_: Any) -> None:
    return None


class _SessionEnd(Exception):
    """Ends one connection from inside; the run loop reconnects unless `final`."""

    def __init__(self, detail: str, *, final: bool = False, unreachable: bool = False) -> None:
        super().__init__(detail)
        self.outcome = _Outcome(detail, final, unreachable)


@dataclass(frozen=True)
class _Outcome:
    """How a connection attempt ended, as the run loop needs to know it."""

    detail: str
    final: bool = False  # reconnecting with the same token cannot succeed
    unreachable: bool = False  # no session was established: show "offline"


# Events gathered while the store is busy, at most (see SyncClient); a bigger batch only
# makes the GUI's hand-on of it longer (a few microseconds an event, in one go), not the
# store faster.
MAX_GATHERED = 2000
# With the store idle, a write waits up to GATHER_S for more events unless WRITE_NOW are
# there: live chat comes a few events a frame, and a store round trip per frame costs two
# thread hand-offs (each one a wait for a free core on a busy PC) for nothing a viewer
# sees sooner: the panes show new lines once a frame (16 ms) anyway.
# A frame that comes after a quiet spell (none for GATHER_S) is written at once: at a
# trickle nearly every frame comes alone, and waiting for company would only cost a wake-up.
GATHER_S = 0.008
WRITE_NOW = 500


class _WriteSkipped(Exception):
    """A queued write not made because one before it in the same session failed."""


class SyncClient:
    """Connects, identifies with the last stored seq per channel, and stays in sync.

    Events are deduplicated (seq per channel, recent ids), written to the store, then
    passed to `on_events`. While one write is with the store, the frames that arrive are
    received, decoded, admitted and gathered; when the write is done, everything gathered
    goes to the store as the next write (one transaction). So a client that falls behind
    (a burst, or a CPU busy with other programs) writes bigger batches and fewer of them,
    and catches up, instead of paying a store round trip (two thread hand-offs, which on
    a loaded machine each wait for a free core) per frame. With the store idle, a write
    waits up to GATHER_S for more (see there). At most `MAX_GATHERED` events
    are gathered; beyond that reading waits for the store (TCP then holds the server
    back). `store_depth` writes at most are in the store's hands (queued or being
    written); depth 1 is the default: with a second write queued the store thread
    overlaps the GUI thread's Python work, and under one GIL both got slower
    (`python -m app.bench` compares the two side by side). Commands go
    through the store's outbox first, so they survive a crash or an offline spell, and
    are re-sent with their original rid after every reconnect until answered.
    """

    def __init__(
        self,
        url: str,
        token: str,
        store: ClientStore,
        *,
        on_events: Callable[[list[Event]], None] = _ignore,
        on_state: Callable[[ConnectionState], None] = _ignore,
        on_result: Callable[[CommandResult], None] = _ignore,
        on_gap: Callable[[str, int, int], None] = _ignore,
        on_ready: Callable[[Ready], None] = _ignore,
        on_unreadable: Callable[[int, str], None] = _ignore,
        client_name: str = "livedesk",
        ssl_context: ssl.SSLContext | None = None,
        backoff_base_s: float = 0.5,
        backoff_max_s: float = 30.0,
        open_timeout_s: float = 10.0,
        store_depth: int = 1,
        store_thread: StoreThread | None = None,
    ) -> None:
        """`store_thread`: share one with the application's other store users (the console's
        store service) so that every call on `store` runs on one thread, in order."""
        self.url = url
        self.token = token  # read at every connect: a refreshed token applies next time
        self.client_name = client_name
        self.state = ConnectionState("offline")
        self.ready: Ready | None = None  # the latest Ready, kept across disconnects
        self.stats = SyncStats()
        self._store = store
        self._on_events = on_events
        self._on_state = on_state
        self._on_gap = on_gap
        self._on_ready = on_ready
        self._on_unreadable = on_unreadable
        self._ssl = ssl_context
        self._open_timeout_s = open_timeout_s
        self._backoff = Backoff(backoff_base_s, backoff_max_s)
        self._store_thread = store_thread or StoreThread()
        self._filter = EventFilter()
        self.store_depth = max(1, store_depth)  # writes queued for or in the store at once
        self._storing: list[asyncio.Future[tuple[list[Event], int]]] = []
        self._gathered: list[Item] = []  # admitted, waiting for the store (see class doc)
        self._gather_timer: asyncio.TimerHandle | None = None
        self._gather_due = 0.0  # loop time by which what is gathered goes to the store
        self._last_frame_at = float("-inf")  # loop time a frame last brought new events
        self._session_no = 0  # counts connections; a failed write poisons its session
        self._poisoned = -1
        self._write_failed = -1  # the session whose write failed, as the store thread saw it
        self._store_error: BaseException | None = None
        self._store_failing = False  # the last store write failed: keep backing off
        self._commands = CommandQueue(
            store, self._store_thread, on_result=on_result, on_count=self._publish_queued
        )
        self._caught_up = asyncio.Event()
        self._heads: dict[str, int] = {}
        self._last_jump: SeqJump | None = None  # a jump seen again after resuming is a gap
        self._session_ready = False  # the current connection received its Ready
        self._task: asyncio.Task[None] | None = None
        self._ws: ClientConnection | None = None
        self._loaded = False
        self._stopping = False
        self._wake = asyncio.Event()  # reconnect_now() cuts the wait before the next attempt

    # --- public API -------------------------------------------------------------------

    @property
    def last_seqs(self) -> dict[str, int]:
        """Newest stored seq per channel (a copy)."""
        return dict(self._filter.last_seqs)

    async def start(self) -> None:
        """Start the background connect/reconnect task and return at once.

        Does nothing while already running; after `stop()` it starts again.
        """
        if self._task is not None and not self._task.done():
            return
        self._stopping = False
        self._set_state("connecting")
        self._task = asyncio.create_task(self._run(), name="livedesk-sync")

    async def stop(self) -> None:
        """Close the connection cleanly (code 1000) and wait for the background task.

        Every command passed to `send` is saved in the store before this returns;
        unanswered ones are sent again after the next `start()`. If `stop` itself is
        cancelled the client is left stopping; calling it again finishes the job.
        """
        self._stopping = True
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(1000, "client stopping"), _CLOSE_TIMEOUT_S)
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._store_thread.close()
        if self.state.status != "failed":
            self._set_state("offline", detail="Stopped")

    def send(self, cmd: CommandData) -> str:
        """Queue a command and return its new rid at once.

        The command is saved in the store's outbox (on the store thread) before it is
        written to the socket: at once if connected, else after the next Ready. Its
        answer goes to `on_result`. Works while disconnected; needs a running loop.
        """
        return self._commands.send(cmd)

    async def request(self, cmd: CommandData, timeout: float = 10.0) -> CommandResult:
        """Send a command and wait for its result.

        Raises TimeoutError after `timeout` s. A timeout or a cancellation only stops
        the waiting: the command stays in the outbox and is still delivered (its result
        then goes to `on_result` alone).
        """
        rid = self.send(cmd)
        waiter = self._commands.waiter(rid)
        try:
            async with asyncio.timeout(timeout):
                return await waiter
        finally:
            self._commands.forget_waiter(rid)

    def reconnect_now(self) -> None:
        """Try at once instead of waiting out the backoff delay (the user asked to)."""
        self._wake.set()

    async def wait_caught_up(self, timeout: float = 10.0) -> None:
        """Wait until a Ready was received and every channel reached its head seq.

        Cleared when the connection drops: it then waits for the next session to catch
        up. Raises TimeoutError after `timeout` s; cancelling it is safe.
        """
        async with asyncio.timeout(timeout):
            await self._caught_up.wait()

    # --- the connect / reconnect loop -------------------------------------------------

    async def _run(self) -> None:
        if not self._loaded:
            try:
                await self._load()
            except Exception as exc:
                log.exception("could not read the local store")
                self._set_state("failed", detail=f"Could not read local data: {exc}")
                return
        while not self._stopping:
            try:
                outcome = await self._connect_once()
            except Exception as exc:  # a bug must not end syncing for good
                log.exception("unexpected error in the sync session")
                outcome = _Outcome(f"Unexpected error: {exc}")
            if self._stopping:
                return
            if outcome.final:
                log.warning("sync stopped: %s", outcome.detail)
                self._set_state("failed", detail=outcome.detail)
                return
            delay = self._backoff.next_delay()
            waiting: Status = "offline" if outcome.unreachable else "reconnecting"
            log.info("%s; next attempt in %.2f s", outcome.detail, delay)
            self._set_state(waiting, retry_in_s=delay, detail=outcome.detail)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)
            trying: Status = "reconnecting" if self.stats.connections else "connecting"
            self._set_state(trying, detail=outcome.detail)

    async def _load(self) -> None:
        seqs = await self._store_thread.run(self._store.last_seqs)
        pending = await self._store_thread.run(self._store.outbox_pending)
        for ch, seq in seqs.items():
            self._filter.skip_to(ch, seq)
        self._commands.restore(pending)
        self._loaded = True

    async def _connect_once(self) -> _Outcome:
        options: dict[str, Any] = {} if self._ssl is None else {"ssl": self._ssl}
        try:
            async with connect(
                self.url,
                additional_headers={"Authorization": f"Bearer {self.token}"},
                compression=None,
                max_size=MAX_SERVER_FRAME_BYTES,
                max_queue=_MAX_QUEUED_FRAMES,
                open_timeout=self._open_timeout_s,
                close_timeout=_CLOSE_TIMEOUT_S,
                logger=_ws_log,
                **options,
            ) as ws:
                self._ws = ws
                try:
                    await self._session(ws)
                finally:
                    self._ws = None
        except _SessionEnd as end:
            return end.outcome
        except ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd is not None else None
            detail = describe_close(code, exc.rcvd.reason if exc.rcvd is not None else "")
            return _Outcome(detail, final=not is_resumable(code))
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status in (401, 403):
                return _Outcome("Signed out: the server did not accept the token", final=True)
            return _Outcome(f"Server unavailable (HTTP {status})", unreachable=True)
        except InvalidURI as exc:
            return _Outcome(f"Invalid server address: {exc}", final=True)
        except (OSError, TimeoutError, InvalidHandshake) as exc:
            log.info("connection attempt failed: %r", exc)
            return _Outcome(describe_connect_error(exc), unreachable=True)
        return _Outcome("Connection closed")  # not reached: a session ends by an exception

    # --- one connection ---------------------------------------------------------------

    async def _session(self, ws: ClientConnection) -> None:
        self._session_no += 1
        hello = await self._receive_hello(ws)
        interval_s = hello.heartbeat_ms / 1000
        silence_limit_s = 2 * interval_s
        resume = dict(self._filter.last_seqs)
        identify = Identify(protocol=PROTOCOL_VERSION, client=self.client_name[:64], resume=resume)
        await ws.send(encode(identify), text=True)
        pacer = CommandPacer(hello.limits.commands_per_minute)
        background = [asyncio.create_task(self._heartbeat(ws, interval_s), name="heartbeat")]
        try:
            while True:
                try:
                    async with asyncio.timeout(silence_limit_s):
                        raw = await ws.recv(decode=False)
                except TimeoutError:
                    self.stats.zombies += 1
                    raise _SessionEnd(
                        f"No data from the server for {silence_limit_s:g} s; reconnecting"
                    ) from None
                self.stats.frames += 1
                try:
                    frame = decode_server_frame(raw)
                except ProtocolError as exc:
                    await self._receive_unreadable(raw, exc)
                    continue
                if isinstance(frame, Events):
                    await self._receive_events(frame.events)
                    continue
                await self._drain()  # what follows events sees them handed on
                if isinstance(frame, Ack):
                    self._commands.receive_ack(frame)
                elif isinstance(frame, Error):
                    self._commands.receive_error(frame)
                elif isinstance(frame, Ready):
                    self._receive_ready(frame)
                    writer = self._commands.write_loop(ws, pacer)
                    background.append(asyncio.create_task(writer, name="outbox"))
                elif isinstance(frame, Gap):
                    await self._receive_gap(frame)
        except _SessionEnd:
            # The connection is dead or out of sync: drop it now rather than wait for a
            # close handshake behind a queue of frames that would be discarded anyway.
            ws.transport.abort()
            raise
        except ConnectionClosed:
            if self._poisoned == self._session_no:  # _stored aborted the connection
                raise self._save_failed() from None
            raise
        finally:
            # Events already with the store are handed on (or not) before a new session
            # takes its resume positions from the filter.
            with contextlib.suppress(asyncio.CancelledError):
                await self._drain(raise_failure=False)
            self._gathered.clear()  # only if the write before them failed: resumed next
            if self._gather_timer is not None:
                self._gather_timer.cancel()
                self._gather_timer = None
            self._filter.release()
            self._commands.disconnected()
            self._session_ready = False
            self._caught_up.clear()
            for task in background:
                task.cancel()
            await asyncio.gather(*background, return_exceptions=True)

    async def _receive_hello(self, ws: ClientConnection) -> Hello:
        try:
            async with asyncio.timeout(self._open_timeout_s):
                raw = await ws.recv(decode=False)
        except TimeoutError:
            raise _SessionEnd("The server did not say hello", unreachable=True) from None
        try:
            frame = decode_server_frame(raw)
        except ProtocolError as exc:
            raise _SessionEnd(f"The server sent an invalid hello: {exc}") from None
        if not isinstance(frame, Hello):
            raise _SessionEnd(f"Expected hello from the server, got {type(frame).__name__}")
        return frame

    async def _heartbeat(self, ws: ClientConnection, interval_s: float) -> None:
        with contextlib.suppress(ConnectionClosed):
            while True:
                await asyncio.sleep(interval_s)
                acks = dict(self._filter.last_seqs)
                await ws.send(encode(Heartbeat(acks=acks)), text=True)

    async def _receive_unreadable(self, raw: bytes, exc: ProtocolError) -> None:
        """A frame that does not decode: store the events of it that do, keep the others
        raw with the reason (see unreadable.py), and go on; never skip it silently."""
        self.stats.bad_frames += 1
        items = salvage_events(raw)
        if items is None:
            log.warning("kept a frame that does not decode: %s", exc)
            await self._keep([unreadable_frame(raw, exc.message)])
            return
        placed: list[Item] = []
        loose: list[Unreadable] = []
        for item in items:
            if isinstance(item, Unreadable):
                log.warning("kept an event that does not decode: %s", item.reason)
                if not item.ch:
                    loose.append(item)
                    continue
            placed.append(item)
        if loose:
            await self._keep(loose)
        await self._receive_events(placed)

    async def _keep(self, items: list[Unreadable]) -> None:
        """Keep unreadable data that has no place in a channel (after the writes before it)."""
        await self._drain()
        try:
            kept = await self._store_thread.run(self._store.apply_frame, [], items)
        except Exception:
            log.exception("could not keep %d unreadable items", len(items))
            return
        self._report_unreadable(kept[1], items)

    def _report_unreadable(self, kept: int, items: list[Unreadable]) -> None:
        if kept:
            self.stats.unreadable += kept
            notify(self._on_unreadable, kept, items[0].reason)

    async def _receive_events(self, events: Sequence[Item]) -> None:
        """Queue a frame's new events for the store; they are handed on by `_stored`."""
        self.stats.events_received += len(events)
        if self._poisoned == self._session_no:
            raise self._save_failed()
        admission = self._filter.admit(events)
        self.stats.duplicates += admission.duplicates
        accepted = admission.accepted
        if accepted:
            while len(self._gathered) >= MAX_GATHERED and self._storing:
                await asyncio.wait([self._storing[0]])
                if self._poisoned == self._session_no:
                    raise self._save_failed()
            self._filter.reserve(admission)
            now = asyncio.get_running_loop().time()
            if not self._gathered:
                quiet = now - self._last_frame_at > GATHER_S
                self._gather_due = now if quiet else now + GATHER_S
            self._last_frame_at = now
            self._gathered.extend(accepted)
            self._schedule_write()
        if admission.jump is not None:
            await self._drain()
            jump = admission.jump
            self.stats.seq_jumps += 1
            if jump != self._last_jump:
                self._last_jump = jump
                log.warning(
                    "%s: expected seq %d, got %d; resuming", jump.ch, jump.expected, jump.got
                )
                raise _SessionEnd(f"Missed events on {jump.ch}; resuming")
            # The same hole again after resuming: the server cannot fill it (what it sent
            # there did not decode to an event). Treat it as a gap rather than loop on it.
            log.warning("%s: seq %d..%d missing again: a gap", jump.ch, jump.expected, jump.got - 1)
            await self._receive_gap(Gap(ch=jump.ch, from_seq=jump.expected, to_seq=jump.got - 1))
            await self._receive_events(events[len(admission.accepted) + admission.duplicates :])
            return
        if not accepted:
            self._check_caught_up()

    def _schedule_write(self) -> None:
        """Write what was gathered now if WRITE_NOW events are there or it is due (the
        oldest waited GATHER_S, or came alone after a quiet spell), else when it will be;
        nothing while the store has `store_depth` writes (the one that finishes calls this
        again)."""
        if not self._gathered or len(self._storing) >= self.store_depth:
            return
        loop = asyncio.get_running_loop()
        due = self._gather_due
        if len(self._gathered) >= WRITE_NOW or loop.time() >= due:
            self._write_gathered()
        elif self._gather_timer is None:
            self._gather_timer = loop.call_at(due, self._write_gathered)

    def _write_gathered(self) -> None:
        """Hand what was gathered to the store as one write, if the store can take one."""
        if self._gather_timer is not None:
            self._gather_timer.cancel()
            self._gather_timer = None
        if not self._gathered or len(self._storing) >= self.store_depth:
            return
        batch, self._gathered = self._gathered, []
        session = self._session_no
        future = self._store_thread.run(self._write, batch, session)
        self._storing.append(future)
        future.add_done_callback(lambda done: self._stored(done, batch, session))

    def _write(self, accepted: list[Item], session: int) -> tuple[list[Event], int]:
        """On the store thread: store a write's events (gathered from one or more frames),
        unless a write queued before it in the same session failed (the store must not get
        a hole; the next session asks for both again)."""
        if self._write_failed == session:
            raise _WriteSkipped
        try:
            events = [e for e in accepted if type(e) is Event]
            if len(events) == len(accepted):
                return self._store.apply_events(events), 0
            unreadable = [e for e in accepted if type(e) is Unreadable]
            return self._store.apply_frame(events, unreadable)
        except BaseException:
            self._write_failed = session
            raise

    def _stored(
        self,
        future: asyncio.Future[tuple[list[Event], int]],
        accepted: list[Item],
        session: int,
    ) -> None:
        """A store write finished (in the order they were queued): hand its events on."""
        self._storing.remove(future)
        if future.cancelled():
            return
        exc = future.exception()
        if isinstance(exc, _WriteSkipped):
            return
        if exc is not None:
            if isinstance(exc, StoreError):  # says all there is to say; no traceback
                if not self._store_failing:
                    log.error("could not store %d events: %s", len(accepted), exc)
            else:
                log.error("could not store %d events", len(accepted), exc_info=exc)
            # Until a write succeeds again the reconnect delay keeps growing (a full disk
            # must not cost a session and a replay every half second).
            self._store_failing = True
            self._poisoned, self._store_error = session, exc
            # Not written, only reserved: the next session admits them again.
            self._gathered.clear()
            if self._ws is not None and session == self._session_no:
                self._ws.transport.abort()  # the session ends; the next resumes from here
            return
        new, kept = future.result()
        if self._store_failing:
            self._store_failing = False
            self._backoff.reset()
            log.info("events are saved again")
        self._filter.commit(accepted)
        self._schedule_write()  # the next write overlaps handing this one on
        if kept:
            self._report_unreadable(kept, [e for e in accepted if type(e) is Unreadable])
        self.stats.events_stored += len(accepted)
        self.stats.events_new += len(new)
        if new:
            notify(self._on_events, clean_events(new))
        self._check_caught_up()

    async def _drain(self, *, raise_failure: bool = True) -> None:
        """Wait until every gathered event was written and handed on."""
        while self._storing or (self._gathered and self._poisoned != self._session_no):
            self._write_gathered()
            await asyncio.wait(list(self._storing))
        if raise_failure and self._poisoned == self._session_no:
            raise self._save_failed()

    def _save_failed(self) -> _SessionEnd:
        error = self._store_error
        if isinstance(error, StoreError) and error.reason == "disk_full":
            return _SessionEnd(
                "Could not save events: the disk is full. Free some space; nothing is lost "
                "(the server keeps the events)."
            )
        if isinstance(error, StoreError):  # its message starts "Could not save events: "
            return _SessionEnd(str(error))
        return _SessionEnd(f"Could not save events: {error}")

    async def _receive_gap(self, gap: Gap) -> None:
        self.stats.gaps += 1
        try:
            await self._store_thread.run(self._store.record_gap, gap.ch, gap.from_seq, gap.to_seq)
        except Exception:
            # Still reported to the UI below; reconnecting would only bring the same Gap.
            log.exception("could not save the gap %s %d..%d", gap.ch, gap.from_seq, gap.to_seq)
        self._filter.skip_to(gap.ch, gap.to_seq)
        notify(self._on_gap, gap.ch, gap.from_seq, gap.to_seq)
        self._check_caught_up()

    def _receive_ready(self, ready: Ready) -> None:
        ready = clean_struct(ready)  # display names as they may be shown
        for ch, head in ready.heads.items():
            last = self._filter.last_seqs.get(ch)
            if last is None:
                if head == 0:
                    # Known empty: from now on every event of it counts, and a resume
                    # asks for all of them rather than the newest backlog only.
                    self._filter.follow_from_start(ch)
            elif last > head:
                # The server's log is behind the local store (restored from a backup, or
                # reset): follow the server, or every new event would look like a duplicate.
                log.warning("%s: server head %d is behind local seq %d", ch, head, last)
                self._filter.rebase(ch, head)
        self.ready = ready
        self._heads = dict(ready.heads)
        self._session_ready = True
        if not self._store_failing:
            self._backoff.reset()
        self.stats.connections += 1
        self._commands.connected()
        self._set_state("connected")
        notify(self._on_ready, ready)
        self._check_caught_up()

    def _check_caught_up(self) -> None:
        if (
            self._session_ready
            and not self._caught_up.is_set()
            and self._filter.caught_up(self._heads)
        ):
            self._caught_up.set()

    # --- state ------------------------------------------------------------------------

    def _set_state(
        self, status: Status, *, retry_in_s: float | None = None, detail: str = ""
    ) -> None:
        self._publish(ConnectionState(status, retry_in_s, len(self._commands), detail))

    def _publish_queued(self) -> None:
        if self.state.queued != len(self._commands):
            self._publish(replace(self.state, queued=len(self._commands)))

    def _publish(self, state: ConnectionState) -> None:
        if state != self.state:
            self.state = state
            notify(self._on_state, state)
