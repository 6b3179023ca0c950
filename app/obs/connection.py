"""One session with OBS Studio's obs-websocket (v5): identify, requests with a deadline, events.

Built on simpleobsws, an asyncio client that speaks obs-websocket's msgpack protocol over the
`websockets` package LiveDesk already uses, so every call runs on the console's own event loop
(qasync) and none blocks it. What this module adds on top:

- `open()` says plainly why a connection failed: OBS not running (refused), a wrong password
  (OBS closes with code 4009), no answer in time (a hung OBS accepts TCP but never says
  Hello), or something else on that port.
- `call()` has a deadline and returns as soon as OBS goes away mid-call, instead of waiting
  for the deadline; a refused request raises `ObsRequestError` with OBS's code.

Concurrency: all methods run on one event loop; several calls may be in flight at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import websockets.exceptions

_ws_logger = logging.getLogger("websockets")
_ws_level = _ws_logger.level
import simpleobsws  # noqa: E402  (it sets the websockets logger's level on import)

_ws_logger.setLevel(_ws_level)
# It warns about every answer that arrives after its caller gave up (our deadlines do that on
# purpose with a slow OBS); what matters is reported by this module.
logging.getLogger("simpleobsws").setLevel(logging.ERROR)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
CALL_TIMEOUT_S = 5.0
_CLOSE_TIMEOUT_S = 1.0
AUTH_FAILED = 4009  # obs-websocket's close code for a wrong password

State = Literal["off", "connecting", "not_running", "wrong_password", "no_answer", "connected"]


@dataclass(frozen=True)
class ObsAddress:
    host: str = "127.0.0.1"
    port: int = 4455
    password: str = ""

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"ws://{host}:{self.port}"


@dataclass(frozen=True)
class ObsStatus:
    """The link to OBS as the creator sees it; `detail` is a technical reason (English)."""

    state: State
    detail: str = ""
    obs_version: str = ""
    websocket_version: str = ""

    @property
    def connected(self) -> bool:
        return self.state == "connected"


class ObsUnavailable(Exception):
    """No answer: not connected, OBS went away mid-call, or it did not answer in time."""


class ObsTimeout(ObsUnavailable):
    """OBS is connected but did not answer a request within its deadline."""


class ObsRequestError(Exception):
    """OBS answered and refused the request; `code` is obs-websocket's RequestStatus."""

    def __init__(self, request: str, code: int, comment: str) -> None:
        super().__init__(f"{request} failed ({code}): {comment}")
        self.request = request
        self.code = code
        self.comment = comment


class ObsConnectFailed(Exception):
    """`open()` failed; `status` says why in terms of ObsStatus."""

    def __init__(self, status: ObsStatus) -> None:
        super().__init__(status.detail or status.state)
        self.status = status


EventHandler = Callable[[str, dict[str, Any]], None]


