"""The LiveDesk websocket server: bearer auth, handshake, replay and gaps, live events, commands."""

from __future__ import annotations

import asyncio
import http
import logging
import ssl
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from app.protocol.closecodes import Close
from app.protocol.codec import (
    MAX_CLIENT_FRAME_BYTES,
    ProtocolError,
    decode_client_frame,
    encode,
    events_frame,
)
from app.protocol.frames import (
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    AccountInfo,
    Command,
    Error,
    Gap,
    Heartbeat,
    HeartbeatAck,
    Hello,
    Identify,
    Limits,
    Ready,
)
from app.server.connection import (
    CLOSE_TIMEOUT_S,
    MAX_EVENTS_PER_FRAME,
    MAX_QUEUE_BYTES,
    Connection,
    RateLimit,
    close_websocket,
)
from app.server.fan_http import FAN_WS_PATH, FanGateway
from app.server.hosts import AllowedHosts
from app.server.redeem_http import REDEEM_PATH, InviteRedeemer

if TYPE_CHECKING:
    from app.server.backend import Account, Backend

log = logging.getLogger(__name__)

SERVER_NAME = "livedesk/0.1"
WS_PATH = "/ws"
INITIAL_BACKLOG = 200
GAP_THRESHOLD = 50_000
IDENTIFY_TIMEOUT_S = 10.0
BAD_FRAMES_BEFORE_CLOSE = 20
_MAX_TOKEN_CHARS = 512


