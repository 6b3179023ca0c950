"""The OBS rows of the Settings window: connection (password in the keyring), Test, the state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.obs.connection import ObsStatus
from app.ui.obs.feature import ObsFeature
from app.ui.obs.rules import SceneRulesDialog
from app.ui.obs.strip import status_text


class ObsSettingsBox(QWidget):
    """Edits the OBS connection; `apply()` keeps it (the Settings window's OK)."""

    def __init__(self, feature: ObsFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsSettings")
        self.feature = feature
        self.enabled = QCheckBox(self.tr("Connect to OBS Studio"), self)
        self.enabled.setToolTip(self.tr("OBS 28 or newer: Tools → WebSocket Server Settings"))
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("127.0.0.1")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("OBS WebSocket password"))
        self.password.setToolTip(self.tr("Kept in the system keyring, never in a file"))
        self.test = QPushButton(self.tr("Test"), self)
        self.test.clicked.connect(self._test)
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.state.setObjectName("hintText")
        self.link_live = QCheckBox(
            self.tr("Go live / End live also start and stop the OBS stream"), self
        )
        self.rules = QPushButton(self.tr("Scene rules…"), self)
        self.rules.clicked.connect(self._edit_rules)

        where = QHBoxLayout()
        where.setContentsMargins(0, 0, 0, 0)
        where.addWidget(self.host, 3)
        where.addWidget(QLabel(self.tr("Port"), self))
        where.addWidget(self.port, 1)
        secret = QHBoxLayout()
        secret.setContentsMargins(0, 0, 0, 0)
        secret.addWidget(self.password, 1)
        secret.addWidget(self.test)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.enabled, 1)
        top.addWidget(self.rules)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(where)
        layout.addLayout(secret)
        layout.addWidget(self.state)
        layout.addWidget(self.link_live)
        self._dialog: SceneRulesDialog | None = None
        self._testing = False
        feature.status_changed.connect(self._show_link_status)
        self.load()

    def load(self) -> None:
        s = self.feature.settings
        self.enabled.setChecked(bool(s.get("obs_enabled")))
        self.host.setText(str(s.get("obs_host")))
        self.port.setValue(int(s.get("obs_port")))
        self.password.setText(self.feature.password)
        self.link_live.setChecked(bool(s.get("obs_link_live")))
        self._show_link_status(self.feature.link.status)

    def showEvent(self, event: QShowEvent) -> None:
        self.load()  # the Settings window opens again: what is kept, not what was typed
        super().showEvent(event)

    def apply(self) -> None:
        """Keep what is typed; the password goes to the keyring in the background."""
        self.feature.settings.set("obs_link_live", self.link_live.isChecked())
        self.feature.spawn(
            self.feature.save(
                self.host.text(), self.port.value(), self.password.text(), self.enabled.isChecked()
            )
        )

    def _show_link_status(self, status: ObsStatus) -> None:
        if self._testing:
            return
        if self.feature.keyring_problem:
            self.state.setText(self.feature.keyring_problem)
        elif not self.feature.enabled:
            self.state.setText(self.tr("Off. Turn it on, or press Test to try the connection."))
        else:
            self.state.setText(self.status_line(status))

    def status_line(self, status: ObsStatus) -> str:
        return status_text(status, self.host.text().strip() or "127.0.0.1", self.port.value())

    def _test(self) -> None:
        self._testing = True
        self.test.setEnabled(False)
        self.state.setText(self.tr("Testing…"))
        self.feature.spawn(self._run_test())

    async def _run_test(self) -> None:
        try:
            status = await self.feature.test(
                self.host.text(), self.port.value(), self.password.text()
            )
        finally:
            self._testing = False
            self.test.setEnabled(True)
        self.state.setText(self.status_line(status))

    def _edit_rules(self) -> None:
        if self._dialog is None:
            self._dialog = SceneRulesDialog(self.feature, self.window())
        self._dialog.load()
        self._dialog.show()
        self._dialog.raise_()
