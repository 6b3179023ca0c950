"""Where moderators connect: the embedded backend's network setting, TLS, and the warning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.settings import SETTINGS, ConsoleSettings

if TYPE_CHECKING:  # the type only: app.ui reaches app.server through app/ui/app.py alone
    from app.server.listen import ListenPlan

# The warning must read as a warning in both themes: dark text on amber, always.
WARNING_STYLE = (
    "background: #ffd43b; color: #1d1d1d; border: 1px solid #c99a00; border-radius: 6px;"
    " padding: 6px 10px; font-weight: 600;"
)
OK_STYLE = "border-left: 3px solid #2f9e44; padding: 4px 8px;"


@dataclass(frozen=True)
class ServerAddress:
    """The backend this console uses, as moderators would reach it."""

    local_url: str  # what this console connects to
    plan: ListenPlan | None = None  # the embedded backend's setup; None for a remote server
    port: int = 0  # the embedded backend's port

    @property
    def embedded(self) -> bool:
        return self.plan is not None

    def moderator_url(self) -> str:
        """The address to give a moderator on another computer ("" if there is none)."""
        if self.plan is None:
            return self.local_url
        urls = self.plan.network_urls(self.port)
        return urls[0] if urls else ""


def status_lines(address: ServerAddress) -> tuple[str, bool]:
    """(what to tell the creator about who can connect, whether it is a warning)."""

    plan = address.plan
    if plan is None:
        return (
            QCoreApplication.translate(
                "Network",
                "This console is connected to {0}. Moderators sign in to the same address.",
            ).format(address.local_url),
            False,
        )
    problem = f"{plan.problem}\n" if plan.problem else ""
    if not plan.on_network:
        return (
            problem
            + QCoreApplication.translate(
                "Network",
                "The backend listens only on this computer: moderators on other "
                "computers cannot connect.",
            ),
            bool(plan.problem),
        )
    urls = ", ".join(plan.network_urls(address.port))
    if plan.encrypted:
        text = QCoreApplication.translate(
            "Network", "Moderators on your network connect to {0} (encrypted, TLS)."
        )
        return (text.format(urls), False)
    return (
        QCoreApplication.translate(
            "Network",
            "Not encrypted: the backend is open on your network at {0} over plain ws://. "
            "Anyone on this network can read the chat and moderation traffic and could "
            "capture a moderator's sign-in. Add a TLS certificate and key below, or use this "
            "only on a network you trust.",
        ).format(urls),
        True,
    )


class NetworkSection(QFrame):
    """Status of the backend's reachability; for the embedded backend, its settings."""

    def __init__(
        self,
        address: ServerAddress,
        parent: QWidget | None = None,
        settings: ConsoleSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("networkSection")
        self.address = address
        self.settings = settings
        title = QLabel(self.tr("Network"), self)
        title.setObjectName("paneTitle")
        text, warning = status_lines(address)
        self.status = QLabel(text, self)
        self.status.setObjectName("networkStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(WARNING_STYLE if warning else OK_STYLE)
        self.status.setProperty("warning", warning)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.status)
        self.form: QWidget | None = None
        if address.embedded and settings is not None:
            self._build_form(settings, layout)

    def _build_form(self, settings: ConsoleSettings, layout: QVBoxLayout) -> None:
        self.form = form_widget = QWidget(self)
        self.lan = QCheckBox(self.tr("Let moderators on the network connect"), form_widget)
        self.lan.setObjectName("lanCheck")
        self.port = QSpinBox(form_widget)
        self.port.setObjectName("lanPort")
        self.port.setRange(1024, 65535)
        self.cert = QLineEdit(form_widget)
        self.cert.setObjectName("tlsCert")
        self.cert.setPlaceholderText(self.tr("certificate .pem (optional, recommended)"))
        self.key = QLineEdit(form_widget)
        self.key.setObjectName("tlsKey")
        self.key.setPlaceholderText(self.tr("private key .pem"))
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.lan)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("TLS certificate"), self._with_chooser(self.cert))
        form.addRow(self.tr("TLS key"), self._with_chooser(self.key))
        self.save = QPushButton(self.tr("Save"), form_widget)
        self.save.setObjectName("saveNetworkButton")
        self.save.clicked.connect(self.save_settings)
        self.saved = QLabel("", form_widget)
        self.saved.setObjectName("hintText")
        self.saved.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.saved, 1)
        row.addWidget(self.save)
        form.addRow(row)
        layout.addWidget(form_widget)
        self.load_settings()

    def _with_chooser(self, edit: QLineEdit) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        choose = QPushButton(self.tr("Choose…"), holder)
        choose.clicked.connect(lambda: self._choose(edit))
        row.addWidget(choose)
        return holder

    def _choose(self, edit: QLineEdit) -> None:
        # Window-modal to this settings window only: the console itself stays usable.
        dialog = QFileDialog(self.window(), self.tr("Choose a PEM file"))
        dialog.setNameFilters([self.tr("PEM files (*.pem *.crt *.key)"), self.tr("All files (*)")])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(edit.setText)
        dialog.open()

    def load_settings(self) -> None:
        s = self.settings
        if s is None or self.form is None:
            return
        self.lan.setChecked(bool(s.get("lan_enabled")))
        self.port.setValue(int(s.get("lan_port")) or int(SETTINGS["lan_port"].default))
        self.cert.setText(str(s.get("tls_cert")))
        self.key.setText(str(s.get("tls_key")))

    def save_settings(self) -> None:
        s = self.settings
        if s is None or self.form is None:
            return
        s.set("lan_enabled", self.lan.isChecked())
        s.set("lan_port", self.port.value())
        s.set("tls_cert", self.cert.text().strip())
        s.set("tls_key", self.key.text().strip())
        self.saved.setText(self.tr("Saved. Applies the next time LiveDesk starts."))


class LanWarningChip(QPushButton):
    """In the session bar while the backend is open on the network without TLS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lanWarning")
        self.setText(self.tr("⚠ Open on the network — not encrypted"))
        self.setToolTip(
            self.tr("Moderators connect over plain ws://. Click for details and TLS settings.")
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QPushButton#lanWarning { background: #ffd43b; color: #1d1d1d;"
            " border: 1px solid #c99a00; border-radius: 9px; padding: 2px 10px;"
            " font-weight: 700; }"
        )
