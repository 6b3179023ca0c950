"""The alert area of the live page's side column, and the pop-out always-on-top alert window."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.giftfeed import SessionGifter
from app.ui import formatting
from app.ui.alerts.card import AlertCard, CardState
from app.ui.alerts.feedview import FeedModel, FeedView

CARD_MAX_IN_COLUMN = 240  # the side column also holds the feed and the on-camera queue


def _label(text: str = "", parent: QWidget | None = None, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names are other people's text
    if name:
        label.setObjectName(name)
    return label


def _tool(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setMinimumSize(36, 32)
    font = QFont(button.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    button.setFont(font)
    return button


class AlertStage(QWidget):
    """Controls above the card, and one status line under it: the part that can pop out."""

    pause_clicked = Signal()
    skip_clicked = Signal()
    replay_clicked = Signal()
    mute_toggled = Signal(bool)
    volume_changed = Signal(int)
    popout_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertStage")
        self.card = AlertCard(self)
        self.pause = _tool("⏸", self.tr("Pause alerts (F6)"), self)
        self.skip = _tool("⏭", self.tr("Skip this alert (F7)"), self)
        self.replay = _tool("↻", self.tr("Replay the last alert (F8)"), self)
        self.mute = _tool("🔊", self.tr("Mute alert sounds (F9)"), self)
        self.mute.setCheckable(True)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setToolTip(self.tr("Alert volume"))
        self.volume.setMaximumWidth(110)
        self.popout = _tool(
            "↗", self.tr("Pop out alerts into their own window (Ctrl+Shift+A)"), self
        )
        self.status = _label("", self, "alertStatus")
        # "N waiting · N s behind · pop-up from N 💎" beside the sound note: wrap rather than
        # cut it off in a narrow side column.
        self.status.setWordWrap(True)
        self.sound_note = _label(self.tr("🔇 Sound unavailable"), self, "soundUnavailable")
        self.sound_note.hide()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(4)
        for button in (self.pause, self.skip, self.replay):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.mute)
        controls.addWidget(self.volume)
        controls.addWidget(self.popout)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(4, 0, 4, 0)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.sound_note)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 2)
        column.setSpacing(4)
        column.addLayout(controls)
        column.addWidget(self.card, 1)
        column.addLayout(status_row)

        self.pause.clicked.connect(self.pause_clicked)
        self.skip.clicked.connect(self.skip_clicked)
        self.replay.clicked.connect(self.replay_clicked)
        self.mute.toggled.connect(self.mute_toggled)
        self.volume.valueChanged.connect(self.volume_changed)
        self.popout.clicked.connect(self.popout_clicked)

    def set_paused(self, paused: bool) -> None:
        self.pause.setText("▶" if paused else "⏸")
        self.pause.setToolTip(
            self.tr("Resume alerts (F6)") if paused else self.tr("Pause alerts (F6)")
        )

    def set_muted(self, muted: bool) -> None:
        self.mute.blockSignals(True)
        self.mute.setChecked(muted)
        self.mute.blockSignals(False)
        self.mute.setText("🔇" if muted else "🔊")
        self.volume.setEnabled(not muted)

    def set_volume(self, percent: int) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(percent)
        self.volume.blockSignals(False)

    def set_sound_problem(self, problem: str) -> None:
        self.sound_note.setVisible(bool(problem))
        self.sound_note.setToolTip(problem)


class AlertWindow(QWidget):
    """The pop-out: a separate, always-on-top window the creator places anywhere, e.g. beside
    OBS on a second monitor. Closing it brings the alerts back into the side column."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("alertWindow")
        self.setWindowTitle(self.tr("LiveDesk — gift alerts"))
        self.resize(520, 300)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


