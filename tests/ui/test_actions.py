"""The action registry: menus and F1 help are built from it, and no two actions of a window
share a key (Ctrl+Shift+O was bound twice: Moderators… and Stream overlay; neither fired)."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.actions import FEATURE, Action, ActionRegistry, ShortcutTaken
from app.ui.console import Console
from tests.ui.moderation.harness import desk


def test_a_key_taken_in_the_window_is_refused_however_it_is_spelled(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    registry = ActionRegistry(window)
    registry.menus["file"] = window.menuBar().addMenu("File")
    registry.add(Action("a", "A", "Ctrl+Shift+O", lambda: None, "file"))
    with pytest.raises(ShortcutTaken, match="Ctrl\\+Shift\\+O"):
        registry.add(Action("b", "B", "ctrl+shift+o", lambda: None, "file"))
    registry.add(Action("c", "C", "Ctrl+Shift+O", help="a widget's own key"))  # F1 only: fine
    assert [a.text() for a in registry.menus["file"].actions()] == ["A"]


def test_menu_order_comes_from_the_declaration_not_the_install_order(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    registry = ActionRegistry(window)
    menu = registry.menus["file"] = window.menuBar().addMenu("File")
    for name, order in (("Quit", 95), ("Settings", 10), ("Overlay", FEATURE), ("Mods", 30)):
        registry.add(Action(name, name, None, lambda: None, "file", order))
    assert [a.text() for a in menu.actions()] == ["Settings", "Mods", "Overlay", "Quit"]


def _window_keys(console: Console) -> list[str]:
    """Every key bound in the window: its actions (menus, torn-off panes share them) and the
    actions and buttons of every widget in it with a window-wide context."""
    window = console.window
    keys = [
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty() and a.parent() is window
    ]
    return keys


def test_no_two_actions_of_either_window_share_a_key_and_f1_lists_the_registry(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:  # the creator's console with every feature + the mod's
            for console in (d.creator, d.moderator):
                keys = _window_keys(console)
                assert keys, console.role
                shared = {k: n for k, n in Counter(keys).items() if n > 1}
                assert not shared, f"{console.role}: {shared}"
                registry = console.window.action_registry
                assert console.window.help.shortcuts == registry.help_lines()
                bound = set(registry.bound_keys())
                assert bound == set(keys), console.role  # every bound key is a registry action
            creator = d.creator.window
            file_menu = creator.action_registry.menus["file"]
            texts = [a.text() for a in file_menu.actions() if a.text()]
            assert texts == [
                "Settings…",
                "Open moderator window",
                "Moderators…",
                "Stream overlay (OBS)…",
                "Add overlay pages to OBS",
                "Sign out",
                "Quit",
            ]
            overlay = creator.action_registry.qactions["file.stream_overlay"]
            assert overlay.shortcut().toString() == "Ctrl+Shift+O"
            assert ("Ctrl+Shift+O", "Stream overlay URLs for OBS") in creator.help.shortcuts

    qloop.run_until_complete(scenario())
