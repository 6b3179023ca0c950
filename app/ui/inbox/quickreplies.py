"""Editing the saved quick replies: a small non-modal window beside the inbox."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import quick_replies as qr
from app.ui.inbox.look import plain_label


class QuickRepliesEditor(QDialog):
    """Edits a copy of the replies; `saved(replies)` when the creator saves a valid set."""

    saved = Signal(tuple)

    def __init__(self, replies: tuple[qr.QuickReply, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickRepliesEditor")
        self.setWindowTitle(self.tr("Quick replies"))
        self.setModal(False)
        self._draft: list[qr.QuickReply] = list(replies)

        self.codes = QListWidget(self)
        self.codes.setMinimumWidth(160)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("code, e.g. price"))
        self.code.setMaxLength(20)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(
            self.tr("The reply. {name}, {service}, {price} and {creator} are filled in.")
        )
        help_text = plain_label(
            self.tr(
                'Type "/" and the code in a reply box, then press Tab: the text is inserted '
                "with the viewer's name, the service and its price filled in."
            ),
            self,
            "inboxHint",
        )
        help_text.setWordWrap(True)
        self.problems = plain_label("", self, "inboxError")
        self.problems.setWordWrap(True)
        add = QPushButton(self.tr("Add"), self)
        remove = QPushButton(self.tr("Remove"), self)
        defaults = QPushButton(self.tr("Restore defaults"), self)
        save = QPushButton(self.tr("Save"), self)
        save.setDefault(True)
        close = QPushButton(self.tr("Close"), self)

        form = QVBoxLayout()
        form.addWidget(plain_label(self.tr("Code (after the /)"), self))
        form.addWidget(self.code)
        form.addWidget(plain_label(self.tr("Text"), self))
        form.addWidget(self.text, 1)
        lists = QVBoxLayout()
        lists.addWidget(self.codes, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        lists.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(lists)
        body.addLayout(form, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(defaults)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(help_text)
        column.addLayout(body, 1)
        column.addWidget(self.problems)
        column.addLayout(buttons)
        self.resize(640, 380)

        self.codes.currentRowChanged.connect(self._show_row)
        self.code.textEdited.connect(self._edit)
        self.text.textChanged.connect(self._edit)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        defaults.clicked.connect(self._defaults)
        save.clicked.connect(self._save)
        close.clicked.connect(self.close)
        self._filling = False
        self._refill(0)

    def replies(self) -> tuple[qr.QuickReply, ...]:
        return tuple(self._draft)

    def _refill(self, row: int) -> None:
        self._filling = True
        self.codes.clear()
        for reply in self._draft:
            self.codes.addItem("/" + reply.code)
        self._filling = False
        if self._draft:
            self.codes.setCurrentRow(min(max(row, 0), len(self._draft) - 1))
        else:
            self._show_row(-1)

    def _show_row(self, row: int) -> None:
        if self._filling:
            return
        self._filling = True
        reply = self._draft[row] if 0 <= row < len(self._draft) else None
        self.code.setText(reply.code if reply else "")
        self.text.setPlainText(reply.text if reply else "")
        self.code.setEnabled(reply is not None)
        self.text.setEnabled(reply is not None)
        self._filling = False

    def _edit(self, *_args: object) -> None:
        row = self.codes.currentRow()
        if self._filling or not 0 <= row < len(self._draft):
            return
        code = self.code.text().strip().lstrip("/").lower()
        self._draft[row] = qr.QuickReply(code, self.text.toPlainText())
        item = self.codes.item(row)
        if item is not None:
            item.setText("/" + code)
        self.problems.setText("")

    def _add(self) -> None:
        taken = {r.code for r in self._draft}
        n = 1
        while f"reply{n}" in taken:
            n += 1
        self._draft.append(qr.QuickReply(f"reply{n}", ""))
        self._refill(len(self._draft) - 1)
        self.code.setFocus()
        self.code.selectAll()

    def _remove(self) -> None:
        row = self.codes.currentRow()
        if 0 <= row < len(self._draft):
            del self._draft[row]
            self._refill(row)

    def _defaults(self) -> None:
        self._draft = list(qr.DEFAULT_QUICK_REPLIES)
        self._refill(0)

    def _save(self) -> None:
        found = qr.problems(self.replies())
        self.problems.setText("\n".join(found))
        if not found:
            self.saved.emit(self.replies())
