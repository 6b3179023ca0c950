"""What the sync client reports: connection state, command results, counters."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

log = logging.getLogger(__name__)

Status = Literal["connecting", "connected", "reconnecting", "offline", "failed"]


@dataclass(frozen=True)
class ConnectionState:
    """The connection as the user sees it.

    - connecting: first attempt since start(), nothing received yet.
    - connected: Ready received; events flow and commands are written.
    - reconnecting: the connection was lost; `retry_in_s` is set while waiting for the
      next attempt and None while the attempt runs.
    - offline: the server could not be reached (refused, timeout, HTTP 5xx) and the
      client waits `retry_in_s` before trying again; also after stop().
    - failed: final (token rejected or revoked, unsupported version); no retry until the
      user signs in again. `detail` says why.
    """

    status: Status
    retry_in_s: float | None = None
    queued: int = 0
    detail: str = ""


@dataclass(frozen=True)
class CommandResult:
    """The server's answer to one command (Ack -> ok, Error -> not ok)."""

    rid: str
    ok: bool
    result: dict[str, Any] | None = None
    error_code: str | None = None
    message: str = ""


@dataclass
class SyncStats:
    """Counters for diagnostics and benchmarks (monotonic over the client's life)."""

    connections: int = 0  # sessions that reached Ready
    frames: int = 0
    bad_frames: int = 0  # frames that failed to decode (logged, skipped)
    events_received: int = 0
    duplicates: int = 0  # dropped: seq already held, or id seen recently
    events_stored: int = 0  # accepted and handed to the store
    events_new: int = 0  # the store reported them new (passed to on_events)
    seq_jumps: int = 0  # unexplained seq gaps in live flow (each caused a resume)
    zombies: int = 0  # connections that went silent past 2x heartbeat
    gaps: int = 0  # Gap frames, and holes the server could not fill twice in a row
    unreadable: int = 0  # events or frames that did not decode, kept raw in the store


def notify(callback: Callable[..., None], *args: Any) -> None:
    """Call a user callback; an exception is logged and never reaches the client's loop."""
    try:
        callback(*args)
    except Exception:
        log.exception("sync client callback %r failed", callback)
