"""Frames the client cannot decode: save what can be saved, keep the rest as received.

One event this client will not accept (a text longer than its limit, a negative count, a
type it does not know) must not make the whole `events` frame unreadable: the others are
still stored, and the bad one is kept raw with the reason, at its position when that can
be read, so the channel's cursor moves past it and sync never loops on it.

Pure logic (no I/O), like incoming.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import msgspec

from app.protocol.codec import ProtocolError, decode_event
from app.protocol.frames import Event
from app.protocol.payloads import MAX_SAFE_INT

# What is kept of an unreadable frame that has no event position (a garbled frame).
MAX_KEPT_FRAME_BYTES = 64 * 1024


@dataclass(frozen=True)
class Unreadable:
    """An event (ch and seq readable) or a frame (ch "") this client could not decode."""

    raw: bytes
    reason: str
    ch: str = ""
    seq: int = -1
    event_id: str | None = None

    @property
    def id(self) -> str:
        """A stand-in event id for the duplicate filter (never a real event's id)."""
        return self.event_id if self.event_id is not None else f"\0{self.ch}:{self.seq}"


class _LooseEvents(msgspec.Struct):
    op: str
    events: list[msgspec.Raw]


class _Position(msgspec.Struct):
    ch: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    # The protocol's seq range: a larger number is not a place, and taking it for one
    # would move the channel's cursor past every later real event.
    seq: Annotated[int, msgspec.Meta(ge=1, le=MAX_SAFE_INT)]
    id: object = None


_decode_loose = msgspec.json.Decoder(_LooseEvents).decode
_decode_position = msgspec.json.Decoder(_Position).decode


def salvage_events(raw: bytes | str) -> list[Event | Unreadable] | None:
    """The events of an `events` frame that failed to decode as a whole, in order: each one
    that decodes as an Event, each other one as Unreadable. None when the frame is not an
    `events` frame with a list of JSON values (then nothing in it can be placed)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    try:
        frame = _decode_loose(data)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
    if frame.op != "events":
        return None
    items: list[Event | Unreadable] = []
    for element in frame.events:
        body = bytes(element)
        try:
            items.append(decode_event(body))
        except ProtocolError as exc:
            items.append(_unreadable_event(body, exc.message))
    return items


def _unreadable_event(body: bytes, reason: str) -> Unreadable:
    try:
        position = _decode_position(body)
    except (msgspec.DecodeError, RecursionError):
        return Unreadable(body, reason)
    event_id = position.id if isinstance(position.id, str) and 0 < len(position.id) <= 64 else None
    return Unreadable(body, reason, position.ch, position.seq, event_id)


def unreadable_frame(raw: bytes | str, reason: str) -> Unreadable:
    """A frame with no readable event position, kept (its first 64 KiB) for diagnosis."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    return Unreadable(data[:MAX_KEPT_FRAME_BYTES], reason)
