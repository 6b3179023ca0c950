"""The "Stream overlay" window: the OBS Browser Source URLs to copy, their sizes, the goal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.overlay.feature import OverlayFeature

_MASK = "••••••••"


def masked(url: str) -> str:
    """The URL without its key: the console may be on screen while live, the key must not."""
    head, sep, _ = url.partition("key=")
    return f"{head}{sep}{_MASK}" if sep else url


class OverlayPanel(QWidget):
    """A tool window (not modal): copy a page's URL into OBS, set the goal, change the port."""

    def __init__(self, feature: OverlayFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.feature = feature
        self.setObjectName("overlayPanel")
        self.setWindowTitle(self.tr("Stream overlay (OBS)"))
        settings = feature.settings

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        how = QLabel(
            self.tr(
                "In OBS: Sources → + → Browser. Paste a URL, set the width and height shown "
                "beside it, and leave the background transparent. Keep the URLs to yourself: "
                "their key lets a page read your alerts."
            )
        )
        how.setTextFormat(Qt.TextFormat.PlainText)
        how.setWordWrap(True)

        pages = QGroupBox(self.tr("Pages"))
        grid = QGridLayout(pages)
        self.url_labels: dict[str, QLabel] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        names = {
            "alert": (self.tr("Gift alerts"), self.tr("each alert as it plays in LiveDesk")),
            "top": (self.tr("Top gifters"), self.tr("this live's top five")),
            "goal": (self.tr("Goal bar"), self.tr("diamonds toward your goal")),
            "pinned": (self.tr("Pinned message"), self.tr("the public chat's pinned message")),
            "fan": (self.tr("Fan page QR code"), self.tr("fans scan it to join")),
            "question": (self.tr("On-camera question"), self.tr("the question you answer now")),
        }
        for row, (page, (title, what)) in enumerate(names.items()):
            width, height = feature.page_size(page)
            name = QLabel(f"<b>{title}</b>")  # our own words, never a viewer's
            name.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(name, row * 2, 0)
            grid.addWidget(QLabel(what), row * 2, 1)
            size = QLabel(self.tr("{0} × {1}").format(width, height))
            size.setToolTip(self.tr("Browser Source width × height"))
            grid.addWidget(size, row * 2, 2)
            button = QPushButton(self.tr("Copy URL"))
            button.setObjectName(f"copy-{page}")
            button.clicked.connect(self._copier(page))
            grid.addWidget(button, row * 2, 3)
            url = QLabel()
            url.setTextFormat(Qt.TextFormat.PlainText)
            url.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            url.setProperty("muted", True)
            grid.addWidget(url, row * 2 + 1, 0, 1, 4)
            self.url_labels[page] = url
            self.copy_buttons[page] = button
        grid.setColumnStretch(1, 1)

        goal_box = QGroupBox(self.tr("Goal"))
        goal_form = QFormLayout(goal_box)
        self.goal_title = QLineEdit(str(settings.get("overlay_goal_title")))
        self.goal_title.setMaxLength(60)
        self.goal_title.setPlaceholderText(self.tr("Diamond goal"))
        self.goal_title.editingFinished.connect(
            lambda: settings.set("overlay_goal_title", self.goal_title.text().strip())
        )
        self.goal_target = QSpinBox()
        self.goal_target.setRange(0, 10_000_000)
        self.goal_target.setSingleStep(100)
        self.goal_target.setGroupSeparatorShown(True)
        self.goal_target.setSpecialValueText(self.tr("no goal"))
        self.goal_target.setSuffix(" 💎")
        self.goal_target.setValue(int(settings.get("overlay_goal_diamonds")))
        self.goal_target.valueChanged.connect(
            lambda v: settings.set("overlay_goal_diamonds", int(v))
        )
        goal_form.addRow(self.tr("Title"), self.goal_title)
        goal_form.addRow(self.tr("Diamonds this live"), self.goal_target)

        server_box = QGroupBox(self.tr("Server"))
        server_row = QHBoxLayout(server_box)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(max(1024, int(settings.get("overlay_port")) or 8770))
        self.apply_port = QPushButton(self.tr("Use this port"))
        self.apply_port.clicked.connect(self._use_port)
        self.new_key = QPushButton(self.tr("New key…"))
        self.new_key.setToolTip(
            self.tr("Old URLs stop working: paste the new ones into OBS afterwards")
        )
        self.new_key.clicked.connect(self._new_key)
        server_row.addWidget(QLabel(self.tr("Port on 127.0.0.1")))
        server_row.addWidget(self.port)
        server_row.addWidget(self.apply_port)
        server_row.addStretch(1)
        server_row.addWidget(self.new_key)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(how)
        layout.addWidget(pages)
        layout.addWidget(goal_box)
        layout.addWidget(server_box)
        layout.addStretch(1)

        self._key_armed = False
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.refresh)
        feature.status_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        f = self.feature
        if f.problem:
            self.status.setText(f.problem)
            self.status.setProperty("problem", True)
        elif not f.server.listening:
            self.status.setText(self.tr("Starting…"))
            self.status.setProperty("problem", False)
        else:
            n = f.server.viewer_count
            pages = self.tr("no page open") if n == 0 else self.tr("%Ln page(s) open", "", n)
            self.status.setText(
                self.tr("Serving on 127.0.0.1, port {0} · {1}").format(f.server.port, pages)
            )
            self.status.setProperty("problem", False)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        if f.server.listening and not self.port.hasFocus():
            self.port.setValue(f.server.port)  # the port in use, also when any was allowed
        for page, label in self.url_labels.items():
            label.setText(masked(f.url(page)) if f.server.listening else "")
            self.copy_buttons[page].setEnabled(f.server.listening)

    def showEvent(self, event: QShowEvent) -> None:
        self._tick.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def _copier(self, page: str) -> Callable[[], None]:
        def copy() -> None:
            QGuiApplication.clipboard().setText(self.feature.url(page))
            button = self.copy_buttons[page]
            button.setText(self.tr("Copied"))
            # The button as context: the timer dies with it if the panel closes first.
            QTimer.singleShot(1500, button, lambda: button.setText(self.tr("Copy URL")))

        return copy

    def _use_port(self) -> None:
        self.feature.settings.set("overlay_port", self.port.value())

    def _new_key(self) -> None:
        # Two clicks, no modal dialog: the first arms the button, the second makes the key.
        if not self._key_armed:
            self._key_armed = True
            self.new_key.setText(self.tr("Click again: old URLs stop working"))
            QTimer.singleShot(4000, self, self._disarm)
            return
        self._disarm()
        self.feature.new_secret()

    def _disarm(self) -> None:
        self._key_armed = False
        self.new_key.setText(self.tr("New key…"))
