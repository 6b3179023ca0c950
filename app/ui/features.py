"""Installs the console's features (inbox, alerts, earnings, ...) by role, in one place."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from app.ui.console import Console


@dataclass
class Features:
    """What was installed, kept alive as long as the console."""

    installed: dict[str, object] = field(default_factory=dict)

    def get(self, name: str) -> object | None:
        return self.installed.get(name)

    def close(self) -> None:
        """Close each feature that closes with its window (the window's close does it in the
        app); a feature with an async close (the overlay's server) closes with the console."""
        for feature in self.installed.values():
            close = getattr(feature, "close", None)
            if callable(close) and not inspect.iscoroutinefunction(close):
                close()


def window_title(unread: int) -> str:
    base = QCoreApplication.translate("ConsoleWindow", "LiveDesk")
    return f"({unread}) {base}" if unread else base


def install_features(console: Console) -> Features:
    """Creator-only money and inbox features never exist in a moderator's console."""
    features = Features()
    window = console.window
    from app.ui.alerts import install_alerts

    alerts = install_alerts(console)
    features.installed["alerts"] = alerts  # both roles; no money for mods
    from app.ui.moderation import install_moderation

    # Both roles: the moderator layout for moderators, a "Moderation" page for the creator.
    features.installed["moderation"] = install_moderation(console)
    if console.role == "creator":
        from app.ui.overlay import install_overlay

        # OBS runs on the creator's streaming PC: the overlay is the creator's alone.
        overlay = install_overlay(console, alerts)
        features.installed["overlay"] = overlay
        from app.ui.obs import install_obs

        features.installed["obs"] = install_obs(console, overlay)
        from app.ui.earnings import install_earnings

        features.installed["earnings"] = install_earnings(console)
        from app.ui.inbox.feature import install_inbox
        from app.ui.tiktok.feature import install_tiktok

        features.installed["tiktok"] = install_tiktok(console)
        inbox = install_inbox(console)
        features.installed["inbox"] = inbox
        inbox.unread_changed.connect(lambda n: window.setWindowTitle(window_title(n)))
        window.add_help(
            ("Ctrl+I", QCoreApplication.translate("ConsoleWindow", "Service+ inbox")),
            ("J / K", QCoreApplication.translate("ConsoleWindow", "Inbox: next / previous")),
        )
    window.add_help(
        ("Ctrl+Shift+F", QCoreApplication.translate("ConsoleWindow", "Search chat history"))
    )
    return features
