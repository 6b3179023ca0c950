"""The off-air hint under the session bar: what a new creator does first, until their first live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.sessionbar import SessionBar
from app.ui.settings import ConsoleSettings


class FirstRunHint(QWidget):
    """Shown while off-air until the creator first goes live or clicks "Got it" (remembered in
    the setting `first_run_hint`). It follows the session bar; it never shows while live."""

    def __init__(
        self, bar: SessionBar, settings: ConsoleSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunHint")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._bar = bar
        self._settings = settings
        self.text = QLabel(self)
        self.text.setObjectName("firstRunText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.dismiss = QPushButton(self.tr("Got it"), self)
        self.dismiss.setObjectName("firstRunDismiss")
        self.dismiss.clicked.connect(self._done)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.setSpacing(12)
        row.addWidget(self.text, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.live_changed.connect(self._update)
        bar.go_live_requested.connect(self._done)
        bar.can_go_live_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        if self._bar.demo:
            text = self.tr(
                "You are off-air. The simulated audience is already chatting in Public chat and "
                "Below Room. When you are ready, press Go live (top left) to start a practice "
                "live: gifts, alerts and earnings start with it; End live stops it. F1 lists "
                "every shortcut."
            )
        else:
            text = self.tr(
                "You are off-air. Chat, the inbox and moderation already work. Press Go live "
                "(top left) when your stream starts; End live stops it. F1 lists every shortcut."
            )
        self.text.setText(text)
        wanted = bool(self._settings.get("first_run_hint"))
        self.setVisible(wanted and self._bar.can_go_live and not self._bar.is_live)

    def _done(self) -> None:
        self._settings.set("first_run_hint", False)
        self.hide()
