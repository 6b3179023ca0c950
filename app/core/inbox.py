"""The creator's Service+ inbox: inquiries from lists, threads and live events, merged once each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from app.core.inbox_read import ReadMarks
from app.core.inbox_thread import (
    LOCAL_PREFIX,
    Booking,
    InboxInquiry,
    StatusStep,
    ThreadMessage,
    booking_from_row,
    inquiry_from_row,
    merge_row,
    message_from_row,
    step_from_row,
)
from app.core.inquiries import ACTIVE_STATUSES, ALL_STATUSES
from app.protocol.codec import ProtocolError, convert_rows
from app.protocol.frames import Event
from app.protocol.inquiry import BookingRow, StatusStepRow, ThreadMessageRow
from app.protocol.payloads import (
    InquiryCreated,
    InquiryMessage,
    InquiryStatusChanged,
    LedgerEntry,
    LiveStarted,
    UserRef,
)

# Views of the list: the status filter. A status name shows that status alone.
VIEWS: tuple[str, ...] = ("active", "unread", "snoozed", "all", *ALL_STATUSES)


@dataclass(frozen=True)
class InboxFilter:
    view: str = "active"
    service_id: str | None = None
    text: str = ""


@dataclass
class ThreadLoad:
    """What an `inquiry.thread` result brought: the inquiry, and the reason for each of its
    messages, status steps and bookings that could not be read (left out, kept on the server)."""

    inquiry_id: str
    refused: list[str] = field(default_factory=list)


@dataclass
class ListLoad:
    """What an `inquiry.list` result did: the inquiries merged, and why each row that could not
    be read was left out (a clear reason naming the inquiry and the field)."""

    changed: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)


@dataclass
class InboxChange:
    """What one batch of events did to the inbox."""

    changed: set[str] = field(default_factory=set)
    created: list[str] = field(default_factory=list)  # new inquiries, in arrival order
    viewer_wrote: list[str] = field(default_factory=list)  # inquiries with a new viewer message
    missing: set[str] = field(default_factory=set)  # events about inquiries not held: fetch them

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing)


class Inbox:
    """All inquiries the console knows, their threads, and this device's read marks.

    Every source is idempotent: list rows, thread results and (replayed) events can arrive in
    any order and any number of times; messages, status steps and bookings merge by id.
    """

    def __init__(self, marks: ReadMarks | None = None) -> None:
        self.items: dict[str, InboxInquiry] = {}
        self.marks = marks or ReadMarks()
        self.sessions: dict[str, tuple[str, int]] = {}  # session id -> (title, started_ms)
        self._pending: dict[str, str] = {}  # local key of an own reply -> inquiry id

    # --- sources ---------------------------------------------------------------------------

    def load_list(self, rows: Iterable[object]) -> ListLoad:
        """Merge the rows of an `inquiry.list` result. A row that cannot be read is left out
        with its reason; the others merge all the same."""
        loaded = ListLoad()
        for row in rows:
            try:
                fresh = inquiry_from_row(row)
            except ProtocolError as exc:
                loaded.refused.append(exc.message)
                continue
            self._merge(fresh)
            loaded.changed.add(fresh.inquiry_id)
        return loaded

    def _merge(self, fresh: InboxInquiry) -> InboxInquiry:
        held = self.items.get(fresh.inquiry_id)
        if held is None:
            self._name_session(fresh)
            self.items[fresh.inquiry_id] = fresh
            return fresh
        merge_row(held, fresh)
        return held

    def load_thread(self, result: object) -> ThreadLoad:
        """Merge an `inquiry.thread` result. Raises ProtocolError if its `inquiry` cannot be
        read (nothing of the result is merged then); a message, status step or booking that
        cannot be read is left out with its reason, and the others merge all the same."""
        if not isinstance(result, dict):
            raise ProtocolError("bad_request", "an inquiry thread could not be read: not an object")
        item = self._merge(inquiry_from_row(result.get("inquiry")))
        loaded = ThreadLoad(item.inquiry_id)
        for message in _read(result, "messages", ThreadMessageRow, "a message", loaded):
            item.messages.setdefault(message.message_id, message_from_row(message))
        for step in _read(result, "history", StatusStepRow, "a status step", loaded):
            item.history.setdefault(step.event_id, step_from_row(step))
        for booking in _read(result, "ledger", BookingRow, "a booking", loaded):
            item.bookings.setdefault(booking.entry_id, booking_from_row(booking))
        item.message_count = max(item.message_count, _sent_count(item))
        item.thread_loaded = True
        return loaded

    def note_session(self, session_id: str, title: str, started_ms: int) -> None:
        self.sessions[session_id] = (title, started_ms)
        for item in self.items.values():
            if item.session_id == session_id and item.session_title is None:
                self._name_session(item)

    def apply(self, events: Iterable[Event]) -> InboxChange:
        change = InboxChange()
        for event in events:
            data = event.data
            if isinstance(data, InquiryCreated):
                self._created(event, data, change)
            elif isinstance(data, InquiryMessage):
                self._message(event, data, change)
            elif isinstance(data, InquiryStatusChanged):
                self._status(event, data, change)
            elif isinstance(data, LedgerEntry) and data.kind == "service":
                self._booking(event, data, change)
            elif isinstance(data, LiveStarted):
                self.note_session(data.session_id, data.title, data.started_ms)
        return change

    def _created(self, event: Event, data: InquiryCreated, change: InboxChange) -> None:
        if data.inquiry_id in self.items:
            return
        item = InboxInquiry(
            inquiry_id=data.inquiry_id,
            user=data.user,
            service_id=data.service_id,
            service_title=data.service_title,
            text=data.text,
            status="new",
            created_ms=event.ts,
            status_ms=event.ts,
            last_viewer_ms=event.ts,
            session_id=data.session_id,
            elapsed_s=data.elapsed_s,
        )
        self._name_session(item)
        self.items[data.inquiry_id] = item
        change.changed.add(data.inquiry_id)
        change.created.append(data.inquiry_id)

    def _message(self, event: Event, data: InquiryMessage, change: InboxChange) -> None:
        item = self.items.get(data.inquiry_id)
        if item is None:
            change.missing.add(data.inquiry_id)
            return
        if data.message_id in item.messages:
            return
        if data.author == "creator":
            self._confirm_echo(item, data)
        item.messages[data.message_id] = ThreadMessage(
            data.message_id, data.author, data.user, data.text, event.ts
        )
        item.message_count += 1
        if data.author == "viewer":
            item.last_viewer_ms = max(item.last_viewer_ms, event.ts)
            change.viewer_wrote.append(data.inquiry_id)
        change.changed.add(data.inquiry_id)

    def _status(self, event: Event, data: InquiryStatusChanged, change: InboxChange) -> None:
        item = self.items.get(data.inquiry_id)
        if item is None:
            change.missing.add(data.inquiry_id)
            return
        step = StatusStep(
            event.id,
            data.status,
            data.by,
            data.price_cents,
            data.snooze_until_ms,
            event.ts,
            data.booked_for_ms,
        )
        item.history.setdefault(event.id, step)
        if event.ts >= item.status_ms:
            item.status = data.status
            item.price_cents = data.price_cents
            item.snooze_until_ms = data.snooze_until_ms
            if data.booked_for_ms is not None:  # kept once completed: when it was
                item.booked_for_ms = data.booked_for_ms
            item.status_ms = event.ts
        change.changed.add(data.inquiry_id)

    def _booking(self, event: Event, data: LedgerEntry, change: InboxChange) -> None:
        item = self.items.get(data.ref)
        if item is None:
            change.missing.add(data.ref)
            return
        booking = Booking(
            data.entry_id, data.cents, data.label, data.session_id, event.ts, data.currency
        )
        item.bookings.setdefault(data.entry_id, booking)
        change.changed.add(data.ref)

    def _name_session(self, item: InboxInquiry) -> None:
        known = self.sessions.get(item.session_id or "")
        if known is not None and item.session_title is None:
            item.session_title, item.session_started_ms = known

    # --- own replies -----------------------------------------------------------------------
    # An own reply shows at once as "sending"; its echo (the inquiry.message event, which the
    # server sends before the ack) replaces it. The echo is matched by author, user and text:
    # the console learns a command's request id only with its result.

    def add_pending_reply(
        self, inquiry_id: str, key: str, me: UserRef, text: str, now_ms: int
    ) -> None:
        item = self.items[inquiry_id]
        local = ThreadMessage(LOCAL_PREFIX + key, "creator", me, text, now_ms, key, "sending")
        item.messages[local.message_id] = local
        self._pending[key] = inquiry_id

    def _confirm_echo(self, item: InboxInquiry, data: InquiryMessage) -> None:
        for local in list(item.messages.values()):
            if (
                local.delivery == "sending"
                and local.rid is not None
                and local.user.id == data.user.id
                and local.text == data.text
            ):
                del item.messages[local.message_id]
                self._pending.pop(local.rid, None)
                return

    def reply_confirmed(self, key: str) -> str | None:
        """The server acked an own reply (its echo normally came first)."""
        inquiry_id = self._pending.pop(key, None)
        if inquiry_id is not None:
            self.items[inquiry_id].messages.pop(LOCAL_PREFIX + key, None)
        return inquiry_id

    def reply_failed(self, key: str, error: str) -> str | None:
        """The server refused an own reply; returns its inquiry id (None if not pending)."""
        inquiry_id = self._pending.pop(key, None)
        if inquiry_id is None:
            return None
        item = self.items[inquiry_id]
        local = item.messages.get(LOCAL_PREFIX + key)
        if local is not None:
            item.messages[local.message_id] = replace(local, delivery="failed", error=error)
        return inquiry_id

    def drop_failed_reply(self, inquiry_id: str, message_id: str) -> ThreadMessage | None:
        item = self.items.get(inquiry_id)
        if item is None or not message_id.startswith(LOCAL_PREFIX):
            return None
        return item.messages.pop(message_id, None)

    # --- read marks ------------------------------------------------------------------------

    def is_unread(self, item: InboxInquiry, now_ms: int) -> bool:
        if item.asleep(now_ms):
            return False
        return self.marks.is_unread(item.inquiry_id, item.attention_ms(now_ms))

    def unread_count(self, now_ms: int) -> int:
        return sum(1 for item in self.items.values() if self.is_unread(item, now_ms))

    def mark_seen(self, inquiry_id: str, now_ms: int) -> bool:
        item = self.items.get(inquiry_id)
        if item is None:
            return False
        return self.marks.mark_seen(inquiry_id, item.attention_ms(now_ms))

    def mark_unread(self, inquiry_id: str) -> bool:
        return inquiry_id in self.items and self.marks.mark_unread(inquiry_id)

    # --- what the list shows ---------------------------------------------------------------

    def visible(self, flt: InboxFilter, now_ms: int) -> list[InboxInquiry]:
        """The inquiries the filter lets through, newest attention first."""
        words = flt.text.casefold().split()
        shown = [
            item
            for item in self.items.values()
            if self._in_view(item, flt.view, now_ms)
            and (flt.service_id is None or item.service_id == flt.service_id)
            and all(word in item.haystack() for word in words)
        ]
        shown.sort(key=lambda i: (i.attention_ms(now_ms), i.created_ms, i.inquiry_id), reverse=True)
        return shown

    def _in_view(self, item: InboxInquiry, view: str, now_ms: int) -> bool:
        if view == "all":
            return True
        if view == "unread":
            return self.is_unread(item, now_ms)
        if view == "active":
            if item.asleep(now_ms):
                return False
            return (
                item.status in ACTIVE_STATUSES
                or item.status == "snoozed"
                or self.is_unread(item, now_ms)
            )
        if view == "snoozed":
            return item.status == "snoozed"
        return item.status == view

    def next_wake_ms(self, now_ms: int) -> int | None:
        """When the next snoozed inquiry wakes up (None if none sleeps)."""
        wakes = [
            item.snooze_until_ms
            for item in self.items.values()
            if item.asleep(now_ms) and item.snooze_until_ms is not None
        ]
        return min(wakes) if wakes else None


def _sent_count(item: InboxInquiry) -> int:
    return sum(1 for m in item.messages.values() if not m.message_id.startswith(LOCAL_PREFIX))


Row = TypeVar("Row")


def _read(
    result: dict[str, Any], name: str, row_type: type[Row], what: str, loaded: ThreadLoad
) -> list[Row]:
    """The rows of `result[name]` that read as `row_type`; each other one is refused by name."""
    read, refused = convert_rows(result.get(name, []), row_type)
    for row, reason in refused:
        part = f"the {name}" if row is result.get(name) else what
        loaded.refused.append(f"{part} of inquiry {loaded.inquiry_id!r}: {reason}")
    return read
