"""EarningsFeature: loads the backend's ledger, follows it live, and fills the earnings page."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from app.client.state import CommandResult
from app.core.earnings import EarningsSettings, Totals, totals
from app.core.earnings_csv import figures_to_csv, ledger_to_csv
from app.core.earnings_report import (
    GROUPINGS,
    OUTSIDE_SESSIONS,
    EarningsReport,
    EarningsRow,
    Grouping,
    LedgerBook,
    SessionInfo,
    build_report,
    totals_from_summary,
)
from app.protocol.codec import ProtocolError
from app.protocol.frames import Event, Ready
from app.protocol.payloads import (
    CommandData,
    EarningsSummary,
    LedgerEntry,
    LiveEnded,
    LiveStarted,
)
from app.ui import formatting
from app.ui.earnings.chart import Bar
from app.ui.earnings.page import PERIODS, EarningsPage
from app.ui.earnings.view import CardView, EarningsView
from app.ui.formatting import format_cents
from app.ui.settings import ConsoleSettings
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

Request = Callable[[CommandData], Awaitable[CommandResult]]
PAGE = 5000
FIRST_LOAD_DAYS = 84  # 12 weeks: every period but "all time"; older lines load when asked for
_REDRAW_MS = 250


def settings_from(console_settings: ConsoleSettings) -> EarningsSettings:
    """EarningsSettings from the console's settings; a broken value falls back to its default."""
    default = EarningsSettings()
    try:
        return EarningsSettings(
            diamonds_per_usd=int(console_settings.get("earnings_diamonds_per_usd")),
            platform_share=int(console_settings.get("earnings_platform_share_pct")) / 100,
            payout_threshold_usd=int(console_settings.get("earnings_payout_threshold_usd")),
        )
    except ValueError:
        return default


def local_midnight(day: date) -> int:
    return int(datetime.combine(day, time()).timestamp() * 1000)


def period_range(period: str, today: date) -> tuple[int | None, int | None]:
    """(since_ms, until_ms) of a period in local time; "live" and "all" are open."""
    tomorrow = local_midnight(today + timedelta(days=1))
    if period == "today":
        return local_midnight(today), tomorrow
    if period == "7d":
        return local_midnight(today - timedelta(days=6)), tomorrow
    if period == "30d":
        return local_midnight(today - timedelta(days=29)), tomorrow
    if period == "12w":
        monday = today - timedelta(days=today.weekday())
        return local_midnight(monday - timedelta(weeks=11)), local_midnight(
            monday + timedelta(weeks=1)
        )
    return None, None


