"""Service+ inquiry state machine and the creator eligibility rules from the seed."""

from __future__ import annotations

import typing
from collections import deque

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.inquiries import (
    ALL_STATUSES,
    TRANSITIONS,
    InvalidTransition,
    can_transition,
    check_status_change,
    eligibility,
    is_booking,
)
from app.protocol.payloads import InquiryStatus, Service


def test_every_status_of_the_protocol_has_transitions() -> None:
    assert set(ALL_STATUSES) == set(typing.get_args(InquiryStatus))
    assert set(TRANSITIONS) == set(ALL_STATUSES)
    for targets in TRANSITIONS.values():
        assert targets <= set(ALL_STATUSES)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("new", "open"),
        ("new", "quoted"),
        ("new", "declined"),
        ("new", "closed"),
        ("new", "snoozed"),
        ("open", "quoted"),
        ("open", "booked"),
        ("open", "declined"),
        ("open", "closed"),
        ("open", "snoozed"),
        ("quoted", "booked"),
        ("quoted", "declined"),
        ("quoted", "closed"),
        ("quoted", "open"),
        ("quoted", "snoozed"),
        ("quoted", "quoted"),
        ("booked", "completed"),
        ("booked", "closed"),
        ("snoozed", "open"),
        ("snoozed", "closed"),
        ("completed", "open"),
        ("declined", "open"),
        ("closed", "open"),
    ],
)
def test_allowed_changes(old: InquiryStatus, new: InquiryStatus) -> None:
    assert can_transition(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("new", "booked"),
        ("new", "completed"),
        ("new", "new"),
        ("open", "new"),
        ("open", "completed"),
        ("booked", "open"),
        ("booked", "quoted"),
        ("booked", "declined"),
        ("booked", "snoozed"),
        ("completed", "booked"),
        ("completed", "closed"),
        ("declined", "quoted"),
        ("closed", "booked"),
        ("closed", "closed"),
    ],
)
def test_refused_changes(old: InquiryStatus, new: InquiryStatus) -> None:
    assert not can_transition(old, new)
    with pytest.raises(InvalidTransition) as caught:
        check_status_change(old, new, price_cents=100, snooze_until_ms=10**13)
    assert caught.value.old == old and caught.value.new == new
    assert old in str(caught.value) and new in str(caught.value)


def test_nothing_ever_returns_to_new() -> None:
    assert all("new" not in targets for targets in TRANSITIONS.values())


def test_every_status_is_reachable_from_new_and_can_still_be_closed() -> None:
    reachable: set[InquiryStatus] = {"new"}
    todo: deque[InquiryStatus] = deque(["new"])
    while todo:
        for target in TRANSITIONS[todo.popleft()]:
            if target not in reachable:
                reachable.add(target)
                todo.append(target)
    assert reachable == set(ALL_STATUSES)
    for status in ALL_STATUSES:
        assert can_transition(status, "closed") or can_transition(status, "open")


def test_quote_needs_a_price_and_snooze_a_future_time() -> None:
    check_status_change("open", "quoted", price_cents=2500)
    with pytest.raises(InvalidTransition, match="price"):
        check_status_change("open", "quoted")
    check_status_change("open", "snoozed", snooze_until_ms=2_000, now_ms=1_000)
    with pytest.raises(InvalidTransition, match="time"):
        check_status_change("open", "snoozed")
    with pytest.raises(InvalidTransition, match="future"):
        check_status_change("open", "snoozed", snooze_until_ms=1_000, now_ms=1_000)
    check_status_change("quoted", "booked", booked_for_ms=5_000)  # keeps the quoted price


def test_a_booking_needs_a_future_date_and_can_be_moved() -> None:
    with pytest.raises(InvalidTransition, match="date and time"):
        check_status_change("quoted", "booked")
    with pytest.raises(InvalidTransition, match="future"):
        check_status_change("quoted", "booked", booked_for_ms=1_000, now_ms=1_000)
    check_status_change("booked", "booked", booked_for_ms=9_000, now_ms=1_000)  # moved
    with pytest.raises(InvalidTransition, match="date and time"):
        check_status_change("booked", "booked")


def test_is_booking_only_when_entering_booked() -> None:
    assert is_booking("open", "booked")
    assert is_booking("quoted", "booked")
    assert not is_booking("booked", "booked")
    assert not is_booking("new", "booked")  # not an allowed change at all
    assert not is_booking("booked", "completed")


@given(st.sampled_from(ALL_STATUSES), st.sampled_from(ALL_STATUSES))
def test_can_transition_agrees_with_the_table(old: InquiryStatus, new: InquiryStatus) -> None:
    assert can_transition(old, new) == (new in TRANSITIONS[old])


def _service(title: str, confirmed: bool) -> Service:
    return Service(
        id=title.lower(), title=title, category="consulting", license_free_confirmed=confirmed
    )


def test_eligible_creator_gets_no_reasons() -> None:
    assert eligibility(18, 1_000, [_service("Guitar lessons", True)]) == []
    assert eligibility(40, 250_000, []) == []


def test_each_failing_rule_gives_a_plain_reason() -> None:
    reasons = eligibility(17, 999, [_service("Tax advice", False), _service("Yoga", True)])
    assert len(reasons) == 3
    assert "18" in reasons[0]
    assert "1,000" in reasons[1] and "999" in reasons[1]
    assert "Tax advice" in reasons[2] and "license" in reasons[2]
    assert not any("Yoga" in r for r in reasons)


def test_unknown_age_is_not_eligible() -> None:
    (reason,) = eligibility(None, 5_000, [])
    assert "age" in reason.lower()
