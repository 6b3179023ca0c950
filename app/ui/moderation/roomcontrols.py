"""Room controls: slow mode (with its interval), members-only mode and the pin, per room."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.protocol.payloads import Room
from app.ui.chat.pane import ElidedLabel

DEFAULT_SLOW_S = 30
_APPLY_DELAY_MS = 700  # typing "120" must not send 1, 12 and 120
# Toggle buttons, not check boxes: on or off must read at a glance, in both themes (the
# Fusion check box outline nearly vanishes on the dark palette).
TOGGLE_STYLE = """
QPushButton[toggle="true"] { padding: 3px 12px; border-radius: 11px;
    border: 1px solid palette(mid); background: palette(button); }
QPushButton[toggle="true"]:checked { background: palette(highlight);
    color: palette(highlighted-text); border-color: palette(highlight); }
"""


def _toggle(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setCheckable(True)
    button.setProperty("toggle", True)
    button.setStyleSheet(TOGGLE_STYLE)
    return button


class RoomControls(QWidget):
    """One room's modes. Shows what the server says (`set_state`); asks for changes by signal.

    `mode_requested(slow_mode_s or -1, members_only or -1)`: -1 means "leave as it is".
    """

    mode_requested = Signal(int, int)
    unpin_requested = Signal()

    def __init__(self, room: Room, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.setObjectName(f"roomControls_{room}")
        self._updating = False
        self.title = QLabel(title, self)
        self.title.setObjectName("roomControlsTitle")
        self.slow = _toggle(self.tr("Slow mode"), "slowModeCheck", self)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("slowModeInterval")
        self.interval.setRange(1, 3600)
        self.interval.setValue(DEFAULT_SLOW_S)
        self.interval.setSuffix(self.tr(" s between messages"))
        self.interval.setAccelerated(True)
        self.members_only = _toggle(self.tr("Members only"), "membersOnlyCheck", self)
        self.members_only.setVisible(room == "public")  # the Below Room is members-only anyway
        self.pinned = ElidedLabel(self)
        self.pinned.setObjectName("pinnedSummary")
        self.unpin = QPushButton(self.tr("Unpin"), self)
        self.unpin.setObjectName("unpinButton")
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(_APPLY_DELAY_MS)
        self._apply_timer.timeout.connect(self._send_interval)

        self.slow.toggled.connect(self._slow_toggled)
        self.interval.valueChanged.connect(self._interval_changed)
        self.interval.editingFinished.connect(self._apply_now)
        self.members_only.toggled.connect(self._members_toggled)
        self.unpin.clicked.connect(self.unpin_requested)

        # The room's name above its controls: beside them, the interval's words ("30 s
        # zwischen Nachrichten") did not fit a narrow column and were cut.
        self.interval.setMinimumWidth(self.interval.sizeHint().width())
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.slow, 1, 0)
        grid.addWidget(self.interval, 1, 1)
        grid.addWidget(self.members_only, 1, 2)
        grid.setColumnStretch(3, 1)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pinned, 1)
        pin_row.addWidget(self.unpin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(3)
        layout.addLayout(grid)
        layout.addLayout(pin_row)
        self.set_state(0, False)
        self.set_pinned(None, None)

    # --- what the server says ---------------------------------------------------------

    def set_state(self, slow_mode_s: int, members_only: bool) -> None:
        self._updating = True
        try:
            self.slow.setChecked(slow_mode_s > 0)
            if slow_mode_s > 0 and not self._apply_timer.isActive():
                self.interval.setValue(slow_mode_s)
            self.members_only.setChecked(members_only)
        finally:
            self._updating = False

    def set_pinned(self, text: str | None, user_name: str | None) -> None:
        if text:
            who = f"{user_name}: " if user_name else ""
            self.pinned.set_full_text(self.tr("Pinned: {0}").format(f"{who}{text}"))
            self.pinned.setProperty("empty", False)
        else:
            self.pinned.set_full_text(self.tr("Nothing pinned (right-click a message → Pin)"))
            self.pinned.setProperty("empty", True)
        self.unpin.setEnabled(bool(text))

    # --- user input -------------------------------------------------------------------

    def _slow_toggled(self, on: bool) -> None:
        if not self._updating:
            self._apply_timer.stop()
            self.mode_requested.emit(self.interval.value() if on else 0, -1)

    def _interval_changed(self, _value: int) -> None:
        if not self._updating and self.slow.isChecked():
            self._apply_timer.start()

    def _apply_now(self) -> None:
        if self._apply_timer.isActive():
            self._apply_timer.stop()
            self._send_interval()

    def _send_interval(self) -> None:
        if self.slow.isChecked():
            self.mode_requested.emit(self.interval.value(), -1)

    def _members_toggled(self, on: bool) -> None:
        if not self._updating:
            self.mode_requested.emit(-1, int(on))


class RoomControlsPanel(QWidget):
    """Both rooms' controls under one title, for the side column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomControlsPanel")
        title = QLabel(self.tr("Room modes"), self)
        title.setObjectName("paneTitle")
        self.rooms: dict[Room, RoomControls] = {
            "public": RoomControls("public", self.tr("Public chat"), self),
            "below": RoomControls("below", self.tr("Below Room"), self),
        }
        # Both rooms' controls line up: the titles share one width.
        widest = max(c.title.sizeHint().width() for c in self.rooms.values())
        for controls in self.rooms.values():
            controls.title.setMinimumWidth(widest)
        self.feedback = QLabel("", self)
        self.feedback.setObjectName("errorText")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(title)
        for controls in self.rooms.values():
            layout.addWidget(controls)
        layout.addWidget(self.feedback)

    def show_problem(self, text: str) -> None:
        self.feedback.setText(text)
        self.feedback.setVisible(bool(text))
