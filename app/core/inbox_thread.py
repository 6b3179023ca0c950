"""One Service+ inquiry as the inbox holds it: its state, its thread, and how rows merge in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

from app.protocol.codec import ProtocolError, convert
from app.protocol.inquiry import BookingRow, InquiryRow, StatusStepRow, ThreadMessageRow
from app.protocol.payloads import InquiryStatus, UserRef

Author = Literal["viewer", "creator"]
Delivery = Literal["sent", "sending", "failed"]
LOCAL_PREFIX = "local:"  # message ids of own replies the server has not confirmed yet


@dataclass(frozen=True)
class ThreadMessage:
    """A message in an inquiry thread; `rid` and `delivery` track an own reply until sent."""

    message_id: str
    author: Author
    user: UserRef
    text: str
    ts_ms: int
    rid: str | None = None
    delivery: Delivery = "sent"
    error: str = ""


@dataclass(frozen=True)
class StatusStep:
    """A status change; `event_id` is its creator-channel event, so both sources merge."""

    event_id: str
    status: InquiryStatus
    by: str
    price_cents: int | None
    snooze_until_ms: int | None
    ts_ms: int
    booked_for_ms: int | None = None  # booked: the appointment (a second one moved it)


@dataclass(frozen=True)
class Booking:
    """A Service+ earnings entry made when the inquiry was booked."""

    entry_id: str
    cents: int
    label: str
    session_id: str | None
    ts_ms: int
    currency: str = "USD"  # the ledger line's own: what the booking was priced in


TimelineItem = ThreadMessage | StatusStep | Booking


@dataclass
class InboxInquiry:
    """An inquiry in the inbox: an InquiryRow's fields as last known (read by inquiry_from_row,
    then kept up to date by events), and this console's own state. `status_ms` (a row's
    `updated_ms`) is the newest time its status is known for: older status events (a replay)
    never overwrite newer state from a list."""

    inquiry_id: str
    user: UserRef
    service_id: str
    service_title: str
    text: str
    status: InquiryStatus
    created_ms: int
    status_ms: int
    last_viewer_ms: int
    price_cents: int | None = None
    snooze_until_ms: int | None = None
    booked_for_ms: int | None = None  # the booking's appointment (UTC ms)
    session_id: str | None = None
    elapsed_s: int | None = None
    session_title: str | None = None
    session_started_ms: int | None = None
    message_count: int = 0
    messages: dict[str, ThreadMessage] = field(default_factory=dict)
    history: dict[str, StatusStep] = field(default_factory=dict)
    bookings: dict[str, Booking] = field(default_factory=dict)
    thread_loaded: bool = False

    @property
    def first_line(self) -> str:
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""

    def asleep(self, now_ms: int) -> bool:
        """Snoozed, not yet due, and the viewer has not written since it was snoozed."""
        return (
            self.status == "snoozed"
            and self.snooze_until_ms is not None
            and self.snooze_until_ms > now_ms
            and self.last_viewer_ms <= self.status_ms
        )

    def attention_ms(self, now_ms: int) -> int:
        """When this inquiry last asked for the creator's attention: the viewer wrote, or a
        snooze ran out. The inbox is sorted by it, and unread means it is newer than seen."""
        until = self.snooze_until_ms
        woke = until if self.status == "snoozed" and until is not None and until <= now_ms else 0
        return max(self.last_viewer_ms, woke)

    def timeline(self) -> list[TimelineItem]:
        """Messages, status changes and bookings, oldest first (the question itself is
        `text`, shown above them)."""
        items: list[tuple[int, int, str, TimelineItem]] = []
        for m in self.messages.values():
            # Unsent replies stay at the bottom, where they were typed.
            items.append((m.ts_ms if m.delivery == "sent" else 2**62, 1, m.message_id, m))
        for s in self.history.values():
            items.append((s.ts_ms, 0, s.event_id, s))
        for b in self.bookings.values():
            items.append((b.ts_ms, 2, b.entry_id, b))
        items.sort(key=lambda item: item[:3])
        return [item[3] for item in items]

    def haystack(self) -> str:
        """Everything a search looks in, case-folded."""
        parts = [self.user.name, self.service_title, self.text]
        parts.extend(m.text for m in self.messages.values())
        return "\n".join(parts).casefold()


def _user(raw: Any) -> UserRef:
    return msgspec.convert(raw, UserRef)


def inquiry_from_row(row: object) -> InboxInquiry:
    """An inquiry from an `inquiry.list` row (or a thread's `inquiry`), read as the protocol's
    InquiryRow; raises ProtocolError (`bad_request`, naming the inquiry and the field)."""
    try:
        r = convert(row, InquiryRow)
    except ProtocolError as exc:
        named = row.get("inquiry_id") if isinstance(row, dict) else None
        which = f"inquiry {named[:64]!r}" if isinstance(named, str) else "an inquiry"
        raise ProtocolError(exc.code, f"{which} could not be read: {exc.message}") from None
    return InboxInquiry(
        inquiry_id=r.inquiry_id,
        user=r.user,
        service_id=r.service_id,
        service_title=r.service_title,
        text=r.text,
        status=r.status,
        created_ms=r.created_ms,
        status_ms=r.updated_ms,
        last_viewer_ms=r.last_viewer_ms,
        price_cents=r.price_cents,
        snooze_until_ms=r.snooze_until_ms,
        booked_for_ms=r.booked_for_ms,
        session_id=r.session_id,
        elapsed_s=r.elapsed_s,
        session_title=r.session_title,
        session_started_ms=r.session_started_ms,
        message_count=r.message_count,
    )


def merge_row(item: InboxInquiry, row: InboxInquiry) -> None:
    """Fold a freshly listed copy into the one held: newer status wins, times only grow."""
    if row.status_ms >= item.status_ms:
        item.status = row.status
        item.price_cents = row.price_cents
        item.snooze_until_ms = row.snooze_until_ms
        item.booked_for_ms = row.booked_for_ms or item.booked_for_ms
        item.status_ms = row.status_ms
    item.last_viewer_ms = max(item.last_viewer_ms, row.last_viewer_ms)
    item.message_count = max(item.message_count, row.message_count)
    item.session_title = item.session_title or row.session_title
    item.session_started_ms = item.session_started_ms or row.session_started_ms
    item.service_title = item.service_title or row.service_title


def message_from_row(row: ThreadMessageRow) -> ThreadMessage:
    return ThreadMessage(
        message_id=row.message_id, author=row.author, user=row.user, text=row.text, ts_ms=row.ts_ms
    )


def step_from_row(row: StatusStepRow) -> StatusStep:
    return StatusStep(
        event_id=row.event_id,
        status=row.status,
        by=row.by,
        price_cents=row.price_cents,
        snooze_until_ms=row.snooze_until_ms,
        ts_ms=row.ts_ms,
        booked_for_ms=row.booked_for_ms,
    )


def booking_from_row(row: BookingRow) -> Booking:
    return Booking(
        entry_id=row.entry_id,
        cents=row.cents,
        label=row.label,
        session_id=row.session_id,
        ts_ms=row.ts_ms,
        currency=row.currency,
    )