class ObsConnection:
    """A single websocket session; make a new one to reconnect."""

    def __init__(self, address: ObsAddress, on_event: EventHandler | None = None) -> None:
        self.address = address
        self.status = ObsStatus("connecting")
        self._on_event = on_event
        self._ws = simpleobsws.WebSocketClient(url=address.url, password=address.password)
        self._ws.register_event_callback(self._event)

    async def open(self, timeout: float = CONNECT_TIMEOUT_S) -> ObsStatus:
        """Connect and identify; raises ObsConnectFailed with the reason."""
        try:
            return await self._open(timeout)
        except BaseException:  # failed, or stopped while connecting: leave no socket behind
            await self.close()
            raise

    async def _open(self, timeout: float) -> ObsStatus:
        try:
            async with asyncio.timeout(timeout):
                await self._ws.connect()
                identified = asyncio.ensure_future(
                    self._ws.wait_until_identified(timeout=timeout + 1)
                )
                try:
                    await asyncio.wait(
                        {identified, self._ws.recv_task}, return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    identified.cancel()
        except TimeoutError:
            raise ObsConnectFailed(
                ObsStatus("no_answer", f"no answer from {self.address.url} within {timeout:g} s")
            ) from None
        except OSError as exc:  # refused, unreachable, unknown host
            raise ObsConnectFailed(ObsStatus("not_running", exc.strerror or str(exc))) from None
        except (websockets.exceptions.WebSocketException, ValueError) as exc:
            raise ObsConnectFailed(
                ObsStatus("no_answer", f"not obs-websocket on {self.address.url}: {exc}")
            ) from None
        if not self._ws.identified:
            code = getattr(self._ws.ws, "close_code", None) if self._ws.ws else None
            if code == AUTH_FAILED:
                raise ObsConnectFailed(ObsStatus("wrong_password", "authentication failed"))
            raise ObsConnectFailed(ObsStatus("no_answer", f"closed while identifying ({code})"))
        try:
            version = await self.call("GetVersion", timeout=timeout)
        except (ObsUnavailable, ObsRequestError) as exc:
            raise ObsConnectFailed(ObsStatus("no_answer", str(exc))) from None
        self.status = ObsStatus(
            "connected",
            obs_version=str(version.get("obsVersion", "")),
            websocket_version=str(version.get("obsWebSocketVersion", "")),
        )
        return self.status

    @property
    def is_open(self) -> bool:
        return bool(self._ws.ws_open and self._ws.identified)

    async def wait_closed(self) -> None:
        """Returns when OBS closed the session (quit, crashed, network gone)."""
        task = self._ws.recv_task
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.shield(task)

    async def call(
        self, request: str, data: dict[str, Any] | None = None, *, timeout: float = CALL_TIMEOUT_S
    ) -> dict[str, Any]:
        """One request; its responseData ({} if none). Never waits past `timeout`."""
        if not self.is_open:
            raise ObsUnavailable("not connected to OBS")
        closed = self._ws.recv_task
        sent = asyncio.ensure_future(
            self._ws.call(simpleobsws.Request(request, data), timeout=timeout + 1)
        )
        try:
            await asyncio.wait({sent, closed}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            sent.cancel()  # the caller gave up: so does the request
            raise
        if not sent.done():
            sent.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await sent
            if closed.done():
                raise ObsUnavailable(f"OBS closed the connection during {request}")
            raise ObsTimeout(f"OBS did not answer {request} within {timeout:g} s")
        try:
            response = sent.result()
        except websockets.exceptions.ConnectionClosed:
            raise ObsUnavailable(f"OBS closed the connection during {request}") from None
        except simpleobsws.MessageTimeout:
            raise ObsTimeout(f"OBS did not answer {request} within {timeout:g} s") from None
        except simpleobsws.NotIdentifiedError:
            raise ObsUnavailable("not connected to OBS") from None
        status = response.requestStatus
        if not status.result:
            raise ObsRequestError(request, int(status.code), str(status.comment or ""))
        return dict(response.responseData or {})

    async def close(self) -> None:
        """Leave; a hung OBS that does not answer the close is cut off."""
        ws = self._ws.ws
        try:
            async with asyncio.timeout(_CLOSE_TIMEOUT_S):
                await self._ws.disconnect()
        except TimeoutError:
            if ws is not None:
                ws.transport.abort()
        except Exception as exc:  # already gone: nothing to close
            log.debug("closing the OBS connection: %s", exc)
        self._ws.ws_open = False
        self._ws.identified = False

    async def _event(self, event_type: str, data: dict[str, Any] | None) -> None:
        if self._on_event is not None:
            try:
                self._on_event(event_type, dict(data or {}))
            except Exception:
                log.exception("an OBS event handler failed on %s", event_type)


async def probe(address: ObsAddress, timeout: float = CONNECT_TIMEOUT_S) -> ObsStatus:
    """Connect once and leave: what the Settings "Test" button shows."""
    connection = ObsConnection(address)
    try:
        status = await connection.open(timeout)
    except ObsConnectFailed as exc:
        return exc.status
    await connection.close()
    return status
