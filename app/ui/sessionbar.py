"""The live session bar: go live / end live, elapsed time, viewers, diamonds, connection state."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.client.state import ConnectionState


def format_elapsed(seconds: int) -> str:
    """1:02:03 for an hour and more, 02:03 below."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def format_count(value: int) -> str:
    """12,345 -> '12.3K' style, readable at a glance."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{value / 1_000:.1f}K"
    return f"{value:,}"


class _Stat(QWidget):
    """A big number over a small caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("–", self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setObjectName("statCaption")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignBottom)


class SessionBar(QWidget):
    """Top strip of the console; emits requests, shows what it is told."""

    go_live_requested = Signal()
    end_live_requested = Signal()
    live_changed = Signal(bool)
    can_go_live_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBar")
        self._started_ms: int | None = None
        self._clock_offset_ms = 0
        self.demo = False
        # Asked before End live is requested (the window puts a confirmation here).
        self.confirm_end: Callable[[], bool] | None = None

        self.demo_chip = QLabel(self.tr("Demo — simulated audience"), self)
        self.demo_chip.setObjectName("demoChip")
        self.demo_chip.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_chip.hide()

        self.live_button = QPushButton(self.tr("Go live"), self)
        self.live_button.setObjectName("liveButton")
        self.live_button.setMinimumWidth(110)
        self.live_button.clicked.connect(self._on_live_clicked)
        self.live_button.setEnabled(False)

        self.elapsed = _Stat(self.tr("offline"), self)
        self.viewers = _Stat(self.tr("viewers"), self)
        self.diamonds = _Stat(self.tr("diamonds this live"), self)

        self.connection = QLabel(self)
        self.connection.setObjectName("connectionLabel")
        self.connection.setTextFormat(Qt.TextFormat.PlainText)
        self.connection.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

        # A refused action (pin, delete, timeout, ...): said here, where the creator looks,
        # for a while; no dialog while live.
        self.problem = QLabel(self)
        self.problem.setObjectName("actionProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self._problem_timer = QTimer(self)
        self._problem_timer.setSingleShot(True)
        self._problem_timer.timeout.connect(self.problem.hide)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(12)
        layout.addWidget(self.live_button)
        layout.addWidget(self.elapsed)
        layout.addWidget(self.viewers)
        layout.addWidget(self.diamonds)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(self.demo_chip)
        layout.addWidget(self.connection)

        self._connection = ConnectionState("connecting")
        self._retry_at: float | None = None
        self._countdown = QTimer(self)  # "Reconnecting in N s" counts down
        self._countdown.setInterval(500)
        self._countdown.timeout.connect(self._show_connection)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_elapsed)
        self.set_live(None)
        self.set_connection(ConnectionState("connecting"))

    # --- setters --------------------------------------------------------------------------

    def set_demo(self, demo: bool) -> None:
        self.demo = demo
        self.demo_chip.setVisible(demo)

    @property
    def is_live(self) -> bool:
        return self._started_ms is not None

    @property
    def can_go_live(self) -> bool:
        return self.live_button.isEnabled()

    def set_live(self, started_ms: int | None, server_now_ms: int | None = None) -> None:
        """Live since `started_ms` (server clock), or offline with None."""
        self._started_ms = started_ms
        if server_now_ms is not None:
            self._clock_offset_ms = server_now_ms - int(time.time() * 1000)
        live = started_ms is not None
        self.live_button.setText(self.tr("End live") if live else self.tr("Go live"))
        self.live_button.setProperty("live", live)
        self.live_button.style().unpolish(self.live_button)
        self.live_button.style().polish(self.live_button)
        self.elapsed.caption.setText(self.tr("live") if live else self.tr("offline"))
        if live:
            self._tick.start()
        else:
            self._tick.stop()
        self._update_elapsed()
        self.live_changed.emit(live)

    def set_viewers(self, count: int) -> None:
        self.viewers.value.setText(format_count(count))

    def set_diamonds(self, diamonds: int) -> None:
        self.diamonds.value.setText(format_count(diamonds))

    def set_can_go_live(self, allowed: bool) -> None:
        self.live_button.setEnabled(allowed)
        self.can_go_live_changed.emit()

    def set_connection(self, state: ConnectionState) -> None:
        self._connection = state
        if state.status in {"reconnecting", "offline"} and state.retry_in_s is not None:
            self._retry_at = time.monotonic() + state.retry_in_s
            self._countdown.start()
        else:
            self._retry_at = None
            self._countdown.stop()
        self._show_connection()

    def _show_connection(self) -> None:
        state = self._connection
        text = {
            "connecting": self.tr("Connecting…"),
            "connected": self.tr("● Connected"),
            "offline": self.tr("Offline"),
            "failed": self.tr("Disconnected"),
            "reconnecting": self.tr("Reconnecting…"),
        }[state.status]
        if self._retry_at is not None:
            left = self._retry_at - time.monotonic()
            if left > 0.5 and state.status == "reconnecting":
                text = self.tr("Reconnecting in {0} s").format(round(left))
            elif left > 0.5:
                text = self.tr("Offline · next try in {0} s").format(round(left))
        if state.queued:
            text += " · " + self.tr("{0} queued").format(state.queued)
        if state.detail and state.status in {"failed", "offline", "reconnecting"}:
            text += " — " + state.detail
        self.connection.setToolTip(state.detail)
        self.connection.setText(text)
        self.connection.setProperty("status", state.status)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)

    def show_problem(self, text: str, seconds: float = 10.0) -> None:
        self.problem.setText(text)
        self.problem.setToolTip("")
        self.problem.show()
        self._problem_timer.start(int(seconds * 1000))

    # --- internals ------------------------------------------------------------------------

    def _on_live_clicked(self) -> None:
        if self._started_ms is None:
            self.go_live_requested.emit()
        elif self.confirm_end is None or self.confirm_end():
            self.end_live_requested.emit()

    def _update_elapsed(self) -> None:
        if self._started_ms is None:
            self.elapsed.value.setText("–")
            return
        now_ms = int(time.time() * 1000) + self._clock_offset_ms
        self.elapsed.value.setText(format_elapsed((now_ms - self._started_ms) // 1000))
