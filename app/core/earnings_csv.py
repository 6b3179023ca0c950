"""CSV export of the earnings figures and of the ledger lines, and reading them back.

Every line's amounts are in the currency of its `currency` column, and no amount sums two
currencies: a period's money in another currency is a line of its own under the same key.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import replace

from app.core.earnings import CurrencyTotals, EarningsSettings, Money, Totals
from app.core.earnings_report import Dated, EarningsRow, Grouping
from app.protocol.payloads import LedgerEntry, UserRef

FIGURE_COLUMNS = (
    "period",
    "key",
    "start_ms",
    "title",
    "gift_diamonds",
    "gifts",
    "subscription_gross",
    "subscriptions",
    "service_gross",
    "services",
    "gifts_money",
    "subscriptions_money",
    "services_money",
    "total_money",
    "currency",
    "diamonds_per_usd",
    "platform_share",
)
LEDGER_COLUMNS = (
    "ts_ms",
    "entry_id",
    "kind",
    "diamonds",
    "gross",
    "currency",
    "user_id",
    "user_name",
    "ref",
    "session_id",
    "label",
)
# A cell starting with one of these is a formula to a spreadsheet: user names and titles are
# other people's text, so such a cell gets a leading apostrophe (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    # A leading apostrophe of the text itself is doubled, so reading back is unambiguous.
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def cents_text(cents: int) -> str:
    """12345 -> "123.45": exact, no symbol, no thousands separator (spreadsheet friendly)."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units}.{rest:02d}"


def parse_cents(text: str) -> int:
    text = text.strip()
    sign = -1 if text.startswith("-") else 1
    units, _, rest = text.lstrip("+-").partition(".")
    if len(rest) > 2 or not units.isdigit() or (rest and not rest.isdigit()):
        raise ValueError(f"not an amount: {text!r}")
    return sign * (int(units) * 100 + int(rest.ljust(2, "0")))


def _write(columns: tuple[str, ...], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _read(text: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = set(columns) - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"CSV lacks columns: {sorted(missing)}")
    return list(reader)


def _figure_lines(
    rows: Iterable[EarningsRow], grouping: Grouping, settings: EarningsSettings
) -> Iterator[list[str]]:
    for row in rows:
        parts = [(settings.currency, row.totals, row.money)]
        parts += [(other.currency, other.totals, other.money) for other in row.other]
        for currency, t, money in parts:
            yield [
                grouping,
                _cell(row.key),
                str(row.start_ms),
                _cell(row.title),
                str(t.gift_diamonds),
                str(t.gifts),
                cents_text(t.subscription_cents),
                str(t.subscriptions),
                cents_text(t.service_cents),
                str(t.services),
                cents_text(money.gift_cents),
                cents_text(money.subscription_cents),
                cents_text(money.service_cents),
                cents_text(money.total_cents),
                _cell(currency),
                str(settings.diamonds_per_usd),
                repr(settings.platform_share),
            ]


def figures_to_csv(
    rows: Iterable[EarningsRow], grouping: Grouping, settings: EarningsSettings
) -> str:
    """The table of the earnings page: gross figures per row and the creator's money. A row
    with money in other currencies is followed by one line per such currency (same key)."""
    return _write(FIGURE_COLUMNS, _figure_lines(rows, grouping, settings))


def figures_from_csv(text: str) -> list[EarningsRow]:
    """Rows as `figures_to_csv` wrote them; raises ValueError on anything else."""
    rows: list[EarningsRow] = []
    row_currency = ""
    for rec in _read(text, FIGURE_COLUMNS):
        t = Totals(
            gift_diamonds=int(rec["gift_diamonds"]),
            gifts=int(rec["gifts"]),
            subscription_cents=parse_cents(rec["subscription_gross"]),
            subscriptions=int(rec["subscriptions"]),
            service_cents=parse_cents(rec["service_gross"]),
            services=int(rec["services"]),
        )
        money = Money(
            gift_cents=parse_cents(rec["gifts_money"]),
            subscription_cents=parse_cents(rec["subscriptions_money"]),
            service_cents=parse_cents(rec["services_money"]),
        )
        if money.total_cents != parse_cents(rec["total_money"]):
            raise ValueError(f"row {rec['key']!r}: total_money is not the sum of its parts")
        key, currency = _uncell(rec["key"]), _uncell(rec["currency"])
        if rows and rows[-1].key == key and currency != row_currency:
            other = CurrencyTotals(currency, t, money)
            rows[-1] = replace(rows[-1], other=(*rows[-1].other, other))
            continue
        row_currency = currency
        rows.append(EarningsRow(key, int(rec["start_ms"]), _uncell(rec["title"]), t, money))
    return rows


def ledger_to_csv(dated: Iterable[Dated]) -> str:
    """Every ledger line with its time; gross amounts (the platform's share not taken)."""
    return _write(
        LEDGER_COLUMNS,
        (
            [
                str(ts_ms),
                e.entry_id,
                e.kind,
                str(e.diamonds),
                cents_text(e.cents),
                _cell(e.currency),
                _cell(e.user.id),
                _cell(e.user.name),
                _cell(e.ref),
                e.session_id or "",
                _cell(e.label),
            ]
            for ts_ms, e in dated
        ),
    )


def ledger_from_csv(text: str) -> list[Dated]:
    out: list[Dated] = []
    # Exports made before lines had a currency lack the column: their money was in US cents.
    required = tuple(column for column in LEDGER_COLUMNS if column != "currency")
    for rec in _read(text, required):
        kind = rec["kind"]
        if kind not in ("gift", "subscription", "service"):
            raise ValueError(f"unknown ledger kind {kind!r}")
        entry = LedgerEntry(
            entry_id=rec["entry_id"],
            kind=kind,  # type: ignore[arg-type]
            diamonds=int(rec["diamonds"]),
            cents=parse_cents(rec["gross"]),
            user=UserRef(id=_uncell(rec["user_id"]), name=_uncell(rec["user_name"])),
            ref=_uncell(rec["ref"]),
            session_id=rec["session_id"] or None,
            label=_uncell(rec["label"]),
            currency=_uncell(rec.get("currency") or "USD"),
        )
        out.append((int(rec["ts_ms"]), entry))
    return out
