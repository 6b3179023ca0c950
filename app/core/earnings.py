"""Earnings math: ledger totals per kind, session, day and week, and conversion to money."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from fractions import Fraction

from app.protocol.payloads import LedgerEntry, UserRef

# Below Room monthly membership price per tier, gross, in US cents. Illustrative defaults for the
# reference backend and the demo, not platform prices.
TIER_PRICE_CENTS: dict[int, int] = {1: 499, 2: 999, 3: 2499}


@dataclass(frozen=True)
class EarningsSettings:
    """How the creator's ledger turns into money. Every default is a publicly reported figure
    used as a configurable assumption, never as a fact.
    """

    # Public reports: 1 diamond is about USD 0.005, i.e. 200 diamonds per dollar. Diamonds are
    # already the creator's side of a gift (the platform's cut sits in the coin price), so no
    # further share is taken from gifts.
    diamonds_per_usd: int = 200
    # Platform share of subscriptions and Service+ bookings. Reports range from about 20% to 50%;
    # a TikTok spokesperson (seed "creator coaches") says creators keep their 50% share after
    # app-store, payment and other fees, so 0.5 is the cautious default.
    platform_share: float = 0.5
    # Balance, in whole dollars, above which a payout can be requested (illustrative default).
    payout_threshold_usd: int = 10
    currency: str = "USD"

    def __post_init__(self) -> None:
        if self.diamonds_per_usd <= 0:
            raise ValueError("diamonds_per_usd must be positive")
        if not 0 <= self.platform_share <= 1:
            raise ValueError("platform_share must be between 0 and 1")
        if self.payout_threshold_usd < 0:
            raise ValueError("payout_threshold_usd must not be negative")
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise ValueError("currency must be a three-letter code such as USD")

    @property
    def creator_share(self) -> Fraction:
        # Through str() so that 0.3 means exactly 3/10, not the nearest binary float.
        return 1 - Fraction(str(self.platform_share))


@dataclass(frozen=True)
class Totals:
    """Sums of ledger entries. Gifts count diamonds; subscriptions and services gross cents."""

    gift_diamonds: int = 0
    gifts: int = 0
    subscription_cents: int = 0
    subscriptions: int = 0
    service_cents: int = 0
    services: int = 0
    # The part of gift_diamonds / gifts that came from the creator's TikTok LIVE.
    tiktok_diamonds: int = 0
    tiktok_gifts: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.gift_diamonds + other.gift_diamonds,
            self.gifts + other.gifts,
            self.subscription_cents + other.subscription_cents,
            self.subscriptions + other.subscriptions,
            self.service_cents + other.service_cents,
            self.services + other.services,
            self.tiktok_diamonds + other.tiktok_diamonds,
            self.tiktok_gifts + other.tiktok_gifts,
        )

    @property
    def entries(self) -> int:
        return self.gifts + self.subscriptions + self.services


@dataclass(frozen=True)
class Money:
    """What the creator keeps, in cents of the settings' currency."""

    gift_cents: int
    subscription_cents: int
    service_cents: int

    @property
    def total_cents(self) -> int:
        return self.gift_cents + self.subscription_cents + self.service_cents


@dataclass(frozen=True)
class CurrencyTotals:
    """Subscriptions and bookings in a currency other than the earnings currency. They are
    summed apart and never converted: there are no exchange rates here to convert with."""

    currency: str
    totals: Totals
    money: Money  # what the creator keeps, in cents of `currency`

    @property
    def gross_cents(self) -> int:
        return self.totals.subscription_cents + self.totals.service_cents

    @property
    def count(self) -> int:
        return self.totals.entries


GIFT_KINDS = frozenset({"gift", "tiktok"})


def is_gift(entry: LedgerEntry) -> bool:
    """A line of gift diamonds: sent through LiveDesk ("gift") or on TikTok LIVE ("tiktok")."""
    return entry.kind in GIFT_KINDS


def counts_in(entry: LedgerEntry, currency: str) -> bool:
    """Whether a line adds to totals in `currency`: a gift always (diamonds convert with the
    settings), money only in its own currency."""
    return is_gift(entry) or entry.currency == currency


def _totals_of(entry: LedgerEntry, currency: str) -> Totals:
    # A gift's value is its diamonds, a subscription's or a booking's its cents; the other field
    # of an entry is not money of that kind and is ignored.
    if entry.kind == "gift":
        return Totals(gift_diamonds=entry.diamonds, gifts=1)
    if entry.kind == "tiktok":
        return Totals(
            gift_diamonds=entry.diamonds, gifts=1, tiktok_diamonds=entry.diamonds, tiktok_gifts=1
        )
    if entry.currency != currency:
        return Totals()
    if entry.kind == "subscription":
        return Totals(subscription_cents=entry.cents, subscriptions=1)
    return Totals(service_cents=entry.cents, services=_booking_count(entry))


