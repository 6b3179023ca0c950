"""Gift alerts: the alert area in the live page's side column, its pop-out window and sounds."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.core.earnings_report import LedgerBook
from app.protocol.frames import Ready
from app.protocol.payloads import EarningsLedger
from app.store.paths import data_dir
from app.ui.alerts.feature import AlertsFeature
from app.ui.alerts.sound import AlertSound

if TYPE_CHECKING:
    from app.ui.console import Console

__all__ = ["AlertsFeature", "install_alerts"]

log = logging.getLogger(__name__)
_SEED_PAGE = 5000


def install_alerts(console: Console) -> AlertsFeature:
    """Build the alert area, put it first in the side column, and feed it the console's events.

    Creator and moderators both get alerts (gifts are public); the session's diamond total is
    shown to the creator only. On the creator's console, a running session's gifts that came
    before this start are read from the backend's ledger, so its totals are complete.
    """
    window = console.window
    sound = AlertSound(data_dir() / "sound-cache")
    feature = AlertsFeature(
        console.settings, sound, show_money=console.role == "creator", totals=console.live_totals
    )
    sound.setParent(feature)
    feature.setParent(window)
    window.add_side_panel(feature.area, first=True)
    window.restore_side_column()
    console.add_event_listener(feature.on_events)
    for pane in console.panes.values():
        pane.batcher.flushed.connect(feature.ride_frame)
    console.totals_changed.connect(feature.refresh_lists)

    def on_ready(ready: Ready) -> None:
        feature.on_ready(ready)
        live = ready.snapshot.live
        if console.role == "creator" and live is not None:
            feature.tasks.spawn(_seed_session(console, feature, live.session_id))

    console.add_ready_listener(on_ready)
    feature.big_alert.connect(console.attention)
    window.closing.connect(feature.close)  # the pop-out and the sound go with the window

    window.add_menu_action(
        QCoreApplication.translate("AlertsFeature", "Alerts: pause / resume"),
        "F6",
        feature.toggle_pause,
    )
    window.add_menu_action(
        QCoreApplication.translate("AlertsFeature", "Alerts: skip"), "F7", feature.skip
    )
    window.add_menu_action(
        QCoreApplication.translate("AlertsFeature", "Alerts: replay the last one"),
        "F8",
        feature.replay,
    )
    window.add_menu_action(
        QCoreApplication.translate("AlertsFeature", "Alerts: mute / unmute"),
        "F9",
        feature.toggle_mute,
    )
    window.add_menu_action(
        QCoreApplication.translate("AlertsFeature", "Pop out alerts"),
        "Ctrl+Shift+A",
        feature.toggle_popout,
    )
    window.add_help(
        (
            "F6 / F7 / F8",
            QCoreApplication.translate("AlertsFeature", "Alerts: pause or resume, skip, replay"),
        ),
        ("F9", QCoreApplication.translate("AlertsFeature", "Alerts: mute or unmute the sound")),
        (
            "Ctrl+Shift+A",
            QCoreApplication.translate(
                "AlertsFeature", "Pop alerts out into their own window, or back"
            ),
        ),
    )
    if console.settings.layout_flag("alerts_popped_out"):
        feature.toggle_popout()
    return feature


async def _seed_session(console: Console, feature: AlertsFeature, session_id: str) -> None:
    book = LedgerBook()

    async def ask(cmd: EarningsLedger) -> dict[str, Any]:
        result = await console.client.request(cmd, timeout=30)
        if not result.ok or result.result is None:
            raise LookupError(result.message)
        return result.result

    try:
        await book.read_pages(ask, session_id=session_id, limit=_SEED_PAGE)
    except LookupError as exc:
        log.info("session ledger not loaded: %s", exc)
        return
    except TimeoutError:
        log.info("session ledger not loaded: no answer in time")
        return
    if feature.feed.session_id == session_id and feature.feed.seed_from_ledger(
        book.between(None, None)
    ):
        feature.refresh_lists()  # the gifts' lines and top gifters; totals are the server's
