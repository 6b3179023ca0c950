"""Tear a pane off the splitter into its own window, and dock it back."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget


class _TornWindow(QWidget):
    """A top-level window holding a torn-off pane; closing it docks the pane back."""

    closing = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        event.accept()


class PaneDock(QWidget):
    """Holds one pane in the main window's splitter, or a placeholder while it is torn off."""

    torn_changed = Signal(bool)

    def __init__(self, pane: QWidget, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane = pane
        self.title = title
        self._window: _TornWindow | None = None

        self._placeholder = QWidget(self)
        label = QLabel(self.tr("{0} is in its own window.").format(title), self._placeholder)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("emptyState")
        back = QPushButton(self.tr("Dock back"), self._placeholder)
        back.clicked.connect(self.dock)
        column = QVBoxLayout(self._placeholder)
        column.addStretch(1)
        column.addWidget(label)
        column.addWidget(back, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)

        self._stack = QStackedLayout(self)
        self._stack.addWidget(pane)
        self._stack.addWidget(self._placeholder)

    @property
    def is_torn(self) -> bool:
        return self._window is not None

    def tear_off(self, geometry: QByteArray | None = None) -> None:
        if self._window is not None:
            self._window.raise_()
            self._window.activateWindow()
            return
        window = _TornWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The console's window-wide shortcuts (Ctrl+1, F1, ...) also work in this window.
        window.addActions(self.window().actions())
        window.setWindowTitle(self.tr("{0} — LiveDesk").format(self.title))
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        self._stack.removeWidget(self.pane)
        layout.addWidget(self.pane)
        self._stack.setCurrentWidget(self._placeholder)
        window.closing.connect(self.dock)
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(max(360, self.width()), max(480, self.height()))
        self._window = window
        window.show()
        self.pane.show()
        self.torn_changed.emit(True)

    def dock(self) -> None:
        window = self._window
        if window is None:
            return
        self._window = None
        self.pane.setParent(self)
        self._stack.insertWidget(0, self.pane)
        self._stack.setCurrentWidget(self.pane)
        self.pane.show()
        window.closing.disconnect(self.dock)
        window.close()
        self.torn_changed.emit(False)

    def toggle(self) -> None:
        if self.is_torn:
            self.dock()
        else:
            self.tear_off()

    def torn_geometry(self) -> QByteArray | None:
        return self._window.saveGeometry() if self._window is not None else None