def _booking_count(entry: LedgerEntry) -> int:
    # A cancelled booking's taking-back line (negative cents) un-counts its booking.
    return -1 if entry.cents < 0 else 1


def totals(entries: Iterable[LedgerEntry], currency: str = "USD") -> Totals:
    """Sums of the lines that count in `currency`; money in any other currency is left out."""
    gift_diamonds = gifts = sub_cents = subs = service_cents = services = 0
    tiktok_diamonds = tiktok_gifts = 0
    for entry in entries:
        if is_gift(entry):
            gift_diamonds += entry.diamonds
            gifts += 1
            if entry.kind == "tiktok":
                tiktok_diamonds += entry.diamonds
                tiktok_gifts += 1
        elif entry.currency != currency:
            continue
        elif entry.kind == "subscription":
            sub_cents += entry.cents
            subs += 1
        else:
            service_cents += entry.cents
            services += _booking_count(entry)
    return Totals(
        gift_diamonds,
        gifts,
        sub_cents,
        subs,
        service_cents,
        services,
        tiktok_diamonds,
        tiktok_gifts,
    )


def other_currencies(
    entries: Iterable[LedgerEntry], settings: EarningsSettings
) -> tuple[CurrencyTotals, ...]:
    """Per currency other than the settings' one, by code: gross sums, counts, and what the
    creator keeps after the platform's share (in that same currency). A currency whose lines
    cancel out (a booking and its cancellation) is left out."""
    parts: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        if not counts_in(entry, settings.currency):
            parts.setdefault(entry.currency, []).append(entry)
    out = []
    for code in sorted(parts):
        t = totals(parts[code], code)
        if t.subscription_cents or t.service_cents:
            out.append(CurrencyTotals(code, t, to_money(t, settings)))
    return tuple(out)


def totals_per_session(
    entries: Iterable[LedgerEntry], currency: str = "USD"
) -> dict[str | None, Totals]:
    """Totals keyed by live session id; None collects what came outside a live session."""
    out: dict[str | None, Totals] = {}
    for entry in entries:
        out[entry.session_id] = out.get(entry.session_id, Totals()) + _totals_of(entry, currency)
    return out


def day_of(ts_ms: int, tz: tzinfo | None = UTC) -> date:
    """The calendar day of `ts_ms` in `tz`; None means the computer's local time."""
    return datetime.fromtimestamp(ts_ms / 1000, tz).date()


def week_of(ts_ms: int, tz: tzinfo | None = UTC) -> date:
    """The Monday that starts the (ISO) week of `ts_ms`."""
    day = day_of(ts_ms, tz)
    return day - timedelta(days=day.weekday())


def totals_per_day(
    dated: Iterable[tuple[int, LedgerEntry]], tz: tzinfo | None = UTC, currency: str = "USD"
) -> dict[date, Totals]:
    """Totals per calendar day in `tz`; `dated` pairs each entry with its event time (ms)."""
    out: dict[date, Totals] = {}
    for ts_ms, entry in dated:
        day = day_of(ts_ms, tz)
        out[day] = out.get(day, Totals()) + _totals_of(entry, currency)
    return out


def totals_per_week(
    dated: Iterable[tuple[int, LedgerEntry]], tz: tzinfo | None = UTC, currency: str = "USD"
) -> dict[date, Totals]:
    """Totals per week, keyed by the week's Monday in `tz`."""
    out: dict[date, Totals] = {}
    for ts_ms, entry in dated:
        week = week_of(ts_ms, tz)
        out[week] = out.get(week, Totals()) + _totals_of(entry, currency)
    return out


def diamonds_to_cents(diamonds: int, settings: EarningsSettings) -> int:
    """Money for `diamonds`, rounded down to whole cents (a payout is never overstated)."""
    if diamonds < 0:
        raise ValueError("diamonds must not be negative")
    return diamonds * 100 // settings.diamonds_per_usd


def creator_cents(gross_cents: int, settings: EarningsSettings) -> int:
    """The creator's part of a gross subscription or booking amount, rounded toward zero: a
    cancelled booking taken back (negative) takes back exactly what its booking gave."""
    share = settings.creator_share
    part = abs(gross_cents) * share.numerator // share.denominator
    return -part if gross_cents < 0 else part