class EarningsFeature(QObject):
    """Creator only. Figures always come from ledger lines the backend reported (pages of
    `earnings.ledger`, then `ledger.entry` events), so every machine of the creator agrees."""

    report_changed = Signal()

    def __init__(
        self,
        settings: ConsoleSettings,
        request: Request,
        *,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._request = request
        self._today = today
        self.book = LedgerBook()
        self.page = EarningsPage()
        self.period = "7d"
        self.grouping: Grouping = "day"
        self.live_session: str | None = None
        self.opened_session: str | None = None  # a past live opened from the table
        self._report: EarningsReport | None = None
        self._stale = False  # the ledger changed while the page was hidden
        self.loaded_since: int | None = local_midnight(today() - timedelta(days=FIRST_LOAD_DAYS))
        self.older = Totals()  # everything before loaded_since, from earnings.summary
        self.loaded = False
        self.problem = ""
        self._refused_said = 0  # book.refused reasons logged so far
        self._cursor = 0
        self._loading: asyncio.Future[None] | None = None
        self.tasks = BackgroundTasks("earnings")
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(_REDRAW_MS)
        self._redraw.timeout.connect(self._redraw_due)
        self._dialog: QFileDialog | None = None

        page = self.page
        page.set_choice(self.period, self.grouping)
        page.conversion.show_settings(settings_from(settings))
        page.period_changed.connect(self._period_chosen)
        page.row_opened.connect(self.open_row)
        page.grouping_changed.connect(self.set_grouping)
        page.refresh_requested.connect(self.reload)
        page.export_requested.connect(self.ask_export)
        page.shown.connect(self._page_shown)
        page.conversion.edited.connect(self._store_settings)
        settings.changed.connect(self._setting_changed)
        self.refresh_report()

    def close(self) -> None:
        """Stop loading and redrawing (the window is closing): a ledger page still being
        asked for is cancelled, not left pending when the loop ends."""
        self._redraw.stop()
        self.tasks.cancel()

    # --- loading ----------------------------------------------------------------------

    def on_ready(self, ready: Ready) -> None:
        live = ready.snapshot.live
        self.live_session = live.session_id if live else None
        if live is not None:
            self.book.add_session(SessionInfo(live.session_id, live.title, live.started_ms))
        self.start_load()

    def start_load(self) -> asyncio.Future[None]:
        """Catch up with the ledger: the first time in full, afterwards from the last cursor."""
        if self._loading is None or self._loading.done():
            self._loading = self.tasks.spawn(self._load())
        return self._loading

    async def _load(self) -> None:
        self._status(self.tr("Loading earnings…"))
        try:
            if not self.loaded:
                summary = await self._ask(EarningsSummary(until_ms=self.loaded_since))
                currency = settings_from(self.settings).currency
                self.older = (
                    totals_from_summary(summary, currency) if self.loaded_since else Totals()
                )
            self._cursor = await self.book.read_pages(
                self._ask, since_ms=self.loaded_since, after=self._cursor, limit=PAGE
            )
            self.loaded = True
            self.problem = self._unreadable_lines()
        except (TimeoutError, LoadError, ProtocolError) as exc:
            self.problem = self._problem_of(exc)
            log.info("earnings not loaded: %s", self.problem)
        self.refresh_report()

    def _problem_of(self, exc: Exception) -> str:
        if isinstance(exc, ProtocolError):  # a page this version cannot read at all
            return self.tr("The ledger could not be read: {0}").format(exc.message)
        return str(exc) or self.tr("The server did not answer in time.")

    def _unreadable_lines(self) -> str:
        """What the status line says of ledger lines this version could not read (each is
        logged; they stay on the server, every other line counts): empty if none."""
        for reason in self.book.refused[self._refused_said :]:
            log.warning("earnings: %s", reason)
        self._refused_said = len(self.book.refused)
        if not self.book.refused:
            return ""
        return self.tr(
            "Ledger lines the earnings view could not read: {0} (kept on the server)"
        ).format(len(self.book.refused))

    async def _ask(self, cmd: CommandData) -> dict[str, Any]:
        result = await self._request(cmd)
        if not result.ok or result.result is None:
            raise LoadError(result.message or result.error_code or "refused")
        return result.result

    def reload(self) -> None:
        self.start_load()

    async def load_all_time(self) -> None:
        """Widen the loaded range to the whole ledger ("all time")."""
        if self.loaded_since is None:
            return
        await self.start_load()
        until = self.loaded_since
        self._status(self.tr("Loading older earnings…"))
        try:
            await self.book.read_pages(self._ask, until_ms=until, limit=PAGE)
        except (TimeoutError, LoadError, ProtocolError) as exc:
            self.problem = self._problem_of(exc)
            self.refresh_report()
            return
        self.problem = self._unreadable_lines()
        self.loaded_since = None
        self.older = Totals()
        self.refresh_report()

    # --- live -------------------------------------------------------------------------

    def on_events(self, events: list[Event]) -> None:
        changed = False
        for event in events:
            data = event.data
            if isinstance(data, LedgerEntry):
                changed |= self.book.add(event.ts, data)
            elif isinstance(data, LiveStarted):
                self.live_session = data.session_id
                self.book.add_session(SessionInfo(data.session_id, data.title, data.started_ms))
                changed = True
            elif isinstance(data, LiveEnded):
                old = self.book.sessions.get(data.session_id)
                title = old.title if old else ""
                self.book.add_session(
                    SessionInfo(data.session_id, title, data.started_ms, data.ended_ms)
                )
                changed = True
        if changed and not self._redraw.isActive():
            self._redraw.start()

    # --- choices ----------------------------------------------------------------------

    def set_period(self, period: str) -> None:
        self.period = period if period in PERIODS else "7d"
        if period == "all" and self.loaded_since is not None:
            self.tasks.spawn(self.load_all_time())
        self._sync_choice()
        self.refresh_report()

    def _period_chosen(self, period: str) -> None:
        self.open_session(None)  # the creator picked a period: "This live" is the current one
        self.set_period(period)

    def open_session(self, session_id: str | None) -> None:
        """Show one past live session (its figures, top gifters and top gifts), or with None
        the running or newest one again."""
        self.opened_session = session_id
        info = self.book.sessions.get(session_id) if session_id else None
        if info is None:
            self.opened_session = None
            self.page.set_live_label(self.tr("This live"))
        else:
            started = formatting.day_time(info.started_ms)
            name = f"{info.title} · {started}" if info.title else started
            self.page.set_live_label(self.tr("Live: {0}").format(name))

    def open_row(self, row: int) -> None:
        """A row of the per-session table, opened: that live session's own report."""
        if self.report is None or self.effective_grouping != "session":
            return
        if not 0 <= row < len(self.report.rows):
            return
        key = self.report.rows[row].key
        if key == OUTSIDE_SESSIONS or key not in self.book.sessions:
            return
        self.open_session(key)
        self.set_period("live")

    def set_grouping(self, grouping: str) -> None:
        self.grouping = grouping if grouping in GROUPINGS else "day"
        self._sync_choice()
        self.refresh_report()

    @property
    def effective_grouping(self) -> Grouping:
        """One live session is one row: per day or week would only split it at midnight."""
        return "session" if self.period == "live" else self.grouping

    def _sync_choice(self) -> None:
        self.page.set_choice(self.period, self.effective_grouping)
        self.page.grouping.setEnabled(self.period != "live")

    def _store_settings(self, earnings: EarningsSettings) -> None:
        self.settings.set("earnings_diamonds_per_usd", earnings.diamonds_per_usd)
        self.settings.set("earnings_platform_share_pct", round(earnings.platform_share * 100))
        self.settings.set("earnings_payout_threshold_usd", earnings.payout_threshold_usd)

    def _setting_changed(self, key: str) -> None:
        if key.startswith("earnings_"):
            self.page.conversion.show_settings(settings_from(self.settings))
            self.refresh_report()

    # --- the report -------------------------------------------------------------------

    def current_session(self) -> str | None:
        """A past live the creator opened, else the running one, else the newest one."""
        if self.opened_session:
            return self.opened_session
        if self.live_session:
            return self.live_session
        newest = max(self.book.sessions.values(), key=lambda s: s.started_ms, default=None)
        return newest.session_id if newest else None

    @property
    def report(self) -> EarningsReport | None:
        """The report the page shows (rebuilt first if the ledger changed while hidden)."""
        if self._stale:
            self.refresh_report()
        return self._report

    def _redraw_due(self) -> None:
        # Gifts add ledger lines several times a second during a live, and a report takes
        # a millisecond or two: while the page is hidden it is rebuilt when next shown.
        if self.page.isVisible():
            self.refresh_report()
        else:
            self._stale = True

    def _page_shown(self) -> None:
        if self._stale:
            self.refresh_report()

    def refresh_report(self) -> None:
        self._stale = False
        earnings = settings_from(self.settings)
        since, until = period_range(self.period, self._today())
        session = self.current_session() if self.period == "live" else None
        loaded = self.book.between(self.loaded_since, None)
        balance = self.older + totals((e for _, e in loaded), earnings.currency)
        if self.period == "live" and session is None:
            since = until = 0  # no live session yet: an empty report
        self._report = report = build_report(
            self.book,
            since_ms=since,
            until_ms=until,
            grouping=self.effective_grouping,
            settings=earnings,
            balance=balance,
            session_id=session,
            tz=None,
        )
        self._show(report, balance)
        self.report_changed.emit()

    def other_money_text(self, report: EarningsReport) -> str:
        """'Also, not converted: €20.00 EUR kept of €40.00 EUR gross (1 booking)' and so on."""
        parts = []
        for other in report.other_currencies:
            code = other.currency
            kept = format_cents(other.money.total_cents, code, code=True)
            gross = format_cents(other.gross_cents, code, code=True)
            t = other.totals
            what = []
            if t.services > 0:  # net of cancellations
                n = t.services
                what.append(self.tr("%Ln booking(s)", "", n))
            if t.subscriptions > 0:
                what.append(self.tr("%Ln subscription(s)", "", t.subscriptions))
            figures = self.tr("{0} kept of {1} gross").format(kept, gross)
            parts.append(f"{figures} ({', '.join(what)})" if what else figures)
        if not parts:
            return ""
        return self.tr("Also in other currencies, not converted: {0}").format("; ".join(parts))

    def _show(self, report: EarningsReport, balance: Totals) -> None:
        self.page.show_view(self.view_of(report))
        self._status(self.problem or self.tr("%Ln ledger line(s) loaded", "", len(self.book)))

    def view_of(self, report: EarningsReport) -> EarningsView:
        """The page's view model of `report`: every text it shows, formatted."""
        cur = report.settings.currency
        t, m = report.totals, report.money
        gifts = self.tr("💎 {0} from %Ln gift(s)", "", t.gifts).format(
            formatting.number(t.gift_diamonds)
        )
        if t.tiktok_diamonds:
            # TikTok LIVE gifts (ledger kind "tiktok") are in the total and named apart.
            on_tiktok = formatting.number(t.tiktok_diamonds)
            gifts += self.tr(" · on TikTok LIVE 💎 {0}").format(on_tiktok)
        cards = {
            "total": CardView(
                format_cents(m.total_cents, cur),
                self.tr("%Ln ledger line(s) · after the platform's share", "", report.entries),
            ),
            "gifts": CardView(format_cents(m.gift_cents, cur), gifts),
            "subscriptions": CardView(
                format_cents(m.subscription_cents, cur),
                self.tr("%Ln subscription(s) · {0} gross", "", t.subscriptions).format(
                    format_cents(t.subscription_cents, cur)
                ),
            ),
            "services": CardView(
                format_cents(m.service_cents, cur),
                self.tr("%Ln booking(s) · {0} gross", "", max(0, t.services)).format(
                    format_cents(t.service_cents, cur)  # bookings net of cancellations
                ),
            ),
        }
        payout = report.payout
        if payout.reached:
            text = self.tr("{0} earned in total — above the {1} threshold").format(
                format_cents(payout.balance_cents, cur), format_cents(payout.threshold_cents, cur)
            )
        else:
            text = self.tr("{0} of {1} — {2} to go").format(
                format_cents(payout.balance_cents, cur),
                format_cents(payout.threshold_cents, cur),
                format_cents(payout.remaining_cents, cur),
            )
        labels = [self.row_label(row) for row in report.rows]
        bars = [
            Bar(
                label=self.short_label(row),
                tooltip=f"{label}\n{format_cents(row.money.total_cents, cur)}",
                gifts=row.money.gift_cents,
                subscriptions=row.money.subscription_cents,
                # A day whose cancellations outweigh its bookings: no bar below zero
                # (the table and the tooltip show the real figure).
                services=max(0, row.money.service_cents),
            )
            for row, label in zip(report.rows, labels, strict=True)
        ]
        table = [
            [
                label,
                formatting.number(row.totals.gift_diamonds),
                format_cents(row.money.gift_cents, cur),
                format_cents(row.money.subscription_cents, cur),
                format_cents(row.money.service_cents, cur),
                format_cents(row.money.total_cents, cur),
            ]
            for row, label in zip(report.rows, labels, strict=True)
        ]
        table.append(
            [
                self.tr("Total"),
                formatting.number(t.gift_diamonds),
                format_cents(m.gift_cents, cur),
                format_cents(m.subscription_cents, cur),
                format_cents(m.service_cents, cur),
                format_cents(m.total_cents, cur),
            ]
        )
        return EarningsView(
            cards=cards,
            other_money=self.other_money_text(report) if report.other_currencies else "",
            payout_fraction=payout.fraction,
            payout_text=text,
            payout_tip=self.tr(
                "Everything in the ledger, converted with these settings. "
                "LiveDesk does not see payouts already made."
            ),
            currency=cur,
            bars=bars,
            chart_empty=(
                self.tr("No earnings in this period yet.") if self.loaded else self.tr("Loading…")
            ),
            table=table,
            gifters=[
                [g.user.name, formatting.number(g.diamonds), formatting.number(g.gifts)]
                for g in report.top_gifters
            ],
            gifts=[
                [g.name, formatting.number(g.count), formatting.number(g.diamonds)]
                for g in report.top_gifts
            ],
        )

    def row_label(self, row: EarningsRow) -> str:
        if self.effective_grouping == "session":
            if row.key == OUTSIDE_SESSIONS:
                return self.tr("Outside live sessions")
            started = formatting.day_time(row.start_ms)
            return f"{row.title} · {started}" if row.title else self.tr("Live {0}").format(started)
        day = date.fromisoformat(row.key)
        if self.grouping == "week":
            return self.tr("Week of {0}").format(formatting.day(day, weekday=False))
        return formatting.day(day)

    def short_label(self, row: EarningsRow) -> str:
        if self.effective_grouping == "session":
            if row.key == OUTSIDE_SESSIONS:
                return self.tr("other")
            return formatting.day(row.start_ms, weekday=False)
        day = date.fromisoformat(row.key)
        return (
            formatting.week_number(day)
            if self.grouping == "week"
            else (formatting.weekday_and_day(day))
        )

    def _status(self, text: str) -> None:
        self.page.status.setText(text)

    # --- export -----------------------------------------------------------------------

    def ask_export(self, kind: str) -> None:
        """A non-modal save dialog (nothing blocks while live); the file is written off-thread."""
        if self._dialog is not None:
            self._dialog.close()
        stamp = self._today().isoformat()
        dialog = QFileDialog(self.page, self.tr("Export earnings as CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(
            f"livedesk-{'ledger' if kind == 'ledger' else 'earnings'}-{self.period}-{stamp}.csv"
        )
        dialog.setModal(False)
        dialog.fileSelected.connect(lambda path: self._export_soon(kind, Path(path)))
        self._dialog = dialog
        dialog.show()

    def _export_soon(self, kind: str, path: Path) -> None:
        self.tasks.spawn(self.export(kind, path))

    async def export(self, kind: str, path: Path) -> None:
        report = self.report
        if report is None:
            return
        if kind == "ledger":
            since, until = period_range(self.period, self._today())
            session = self.current_session() if self.period == "live" else None
            dated = self.book.of_session(session) if session else self.book.between(since, until)
            text = ledger_to_csv(dated)
        else:
            text = figures_to_csv(report.rows, self.effective_grouping, report.settings)
        try:
            await asyncio.to_thread(save_text, path, text)
        except OSError as exc:
            self._status(self.tr("Export failed: {0}").format(exc))
            return
        self._status(self.tr("Saved {0}").format(path.name))


def save_text(path: Path, text: str) -> None:
    """UTF-8 with a byte-order mark, so spreadsheets guess the encoding right; atomic."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8-sig", newline="")
    tmp.replace(path)


class LoadError(Exception):
    """The server refused an earnings query."""
