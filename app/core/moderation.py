"""What a moderator's window shows, as plain data: held messages, the log, who is banned.

Each model is fed events in order (`apply`) and can start from a `moderation.get` result
(`reset`); applying the same event twice changes nothing, so a client may re-apply events
that raced with the query.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable
from dataclasses import dataclass

import msgspec

from app.protocol.codec import convert_rows
from app.protocol.frames import Event
from app.protocol.payloads import (
    AuditEntry,
    ChatText,
    HeldResolved,
    Id,
    MessageHeld,
    Room,
    ShortText,
    TimeMs,
    UserBanned,
    UserRef,
    UserTimedOut,
    UserUnbanned,
)

LOG_LIMIT = 2000
HELD_LIMIT = 500


class HeldRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One of a `moderation.get` result's `held` messages."""

    message_id: Id
    room: Room
    user: UserRef
    text: ChatText
    term: ShortText = ""
    created_ms: TimeMs = 0


class BanRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One of a `moderation.get` result's `bans`."""

    user_id: Id
    user_name: ShortText
    reason: ShortText


class TimeoutRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One of a `moderation.get` result's running `timeouts`."""

    user_id: Id
    user_name: ShortText
    until_ms: TimeMs


def _refusals(what: str, refused: list[tuple[object, str]]) -> list[str]:
    return [f"{what}: {reason}" for _row, reason in refused]


@dataclass(frozen=True, slots=True)
class HeldItem:
    """A viewer's message waiting for a moderator: approve publishes it, remove drops it."""

    message_id: str
    room: Room
    user: UserRef
    text: str
    term: str
    created_ms: int


class HeldQueue:
    """Held messages, oldest first (the order they are reviewed in)."""

    def __init__(self, limit: int = HELD_LIMIT) -> None:
        self.limit = limit
        self._items: OrderedDict[str, HeldItem] = OrderedDict()
        self._resolved: set[str] = set()  # ids resolved here: a late replay must not revive

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[HeldItem]:
        return list(self._items.values())

    def get(self, message_id: str) -> HeldItem | None:
        return self._items.get(message_id)

    def reset(self, held: object) -> list[str]:
        """Start from a `moderation.get` result's "held" list. Returns why each item that
        could not be read was left out (the others are all taken)."""
        rows, refused = convert_rows(held, HeldRow)
        self._items.clear()
        for row in rows:
            if row.message_id not in self._resolved:
                self._items[row.message_id] = HeldItem(
                    row.message_id, row.room, row.user, row.text, row.term, row.created_ms
                )
        self._trim()
        return _refusals("a held message", refused)

    def apply(self, event: Event) -> bool:
        """Take a `chat.held` or `chat.held_resolved` event; True if the queue changed."""
        data = event.data
        if isinstance(data, MessageHeld):
            if data.message_id in self._items or data.message_id in self._resolved:
                return False
            self._items[data.message_id] = HeldItem(
                data.message_id, data.room, data.user, data.text, data.term, event.ts
            )
            self._trim()
            return True
        if isinstance(data, HeldResolved):
            self._resolved.add(data.message_id)
            return self._items.pop(data.message_id, None) is not None
        return False

    def _trim(self) -> None:
        while len(self._items) > self.limit:
            self._items.popitem(last=False)


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the moderation log: who did what to whom, when, and why."""

    audit_id: str
    ts: int
    actor: UserRef
    action: str
    target_user_id: str | None
    target_name: str
    target_message_id: str | None
    reason: str
    seconds: int | None

    @classmethod
    def from_event(cls, event: Event) -> LogEntry | None:
        data = event.data
        if not isinstance(data, AuditEntry):
            return None
        return cls(
            audit_id=data.audit_id,
            ts=event.ts,
            actor=data.actor,
            action=data.action,
            target_user_id=data.target_user_id,
            target_name=data.target_name,
            target_message_id=data.target_message_id,
            reason=data.reason,
            seconds=data.seconds,
        )


class ModerationLog:
    """The newest LOG_LIMIT audit entries, newest first, each once."""

    def __init__(self, limit: int = LOG_LIMIT) -> None:
        self.limit = limit
        self._entries: deque[LogEntry] = deque()
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[LogEntry]:
        return list(self._entries)

    def add(self, events: Iterable[Event]) -> list[LogEntry]:
        """Add the audit entries among `events` (oldest first); returns the new ones."""
        fresh: list[LogEntry] = []
        for event in events:
            entry = LogEntry.from_event(event)
            if entry is None or entry.audit_id in self._ids:
                continue
            self._ids.add(entry.audit_id)
            fresh.append(entry)
        if not fresh:
            return []
        merged = sorted([*fresh, *self._entries], key=lambda e: e.ts, reverse=True)
        if len(merged) > self.limit:
            for gone in merged[self.limit :]:
                self._ids.discard(gone.audit_id)
            merged = merged[: self.limit]
        self._entries = deque(merged)
        kept = self._ids
        return [entry for entry in fresh if entry.audit_id in kept]


@dataclass(frozen=True, slots=True)
class UserStatus:
    banned: bool = False
    ban_reason: str = ""
    timed_out_until_ms: int | None = None

    def timed_out(self, now_ms: int) -> bool:
        return self.timed_out_until_ms is not None and self.timed_out_until_ms > now_ms


class UserStatusBook:
    """Bans and timeouts as far as this client has seen them (the server enforces them)."""

    def __init__(self) -> None:
        self._bans: dict[str, str] = {}
        self._timeouts: dict[str, int] = {}

    def reset(self, bans: object, timeouts: object) -> list[str]:
        """Start from a `moderation.get` result's bans and timeouts. Returns why each one that
        could not be read was left out (the others are all taken)."""
        ban_rows, refused_bans = convert_rows(bans, BanRow)
        timeout_rows, refused_timeouts = convert_rows(timeouts, TimeoutRow)
        self._bans = {b.user_id: b.reason for b in ban_rows}
        self._timeouts = {t.user_id: t.until_ms for t in timeout_rows}
        return _refusals("a ban", refused_bans) + _refusals("a timeout", refused_timeouts)

    def apply(self, event: Event) -> bool:
        """Take a timeout, ban or unban event; True if it concerned a user."""
        data = event.data
        if isinstance(data, UserTimedOut):
            self._timeouts[data.user_id] = data.until_ms
        elif isinstance(data, UserBanned):
            self._bans[data.user_id] = data.reason
        elif isinstance(data, UserUnbanned):
            self._bans.pop(data.user_id, None)
            self._timeouts.pop(data.user_id, None)
        else:
            return False
        return True

    def status(self, user_id: str) -> UserStatus:
        return UserStatus(
            banned=user_id in self._bans,
            ban_reason=self._bans.get(user_id, ""),
            timed_out_until_ms=self._timeouts.get(user_id),
        )
