"""After a lost connection, one line in each chat pane: how long it was, what was filled in."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from app.client.state import ConnectionState
from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage
from app.ui.chat.line import note_line

log = logging.getLogger(__name__)

CATCH_UP_TIMEOUT_S = 60.0


def reconnect_text(offline_s: float, filled: int) -> str:
    """ "Reconnected after 12 s · 37 missed messages filled in" (or "nothing missed")."""
    seconds = max(1, round(offline_s))
    when = (
        QCoreApplication.translate("ReconnectNote", "%1 s").replace("%1", str(seconds))
        if seconds < 120
        else QCoreApplication.translate("ReconnectNote", "%1 min").replace(
            "%1", str(round(seconds / 60))
        )
    )
    head = QCoreApplication.translate("ReconnectNote", "Reconnected after %1").replace("%1", when)
    if filled == 0:
        tail = QCoreApplication.translate("ReconnectNote", "no messages missed")
    elif filled == 1:
        tail = QCoreApplication.translate("ReconnectNote", "1 missed message filled in")
    else:
        tail = QCoreApplication.translate("ReconnectNote", "%1 missed messages filled in").replace(
            "%1", QLocale().toString(filled)
        )
    return f"{head} · {tail}"


class ReconnectNotes:
    """Counts the chat messages the resume brings after a lost connection and, once the
    client has caught up, says so in each room: the creator sees the gap was filled.

    A hole the server could not fill is not this: it shows as a gap marker (on_gap).
    """

    def __init__(
        self,
        add_line: Callable[[str, Any], None],
        wait_caught_up: Callable[[float], Coroutine[Any, Any, None]],
        spawn: Callable[[Coroutine[Any, Any, None]], object],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._add_line = add_line
        self._wait_caught_up = wait_caught_up
        self._spawn = spawn
        self._clock = clock
        self._connected = False
        self._lost_at: float | None = None
        self._filled: dict[str, int] | None = None  # per room, while a resume catches up

    def on_state(self, state: ConnectionState) -> None:
        connected = state.status == "connected"
        if self._connected and not connected and self._lost_at is None:
            self._lost_at = self._clock()
        self._connected = connected

    def on_ready(self) -> None:
        if self._lost_at is None or self._filled is not None:
            return
        offline_s = self._clock() - self._lost_at
        self._filled = {"public": 0, "below": 0}
        self._spawn(self._say_when_caught_up(offline_s))

    def on_events(self, events: list[Event]) -> None:
        filled = self._filled
        if filled is None:
            return
        for event in events:
            data = event.data
            if type(data) is ChatMessage and data.room in filled:
                filled[data.room] += 1

    async def _say_when_caught_up(self, offline_s: float) -> None:
        try:
            await self._wait_caught_up(CATCH_UP_TIMEOUT_S)
        except TimeoutError:
            log.info("no reconnect note: the resume did not catch up")
            self._filled, self._lost_at = None, None
            return
        filled, self._filled, self._lost_at = self._filled or {}, None, None
        ts = int(time.time() * 1000)
        for room, count in filled.items():
            self._add_line(room, note_line(room, reconnect_text(offline_s, count), ts))
