"""The settings window: server, chat font and scrollback, theme, language, alerts (non-modal)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.alerts import AlertRules
from app.ui.i18n import LANGUAGES
from app.ui.settings import FONT_SIZES, SCROLLBACK_SIZES, ConsoleSettings
from app.ui.theme import apply_theme
from app.ui.tiktok.settingsrows import TikTokSettingsRows


class SettingsDialog(QDialog):
    """Edits ConsoleSettings; changes apply on OK (server and language on next start)."""

    sign_out_requested = Signal()
    moderators_requested = Signal()

    def __init__(self, settings: ConsoleSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings — LiveDesk"))
        self.setModal(False)
        self.setMinimumWidth(440)  # the server URL and its hint fit without clipping

        self.server = QLineEdit(self)
        self.server.setPlaceholderText(self.tr("empty: embedded demo backend"))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(FONT_SIZES.start, FONT_SIZES.stop - 1)
        self.font_size.setSuffix(" pt")
        self.scrollback = QSpinBox(self)
        self.scrollback.setRange(SCROLLBACK_SIZES.start, SCROLLBACK_SIZES.stop - 1)
        self.scrollback.setSingleStep(500)
        self.scrollback.setSuffix(self.tr(" messages"))
        self.hover_pause = QSpinBox(self)
        self.hover_pause.setObjectName("hoverPause")
        self.hover_pause.setRange(0, 30)
        self.hover_pause.setSuffix(self.tr(" s after the pointer stops"))
        self.hover_pause.setSpecialValueText(self.tr("Never (only when scrolled up)"))
        self.hover_pause.setToolTip(
            self.tr(
                "Chat holds still while you move the pointer over it or scroll up, and moves "
                "on once the pointer has rested this long"
            )
        )
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

        # Gift alerts: what pops up (smaller gifts still go to the feed) and for how long.
        self.alert_min = QSpinBox(self)
        self.alert_min.setRange(0, 100_000)
        self.alert_min.setGroupSeparatorShown(True)
        self.alert_min.setSuffix(" 💎")
        self.alert_min.setToolTip(self.tr("Smaller gifts go to the feed only, without a pop-up"))
        self.alert_duration = QSpinBox(self)
        self.alert_duration.setRange(1, 60)
        self.alert_duration.setSuffix(" s")
        self.alert_duration.setToolTip(self.tr("Bigger gifts stay up longer"))

        # The queue's rule (app/core/alerts.py), said where the creator sets the alerts.
        self.alert_rule = QLabel(
            self.tr(
                "Alerts stay near real time: gifts one person sends while their alert waits or "
                "plays add up into that alert; bigger gifts play first; when {0} or more "
                "wait, each plays shorter; a small gift more than {1} s behind goes to the feed "
                "only. Each live starts with an empty queue."
            ).format(AlertRules().catch_up_after, round(AlertRules().max_behind_s))
        )
        self.alert_rule.setTextFormat(Qt.TextFormat.PlainText)
        self.alert_rule.setWordWrap(True)
        self.alert_rule.setObjectName("hintText")
        self.confirm_end = QCheckBox(self.tr("Ask before ending a live"), self)

        note = QLabel(self.tr("Server and language changes apply the next time LiveDesk starts."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setObjectName("hintText")

        self.form = form = QFormLayout()  # features add their rows (OBS)
        form.addRow(self.tr("Server URL"), self.server)
        form.addRow(self.tr("Chat font size"), self.font_size)
        form.addRow(self.tr("Scrollback"), self.scrollback)
        form.addRow(self.tr("Pause chat under the pointer"), self.hover_pause)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Alert pop-up from"), self.alert_min)
        form.addRow(self.tr("Alert duration"), self.alert_duration)
        form.addRow(self.alert_rule)
        self.tiktok = TikTokSettingsRows(form, settings, self)
        form.addRow(self.tr("End live"), self.confirm_end)
        # The account: moderators (make, list, revoke invites) and signing out.
        self.moderators = QPushButton(self.tr("Moderators…"), self)
        self.moderators.clicked.connect(self.moderators_requested.emit)
        self.moderators.hide()  # shown where there is a moderators window (the creator's)
        self.sign_out = QPushButton(self.tr("Sign out"), self)
        self.sign_out.clicked.connect(self.sign_out_requested.emit)
        account = QHBoxLayout()
        account.addWidget(self.moderators)
        account.addWidget(self.sign_out)
        account.addStretch(1)
        form.addRow(self.tr("Account"), account)
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
        # The theme shows at once, so the creator sees it before choosing; Cancel takes it back.
        self.theme.currentIndexChanged.connect(
            lambda _i: self._show_theme(self.theme.currentData())
        )

    def load(self) -> None:
        s = self.settings
        self.server.setText(str(s.get("server_url")))
        self.font_size.setValue(int(s.get("font_size")))
        self.scrollback.setValue(int(s.get("scrollback")))
        self.hover_pause.setValue(int(s.get("chat_hover_pause_s")))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.get("theme"))))
        self.language.setCurrentIndex(max(0, self.language.findData(s.get("language"))))
        self.alert_min.setValue(int(s.get("alert_min_diamonds")))
        self.alert_duration.setValue(int(s.get("alert_duration_s")))
        self.tiktok.load()
        self.confirm_end.setChecked(bool(s.get("confirm_end_live")))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.load()
        super().showEvent(event)

    def _show_theme(self, mode: object) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, str(mode))

    def reject(self) -> None:
        self._show_theme(self.settings.get("theme"))
        super().reject()

    def accept(self) -> None:
        s = self.settings
        s.set("server_url", self.server.text().strip())
        s.set("font_size", self.font_size.value())
        s.set("scrollback", self.scrollback.value())
        s.set("chat_hover_pause_s", self.hover_pause.value())
        s.set("theme", self.theme.currentData())
        s.set("language", self.language.currentData())
        s.set("alert_min_diamonds", self.alert_min.value())
        s.set("alert_duration_s", self.alert_duration.value())
        self.tiktok.accept()
        s.set("confirm_end_live", self.confirm_end.isChecked())
        super().accept()
