"""An `inquiry.list` row is read as the protocol's InquiryRow: a bad one is refused by name."""

from __future__ import annotations

from typing import Any

import pytest

from app.protocol.codec import ProtocolError, convert
from app.protocol.inquiry import InquiryRow
from app.protocol.payloads import UserRef

T0 = 1_800_000_000_000
_GONE = object()  # row(field=_GONE): the row without that field


def row(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "inquiry_id": "iq_5",
        "user": {"id": "u_7f3a", "name": "Mia", "badges": ["member:2"]},
        "service_id": "svc_1",
        "service_title": "30-min portfolio review",
        "text": "Could you look at my portfolio next week?",
        "status": "booked",
        "price_cents": 4500,
        "snooze_until_ms": None,
        "created_ms": T0,
        "updated_ms": T0 + 50,
        "session_id": "ls_3",
        "elapsed_s": 1830,
        "booked_for_ms": T0 + 86_400_000,
        "last_viewer_ms": T0 + 20,
        "message_count": 2,
        "session_title": "Portfolio night",
        "session_started_ms": T0 - 1_830_000,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not _GONE}


def test_a_row_reads_with_its_types() -> None:
    read = convert(row(), InquiryRow)
    assert read.user == UserRef(id="u_7f3a", name="Mia", badges=("member:2",))
    assert (read.status, read.price_cents, read.booked_for_ms) == (
        "booked",
        4500,
        T0 + 86_400_000,
    )


def test_a_row_from_before_bookings_had_a_time_reads_without_it() -> None:
    assert convert(row(booked_for_ms=_GONE), InquiryRow).booked_for_ms is None


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"status": _GONE}, "missing required field `status`"),
        ({"last_viewer_ms": _GONE}, "missing required field `last_viewer_ms`"),
        ({"price_cents": "4500"}, "got `str` - at `$.price_cents`"),
        ({"created_ms": -1}, "at `$.created_ms`"),
        ({"message_count": 2.5}, "got `float` - at `$.message_count`"),
        ({"status": "lost"}, "at `$.status`"),
        ({"user": {"id": "u_7f3a"}}, "missing required field `name` - at `$.user`"),
        ({"text": ""}, "at `$.text`"),
        ({"surprise": 1}, "unknown field `surprise`"),
    ],
)
def test_a_missing_wrong_typed_or_unknown_field_is_refused_by_name(
    changes: dict[str, Any], says: str
) -> None:
    with pytest.raises(ProtocolError) as refused:
        convert(row(**changes), InquiryRow)
    assert refused.value.code == "bad_request"
    assert says in refused.value.message


def test_what_is_not_an_object_is_refused() -> None:
    with pytest.raises(ProtocolError, match="bad_request: Expected `object`, got `array`"):
        convert([1, 2], InquiryRow)
