"""The settings window: server, chat font and scrollback, theme, language (non-modal)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n import LANGUAGES
from app.ui.settings import FONT_SIZES, SCROLLBACK_SIZES, ConsoleSettings


class SettingsDialog(QDialog):
    """Edits ConsoleSettings; changes apply on OK (server and language on next start)."""

    def __init__(self, settings: ConsoleSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings — LiveDesk"))
        self.setModal(False)

        self.server = QLineEdit(self)
        self.server.setPlaceholderText(self.tr("empty: embedded demo backend"))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(FONT_SIZES.start, FONT_SIZES.stop - 1)
        self.font_size.setSuffix(" pt")
        self.scrollback = QSpinBox(self)
        self.scrollback.setRange(SCROLLBACK_SIZES.start, SCROLLBACK_SIZES.stop - 1)
        self.scrollback.setSingleStep(500)
        self.scrollback.setSuffix(self.tr(" messages"))
        self.theme = QComboBox(self)
        for key, label in (
            ("system", self.tr("Follow system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, key)
        self.language = QComboBox(self)
        for key, name in LANGUAGES.items():
            label = str(name)
            self.language.addItem(self.tr(label) if key == "system" else label, key)

        note = QLabel(self.tr("Server and language changes apply the next time LiveDesk starts."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setObjectName("hintText")

        form = QFormLayout()
        form.addRow(self.tr("Server URL"), self.server)
        form.addRow(self.tr("Chat font size"), self.font_size)
        form.addRow(self.tr("Scrollback"), self.scrollback)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Language"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        s = self.settings
        self.server.setText(str(s.get("server_url")))
        self.font_size.setValue(int(s.get("font_size")))
        self.scrollback.setValue(int(s.get("scrollback")))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.get("theme"))))
        self.language.setCurrentIndex(max(0, self.language.findData(s.get("language"))))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.load()
        super().showEvent(event)

    def accept(self) -> None:
        s = self.settings
        s.set("server_url", self.server.text().strip())
        s.set("font_size", self.font_size.value())
        s.set("scrollback", self.scrollback.value())
        s.set("theme", self.theme.currentData())
        s.set("language", self.language.currentData())
        super().accept()
