"""Service+ inquiries: the status state machine and the creator eligibility rules."""

from __future__ import annotations

from collections.abc import Iterable

from app.protocol.payloads import InquiryStatus, Service

ALL_STATUSES: tuple[InquiryStatus, ...] = (
    "new",
    "open",
    "quoted",
    "booked",
    "completed",
    "declined",
    "closed",
    "snoozed",
)

# Why these edges:
# - "new" is an inquiry nobody has looked at; reading it opens it, but the creator may also act
#   on it straight away (quote, decline, close, snooze) without opening it first.
# - "quoted" -> "quoted" re-quotes with a new price; "quoted" -> "open" withdraws a quote.
# - "booked" is a commitment with money attached (it creates a ledger entry) and an appointment
#   (a date and time): it can only be fulfilled ("completed"), cancelled ("closed", which takes
#   its money back out of the ledger with a line of the opposite amount), or moved to another
#   time ("booked" -> "booked", same price, no new ledger line); it is never snoozed or
#   "declined" after the fact, and it never goes back to a quote, so a booking is never
#   counted twice.
# - "snoozed" hides an inquiry until a time; it wakes as "open", or the creator acts on it
#   directly. "snoozed" -> "snoozed" moves the wake-up time.
# - "completed", "declined" and "closed" are final for the inbox but may be reopened ("open"),
#   like a resolved conversation in Chatwoot: viewers write back after a decline or ask for a
#   follow-up after a completed job, and the thread should continue rather than fork. Reopening
#   goes to "open" only, so a new price must be quoted again rather than resurrecting an old one.
TRANSITIONS: dict[InquiryStatus, frozenset[InquiryStatus]] = {
    "new": frozenset({"open", "quoted", "declined", "closed", "snoozed"}),
    "open": frozenset({"quoted", "booked", "declined", "closed", "snoozed"}),
    "quoted": frozenset({"quoted", "booked", "declined", "closed", "open", "snoozed"}),
    "booked": frozenset({"booked", "completed", "closed"}),
    "snoozed": frozenset({"snoozed", "open", "quoted", "booked", "declined", "closed"}),
    "completed": frozenset({"open"}),
    "declined": frozenset({"open"}),
    "closed": frozenset({"open"}),
}

# Statuses that still need the creator's attention (the inbox's "active" view).
ACTIVE_STATUSES: frozenset[InquiryStatus] = frozenset({"new", "open", "quoted", "booked"})
FINAL_STATUSES: frozenset[InquiryStatus] = frozenset({"completed", "declined", "closed"})


class InvalidTransition(Exception):
    """A status change the state machine does not allow; the message says why in plain words."""

    def __init__(self, old: InquiryStatus, new: InquiryStatus, why: str = "") -> None:
        self.old = old
        self.new = new
        super().__init__(why or f"An inquiry cannot go from {old!r} to {new!r}.")


def can_transition(old: InquiryStatus, new: InquiryStatus) -> bool:
    return new in TRANSITIONS.get(old, frozenset())


def check_status_change(
    old: InquiryStatus,
    new: InquiryStatus,
    *,
    price_cents: int | None = None,
    snooze_until_ms: int | None = None,
    booked_for_ms: int | None = None,
    now_ms: int | None = None,
) -> None:
    """Raise InvalidTransition unless `old` -> `new` is allowed with these details.

    A quote needs a price; a snooze needs a wake-up time and a booking (or moving one) a date
    and time, both in the future when `now_ms` is given.
    """
    if not can_transition(old, new):
        raise InvalidTransition(old, new)
    if new == "quoted" and price_cents is None:
        raise InvalidTransition(old, new, "A quote needs a price.")
    if new == "snoozed":
        if snooze_until_ms is None:
            raise InvalidTransition(old, new, "Snoozing needs a time to wake up.")
        if now_ms is not None and snooze_until_ms <= now_ms:
            raise InvalidTransition(old, new, "The snooze time must be in the future.")
    if new == "booked":
        if booked_for_ms is None:
            raise InvalidTransition(old, new, "A booking needs a date and time.")
        if now_ms is not None and booked_for_ms <= now_ms:
            raise InvalidTransition(old, new, "A booking's date and time must be in the future.")


def is_booking(old: InquiryStatus, new: InquiryStatus) -> bool:
    """True when this change makes a booking (the moment a Service+ ledger entry is due)."""
    return new == "booked" and old != "booked" and can_transition(old, new)


# Service+ rules from the seed article: services must need no license in the creator's region,
# the creator must be 18 or older and have at least 1,000 followers (the threshold for going
# LIVE), and must be able to show competence (a human judgement, not checked here).
MIN_AGE = 18
MIN_FOLLOWERS = 1_000


def eligibility(age: int | None, followers: int, services: Iterable[Service]) -> list[str]:
    """Plain reasons why the creator may not offer Service+; an empty list means eligible."""
    reasons: list[str] = []
    if age is None:
        reasons.append(f"Confirm your age: Service+ is for creators aged {MIN_AGE} or older.")
    elif age < MIN_AGE:
        reasons.append(f"Service+ is for creators aged {MIN_AGE} or older.")
    if followers < MIN_FOLLOWERS:
        reasons.append(
            f"Service+ needs at least {MIN_FOLLOWERS:,} followers (you have {max(followers, 0):,})."
        )
    for service in services:
        if not service.license_free_confirmed:
            reasons.append(
                f'Confirm that "{service.title}" needs no license in your region, '
                "or remove it: Service+ only allows license-free services."
            )
    return reasons
