"""Tear a pane off the splitter into its own window, and dock it back."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QStackedLayout, QVBoxLayout, QWidget

from app.ui.onscreen import fit_on_screen


class _TornWindow(QWidget):
    """A top-level window holding a torn-off pane; closing it docks the pane back."""

    closing = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        event.accept()


class PaneDock(QWidget):
    """Holds one pane in the main window's splitter; hidden (its column gone) while the pane
    is torn off into its own window."""

    torn_changed = Signal(bool)

    def __init__(self, pane: QWidget, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane = pane
        self.title = title
        self._window: _TornWindow | None = None
        # Opaque: what changes in the pane repaints the pane, not the window under it.
        self.setAutoFillBackground(True)

        self._stack = QStackedLayout(self)
        self._stack.addWidget(pane)

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
        window.closing.connect(self.dock)
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(max(360, self.width()), max(480, self.height()))
            # Where the pane was, then wholly on that screen.
            fit_on_screen(window, self.mapToGlobal(QPoint(0, 0)), self)
        else:
            fit_on_screen(window, screen_of=self)  # a saved place on a screen now gone
        self._window = window
        # The column goes with the pane: no empty column with a placeholder is left behind
        # (Tear off / dock in the View menu, or closing the window, docks it again).
        self.hide()
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
        self.show()
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
