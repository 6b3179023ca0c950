"""ChatModel: the bounded window of ChatLines a chat pane shows, as a Qt list model."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

from msgspec.structs import replace
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QIcon

from app.ui.chat.line import (
    ANSWERED,
    DELETED,
    FAILED,
    PENDING,
    ChatLine,
    LineFlag,
    plain_text,
    tooltip_html,
)

__all__ = ["LINE_ROLE", "ChatLine", "ChatModel", "LineFlag", "LineSource"]

Index = QModelIndex | QPersistentModelIndex
Change = Callable[[ChatLine], ChatLine]

LINE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
USER_NAME_ROLE = LINE_ROLE + 1
BADGES_ROLE = LINE_ROLE + 2
MESSAGE_ID_ROLE = LINE_ROLE + 3
USER_ID_ROLE = LINE_ROLE + 4
FLAGS_ROLE = LINE_ROLE + 5
REPLY_ROLE = LINE_ROLE + 6  # "name: text" of the line this one replies to, if the pane has it

# Never None: with PySide6 6.12 on Python 3.11, a Python data() that returns None to C++ (a
# view, a proxy) loses a reference to None on every call, and after a few thousand calls the
# process dies ("deallocating None"); 6.11 does not, but the pin may move.
# Qt's typed roles get a value of their type that means "nothing special"; every other
# role gets an empty string. ChatDelegate itself reads only the roles above.
_NO_DATA = ""
_TYPED_DEFAULTS: dict[int, Any] = {}


def _typed_defaults() -> dict[int, Any]:
    if not _TYPED_DEFAULTS:  # built on first use: QFont needs a QGuiApplication
        roles = Qt.ItemDataRole
        _TYPED_DEFAULTS.update(
            {
                int(roles.DecorationRole): QIcon(),
                int(roles.SizeHintRole): QSize(),
                int(roles.FontRole): QFont(),
                int(roles.TextAlignmentRole): int(
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                ),
                int(roles.BackgroundRole): QBrush(),
                int(roles.ForegroundRole): QBrush(),
                int(roles.CheckStateRole): int(Qt.CheckState.Unchecked.value),
            }
        )
    return _TYPED_DEFAULTS


_ROLE_GETTERS: dict[int, Callable[[ChatLine], Any]] = {
    LINE_ROLE: lambda line: line,
    int(Qt.ItemDataRole.DisplayRole): plain_text,
    int(Qt.ItemDataRole.AccessibleTextRole): plain_text,
    int(Qt.ItemDataRole.ToolTipRole): tooltip_html,
    USER_NAME_ROLE: lambda line: line.user_name,
    BADGES_ROLE: lambda line: list(line.badges),
    MESSAGE_ID_ROLE: lambda line: line.message_id,
    USER_ID_ROLE: lambda line: line.user_id,
    FLAGS_ROLE: lambda line: line.flags,
}
EARLY_CHANGES_MAX = 1024


@runtime_checkable
class LineSource(Protocol):
    """A model that hands out ChatLines by row directly (no QVariant round trip)."""

    def line_at(self, row: int) -> ChatLine: ...

    def reply_context(self, line: ChatLine) -> str: ...


class ChatModel(QAbstractListModel):
    """A bounded window (max_rows) over a pane's chat lines, newest last.

    * `append_lines` adds a batch with one insert and trims the oldest with one removal.
    * While holding (the pane is paused: scrolled up or under the pointer) new lines wait
      below the window, so the rows on screen never move; `set_holding(False)` releases
      them. At most max_rows wait; older waiting lines are dropped (the store has them).
    * `prepend_history` slides the window up: older lines enter at the top and the newest
      rows leave at the bottom to wait with the held ones (the model then holds until
      released). Memory stays bounded however far back the user scrolls, and "jump to
      newest" needs no store access.
    * Duplicates (same message_id) are ignored; the server copy of a pending own line
      (same `local_id`, same user) replaces it in place.
    * Flag changes for lines not here yet (still queued in a ChatBatcher, or the ack
      outran the line) are kept, up to EARLY_CHANGES_MAX, and applied when they arrive.
    """

    def __init__(self, max_rows: int = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._max_rows = max(1, max_rows)
        self._rows: list[ChatLine] = []
        self._base = 0  # absolute position of row 0; a line's position never changes
        self._pos: dict[str, int] = {}
        self._held: list[ChatLine] = []
        self._held_ids: set[str] = set()
        self._held_gap = False  # lines between the window and the held ones were dropped
        self._holding = False
        self._early: OrderedDict[str, list[Change]] = OrderedDict()
        self.fail_reasons: dict[str, str] = {}

    # --- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if row < 0 or row >= len(self._rows) or not index.isValid():
            return (_TYPED_DEFAULTS or _typed_defaults()).get(role, _NO_DATA)
        if role == REPLY_ROLE:
            return self.reply_context(self._rows[row])
        getter = _ROLE_GETTERS.get(role)
        if getter is None:
            return (_TYPED_DEFAULTS or _typed_defaults()).get(role, _NO_DATA)
        return getter(self._rows[row])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- reading ---------------------------------------------------------------------

    def line_at(self, row: int) -> ChatLine:
        return self._rows[row]

    def lines_between(self, first: int, last: int) -> list[ChatLine]:
        """Rows first..last, inclusive."""
        return self._rows[first : last + 1]

    def lines(self) -> list[ChatLine]:
        """A copy of the rows, oldest first."""
        return list(self._rows)

    def row_of(self, message_id: str) -> int:
        """Row of a message in the window, or -1."""
        pos = self._pos.get(message_id)
        return -1 if pos is None else pos - self._base

    def line_by_id(self, message_id: str) -> ChatLine | None:
        """A line in the window or waiting below it."""
        row = self.row_of(message_id)
        if row >= 0:
            return self._rows[row]
        if message_id in self._held_ids:
            return next(line for line in self._held if line.message_id == message_id)
        return None

    def reply_context(self, line: ChatLine) -> str:
        """ "name: text" of the line `line` replies to, if the pane has it, else ""."""
        parent = self.line_by_id(line.reply_to) if line.reply_to else None
        return "" if parent is None else f"{parent.user_name}: {parent.text}"

    def oldest_seq(self) -> int:
        """Seq of the oldest server line in the window (0 if none): history ends before it."""
        return next((line.seq for line in self._rows if line.seq > 0), 0)

    @property
    def max_rows(self) -> int:
        return self._max_rows

    @property
    def holding(self) -> bool:
        return self._holding

    @property
    def held_count(self) -> int:
        return len(self._held)

    @property
    def at_live_edge(self) -> bool:
        """True when the window ends at the newest line (nothing waits below it)."""
        return not self._held

    # --- changing the window ---------------------------------------------------------

    def set_max_rows(self, max_rows: int) -> None:
        self._max_rows = max(1, max_rows)
        self._trim_oldest(len(self._rows) - self._max_rows)
        self._trim_held()

    def append_lines(self, lines: Iterable[ChatLine]) -> int:
        """Add new lines (oldest first); returns how many were new (shown or held)."""
        fresh: list[ChatLine] = []
        seen: set[str] = set()
        early = self._early
        for line in lines:
            if early and line.message_id in early:
                for change in early.pop(line.message_id):
                    line = change(line)
            mid = line.message_id
            if mid in seen or mid in self._held_ids:
                continue
            if mid in self._pos:
                self._upgrade_local(line)
                continue
            if line.local_id is not None and self._resolve_echo(line):
                continue
            seen.add(mid)
            fresh.append(line)
        if not fresh:
            return 0
        if self._holding:
            self._held.extend(fresh)
            self._held_ids.update(seen)
            self._trim_held()
        else:
            self._insert_tail(fresh[-self._max_rows :])
        return len(fresh)

    def prepend_history(self, lines: Iterable[ChatLine]) -> int:
        """Insert older lines (oldest first) at the top; the newest rows start waiting."""
        unique = {line.message_id: line for line in lines}
        older = [
            line
            for mid, line in unique.items()
            if mid not in self._pos and mid not in self._held_ids
        ][-self._max_rows :]
        if not older:
            return 0
        overflow = len(self._rows) + len(older) - self._max_rows
        if overflow > 0:
            self._slide_newest_into_held(overflow)
        self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
        self._base -= len(older)
        self._rows[0:0] = older
        for i, line in enumerate(older):
            self._pos[line.message_id] = self._base + i
        self.endInsertRows()
        return len(older)

    def set_holding(self, holding: bool) -> None:
        """Hold new lines below the window (paused pane), or release everything held."""
        self._holding = holding
        if holding or not self._held:
            return
        held, gap = self._held, self._held_gap
        self._held, self._held_ids, self._held_gap = [], set(), False
        if gap or len(held) >= self._max_rows:
            self.reset_lines(held[-self._max_rows :])
        else:
            self._insert_tail(held)

    def reset_lines(self, lines: Iterable[ChatLine]) -> None:
        """Replace the window (and drop held lines): `lines` is the new truth."""
        self._held, self._held_ids, self._held_gap = [], set(), False
        rows = list({line.message_id: line for line in lines}.values())[-self._max_rows :]
        self.beginResetModel()
        self._rows = rows
        self._base = 0
        self._pos = {line.message_id: i for i, line in enumerate(rows)}
        self.endResetModel()

    def clear(self) -> None:
        self.reset_lines(())

    def remove_line(self, message_id: str) -> bool:
        """Take one line out (e.g. a failed own message that is being sent again)."""
        row = self.row_of(message_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            del self._pos[message_id]
            for line in self._rows[row:]:  # rows below moved up by one
                self._pos[line.message_id] -= 1
            self.endRemoveRows()
            return True
        if message_id in self._held_ids:
            self._held = [line for line in self._held if line.message_id != message_id]
            self._held_ids.discard(message_id)
            return True
        return False

    # --- flags -----------------------------------------------------------------------

    def set_flags(self, message_id: str, add: int = 0, remove: int = 0) -> bool:
        """Change LineFlag bits of a line; False if it is not here (yet: see class doc)."""
        return self._update(message_id, lambda line: line.with_flags(add, remove))

    def mark_deleted(self, message_id: str) -> bool:
        return self.set_flags(message_id, add=DELETED)

    def mark_answered(self, message_id: str) -> bool:
        return self.set_flags(message_id, add=ANSWERED)

    def mark_failed(self, local_id: str, reason: str = "") -> bool:
        if reason:
            self.fail_reasons[local_id] = reason
        return self.set_flags(local_id, add=FAILED, remove=PENDING)

    def mark_retrying(self, local_id: str) -> bool:
        self.fail_reasons.pop(local_id, None)
        return self.set_flags(local_id, add=PENDING, remove=FAILED)

    def mark_sent(self, local_id: str, message_id: str, echo: ChatLine | None = None) -> bool:
        """The server accepted a pending line: it takes its real message id, or becomes the
        server's own copy `echo` (its author and badges as the server has them)."""
        self.fail_reasons.pop(local_id, None)
        if (
            message_id != local_id
            and self.line_by_id(local_id) is not None
            and self.line_by_id(message_id) is not None
        ):
            return self.remove_line(local_id)  # the server's copy is already here
        sent = PENDING | FAILED
        if echo is not None:
            return self._update(local_id, lambda _line: echo)
        return self._update(
            local_id, lambda line: replace(line, message_id=message_id, flags=line.flags & ~sent)
        )

    # --- internals -------------------------------------------------------------------

    def _insert_tail(self, fresh: list[ChatLine]) -> None:
        self._trim_oldest(len(self._rows) + len(fresh) - self._max_rows)
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        pos = self._base + first
        for i, line in enumerate(fresh):
            self._pos[line.message_id] = pos + i
        self._rows.extend(fresh)
        self.endInsertRows()

    def _trim_oldest(self, count: int) -> None:
        count = min(count, len(self._rows))
        if count <= 0:
            return
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        for line in self._rows[:count]:
            del self._pos[line.message_id]
        del self._rows[:count]
        self._base += count
        self.endRemoveRows()

    def _slide_newest_into_held(self, count: int) -> None:
        count = min(count, len(self._rows))
        first = len(self._rows) - count
        self.beginRemoveRows(QModelIndex(), first, len(self._rows) - 1)
        leaving = self._rows[first:]
        for line in leaving:
            del self._pos[line.message_id]
        del self._rows[first:]
        self.endRemoveRows()
        self._held[0:0] = leaving
        self._held_ids.update(line.message_id for line in leaving)
        self._holding = True
        self._trim_held()

    def _trim_held(self) -> None:
        drop = len(self._held) - self._max_rows
        if drop > 0:
            for line in self._held[:drop]:
                self._held_ids.discard(line.message_id)
            del self._held[:drop]
            self._held_gap = True

    def _update(self, message_id: str, change: Change) -> bool:
        row = self.row_of(message_id)
        if row >= 0:
            old = self._rows[row]
            new = change(old)
            if new is not old:
                self._replace_row(row, old, new)
            return True
        if message_id in self._held_ids:
            i = next(i for i, line in enumerate(self._held) if line.message_id == message_id)
            new = change(self._held[i])
            self._held_ids.discard(message_id)
            self._held_ids.add(new.message_id)
            self._held[i] = new
            return True
        self._early.setdefault(message_id, []).append(change)
        self._early.move_to_end(message_id)
        if len(self._early) > EARLY_CHANGES_MAX:
            self._early.popitem(last=False)
        return False

    def _replace_row(self, row: int, old: ChatLine, new: ChatLine) -> None:
        self._rows[row] = new
        if new.message_id != old.message_id:
            del self._pos[old.message_id]
            self._pos[new.message_id] = self._base + row
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [])

    def _resolve_echo(self, line: ChatLine) -> bool:
        """The server's copy of a pending own line replaces it where it is."""
        local_id = line.local_id
        existing = self.line_by_id(local_id) if local_id else None
        if (
            local_id is None
            or existing is None
            or not existing.flags & (PENDING | FAILED)
            or existing.user_id != line.user_id
        ):
            return False
        kept = line.flags | (existing.flags & DELETED)
        self.fail_reasons.pop(local_id, None)
        return self._update(local_id, lambda _old: replace(line, flags=kept))

    def _upgrade_local(self, line: ChatLine) -> None:
        """A late echo of a line already marked sent brings its seq and server time."""
        row = self.row_of(line.message_id)
        old = self._rows[row]
        if old.seq == 0 and line.seq > 0:
            self._replace_row(row, old, replace(line, flags=line.flags | old.flags))
