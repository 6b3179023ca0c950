"""The overlay server: pages and a state websocket on 127.0.0.1, behind a per-install secret.

    GET /overlay/<page>?key=SECRET   alert, top, goal, pinned, question (HTML)
    GET /overlay/<asset>             overlay.css, overlay.js (the app's own code, no key)
    GET /overlay/ws?key=SECRET       websocket: the whole state on connect, then on every change

A wrong or missing key is 403 (for a page, with a page that says to copy the current URL), an
unknown path 404, any method but GET 405. A page that
stops reading never holds up the console: each viewer keeps only the newest state, and
one whose send does not finish in time is cut off (its page reconnects and is current).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import http
import logging
import secrets
import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import msgspec
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from app.overlay.state import OverlayState, encode_state

log = logging.getLogger(__name__)

PREFIX = "/overlay/"
WS_PATH = "/overlay/ws"
# Page name -> its HTML file in resources/overlay, and the browser source size it is made for.
PAGES: dict[str, tuple[str, int, int]] = {
    "alert": ("alert.html", 800, 600),
    "top": ("top.html", 400, 500),
    "goal": ("goal.html", 800, 120),
    "pinned": ("pinned.html", 800, 200),
    "fan": ("fan.html", 400, 480),
    "question": ("question.html", 800, 240),
}
ASSETS: dict[str, str] = {
    "overlay.css": "text/css; charset=utf-8",
    "overlay.js": "text/javascript; charset=utf-8",
}
SEND_TIMEOUT_S = 5.0
MAX_VIEWERS = 32  # OBS has a handful of sources; more is a runaway page
_MAX_INCOMING_BYTES = 1024  # pages send nothing; a little slack for a stray message
_CLOSE_TIMEOUT_S = 2.0


def new_secret() -> str:
    """A fresh per-install key: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def pages_dir() -> Path:
    """resources/overlay of a source checkout, or of a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "overlay"


@dataclass
class _File:
    body: bytes
    content_type: str


class _Viewer:
    """One connected page: a slot for the newest state, written by a sender task."""

    def __init__(self, ws: ServerConnection, first: bytes) -> None:
        self.ws = ws
        self.latest: bytes | None = first
        self.wake = asyncio.Event()
        self.wake.set()

    def offer(self, frame: bytes) -> None:
        self.latest = frame  # an unsent older state is simply replaced
        self.wake.set()


class OverlayServer:
    """Serves the overlay pages and pushes `OverlayState` to every page that is open."""

    def __init__(
        self,
        secret: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        pages: Path | None = None,
        send_timeout_s: float = SEND_TIMEOUT_S,
        max_viewers: int = MAX_VIEWERS,
    ) -> None:
        if not secret:
            raise ValueError("the overlay needs a secret")
        self._secret = secret.encode()
        self.host = host
        self.port = port
        self.send_timeout_s = send_timeout_s
        self.max_viewers = max_viewers
        self._files = _load_files(pages or pages_dir())
        self._server: Server | None = None
        self._viewers: set[_Viewer] = set()
        self._state = OverlayState()
        self._version = 0
        self._frame = encode_state(self._state)
        self.dropped = 0  # viewers cut off for not reading in time
        # Called as a page connects, before it gets the current state: a publisher that
        # builds states only while pages are open brings the state up to date here.
        self.on_viewer: Callable[[], None] | None = None

    # --- life cycle -------------------------------------------------------------------

    async def start(self) -> None:
        """Listen; raises OSError when the port is taken (the caller says so)."""
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            process_request=self._process_request,
            compression=None,
            max_size=_MAX_INCOMING_BYTES,
            max_queue=4,
            close_timeout=_CLOSE_TIMEOUT_S,
            server_header="livedesk-overlay",
            logger=logging.getLogger(f"{__name__}.ws"),
        )
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("stream overlay on http://%s:%s%s", self.host, self.port, PREFIX)

    async def close(self) -> None:
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close(close_connections=True)
        try:
            async with asyncio.timeout(_CLOSE_TIMEOUT_S + 1):
                await server.wait_closed()
        except TimeoutError:
            for ws in server.connections:
                ws.transport.abort()
            await server.wait_closed()

    @property
    def listening(self) -> bool:
        return self._server is not None

    @property
    def key(self) -> str:
        return self._secret.decode()

    def url(self, page: str) -> str:
        """The URL of a page, key included: what the creator pastes into OBS."""
        if page not in PAGES:
            raise KeyError(page)
        key = urllib.parse.quote(self._secret.decode(), safe="")
        return f"http://{self.host}:{self.port}{PREFIX}{page}?key={key}"

    # --- state ------------------------------------------------------------------------

    @property
    def state(self) -> OverlayState:
        return self._state

    @property
    def viewer_count(self) -> int:
        return len(self._viewers)

    def publish(self, state: OverlayState) -> None:
        """Make `state` current and hand it to every page; never waits for one."""
        self._version += 1
        self._state = msgspec.structs.replace(state, version=self._version)
        self._frame = encode_state(self._state)
        for viewer in self._viewers:
            viewer.offer(self._frame)

    def set_secret(self, secret: str) -> None:
        """A new key: old URLs get 403 from now on, and open pages are disconnected."""
        if not secret:
            raise ValueError("the overlay needs a secret")
        self._secret = secret.encode()
        for viewer in list(self._viewers):
            viewer.ws.transport.abort()

    # --- HTTP -------------------------------------------------------------------------

    def _key_ok(self, query: str) -> bool:
        keys = urllib.parse.parse_qs(query).get("key", [])
        given = keys[0].encode() if len(keys) == 1 else b""
        # Constant time, so the key cannot be guessed from response times.
        return hmac.compare_digest(given, self._secret)

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urllib.parse.urlsplit(request.path)
        path = parts.path
        if request.method != "GET":
            response = _plain(connection, http.HTTPStatus.METHOD_NOT_ALLOWED)
            response.headers["Allow"] = "GET"
            return response
        if not path.startswith(PREFIX):
            return _plain(connection, http.HTTPStatus.NOT_FOUND)
        name = path[len(PREFIX) :]
        if name in ASSETS:
            return self._file(connection, name)
        if name != "ws" and name not in PAGES:
            return _plain(connection, http.HTTPStatus.NOT_FOUND)
        if not self._key_ok(parts.query):
            # A page (OBS shows it on stream) says what to do; the socket just refuses.
            return (
                _plain(connection, http.HTTPStatus.FORBIDDEN)
                if name == "ws"
                else _bad_key(connection)
            )
        if name != "ws":
            return self._file(connection, PAGES[name][0], page=True)
        if len(self._viewers) >= self.max_viewers:
            return _plain(connection, http.HTTPStatus.SERVICE_UNAVAILABLE)
        return None  # the websocket handshake goes on

    def _file(self, connection: ServerConnection, name: str, *, page: bool = False) -> Response:
        file = self._files[name]
        response = _plain(connection, http.HTTPStatus.OK)
        response.body = file.body
        headers = response.headers
        del headers["Content-Length"]  # respond() counted its own body
        headers["Content-Length"] = str(len(file.body))
        del headers["Content-Type"]
        headers["Content-Type"] = file.content_type
        if page:
            # Own scripts and styles only, sockets back to this server, nothing from outside.
            origins = f"ws://{self.host}:{self.port} ws://localhost:{self.port}"
            headers["Content-Security-Policy"] = (
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"connect-src 'self' {origins}; base-uri 'none'; form-action 'none'"
            )
        return response

    # --- websocket --------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        if self.on_viewer is not None:
            self.on_viewer()
        viewer = _Viewer(ws, self._frame)
        self._viewers.add(viewer)
        sender = asyncio.create_task(self._send_loop(viewer), name="overlay-sender")
        try:
            # Pages send nothing; reading keeps close frames and pings flowing.
            async for _ in ws:
                pass
        except ConnectionClosed:
            pass
        finally:
            self._viewers.discard(viewer)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender

    async def _send_loop(self, viewer: _Viewer) -> None:
        ws = viewer.ws
        while True:
            await viewer.wake.wait()
            viewer.wake.clear()
            frame, viewer.latest = viewer.latest, None
            if frame is None:
                continue
            try:
                async with asyncio.timeout(self.send_timeout_s):
                    await ws.send(frame, text=True)
            except TimeoutError:
                self.dropped += 1
                log.info("an overlay page stopped reading; disconnected (it will reconnect)")
                ws.transport.abort()
                return
            except ConnectionClosed:
                return


def _plain(connection: ServerConnection, status: http.HTTPStatus) -> Response:
    response = connection.respond(status, f"{status.value} {status.phrase}\n")
    headers: Headers = response.headers
    headers["Cache-Control"] = "no-store"
    headers["X-Content-Type-Options"] = "nosniff"
    # The key is in the page's URL: never send it on to anyone as a referrer.
    headers["Referrer-Policy"] = "no-referrer"
    return response


# Shown by OBS in place of the overlay when its URL's key is wrong or was replaced ("New
# key…"): what happened and what to do, in English and German, readable on any scene.
BAD_KEY_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>LiveDesk overlay: link not valid</title></head>
<body style="margin:0;font:20px/1.4 sans-serif">
<div style="margin:16px;padding:16px 20px;max-width:720px;background:#1d1d1d;color:#fff;
border-left:6px solid #f2b705;border-radius:8px">
<p style="margin:0 0 8px;font-weight:700">This LiveDesk overlay link is not valid.</p>
<p style="margin:0 0 12px">Its key is wrong or was replaced by a new one. In LiveDesk, open
File &#8594; Stream overlay (OBS)&#8230;, click <b>Copy URL</b> for this page and paste it
into this Browser Source's URL.</p>
<p style="margin:0 0 8px;font-weight:700">Dieser LiveDesk-Overlay-Link ist ung&#252;ltig.</p>
<p style="margin:0">Sein Schl&#252;ssel ist falsch oder wurde ersetzt. In LiveDesk:
Datei &#8594; Stream-Overlay (OBS)&#8230;, bei dieser Seite <b>URL kopieren</b> und in die
URL dieser Browserquelle einf&#252;gen.</p>
</div></body></html>
"""


def _bad_key(connection: ServerConnection) -> Response:
    response = _plain(connection, http.HTTPStatus.FORBIDDEN)
    body = BAD_KEY_PAGE.encode()
    response.body = body
    headers = response.headers
    del headers["Content-Length"]
    headers["Content-Length"] = str(len(body))
    del headers["Content-Type"]
    headers["Content-Type"] = "text/html; charset=utf-8"
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def _load_files(folder: Path) -> dict[str, _File]:
    """The pages and assets, read once: a request never touches the disk."""
    files = {}
    for name, content_type in ASSETS.items():
        files[name] = _File((folder / name).read_bytes(), content_type)
    for file_name, _, _ in PAGES.values():
        files[file_name] = _File((folder / file_name).read_bytes(), "text/html; charset=utf-8")
    return files
