"""The blocked-terms editor: one term per line, the rules in plain words, and a tester."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.blocked_terms import (
    DEFAULT_BLOCKED_TERMS,
    BlockedTermError,
    BlockedTerms,
    normalize_terms,
)


class BlockedTermsEditor(QWidget):
    """Edits a copy of the list; `save_requested(terms)` sends it, the server's answer
    (an event) comes back through `set_terms`. Unsaved edits are never overwritten."""

    save_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockedTermsEditor")
        self._saved: list[str] = []
        self._loading = False
        help_text = QLabel(
            self.tr(
                "One term per line. Whole words, any case: “scam” holds “SCAM!” but not "
                "“scammer”. * stands for a few characters: “free*coins” holds “free coins”, "
                "“free-coins” and “freecoins”; “scam*” holds “scammer”."
            ),
            self,
        )
        help_text.setObjectName("hintText")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("blockedTermsEdit")
        # A sentence, not sample terms: sample terms in grey read as a list that is active.
        self.edit.setPlaceholderText(
            self.tr(
                "The list is empty: no message is held. Type one term per line, or use "
                "“Restore defaults” for the common spam."
            )
        )
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.textChanged.connect(self._edited)
        self.status = QLabel("", self)
        self.status.setObjectName("hintText")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.revert = QPushButton(self.tr("Revert"), self)
        self.revert.setObjectName("revertTermsButton")
        self.revert.clicked.connect(self._revert)
        self.defaults = QPushButton(self.tr("Restore defaults"), self)
        self.defaults.setObjectName("defaultTermsButton")
        self.defaults.setToolTip(
            self.tr("Put the default spam terms back in the list (saved when you click Save)")
        )
        self.defaults.clicked.connect(self.restore_defaults)
        self.save = QPushButton(self.tr("Save"), self)
        self.save.setObjectName("saveTermsButton")
        self.save.clicked.connect(self._save)
        self.tester = QLineEdit(self)
        self.tester.setObjectName("termTester")
        self.tester.setPlaceholderText(self.tr("Try a message…"))
        self.tester.textChanged.connect(self._test)
        self.verdict = QLabel("", self)
        self.verdict.setObjectName("termVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.verdict.font())
        bold.setBold(True)
        self.verdict.setFont(bold)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.defaults)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(help_text)
        layout.addWidget(self.edit, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.tester)
        layout.addWidget(self.verdict)
        self._update_buttons()

    @property
    def dirty(self) -> bool:
        return self._lines() != self._saved

    def terms(self) -> list[str]:
        return self._lines()

    def set_terms(self, terms: list[str], changed_by: str = "") -> None:
        """The list as the server has it; replaces the text unless there are unsaved edits."""
        was_dirty = self.dirty
        self._saved = list(terms)
        if was_dirty and self._lines() != self._saved:
            who = changed_by or self.tr("someone")
            text = self.tr("{0} changed the list meanwhile. Revert to see it.")
            self._set_status(text.format(who))
        else:
            self._load(self._saved)
            self._show_count()
        self._update_buttons()
        self._test(self.tester.text())

    def show_problem(self, text: str) -> None:
        self._set_status(text, error=True)
        self.save.setEnabled(True)

    # --- internals -------------------------------------------------------------------

    def _lines(self) -> list[str]:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]

    def _load(self, terms: list[str]) -> None:
        self._loading = True
        try:
            self.edit.setPlainText("\n".join(terms))
        finally:
            self._loading = False

    def _edited(self) -> None:
        if not self._loading:
            self._update_buttons()
            self._test(self.tester.text())

    def _update_buttons(self) -> None:
        dirty = self.dirty
        self.save.setEnabled(dirty)
        self.revert.setEnabled(dirty)

    def _revert(self) -> None:
        self._load(self._saved)
        self._show_count()
        self._update_buttons()

    def restore_defaults(self) -> None:
        """The default terms added to the list being edited (kept: the creator's own terms)."""
        lines = self._lines()
        known = {line.casefold() for line in lines}
        lines += [t for t in DEFAULT_BLOCKED_TERMS if t.casefold() not in known]
        self.edit.setPlainText("\n".join(lines))

    def _show_count(self) -> None:
        count = len(self._saved)
        if count:
            self._set_status(
                self.tr("%Ln term(s) saved; matching messages are held for review", "", count)
            )
        else:
            self._set_status(self.tr("No terms saved: no message is held"))

    def _save(self) -> None:
        try:
            terms = normalize_terms(self._lines())
        except BlockedTermError as exc:
            self._set_status(self.tr("Not saved: {0}").format(str(exc)), error=True)
            return
        self.save.setEnabled(False)
        self._set_status(self.tr("Saving…"))
        self.save_requested.emit(terms)

    def _test(self, text: str) -> None:
        if not text.strip():
            self.verdict.clear()
            return
        try:
            found = BlockedTerms(self._lines()).first_match(text)
        except BlockedTermError as exc:
            self.verdict.setText(self.tr("Fix the list first: {0}").format(str(exc)))
            return
        if found is None:
            self.verdict.setText(self.tr("Would be published"))
        else:
            self.verdict.setText(
                self.tr("Would be held: “{0}” matches “{1}”").format(found.text, found.term)
            )

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setObjectName("errorText" if error else "hintText")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