class AlertArea(QFrame):
    """Side-column panel: the stage (unless popped out), the session summary, top gifters and
    the feed. Shows what the controller tells it; holds no alert data itself."""

    replay_item = Signal(str)
    bring_back_clicked = Signal()

    def __init__(self, model: FeedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertArea")
        # Opaque: its lines repaint the area, not the window under it.
        self.setAutoFillBackground(True)
        self.stage = AlertStage(self)
        self.stage.card.setMaximumHeight(CARD_MAX_IN_COLUMN)
        # A child with the Window flag: its own top-level window, destroyed with the area.
        self.window_ = AlertWindow(self)
        self.placeholder = QWidget(self)
        hint = _label(self.tr("Alerts are in their own window."), self.placeholder)
        hint.setObjectName("hintText")
        self.bring_back_button = QPushButton(self.tr("Bring alerts back"), self.placeholder)
        row = QHBoxLayout(self.placeholder)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(hint, 1)
        row.addWidget(self.bring_back_button)
        self.placeholder.hide()

        title = _label(self.tr("This live"), self, "alertSectionTitle")
        self.session_title = title
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        self.summary = _label("", self, "sessionSummary")
        self.summary.setWordWrap(True)
        self.top_title = _label(self.tr("Top gifters"), self, "alertSectionTitle")
        self.top_title.setFont(bold)
        self.top_rows = [_label("", self, "topGifter") for _ in range(3)]
        self.feed_title = _label(self.tr("Gifts and members"), self, "alertSectionTitle")
        self.feed_title.setFont(bold)
        self.feed = FeedView(model, self)
        self.empty_feed = _label(self.tr("No gifts yet in this live."), self, "hintText")
        self.empty_feed.setAlignment(Qt.AlignmentFlag.AlignCenter)

        column = QVBoxLayout(self)
        self._column = column
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.stage, 3)
        column.addWidget(self.placeholder)
        info = QVBoxLayout()
        info.setContentsMargins(10, 4, 10, 0)
        info.setSpacing(2)
        info.addWidget(title)
        info.addWidget(self.summary)
        info.addSpacing(4)
        info.addWidget(self.top_title)
        for label in self.top_rows:
            info.addWidget(label)
        info.addSpacing(4)
        info.addWidget(self.feed_title)
        column.addLayout(info)
        column.addWidget(self.empty_feed, 4)
        column.addWidget(self.feed, 4)

        self.bring_back_button.clicked.connect(self.bring_back_clicked)
        self.window_.closed.connect(self.bring_back_clicked)
        self.feed.doubleClicked.connect(
            lambda index: self.replay_item.emit(model.item_at(index.row()).item_id)
        )

    # --- pop out ----------------------------------------------------------------------

    @property
    def popped_out(self) -> bool:
        return self.stage.parent() is self.window_

    def pop_out(self, geometry: QByteArray | None = None) -> None:
        if self.popped_out:
            self.window_.raise_()
            return
        self._column.removeWidget(self.stage)
        self.window_.column.addWidget(self.stage)
        self.stage.card.setMaximumHeight(16_777_215)  # the pop-out may be as big as wanted
        self.stage.show()
        self.placeholder.show()
        if geometry is not None:
            self.window_.restoreGeometry(geometry)
        self.window_.show()

    def bring_back(self) -> None:
        if not self.popped_out:
            return
        self.window_.column.removeWidget(self.stage)
        self._column.insertWidget(0, self.stage, 3)
        self.stage.card.setMaximumHeight(CARD_MAX_IN_COLUMN)
        self.stage.show()
        self.placeholder.hide()
        self.window_.blockSignals(True)
        self.window_.hide()
        self.window_.blockSignals(False)

    # --- what the controller shows ----------------------------------------------------

    def set_card_state(self, state: CardState) -> None:
        self.stage.card.set_state(state)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def set_feed_empty(self, empty: bool) -> None:
        self.empty_feed.setVisible(empty)
        self.feed.setVisible(not empty)

    def set_top_gifters(self, gifters: list[SessionGifter], show_diamonds: bool) -> None:
        for n, label in enumerate(self.top_rows):
            if n < len(gifters):
                g = gifters[n]
                value = f"  💎 {formatting.number(g.diamonds)}" if show_diamonds else ""
                label.setText(f"{n + 1}. {g.user.name}{value}")
                label.show()
            else:
                label.setText("")
                label.setVisible(n == 0)
        if not gifters:
            self.top_rows[0].setText(self.tr("Nobody yet"))