def to_money(t: Totals, settings: EarningsSettings) -> Money:
    # Convert sums, not single entries, so rounding happens once per kind and cannot drift.
    return Money(
        gift_cents=diamonds_to_cents(t.gift_diamonds, settings),
        subscription_cents=creator_cents(t.subscription_cents, settings),
        service_cents=creator_cents(t.service_cents, settings),
    )


@dataclass(frozen=True)
class Gifter:
    user: UserRef
    diamonds: int
    gifts: int


def top_gifters(entries: Iterable[LedgerEntry], limit: int = 10) -> list[Gifter]:
    """Users by gift diamonds, most first; ties by name then id, so the order is stable."""
    diamonds: dict[str, int] = {}
    gifts: dict[str, int] = {}
    users: dict[str, UserRef] = {}
    for entry in entries:
        if not is_gift(entry):
            continue
        uid = entry.user.id
        users[uid] = entry.user  # the newest name and badges win
        diamonds[uid] = diamonds.get(uid, 0) + entry.diamonds
        gifts[uid] = gifts.get(uid, 0) + 1
    ranked = sorted(users, key=lambda uid: (-diamonds[uid], users[uid].name, uid))
    return [Gifter(users[uid], diamonds[uid], gifts[uid]) for uid in ranked[:limit]]


# A gift entry's label names the gift and, for a streak, its count: "Rose ×12" or "12 × Rose".
_COUNT_AFTER = re.compile(r"^(?P<name>.*?\S)(?:\s*×|\s+x)(?P<count>\d+)$")
_COUNT_BEFORE = re.compile(r"^(?P<count>\d+)\s*[×x]\s+(?P<name>.*\S)$")


def gift_label(gift_name: str, count: int) -> str:
    """A ledger label for `count` of a gift, in a form `parse_gift_label` reads back."""
    return gift_name if count == 1 else f"{gift_name} ×{count}"


def parse_gift_label(label: str) -> tuple[str, int]:
    """(gift name, count) from a gift entry's label; a bare name counts once."""
    match = _COUNT_AFTER.match(label) or _COUNT_BEFORE.match(label)
    if match:
        return match.group("name"), int(match.group("count"))
    return label, 1


@dataclass(frozen=True)
class TopGift:
    name: str
    count: int
    diamonds: int
    senders: int = field(default=0)


def top_gifts(entries: Iterable[LedgerEntry], limit: int = 10) -> list[TopGift]:
    """Gifts by diamonds received, most first, with how many were sent and by how many users."""
    diamonds: dict[str, int] = {}
    counts: dict[str, int] = {}
    senders: dict[str, set[str]] = {}
    for entry in entries:
        if not is_gift(entry):
            continue
        name, count = parse_gift_label(entry.label or entry.ref)
        diamonds[name] = diamonds.get(name, 0) + entry.diamonds
        counts[name] = counts.get(name, 0) + count
        senders.setdefault(name, set()).add(entry.user.id)
    ranked = sorted(diamonds, key=lambda name: (-diamonds[name], name))
    return [TopGift(n, counts[n], diamonds[n], len(senders[n])) for n in ranked[:limit]]


@dataclass(frozen=True)
class PayoutProgress:
    balance_cents: int
    threshold_cents: int

    @property
    def remaining_cents(self) -> int:
        return max(self.threshold_cents - self.balance_cents, 0)

    @property
    def reached(self) -> bool:
        return self.balance_cents >= self.threshold_cents

    @property
    def fraction(self) -> float:
        """0.0 .. 1.0, for a progress bar."""
        if self.threshold_cents <= 0:
            return 1.0
        return min(self.balance_cents / self.threshold_cents, 1.0)


def payout_progress(balance_cents: int, settings: EarningsSettings) -> PayoutProgress:
    return PayoutProgress(max(balance_cents, 0), settings.payout_threshold_usd * 100)


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_cents(cents: int, currency: str = "USD", *, code: bool = False) -> str:
    """'$1,234.56' for USD; '1,234.56 CHF' for currencies without a symbol here. With `code`,
    a symbol is followed by the code too ('€40.00 EUR'), where a lone symbol is ambiguous."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    amount = f"{units:,}.{rest:02d}"
    symbol = _SYMBOLS.get(currency)
    if not symbol:
        return f"{sign}{amount} {currency}"
    return f"{sign}{symbol}{amount} {currency}" if code else f"{sign}{symbol}{amount}"
