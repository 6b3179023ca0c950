"""The earnings view's figures: the backend's ledger lines grouped per live session, day or week."""

from __future__ import annotations

import bisect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from app.core.earnings import (
    CurrencyTotals,
    EarningsSettings,
    Gifter,
    Money,
    PayoutProgress,
    TopGift,
    Totals,
    day_of,
    other_currencies,
    payout_progress,
    to_money,
    top_gifters,
    top_gifts,
    totals,
    week_of,
)
from app.protocol.codec import convert, convert_rows
from app.protocol.payloads import EarningsLedger, Id, LedgerEntry, ShortText, TimeMs

Grouping = Literal["session", "day", "week"]
GROUPINGS: tuple[Grouping, ...] = ("session", "day", "week")
OUTSIDE_SESSIONS = ""  # row key of entries earned outside any live session
MAX_EMPTY_BUCKETS = 400  # a chart of days fills in empty days, but not for decades
Dated = tuple[int, LedgerEntry]


@dataclass(frozen=True)
class SessionInfo:
    session_id: str
    title: str
    started_ms: int
    ended_ms: int | None = None


@dataclass(frozen=True)
class EarningsRow:
    """One bar of the chart and one line of the table."""

    key: str  # session id, or the ISO date of the day / the week's Monday
    start_ms: int  # where the row sits on the time axis
    title: str  # the session's title; empty for days and weeks
    totals: Totals  # in the settings' currency
    money: Money
    other: tuple[CurrencyTotals, ...] = ()  # money in other currencies, kept apart


