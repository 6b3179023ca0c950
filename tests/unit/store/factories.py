"""Small builders of protocol events for the store tests."""

from __future__ import annotations

from app.protocol.frames import Event
from app.protocol.payloads import (
    ChatMessage,
    EventData,
    HeldResolved,
    MessageDeleted,
    MessageHeld,
    Room,
    UserRef,
    ViewerCount,
)

BASE_TS = 1_700_000_000_000


def event(ch: str, seq: int, data: EventData, *, ts: int | None = None, eid: str = "") -> Event:
    return Event(
        ch=ch,
        seq=seq,
        id=eid or f"{ch}-{seq}",
        ts=BASE_TS + seq * 10 if ts is None else ts,
        data=data,  # type: ignore[arg-type]
    )


def chat(
    seq: int,
    text: str = "",
    *,
    ch: str = "public",
    room: Room = "public",
    user_id: str = "u1",
    user_name: str = "Alice",
    badges: tuple[str, ...] = (),
    message_id: str = "",
    ts: int | None = None,
) -> Event:
    data = ChatMessage(
        message_id=message_id or f"m-{ch}-{seq}",
        room=room,
        user=UserRef(id=user_id, name=user_name, badges=badges),
        text=text or f"message {seq}",
    )
    return event(ch, seq, data, ts=ts)


def deleted(seq: int, message_id: str, *, ch: str = "public", room: Room = "public") -> Event:
    return event(ch, seq, MessageDeleted(message_id=message_id, room=room, by="mod1"))


def held(seq: int, message_id: str, text: str, *, room: Room = "public") -> Event:
    data = MessageHeld(
        message_id=message_id, room=room, user=UserRef(id="u9", name="Mallory"), text=text
    )
    return event("mod", seq, data)


def held_resolved(seq: int, message_id: str, approved: bool) -> Event:
    return event("mod", seq, HeldResolved(message_id=message_id, approved=approved, by="mod1"))


def viewers(seq: int, count: int, *, ch: str = "public") -> Event:
    return event(ch, seq, ViewerCount(count=count))
