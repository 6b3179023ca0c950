"""The OBS part of the session bar: stream/recording state, bitrate, dropped frames, CPU."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.obs.connection import ObsStatus
from app.obs.health import ObsHealth
from app.ui import formatting


def status_text(status: ObsStatus, host: str = "", port: int = 0) -> str:
    """The link's state in the creator's words (Settings and tooltips)."""
    where = f"{host}:{port}" if host else ""
    if status.state == "connected":
        return QCoreApplication.translate(
            "ObsStrip", "Connected to OBS {0} (obs-websocket {1})"
        ).format(status.obs_version, status.websocket_version)
    if status.state == "connecting":
        return QCoreApplication.translate("ObsStrip", "Connecting to OBS…")
    if status.state == "not_running":
        return QCoreApplication.translate(
            "ObsStrip",
            "OBS is not running, or its WebSocket server is off (OBS: Tools → WebSocket Server "
            "Settings). Nothing answers on {0}; LiveDesk connects once it does.",
        ).format(where)
    if status.state == "wrong_password":
        return QCoreApplication.translate(
            "ObsStrip",
            "OBS refused the password. In OBS: Tools → WebSocket Server Settings → Show Connect "
            "Info, and copy the password from there.",
        )
    if status.state == "no_answer":
        return QCoreApplication.translate(
            "ObsStrip",
            "OBS does not answer on {0}: it may be busy or hanging, or another program uses "
            "that port.",
        ).format(where)
    return QCoreApplication.translate("ObsStrip", "Off")


def health_text(health: ObsHealth) -> str:
    """One line: "OBS ● LIVE 2,480 kb/s · dropped 0.3% · CPU 12%"."""
    if health.streaming:
        state = (
            QCoreApplication.translate("ObsStrip", "reconnecting")
            if health.reconnecting
            else QCoreApplication.translate("ObsStrip", "● LIVE")
        )
        if health.recording:
            state += " · " + QCoreApplication.translate("ObsStrip", "REC")
    elif health.recording:
        state = QCoreApplication.translate("ObsStrip", "● REC")
    else:
        state = QCoreApplication.translate("ObsStrip", "not streaming")
    parts = [state]
    if health.bitrate_kbps is not None:
        parts.append(
            QCoreApplication.translate("ObsStrip", "{0} kb/s").format(
                formatting.number(round(health.bitrate_kbps))
            )
        )
    if health.streaming or health.recording:
        parts.append(
            QCoreApplication.translate("ObsStrip", "dropped {0}").format(
                formatting.percent(health.dropped_pct / 100, 1)
            )
        )
    parts.append(
        QCoreApplication.translate("ObsStrip", "CPU {0}").format(
            formatting.percent(health.cpu_pct / 100)
        )
    )
    return " · ".join(parts)


class ObsStrip(QWidget):
    """Small, in the session bar; shown only while OBS is turned on in Settings."""

    go_live_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsStrip")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setObjectName("statCaption")
        self.offer = QPushButton(self.tr("OBS is streaming: go live here too"), self)
        self.offer.setObjectName("obsGoLive")
        self.offer.clicked.connect(self.go_live_clicked.emit)
        self.offer.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.offer)
        self._status = ObsStatus("off")
        self._health = ObsHealth()
        self._render()

    def set_status(self, status: ObsStatus, detail: str = "") -> None:
        self._status = status
        self.label.setToolTip(detail)
        self._render()

    def set_health(self, health: ObsHealth) -> None:
        self._health = health
        self._render()

    def set_offer(self, offer: bool) -> None:
        self.offer.setVisible(offer)

    def _render(self) -> None:
        status, health = self._status, self._health
        warn = False
        if status.connected:
            text = "OBS " + health_text(health)
            if health.dropping:
                text += "  ⚠ " + self.tr("dropping frames")
                warn = True
        elif status.state == "connecting":
            text = self.tr("OBS: connecting…")
        elif status.state == "wrong_password":
            text, warn = self.tr("OBS: wrong password"), True
        elif status.state == "no_answer":
            text, warn = self.tr("OBS: not answering"), True
        else:
            text = self.tr("OBS: not running")
        self.label.setText(text)
        name = "errorText" if warn else "statCaption"
        if self.label.objectName() != name:
            self.label.setObjectName(name)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)
