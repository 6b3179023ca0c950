"""Asking before the irreversible: End live, Quit while live; "don't ask again" where wanted."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from app.ui.settings import ConsoleSettings


def ask(
    parent: QWidget | None,
    *,
    title: str,
    text: str,
    confirm: str,
    cancel: str,
    settings: ConsoleSettings | None = None,
    remember_key: str | None = None,
) -> bool:
    """True if the creator confirms. With `remember_key` (a bool setting, True = ask) the box
    offers "Don't ask again"; once ticked and confirmed, later calls return True at once."""
    if settings is not None and remember_key is not None and not settings.get(remember_key):
        return True
    box = QMessageBox(parent)
    box.setObjectName("confirmBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes = box.addButton(confirm, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    # Enter or a stray click must not end anything: the safe answer is the default.
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    remember: QCheckBox | None = None
    if settings is not None and remember_key is not None:
        remember = QCheckBox(QCoreApplication.translate("Confirm", "Don't ask again"), box)
        box.setCheckBox(remember)
    box.exec()
    confirmed = box.clickedButton() is yes
    if confirmed and remember is not None and remember.isChecked():
        assert settings is not None and remember_key is not None
        settings.set(remember_key, False)
    box.deleteLater()
    return confirmed


def confirm_end_live(parent: QWidget | None, settings: ConsoleSettings) -> bool:
    return ask(
        parent,
        title=QCoreApplication.translate("Confirm", "End live?"),
        text=QCoreApplication.translate(
            "Confirm", "End the live now? Your viewers' stream ends; this live's totals are final."
        ),
        confirm=QCoreApplication.translate("Confirm", "End live"),
        cancel=QCoreApplication.translate("Confirm", "Keep streaming"),
        settings=settings,
        remember_key="confirm_end_live",
    )


def confirm_quit_while_live(parent: QWidget | None, *, demo: bool) -> bool:
    """No "don't ask again": quitting while live is rare, and the moment it is a slip, the
    creator loses chat, alerts and the inbox in the middle of a stream."""
    if demo:
        text = QCoreApplication.translate(
            "Confirm",
            "You are live. Quit LiveDesk anyway? The demo backend stops with it, and so does "
            "this practice live.",
        )
    else:
        text = QCoreApplication.translate(
            "Confirm",
            "You are live. Quit LiveDesk anyway? Your live keeps running on the platform, but "
            "chat, gift alerts and the inbox stop here until you open LiveDesk again.",
        )
    return ask(
        parent,
        title=QCoreApplication.translate("Confirm", "Quit while live?"),
        text=text,
        confirm=QCoreApplication.translate("Confirm", "Quit"),
        cancel=QCoreApplication.translate("Confirm", "Stay"),
    )
