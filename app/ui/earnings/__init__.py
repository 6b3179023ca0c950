"""Earnings: the creator's page of gift, Below Room and Service+ income (the backend's ledger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.client.state import CommandResult
from app.core import roles
from app.protocol.payloads import CommandData
from app.ui.actions import Action
from app.ui.earnings.feature import EarningsFeature

if TYPE_CHECKING:
    from app.ui.console import Console

__all__ = ["EarningsFeature", "install_earnings"]


def install_earnings(console: Console) -> EarningsFeature | None:
    """Add the "Earnings" page for the creator; moderators get nothing (and the server refuses
    them the ledger anyway). Returns the feature, or None for a moderator."""
    if not roles.sees_money(console.role):  # type: ignore[arg-type]
        return None

    async def request(cmd: CommandData) -> CommandResult:
        return await console.client.request(cmd, timeout=30)

    feature = EarningsFeature(console.settings, request, parent=console.window)
    window = console.window
    window.closing.connect(feature.close)
    window.add_page(feature.page, QCoreApplication.translate("EarningsFeature", "Earnings"))
    console.add_event_listener(feature.on_events)
    console.add_ready_listener(feature.on_ready)

    def show_page() -> None:
        window.pages.setCurrentWidget(feature.page)

    window.add_action(
        Action(
            "view.earnings",
            QCoreApplication.translate("EarningsFeature", "Show earnings"),
            "Ctrl+Shift+E",
            show_page,
            "view",
            help=QCoreApplication.translate("EarningsFeature", "Earnings"),
        )
    )
    return feature
