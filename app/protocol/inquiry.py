"""Service+ inquiries as the creator's inbox queries return them (PROTOCOL.md, `inquiry.list`
and `inquiry.thread`).

`Inquiry` is what the server keeps of one inquiry (its store's record); `InquiryRow` adds what
an inbox list shows and is one row of an `inquiry.list` result and a thread's `inquiry`. A
thread's `messages`, `history` and `ledger` rows are `ThreadMessageRow`, `StatusStepRow` and
`BookingRow`. A client reads a row with `codec.convert(row, InquiryRow)` (and so on): a
missing, unknown or wrong-typed field is a `bad_request` ProtocolError naming the field.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from app.protocol.payloads import (
    Cents,
    Count,
    Id,
    InquiryStatus,
    LongText,
    Seconds,
    ShortText,
    SignedCents,
    TimeMs,
    UserRef,
)


class Inquiry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The fields of `inquiry.created`, its status (with a quote's price and a snooze's end)
    and when it was made and last changed. Events keep their own payloads; this is the state."""

    inquiry_id: Id
    user: UserRef
    service_id: Id
    service_title: Annotated[str, Meta(max_length=120)]
    text: LongText
    status: InquiryStatus
    price_cents: Cents | None
    snooze_until_ms: TimeMs | None
    created_ms: TimeMs
    updated_ms: TimeMs
    session_id: Id | None
    elapsed_s: Seconds | None
    # The booking's appointment (UTC ms), kept once completed or closed; None if never booked
    # or booked before bookings had a time (servers from then do not send the field).
    booked_for_ms: TimeMs | None = None


class InquiryRow(Inquiry, frozen=True, kw_only=True):
    """An inquiry as an inbox lists it: when the viewer last wrote (the inquiry or a reply),
    how many replies its thread has, and the live it came from (None outside a live)."""

    last_viewer_ms: TimeMs
    message_count: Count
    session_title: ShortText | None
    session_started_ms: TimeMs | None


class ThreadMessageRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A message of an `inquiry.thread` result, as its `inquiry.message` event carried it."""

    message_id: Id
    author: Literal["viewer", "creator"]
    user: UserRef
    text: LongText
    ts_ms: TimeMs


class StatusStepRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A status change of an `inquiry.thread` result; `event_id` is its `inquiry.status`
    event on the creator channel."""

    event_id: Id
    status: InquiryStatus
    by: Id
    price_cents: Cents | None
    snooze_until_ms: TimeMs | None
    ts_ms: TimeMs
    booked_for_ms: TimeMs | None = None


class BookingRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A Service+ earnings entry of an `inquiry.thread` result (negative: taken back)."""

    entry_id: Id
    cents: SignedCents
    label: ShortText
    session_id: Id | None
    ts_ms: TimeMs
    currency: Annotated[str, Meta(min_length=3, max_length=3)] = "USD"
