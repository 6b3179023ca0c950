"""The blocked-terms editor: an empty list says so plainly, the defaults are one click away."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.blocked_terms import DEFAULT_BLOCKED_TERMS
from app.ui.moderation.blockedterms import BlockedTermsEditor

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


def test_an_empty_list_reads_as_empty_and_defaults_can_be_restored(qtbot: QtBot) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    editor = BlockedTermsEditor()
    qtbot.addWidget(editor)
    editor.resize(520, 420)
    editor.set_terms([])
    editor.show()
    # No grey sample terms that look like an active list next to "0 terms".
    placeholder = editor.edit.placeholderText()
    assert "\n" not in placeholder and "empty" in placeholder
    assert editor.status.text() == "No terms saved: no message is held"
    editor.grab().save(str(ARTIFACTS / "blocked-terms-empty.png"))

    editor.edit.setPlainText("scam")
    editor.restore_defaults()
    assert editor.terms() == ["scam", *DEFAULT_BLOCKED_TERMS]  # the creator's own terms kept
    assert editor.save.isEnabled()  # restored into the editor, saved on Save
    editor.tester.setText("FREE COINS at totally-legit-coins dot example")
    assert editor.verdict.text().startswith("Would be held")

    editor.revert.click()
    editor.set_terms(list(DEFAULT_BLOCKED_TERMS))  # what a new backend sends
    editor.tester.setText("FREE COINS at totally-legit-coins dot example")
    assert not editor.dirty
    assert editor.status.text().startswith(f"{len(DEFAULT_BLOCKED_TERMS)} term")
    editor.grab().save(str(ARTIFACTS / "blocked-terms-defaults.png"))