class LiveDeskServer:
    """Serves one Backend over websockets at ws(s)://host:port/ws (see PROTOCOL.md)."""

    def __init__(
        self,
        backend: Backend,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        ssl_context: ssl.SSLContext | None = None,
        heartbeat_ms: int = 15000,
        commands_per_minute: int = 120,
        max_queue_bytes: int = MAX_QUEUE_BYTES,
        initial_backlog: int = INITIAL_BACKLOG,
        gap_threshold: int = GAP_THRESHOLD,
        identify_timeout_s: float = IDENTIFY_TIMEOUT_S,
        compression: str | None = None,
        public_names: Sequence[str] = (),
    ) -> None:
        self.backend = backend
        self.host = host
        self.port = port
        self.ssl_context = ssl_context
        self.heartbeat_ms = heartbeat_ms
        self.commands_per_minute = commands_per_minute
        self.max_queue_bytes = max_queue_bytes
        self.initial_backlog = initial_backlog
        self.gap_threshold = gap_threshold
        self.identify_timeout_s = identify_timeout_s
        # Off by default: permessage-deflate costs CPU per frame and memory per connection.
        self.compression = compression
        self._server: Server | None = None
        self._redeemer = InviteRedeemer(backend)
        self.fan = FanGateway(backend, tls=ssl_context is not None)
        # Names the fan page may be reached by besides this computer's own (a reverse proxy's).
        self.public_names = tuple(public_names)
        self._connections: dict[str, dict[Connection, Account]] = {}
        self._hello = encode(
            Hello(
                protocol=PROTOCOL_VERSION,
                server=SERVER_NAME,
                heartbeat_ms=heartbeat_ms,
                limits=Limits(
                    max_frame_bytes=MAX_CLIENT_FRAME_BYTES,
                    commands_per_minute=commands_per_minute,
                    max_batch_events=MAX_EVENTS_PER_FRAME,
                    initial_backlog=initial_backlog,
                ),
            )
        )

    @property
    def url(self) -> str:
        scheme = "wss" if self.ssl_context is not None else "ws"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}{WS_PATH}"

    async def start(self) -> None:
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            ssl=self.ssl_context,
            process_request=self._process_request,
            compression=self.compression,
            max_size=MAX_CLIENT_FRAME_BYTES,
            close_timeout=CLOSE_TIMEOUT_S,
            server_header=SERVER_NAME,
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self.fan.hosts = AllowedHosts(
            self.host, self.port, tls=self.ssl_context is not None, public_names=self.public_names
        )
        self.backend.on_channels_changed = self._channels_changed
        self.backend.on_account_revoked = self._account_revoked
        log.info("LiveDesk server listening on %s", self.url)

    async def close(self) -> None:
        """Close every connection with 1001 (going away, resumable) and stop listening."""
        if self._server is None:
            return
        server, self._server = self._server, None
        server.server.close()  # stop accepting; websockets answers late handshakes with 503
        conns = [c for group in self._connections.values() for c in group]
        await asyncio.gather(*(c.shutdown(Close.GOING_AWAY, "server shutting down") for c in conns))
        # Connections still in the handshake are closed by websockets itself (also 1001).
        server.close(close_connections=True)
        try:
            async with asyncio.timeout(CLOSE_TIMEOUT_S + 1):
                await server.wait_closed()
        except TimeoutError:
            for ws in server.connections:
                ws.transport.abort()
            await server.wait_closed()
        self.backend.on_channels_changed = _ignore
        self.backend.on_account_revoked = _ignore

    def connection_count(self) -> int:
        return sum(len(group) for group in self._connections.values())

    # --- authentication ------------------------------------------------------------------

    def _account_for(self, request: Request) -> Account | None:
        if request.path.split("?", 1)[0] == FAN_WS_PATH:
            return self.fan.account_for(request)  # the fan page signs in by cookie
        headers = request.headers
        scheme, _, token = headers.get("Authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or len(token) > _MAX_TOKEN_CHARS:
            return None
        return self.backend.authenticate(token)

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path == REDEEM_PATH:
            return self._redeemer.respond(connection, request)
        if path == "/fan" or path.startswith("/fan/"):
            return self.fan.respond(connection, request)
        if path != WS_PATH:
            return connection.respond(http.HTTPStatus.NOT_FOUND, "not found\n")
        if self.backend.failed.is_set():
            # Its storage failed (PROTOCOL.md §8): clients retry until it has restarted.
            return connection.respond(
                http.HTTPStatus.SERVICE_UNAVAILABLE, "server error; restarting\n"
            )
        if self._account_for(request) is None:
            response = connection.respond(
                http.HTTPStatus.UNAUTHORIZED, "missing, invalid or revoked bearer token\n"
            )
            response.headers["WWW-Authenticate"] = 'Bearer realm="livedesk"'
            return response
        return None

    # --- one connection ------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        try:
            await ws.send(self._hello, text=True)
            identify = await self._wait_for_identify(ws)
        except ConnectionClosed:
            return
        if identify is None:
            return
        # Checked again: the token may have been revoked since process_request.
        account = self._account_for(ws.request)
        if account is None:
            await self._close(ws, Close.REVOKED, "access revoked")
            return
        self.backend.fans.note_address(account.id, str(ws.remote_address[0]))
        conn = Connection(
            ws,
            account.id,
            set(self.backend.readable_channels(account)),
            max_queue_bytes=self.max_queue_bytes,
            on_closed=self._forget,
        )
        # Attached before the replay is read: events committed meanwhile wait in its queue.
        self.backend.hub.attach(conn)
        self._connections.setdefault(account.id, {})[conn] = account
        log.info("connection open: account %s (%s)", account.id, account.role)
        try:
            await self._send_ready_and_replay(conn, account, identify)
            conn.go_live()
            await self._serve_client_frames(conn, account)
        except ConnectionClosed:
            pass
        finally:
            await conn.shutdown(Close.NORMAL, "")
            log.info("connection closed: account %s, code %s", account.id, ws.close_code)

    def _forget(self, conn: Connection) -> None:
        self.backend.hub.detach(conn)
        group = self._connections.get(conn.account_id)
        if group is not None:
            group.pop(conn, None)
            if not group:
                del self._connections[conn.account_id]

    async def _wait_for_identify(self, ws: ServerConnection) -> Identify | None:
        """The Identify frame, or None once the connection has been closed."""
        deadline = asyncio.get_running_loop().time() + self.identify_timeout_s
        bad_frames = 0
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    raw = await ws.recv()  # text is checked as UTF-8: invalid closes 1007
            except TimeoutError:
                await self._close(ws, Close.NOT_IDENTIFIED, "no identify in time")
                return None
            try:
                frame = decode_client_frame(raw)
            except ProtocolError as exc:
                bad_frames += 1
                # Every bad frame is answered, the last one too, before the close.
                await ws.send(
                    encode(Error(code=exc.code, message=exc.message[:300], rid=exc.rid)), text=True
                )
                if bad_frames >= BAD_FRAMES_BEFORE_CLOSE:
                    await self._close(ws, Close.BAD_FRAMES, "too many bad frames")
                    return None
                continue
            if isinstance(frame, Identify):
                if frame.protocol not in SUPPORTED_VERSIONS:
                    supported = ", ".join(str(v) for v in sorted(SUPPORTED_VERSIONS))
                    reason = f"unsupported protocol {frame.protocol}; supported: {supported}"
                    await self._close(ws, Close.UNSUPPORTED_VERSION, reason)
                    return None
                return frame
            if isinstance(frame, Command):
                await self._close(ws, Close.NOT_IDENTIFIED, "identify before sending commands")
                return None
            await ws.send(encode(HeartbeatAck(ts=_now_ms())), text=True)

    async def _close(self, ws: ServerConnection, code: int, reason: str) -> None:
        await close_websocket(ws, code, reason, CLOSE_TIMEOUT_S)

    async def _send_ready_and_replay(
        self, conn: Connection, account: Account, identify: Identify
    ) -> None:
        hub = self.backend.hub
        channels = sorted(conn.channels)
        ready = Ready(
            account=AccountInfo(id=account.id, name=account.name, role=account.role),
            heads={ch: hub.head(ch) for ch in channels},
            resumed=bool(identify.resume),
            snapshot=self.backend.snapshot(account),
        )
        await conn.ws.send(encode(ready), text=True)
        for ch in channels:
            await self._replay_channel(conn, ch, identify.resume.get(ch))

    async def _replay_channel(self, conn: Connection, ch: str, resume_after: int | None) -> None:
        hub = self.backend.hub
        head = hub.head(ch)
        if resume_after is None or resume_after > head:
            # A fresh client, or a log that was reset since: the newest events only.
            start = max(0, head - self.initial_backlog)
        elif head - resume_after > self.gap_threshold:
            start = head - self.initial_backlog
            await conn.ws.send(
                encode(Gap(ch=ch, from_seq=resume_after + 1, to_seq=start)), text=True
            )
        else:
            start = resume_after
        after = start
        first_chunk = True
        while after < head:
            rows = hub.read_encoded(ch, after, head + 1, MAX_EVENTS_PER_FRAME)
            if not rows:
                break  # the rest is not committed yet and arrives live
            if first_chunk and rows[0][0] > after + 1 and resume_after is not None:
                # Pruned from the log: say so instead of leaving a silent hole.
                gap = Gap(ch=ch, from_seq=after + 1, to_seq=rows[0][0] - 1)
                await conn.ws.send(encode(gap), text=True)
            first_chunk = False
            await conn.ws.send(events_frame(body for _, body in rows), text=True)
            after = rows[-1][0]
            conn.last_sent[ch] = after

    async def _serve_client_frames(self, conn: Connection, account: Account) -> None:
        ws = conn.ws
        silence_limit = 2 * self.heartbeat_ms / 1000
        limiter = RateLimit(self.commands_per_minute)
        bad_frames = 0
        while not conn.closing:
            try:
                async with asyncio.timeout(silence_limit):
                    raw = await ws.recv()  # text is checked as UTF-8: invalid closes 1007
            except TimeoutError:
                await conn.shutdown(Close.HEARTBEAT_TIMEOUT, "no heartbeat from the client")
                return
            try:
                frame = decode_client_frame(raw)
            except ProtocolError as exc:
                bad_frames += 1
                conn.send_frame(
                    encode(Error(code=exc.code, message=exc.message[:300], rid=exc.rid))
                )
                if bad_frames >= BAD_FRAMES_BEFORE_CLOSE:
                    # The answers queued so far (these errors included) go out before the close.
                    await conn.shutdown(Close.BAD_FRAMES, "too many bad frames", drain=True)
                    return
                continue
            bad_frames = 0
            if isinstance(frame, Heartbeat):
                conn.send_frame(encode(HeartbeatAck(ts=_now_ms())))
            elif isinstance(frame, Identify):
                conn.send_frame(encode(Error(code="bad_request", message="already identified")))
            elif isinstance(frame, Command):
                try:
                    retry_after_s = limiter.take()
                except OverflowError:
                    await conn.shutdown(
                        Close.RATE_LIMITED, "command rate limit exceeded", drain=True
                    )
                    return
                if retry_after_s is not None:
                    refusal = Error(
                        code="rate_limited",
                        message=f"at most {self.commands_per_minute} commands per minute",
                        rid=frame.rid,
                        retry_after_ms=max(1, round(retry_after_s * 1000)),
                    )
                    conn.send_frame(encode(refusal))
                    continue
                await self._execute(conn, account, frame)

    async def _execute(self, conn: Connection, account: Account, frame: Command) -> None:
        try:
            answer = await self.backend.execute(account, frame.rid, frame.cmd)
        except Exception:
            log.exception("command %s failed", type(frame.cmd).__name__)
            answer = Error(code="internal", message="the command was not applied", rid=frame.rid)
        # Queued behind the events the command caused, so those reach the client first.
        conn.send_frame(encode(answer))

    # --- hooks the backend calls ---------------------------------------------------------

    def _channels_changed(self, account_id: str) -> None:
        """Re-derive what the account's connections read. A channel gained mid-connection
        starts at its current head: its events committed from now on flow live."""
        for conn, account in list(self._connections.get(account_id, {}).items()):
            readable = self.backend.readable_channels(account)
            conn.channels.intersection_update(readable)
            conn.channels.update(readable)

    def _account_revoked(self, account_id: str) -> None:
        for conn in list(self._connections.get(account_id, ())):
            conn.close(Close.REVOKED, "access revoked")


def _now_ms() -> int:
    return int(time.time() * 1000)


def _ignore(_account_id: str) -> None:
    """Default for the backend's hooks once the server is gone."""
