"""CSV export: the figures and the ledger lines read back exactly; spreadsheet formulas defused."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.earnings import EarningsSettings
from app.core.earnings_csv import (
    cents_text,
    figures_from_csv,
    figures_to_csv,
    ledger_from_csv,
    ledger_to_csv,
    parse_cents,
)
from app.core.earnings_report import Grouping, LedgerBook, SessionInfo, build_report
from app.protocol.payloads import LedgerEntry, UserRef

T0 = 1_763_337_600_000
DAY = 86_400_000


def book() -> LedgerBook:
    b = LedgerBook()
    b.add_session(SessionInfo("ls1", '=HYPERLINK("http://evil")', T0, T0 + 7_200_000))
    kinds = ["gift", "subscription", "service", "gift", "gift"]
    for n, kind in enumerate(kinds):
        amount = [25, 499, 4500, 29999, 7][n]
        b.add(
            T0 + n * DAY // 2,
            LedgerEntry(
                entry_id=f"l{n}",
                kind=kind,  # type: ignore[arg-type]
                diamonds=amount if kind == "gift" else 0,
                cents=0 if kind == "gift" else amount,
                user=UserRef(
                    id=f"u{n}", name=["Mia", "=cmd|' /C calc'!A0", "+1", "'quoted", "@x"][n]
                ),
                ref=f"r{n}",
                session_id="ls1" if n < 3 else None,
                label=f'label {n}, with "quotes"\nand a newline',
            ),
        )
    return b


@pytest.mark.parametrize("grouping", ["session", "day", "week"])
def test_figures_round_trip(grouping: Grouping) -> None:
    settings = EarningsSettings(diamonds_per_usd=200, platform_share=0.35)
    report = build_report(
        book(),
        since_ms=T0,
        until_ms=T0 + 4 * DAY,
        grouping=grouping,
        settings=settings,
    )
    text = figures_to_csv(report.rows, grouping, settings)
    assert figures_from_csv(text) == report.rows
    assert figures_from_csv("\ufeff" + text) == report.rows  # as Excel saves it


def test_no_cell_starts_a_formula() -> None:
    b = book()
    settings = EarningsSettings()
    report = build_report(b, since_ms=None, until_ms=None, grouping="session", settings=settings)
    for text in (
        figures_to_csv(report.rows, "session", settings),
        ledger_to_csv(b.between(None, None)),
    ):
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@")), cell
                if cell.startswith("-"):
                    assert cell[1:].replace(".", "").isdigit(), cell


def test_ledger_lines_round_trip_without_badges() -> None:
    dated = book().between(None, None)
    back = ledger_from_csv(ledger_to_csv(dated))
    assert back == dated  # the sample users have no badges


def test_a_tampered_file_is_refused() -> None:
    settings = EarningsSettings()
    report = build_report(book(), since_ms=None, until_ms=None, grouping="day", settings=settings)
    text = figures_to_csv(report.rows, "day", settings)
    header, first, *rest = text.split("\r\n")
    cells = first.split(",")
    cells[13] = "999999.99"  # total_money no longer the sum of its parts
    with pytest.raises(ValueError):
        figures_from_csv("\r\n".join([header, ",".join(cells), *rest]))
    with pytest.raises(ValueError):
        figures_from_csv("a,b\r\n1,2\r\n")
    with pytest.raises(ValueError):
        ledger_from_csv(ledger_to_csv(book().between(None, None)).replace(",gift,", ",bribe,", 1))


@given(st.integers(-(10**12), 10**12))
def test_cents_text_is_exact(cents: int) -> None:
    assert parse_cents(cents_text(cents)) == cents


def test_parse_cents_refuses_garbage() -> None:
    assert parse_cents("12.5") == 1250 and parse_cents("7") == 700
    for bad in ("", "1.234", "abc", "1,5", "$3.00"):
        with pytest.raises(ValueError):
            parse_cents(bad)


names = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=64,
)


@given(names, st.text(max_size=200).filter(lambda t: "\x00" not in t))
def test_any_user_name_and_label_round_trip(name: str, label: str) -> None:
    e = LedgerEntry(
        entry_id="l1",
        kind="gift",
        diamonds=1,
        cents=0,
        user=UserRef(id="u1", name=name),
        ref="r",
        session_id=None,
        label=label,
    )
    assert ledger_from_csv(ledger_to_csv([(T0, e)])) == [(T0, e)]


def mixed_currency_book() -> LedgerBook:
    """A live with a gift, a USD booking and two EUR bookings."""
    b = LedgerBook()
    b.add_session(SessionInfo("ls1", "Lesson night", T0, T0 + 7_200_000))
    lines = [("gift", 400, "USD"), ("service", 2000, "USD"), ("service", 4000, "EUR")]
    lines.append(("service", 1500, "EUR"))
    for n, (kind, amount, currency) in enumerate(lines):
        b.add(
            T0 + n * 60_000,
            LedgerEntry(
                entry_id=f"m{n}",
                kind=kind,  # type: ignore[arg-type]
                diamonds=amount if kind == "gift" else 0,
                cents=0 if kind == "gift" else amount,
                user=UserRef(id=f"u{n}", name=f"Fan {n}"),
                ref=f"q{n}",
                session_id="ls1",
                currency=currency,
            ),
        )
    return b


def test_money_in_another_currency_is_kept_apart_and_never_converted() -> None:
    settings = EarningsSettings(diamonds_per_usd=200, platform_share=0.5)
    report = build_report(
        mixed_currency_book(), since_ms=None, until_ms=None, grouping="session", settings=settings
    )
    # USD figures: the gift and the USD booking only.
    assert (report.totals.gift_diamonds, report.totals.service_cents) == (400, 2000)
    assert report.money.total_cents == 200 + 1000
    [eur] = report.other_currencies
    assert (eur.currency, eur.gross_cents, eur.count, eur.totals.services) == ("EUR", 5500, 2, 2)
    assert eur.money.total_cents == 2750  # the platform's share applies, in EUR
    [row] = report.rows
    assert [o.currency for o in row.other] == ["EUR"] and row.totals.service_cents == 2000
    assert report.entries == 4


def test_csv_of_mixed_currencies_round_trips_with_a_line_per_currency() -> None:
    settings = EarningsSettings()
    report = build_report(
        mixed_currency_book(), since_ms=None, until_ms=None, grouping="session", settings=settings
    )
    text = figures_to_csv(report.rows, "session", settings)
    records = list(csv.DictReader(io.StringIO(text)))
    assert [r["currency"] for r in records] == ["USD", "EUR"]
    assert (records[1]["service_gross"], records[1]["gift_diamonds"]) == ("55.00", "0")
    assert records[0]["key"] == records[1]["key"] == "ls1"
    assert figures_from_csv(text) == report.rows

    ledger_text = ledger_to_csv(mixed_currency_book().between(None, None))
    back = ledger_from_csv(ledger_text)
    assert [e.currency for _, e in back] == ["USD", "USD", "EUR", "EUR"]
    assert back == mixed_currency_book().between(None, None)


def test_ledger_csv_from_before_currencies_reads_as_usd() -> None:
    text = ledger_to_csv(mixed_currency_book().between(None, None))
    rows = list(csv.reader(io.StringIO(text)))
    drop = rows[0].index("currency")
    old = io.StringIO()
    csv.writer(old).writerows([r[:drop] + r[drop + 1 :] for r in rows])
    back = ledger_from_csv(old.getvalue())
    assert {e.currency for _, e in back} == {"USD"}
    assert [e.cents for _, e in back] == [0, 2000, 4000, 1500]


def booking_and_cancellation(cents: int, currency: str = "USD") -> LedgerBook:
    """One inquiry's booking and the line that takes it back."""
    b = LedgerBook()
    for n, amount in enumerate((cents, -cents)):
        entry = LedgerEntry(
            entry_id=f"t{n}",
            kind="service",
            diamonds=0,
            cents=amount,
            user=UserRef(id="u1", name="Vic"),
            ref="q1",
            currency=currency,
        )
        b.add(T0 + n, entry)
    return b


def test_a_taken_back_booking_nets_to_nothing_and_uncounts_itself() -> None:
    b = booking_and_cancellation(4001)
    report = build_report(
        b, since_ms=None, until_ms=None, grouping="day", settings=EarningsSettings()
    )
    assert (report.totals.service_cents, report.totals.services) == (0, 0)
    assert report.money.total_cents == 0
    back = ledger_from_csv(ledger_to_csv(b.between(None, None)))
    assert [e.cents for _, e in back] == [4001, -4001]


def test_a_currency_whose_booking_was_cancelled_in_the_period_is_not_listed() -> None:
    b = booking_and_cancellation(4000, "EUR")
    report = build_report(
        b, since_ms=None, until_ms=None, grouping="day", settings=EarningsSettings()
    )
    assert report.other_currencies == () and report.entries == 2
