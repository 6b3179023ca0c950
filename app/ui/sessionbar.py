"""The live session bar: go live / end live, elapsed time, viewers, diamonds, connection state."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.client.state import ConnectionState
from app.ui import formatting
from app.ui.figures import format_diamonds


def format_elapsed(seconds: int) -> str:
    """1:02:03 for an hour and more, 02:03 below."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def format_count(value: int) -> str:
    """12,345 -> '12.3K' ('12,3 Tsd.' in German), readable at a glance."""
    return formatting.compact(value)


class _Stat(QWidget):
    """A big number over a small caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("–", self)
        self.value.setObjectName("statValue")
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
        self._caption = caption

    def set_caption(self, caption: str) -> None:
        self._caption = caption
        self.caption.setText(caption)

    def set_stale(self, since: str | None, *, say_when: bool = False) -> None:
        """Dimmed while the figure cannot be updated, and with `say_when` "as of 13:42" in
        the caption (said once in the bar: three times would crowd it)."""
        stale = since is not None
        self.caption.setText(
            self.tr("{0} · as of {1}").format(self._caption, since)
            if stale and say_when
            else self._caption
        )
        self.value.setToolTip(
            self.tr("Not updated since {0}: LiveDesk is not connected").format(since)
            if stale
            else ""
        )
        self.value.setProperty("stale", stale)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)


class _ElidingLabel(QLabel):
    """A label that asks for its whole text but, short of room, draws it with an ellipsis
    (the full text stays its text() and tooltip) instead of widening the window."""

    def minimumSizeHint(self) -> QSize:
        return QSize(
            min(160, super().minimumSizeHint().width()), super().minimumSizeHint().height()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.style().drawItemText(
            painter,
            rect,
            int(align),
            self.palette(),
            self.isEnabled(),
            text,
            QPalette.ColorRole.WindowText,
        )


class SessionBar(QWidget):
    """Top strip of the console; emits requests, shows what it is told."""

    go_live_requested = Signal()
    end_live_requested = Signal()
    live_changed = Signal(bool)
    can_go_live_changed = Signal()
    reconnect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBar")
        # Opaque (paintEvent fills it): a figure that changes repaints the bar, not the
        # window under it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
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

        self._allowed = False  # the role may go live (set once the account is known)
        self._stale_since: str | None = None  # "13:42": figures stopped updating then
        self.reconnect = QPushButton(self.tr("Reconnect now"), self)
        self.reconnect.setObjectName("reconnectButton")
        self.reconnect.clicked.connect(self.reconnect_requested.emit)
        self.reconnect.hide()

        self.connection = _ElidingLabel(self)
        self.connection.setObjectName("connectionLabel")
        self.connection.setTextFormat(Qt.TextFormat.PlainText)
        self.connection.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

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
        layout.addWidget(self.reconnect)

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

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(event.rect(), pal.color(QPalette.ColorRole.Window))
        bottom = self.height() - 1  # the line between the bar and the panes
        painter.fillRect(0, bottom, self.width(), 1, pal.color(QPalette.ColorRole.Mid))

    def set_demo(self, demo: bool) -> None:
        self.demo = demo
        self.demo_chip.setVisible(demo)

    @property
    def is_live(self) -> bool:
        return self._started_ms is not None

    @property
    def can_go_live(self) -> bool:
        return self._allowed

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
        # An explicit minimum replaces the text's own: keep the whole label ("Live beenden").
        self.live_button.setMinimumWidth(max(110, self.live_button.sizeHint().width()))
        self.elapsed.set_caption(self.tr("live") if live else self.tr("offline"))
        self._show_stale()
        if live and self._stale_since is None:
            self._tick.start()
        else:
            self._tick.stop()
        self._update_elapsed()
        self.live_changed.emit(live)

    def set_viewers(self, count: int) -> None:
        self.viewers.value.setText(format_count(count))

    def set_diamonds(self, diamonds: int) -> None:
        self.diamonds.value.setText(format_diamonds(diamonds))

    def set_can_go_live(self, allowed: bool) -> None:
        self._allowed = allowed
        self._update_live_button()
        self.can_go_live_changed.emit()

    def _update_live_button(self) -> None:
        # Going live or ending it needs the server now: a queued End live would end the
        # live at some later reconnect, long after the creator decided.
        connected = self._connection.status == "connected"
        self.live_button.setEnabled(self._allowed and connected)
        self.live_button.setToolTip(
            ""
            if connected or not self._allowed
            else self.tr("Not connected: LiveDesk must reach the server first")
        )

    def set_connection(self, state: ConnectionState) -> None:
        was_connected = self._connection.status == "connected"
        self._connection = state
        connected = state.status == "connected"
        if was_connected and not connected:
            self._stale_since = time.strftime("%H:%M")
        elif connected:
            self._stale_since = None
        self._show_stale()
        self._update_live_button()
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
        self.connection.setToolTip(state.detail)  # also whatever an ellipsis hides
        self.connection.setText(text)
        # Between attempts the creator may try at once; never while one runs or for good.
        self.reconnect.setVisible(self._retry_at is not None and state.status != "failed")
        self.connection.setProperty("status", state.status)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)

    def add_status_widget(self, widget: QWidget) -> None:
        """A feature's status (e.g. the TikTok LIVE chip), left of the connection state."""
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(layout.indexOf(self.demo_chip), widget)

    def show_problem(self, text: str, seconds: float = 10.0) -> None:
        self.problem.setText(text)
        self.problem.setToolTip("")
        self.problem.show()
        self._problem_timer.start(int(seconds * 1000))

    # --- internals ------------------------------------------------------------------------

    def _show_stale(self) -> None:
        """Viewers, diamonds and the live's time stop and say since when while offline."""
        since = self._stale_since
        for stat in (self.elapsed, self.viewers, self.diamonds):
            stat.set_stale(since, say_when=stat is self.elapsed)
        if since is not None:
            self._tick.stop()
        elif self._started_ms is not None and not self._tick.isActive():
            self._tick.start()
            self._update_elapsed()

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
