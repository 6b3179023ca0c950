"""Console settings: declared once with type, default and meaning; stored in an ini file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    description: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("server_url", "", "Backend URL; empty runs the embedded demo backend"),
        Setting("font_size", 11, "Chat font size in points"),
        Setting("scrollback", 2000, "Messages kept in memory per chat pane"),
        Setting("chat_hover_pause_s", 3, "Seconds a moving pointer keeps chat still (0: never)"),
        Setting("theme", "system", "light, dark or system"),
        Setting("language", "system", "system, en or de"),
        Setting("sound", True, "Play alert sounds"),
        Setting("alert_volume", 70, "Alert sound volume, 0-100 percent"),
        Setting("alert_min_diamonds", 5, "Smallest gift value (diamonds) that pops up an alert"),
        Setting("alert_duration_s", 5, "Seconds a small gift's alert stays up (bigger: longer)"),
        Setting("earnings_diamonds_per_usd", 200, "Diamonds per US dollar (public reports: ~200)"),
        Setting("earnings_platform_share_pct", 50, "Platform share of subscriptions, bookings (%)"),
        Setting("earnings_payout_threshold_usd", 10, "Balance (USD) from which a payout opens"),
        Setting("lan_enabled", False, "Embedded backend: let moderators on the network connect"),
        Setting("lan_port", 8765, "Embedded backend: port for moderators on the network"),
        Setting("tls_cert", "", "Embedded backend: TLS certificate (PEM file) for wss://"),
        Setting("tls_key", "", "Embedded backend: the TLS certificate's private key (PEM file)"),
        Setting("overlay_port", 8770, "Stream overlay: port on 127.0.0.1 (0: any free port)"),
        Setting("overlay_secret", "", "Stream overlay: this install's key in the page URLs"),
        Setting("overlay_goal_title", "", "Stream overlay: the goal bar's title"),
        Setting("overlay_goal_diamonds", 0, "Stream overlay: goal in diamonds (0: none)"),
        Setting("confirm_end_live", True, "Ask before End live ends the live"),
        Setting("mod_window_name", "", "Name of who moderates in the moderator window here"),
        Setting("first_run_hint", True, "Say what to do while off-air, until the first live"),
        Setting("server_ca_file", "", "Remote backend: extra CA certificate (PEM) for wss://"),
        Setting("obs_enabled", False, "OBS: connect to OBS Studio's WebSocket server"),
        Setting("obs_host", "127.0.0.1", "OBS: WebSocket server host (the password: keyring)"),
        Setting("obs_port", 4455, "OBS: WebSocket server port"),
        Setting("obs_link_live", False, "OBS: Go live / End live also start / stop its stream"),
        Setting("obs_scene_rules", "", "OBS: scene rules (JSON list; see app/obs/scenerules)"),
        Setting("tiktok_username", "", "Embedded backend: read this TikTok account's LIVE"),
        Setting("tiktok_sign_url", "", "TikTok signing service URL (empty: the library's)"),
    )
}

FONT_SIZES = range(8, 29)
SCROLLBACK_SIZES = range(200, 20001)


class ConsoleSettings(QObject):
    """Typed access to the settings file; `changed(key)` after every set()."""

    changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        spec = SETTINGS[key]
        value = self._qs.value(key, spec.default)
        try:
            if isinstance(spec.default, bool):
                return value if isinstance(value, bool) else str(value).lower() == "true"
            if isinstance(spec.default, int):
                return int(str(value))
        except (TypeError, ValueError):
            return spec.default
        return str(value)

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        if self.get(key) == value:
            return
        self._qs.setValue(key, value)
        self._qs.sync()
        self.changed.emit(key)

    # Window layout blobs are not user settings; kept beside them.
    def layout_blob(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout_blob(self, name: str, blob: QByteArray | None) -> None:
        if blob is None:
            self._qs.remove(f"layout/{name}")
        else:
            self._qs.setValue(f"layout/{name}", blob)

    def layout_flag(self, name: str) -> bool:
        return str(self._qs.value(f"layout/{name}", "false")).lower() == "true"

    def set_layout_flag(self, name: str, value: bool) -> None:
        self._qs.setValue(f"layout/{name}", value)

    def sync(self) -> None:
        self._qs.sync()
