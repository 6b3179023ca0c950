"""The stream overlay: gift alerts, top gifters, a goal bar and the pinned message for OBS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.overlay.server import OverlayServer
from app.ui.actions import FIRST, Action
from app.ui.alerts.feature import AlertsFeature
from app.ui.onscreen import centre_over
from app.ui.overlay.feature import OverlayFeature, overlay_secret
from app.ui.overlay.panel import OverlayPanel

if TYPE_CHECKING:
    from app.ui.console import Console

__all__ = ["OverlayFeature", "OverlayPanel", "install_overlay"]


def install_overlay(console: Console, alerts: AlertsFeature) -> OverlayFeature:
    """Serve the overlay pages on 127.0.0.1 while the creator's console runs; File → Stream
    overlay shows their URLs. The server starts in the background: the window never waits."""
    settings = console.settings
    server = OverlayServer(overlay_secret(settings))  # start() takes the port from settings
    feature = OverlayFeature(settings, alerts, server, parent=console.window)
    console.add_event_listener(feature.on_events)
    console.add_ready_listener(feature.on_ready)
    console.add_closer(feature.close)
    feature.start_soon()

    panel: list[OverlayPanel] = []

    def show_panel() -> None:
        if not panel:
            panel.append(OverlayPanel(feature, console.window))
            panel[0].adjustSize()
            centre_over(panel[0], console.window)  # not half off-screen at the bottom left
        panel[0].show()
        panel[0].raise_()

    console.window.add_action(
        Action(
            "file.stream_overlay",
            QCoreApplication.translate("OverlayFeature", "Stream overlay (OBS)…"),
            "Ctrl+Shift+O",
            show_panel,
            "file",
            FIRST + 30,  # after Moderators…, above Sign out and Quit
            QCoreApplication.translate("OverlayFeature", "Stream overlay URLs for OBS"),
        )
    )
    return feature
