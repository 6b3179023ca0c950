"""ObsLink: stays connected to OBS while LiveDesk runs; OBS may be closed and reopened at will.

`start()` begins a background task on the running loop that connects, waits while connected
and reconnects after OBS goes away (every 1, 2, then 5 s). Its state goes to `on_status`,
OBS's events to `on_event`. `call()` never waits longer than its timeout: a request to an OBS
that stopped answering times out, and the link then drops that session and reconnects, so
a hung OBS shows as "not answering" instead of a frozen "connected".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from app.obs.connection import (
    CALL_TIMEOUT_S,
    CONNECT_TIMEOUT_S,
    ObsAddress,
    ObsConnectFailed,
    ObsConnection,
    ObsStatus,
    ObsTimeout,
    ObsUnavailable,
)

log = logging.getLogger(__name__)

RETRY_S = (1.0, 2.0, 5.0)


class ObsLink:
    """One OBS at one address; `set_address` switches (and reconnects at once)."""

    def __init__(
        self,
        address: ObsAddress,
        *,
        on_status: Callable[[ObsStatus], None] = lambda _s: None,
        on_event: Callable[[str, dict[str, Any]], None] = lambda _t, _d: None,
        retry_s: tuple[float, ...] = RETRY_S,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
    ) -> None:
        self.address = address
        self.status = ObsStatus("off")
        self.retry_s = retry_s
        self.connect_timeout_s = connect_timeout_s
        self._on_status = on_status
        self._on_event = on_event
        self._connection: ObsConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self.connects = 0  # sessions that reached "connected" (a reconnect counts again)

    # --- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._drop()
        self._set(ObsStatus("off"))

    def set_address(self, address: ObsAddress) -> None:
        """New host, port or password: leave the current session and connect there."""
        if address == self.address:
            return
        self.address = address
        self.reconnect()

    def reconnect(self) -> None:
        """Try again now (the Test button, a changed password): no waiting for the backoff."""
        self._connection = None  # no new calls on it; the run loop closes it
        self._wake.set()

    # --- requests ---------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._connection is not None and self.status.connected

    async def call(
        self, request: str, data: dict[str, Any] | None = None, *, timeout: float = CALL_TIMEOUT_S
    ) -> dict[str, Any]:
        connection = self._connection
        if connection is None or not self.status.connected:
            raise ObsUnavailable("not connected to OBS")
        try:
            return await connection.call(request, data, timeout=timeout)
        except ObsTimeout as exc:
            if connection is self._connection:  # a hung OBS: start over, say so
                self._set(ObsStatus("no_answer", str(exc)))
                self.reconnect()
            raise

    # --- internals --------------------------------------------------------------------

    async def _run(self) -> None:
        failures = 0
        while True:
            self._wake.clear()
            if self.status.state == "off":  # a retry keeps showing why the last one failed
                self._set(ObsStatus("connecting"))
            connection = ObsConnection(self.address, on_event=self._event)
            try:
                status = await connection.open(self.connect_timeout_s)
            except (ObsConnectFailed, Exception) as exc:  # any failure: say it, try again later
                failures += 1
                if isinstance(exc, ObsConnectFailed):
                    self._set(exc.status)
                else:
                    log.exception("connecting to OBS failed unexpectedly")
                    self._set(ObsStatus("no_answer", f"{type(exc).__name__}: {exc}"))
                delay = self.retry_s[min(failures, len(self.retry_s)) - 1]
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay)
                continue
            failures = 0
            self._connection = connection
            self.connects += 1
            self._set(status)
            woken = asyncio.ensure_future(self._wake.wait())
            closed = asyncio.ensure_future(connection.wait_closed())
            try:
                await asyncio.wait({woken, closed}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                woken.cancel()
                closed.cancel()
            if self._connection is connection:
                self._connection = None
            await connection.close()
            if not self._wake.is_set() and self.status.connected:
                self._set(ObsStatus("not_running", "OBS closed the connection"))

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()

    def _set(self, status: ObsStatus) -> None:
        if status == self.status:
            return
        self.status = status
        log.info("OBS: %s %s", status.state, status.detail)
        try:
            self._on_status(status)
        except Exception:
            log.exception("an OBS status listener failed")

    def _event(self, event_type: str, data: dict[str, Any]) -> None:
        self._on_event(event_type, data)