class LedgerLine(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One of an `earnings.ledger` result's `entries`: the line and its server time."""

    ts: TimeMs
    entry: LedgerEntry


class LedgerSession(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One of an `earnings.ledger` result's `sessions` (`ended_ms` None while live)."""

    session_id: Id
    title: ShortText
    started_ms: TimeMs
    ended_ms: TimeMs | None


_Cursor = Annotated[int, Meta(ge=0)]  # where the next page of `earnings.ledger` starts


def _line_id(row: object) -> str | None:
    entry = row.get("entry") if isinstance(row, dict) else None
    named = entry.get("entry_id") if isinstance(entry, dict) else None
    return named[:64] if isinstance(named, str) else None


def _line_name(entry_id: str | None) -> str:
    return f"ledger line {entry_id!r}" if entry_id is not None else "a ledger line"


class LedgerBook:
    """The creator's ledger lines as the backend reported them, each once, in time order."""

    def __init__(self) -> None:
        self._dated: list[Dated] = []
        self._times: list[int] = []
        self._ids: set[str] = set()
        self.sessions: dict[str, SessionInfo] = {}
        self.version = 0
        # Why each line or session of the pages read that could not be read was left out
        # (it stays on the server; every other line is in the book).
        self.refused: list[str] = []

    def __len__(self) -> int:
        return len(self._dated)

    def add(self, ts_ms: int, entry: LedgerEntry) -> bool:
        """Add a line unless it is already there (a page and a live event may both bring it)."""
        if entry.entry_id in self._ids:
            return False
        self._ids.add(entry.entry_id)
        at = bisect.bisect_right(self._times, ts_ms)
        self._times.insert(at, ts_ms)
        self._dated.insert(at, (ts_ms, entry))
        self.version += 1
        return True

    def add_page(self, result: dict[str, Any]) -> int:
        """Add an `earnings.ledger` result; returns how many lines were new. A line or session
        that cannot be read is left out, its reason kept in `refused`; the others are added."""
        entries, sessions = result.get("entries", []), result.get("sessions", [])
        lines, refused = convert_rows(entries, LedgerLine)
        for row, reason in refused:
            named = _line_id(row)
            part = "the ledger's entries" if row is entries else _line_name(named)
            self._refuse(f"{part}: {reason}", once=named is not None)
        infos, refused = convert_rows(sessions, LedgerSession)
        for row, reason in refused:
            part = "the ledger's sessions" if row is sessions else "a live session of the ledger"
            self._refuse(f"{part}: {reason}")
        for info in infos:
            self.add_session(
                SessionInfo(info.session_id, info.title, info.started_ms, info.ended_ms)
            )
        return sum(self.add(line.ts, line.entry) for line in lines)

    def _refuse(self, reason: str, *, once: bool = True) -> None:
        # A line named by its id, read again (a reload), counts once; unnamed ones each time.
        if not once or reason not in self.refused:
            self.refused.append(reason)

    async def read_pages(
        self,
        ask: Callable[[EarningsLedger], Awaitable[dict[str, Any]]],
        *,
        after: int = 0,
        limit: int = 5000,
        since_ms: int | None = None,
        until_ms: int | None = None,
        session_id: str | None = None,
    ) -> int:
        """Read every `earnings.ledger` page of the filter into the book, from cursor `after`;
        returns the last cursor (to go on from later). `ask` sends one query and returns its
        result, or raises if it was refused or timed out (the pages read so far stay)."""
        while True:
            page = await ask(
                EarningsLedger(
                    since_ms=since_ms,
                    until_ms=until_ms,
                    session_id=session_id,
                    after=after,
                    limit=limit,
                )
            )
            self.add_page(page)
            after = convert(page.get("cursor", after), _Cursor)
            if not convert(page.get("more", False), bool):
                return after

    def add_session(self, info: SessionInfo) -> None:
        if self.sessions.get(info.session_id) != info:
            self.sessions[info.session_id] = info
            self.version += 1

    def between(self, since_ms: int | None, until_ms: int | None) -> list[Dated]:
        """Lines with since_ms <= ts < until_ms (None: open end)."""
        lo = 0 if since_ms is None else bisect.bisect_left(self._times, since_ms)
        hi = len(self._times) if until_ms is None else bisect.bisect_left(self._times, until_ms)
        return self._dated[lo:hi]

    def of_session(self, session_id: str) -> list[Dated]:
        return [d for d in self._dated if d[1].session_id == session_id]


def _start_ms(day: date, tz: tzinfo | None) -> int:
    moment = datetime.combine(day, time(), tzinfo=tz)
    return int(moment.timestamp() * 1000)  # naive (tz None) means local time here too


def _bucket(grouping: Grouping, ts_ms: int, tz: tzinfo | None) -> date:
    return day_of(ts_ms, tz) if grouping == "day" else week_of(ts_ms, tz)


def group_rows(
    dated: Iterable[Dated],
    grouping: Grouping,
    settings: EarningsSettings,
    *,
    sessions: dict[str, SessionInfo] | None = None,
    tz: tzinfo | None = UTC,
    fill: tuple[int, int] | None = None,
) -> list[EarningsRow]:
    """Rows in time order. `fill` = (since_ms, until_ms) adds empty days or weeks in between,
    so the chart's time axis has no silent holes."""
    sessions = sessions or {}
    parts: dict[Any, list[LedgerEntry]] = {}
    first_seen: dict[Any, int] = {}
    for ts_ms, entry in dated:
        if grouping == "session":
            key: Any = entry.session_id or OUTSIDE_SESSIONS
        else:
            key = _bucket(grouping, ts_ms, tz)
        parts.setdefault(key, []).append(entry)
        first_seen.setdefault(key, ts_ms)
    if grouping != "session" and fill is not None:
        step = timedelta(days=1 if grouping == "day" else 7)
        bucket = _bucket(grouping, fill[0], tz)
        last = _bucket(grouping, max(fill[1] - 1, fill[0]), tz)
        for _ in range(MAX_EMPTY_BUCKETS):
            if bucket > last:
                break
            parts.setdefault(bucket, [])
            bucket += step
    rows: list[EarningsRow] = []
    for key, entries in parts.items():
        t = totals(entries, settings.currency)
        money = to_money(t, settings)
        other = other_currencies(entries, settings)
        if grouping == "session":
            info = sessions.get(key)
            start = info.started_ms if info else first_seen[key]
            rows.append(EarningsRow(key, start, info.title if info else "", t, money, other))
        else:
            rows.append(EarningsRow(key.isoformat(), _start_ms(key, tz), "", t, money, other))
    # Entries outside any session sort last: they span the whole period.
    rows.sort(
        key=lambda r: (r.key == OUTSIDE_SESSIONS and grouping == "session", r.start_ms, r.key)
    )
    return rows


@dataclass(frozen=True)
class EarningsReport:
    """Everything the earnings page shows for one period. `totals`, `money` and `payout` are
    in the settings' currency only; `other_currencies` holds the rest, never converted."""

    rows: list[EarningsRow]
    totals: Totals
    money: Money
    top_gifters: list[Gifter]
    top_gifts: list[TopGift]
    payout: PayoutProgress
    settings: EarningsSettings
    entries: int = field(default=0)  # every line of the period, in any currency
    other_currencies: tuple[CurrencyTotals, ...] = ()


def build_report(
    book: LedgerBook,
    *,
    since_ms: int | None,
    until_ms: int | None,
    grouping: Grouping,
    settings: EarningsSettings,
    balance: Totals | None = None,
    session_id: str | None = None,
    tz: tzinfo | None = UTC,
    top: int = 10,
) -> EarningsReport:
    """Figures of the lines in [since_ms, until_ms) (or of one live session).

    `balance` is what counts towards the payout threshold (by default the period itself);
    the total is converted from the summed figures, so it is exact even where a row's money,
    rounded down on its own, is a cent lower.
    """
    dated = book.of_session(session_id) if session_id else book.between(since_ms, until_ms)
    entries = [entry for _, entry in dated]
    t = totals(entries, settings.currency)
    money = to_money(t, settings)
    fill = (since_ms, until_ms) if since_ms is not None and until_ms is not None else None
    rows = group_rows(dated, grouping, settings, sessions=book.sessions, tz=tz, fill=fill)
    balance_cents = to_money(balance, settings).total_cents if balance else money.total_cents
    return EarningsReport(
        rows=rows,
        totals=t,
        money=money,
        top_gifters=top_gifters(entries, top),
        top_gifts=top_gifts(entries, top),
        payout=payout_progress(balance_cents, settings),
        settings=settings,
        entries=len(entries),
        other_currencies=other_currencies(entries, settings),
    )


def totals_from_summary(summary: dict[str, Any], currency: str = "USD") -> Totals:
    """Totals in `currency` of an `earnings.summary` result (counts per kind are not in it).
    The top-level cents are in the summary's `currency` (USD from servers that predate it)."""
    money: dict[str, Any] = summary
    if summary.get("currency", "USD") != currency:
        money = summary.get("other_currencies", {}).get(currency, {})
    return Totals(
        gift_diamonds=int(summary.get("gift_diamonds", 0)),
        subscription_cents=int(money.get("subscription_cents", 0)),
        service_cents=int(money.get("service_cents", 0)),
        tiktok_diamonds=int(summary.get("tiktok_diamonds", 0)),
    )
