"""The OBS panel in the live page's side column: the link, "Add to OBS", the scene switches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.obs.connection import ObsStatus
from app.ui import formatting
from app.ui.obs.feature import ObsFeature


class ObsPanel(QWidget):
    """Newest switch first; every scene switch a rule made, and every rule that could not."""

    add_overlay_clicked = Signal()

    def __init__(self, feature: ObsFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsPanel")
        self.feature = feature
        self.title = QLabel(self.tr("OBS · scene switches"), self)
        self.title.setObjectName("paneTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.add_overlay = QPushButton(self.tr("Add overlay to OBS"), self)
        self.add_overlay.setToolTip(
            self.tr("Create or update the overlay pages as Browser Sources in OBS's current scene")
        )
        self.add_overlay.clicked.connect(self.add_overlay_clicked.emit)
        self.result = QLabel(self)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        self.result.hide()
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.empty = QLabel(self.tr("Scene switches made by your rules appear here."), self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.add_overlay)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.result)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        feature.feed_changed.connect(self.refresh)
        feature.status_changed.connect(self._status)
        self.refresh()
        self._status(feature.link.status)

    def refresh(self) -> None:
        self.list.clear()
        for when, text in reversed(self.feature.feed):
            clock = formatting.time_of_day(round(when.timestamp() * 1000), seconds=True)
            self.list.addItem(f"{clock}  {text}")  # plain text items
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.empty.setVisible(not has)

    def show_result(self, ok: bool, text: str) -> None:
        self.result.setText(text)
        self.result.setObjectName("hintText" if ok else "errorText")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.show()

    def _status(self, status: ObsStatus) -> None:
        self.add_overlay.setEnabled(status.connected)
