"""The registry of a window's actions: declared once, and the menus and F1 help built from it.

Every command a creator or moderator can give from a menu or a key is one `Action` (name,
text, shortcut, menu, handler, F1 line), registered on the window it belongs to. The
registry makes the QAction, puts it in its menu at its `order`, and lists it in the F1 help;
a second action on a key already taken in the same window is refused at once
(`ShortcutTaken`), because Qt would only log "Ambiguous shortcut overload" and fire neither.
Keys that a widget handles itself (Enter in the compose box, Ctrl+F in a pane) are declared
with `handler=None`: F1 lists them, no QAction is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

# Menu positions: File keeps Settings first and Sign out / Quit last, features between.
FIRST = 10
FEATURE = 50
LAST = 90


class ShortcutTaken(ValueError):
    """Two actions of one window were given the same key."""


@dataclass(frozen=True)
class Action:
    name: str  # stable id, e.g. "file.settings"; unique per window
    text: str  # the menu entry, translated
    shortcut: str | None = None
    handler: Callable[[], object] | None = None  # None: a widget handles the keys itself
    menu: str | None = None  # "file", "view", "help"; None: no menu entry
    order: int = FEATURE  # position in its menu (equal orders keep the order added)
    help: str | None = None  # the F1 line; None: not in F1
    keys: str | None = None  # the F1 keys column when it is not the shortcut ("F6 / F7 / F8")


def normalized(shortcut: str) -> str:
    """One spelling per key ("ctrl+shift+o" and "Ctrl+Shift+O" are the same key)."""
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.PortableText)


class ActionRegistry:
    """The actions of one window (`owner`); `changed` callbacks run after each add."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.menus: dict[str, QMenu] = {}
        self.actions: list[Action] = []
        self.qactions: dict[str, QAction] = {}
        self._keys: dict[str, str] = {}  # normalized key -> action name
        self._orders: dict[QAction, int] = {}
        self.on_change: list[Callable[[], None]] = []

    def add(self, action: Action) -> QAction | None:
        """Register `action`; returns its QAction (None for an F1-only entry)."""
        if any(a.name == action.name for a in self.actions):
            raise ValueError(f"action {action.name!r} is registered twice")
        key = normalized(action.shortcut) if action.shortcut else None
        if key and action.handler is not None:
            taken = self._keys.get(key)
            if taken is not None:
                raise ShortcutTaken(f"{key} is both {taken!r} and {action.name!r}")
            self._keys[key] = action.name
        self.actions.append(action)
        made = self._make(action) if action.handler is not None else None
        for callback in self.on_change:
            callback()
        return made

    def _make(self, action: Action) -> QAction:
        assert action.handler is not None
        qaction = QAction(action.text, self.owner)
        qaction.setObjectName(action.name)
        if action.shortcut:
            qaction.setShortcut(QKeySequence(action.shortcut))
            # Not ApplicationShortcut: with a second console window (the moderator window)
            # every shortcut would be ambiguous and none would fire. Torn-off panes carry
            # the window's actions too (tearoff.py), so the shortcuts work there as well.
            qaction.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        qaction.triggered.connect(action.handler)
        if action.menu is not None:
            self._place(self.menus[action.menu], qaction, action.order)
        self.owner.addAction(qaction)
        self.qactions[action.name] = qaction
        return qaction

    def _place(self, menu: QMenu, qaction: QAction, order: int) -> None:
        after = next((a for a in menu.actions() if self._orders.get(a, FEATURE) > order), None)
        if after is None:
            menu.addAction(qaction)
        else:
            menu.insertAction(after, qaction)
        self._orders[qaction] = order

    def help_lines(self) -> list[tuple[str, str]]:
        """(keys, what) for the F1 overlay, in the order the actions were registered."""
        return [(a.keys or a.shortcut or "", a.help) for a in self.actions if a.help]

    def bound_keys(self) -> dict[str, str]:
        """Every key bound to an action of this window -> the action's name."""
        return dict(self._keys)
