"""Chat search: `parse_filter` turns "from:ann badge:mod is:first hello" into a ChatFilter."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from app.ui.chat.model import ChatLine, ChatModel

_BADGE_ALIASES = {
    "mod": "moderator",
    "moderator": "moderator",
    "member": "member",
    "members": "member",
    "sub": "member",
    "creator": "creator",
    "host": "creator",
    "top_gifter": "top_gifter",
    "topgifter": "top_gifter",
    "gifter": "top_gifter",
}
_IS_WORDS = {"first", "deleted", "held", "pending", "failed", "answered"}


@dataclass(frozen=True, slots=True)
class ChatFilter:
    """Conditions of different kinds must all hold; several `from:` (or `badge:`) match any.

    Text terms must all appear (case-insensitive) in the message or the user name.
    Gap markers always pass: in a filtered view they still say that results may be missing.
    """

    terms: tuple[str, ...] = ()
    from_users: tuple[str, ...] = ()
    badges: tuple[str, ...] = ()
    is_: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.from_users or self.badges or self.is_)

    def matches(self, line: ChatLine) -> bool:
        if line.is_gap:
            return True
        if self.from_users and line.user_name.casefold() not in self.from_users:
            return False
        if self.badges and not any(_has_badge(line, badge) for badge in self.badges):
            return False
        for word in self.is_:
            if not _is(line, word):
                return False
        if self.terms:
            haystack = f"{line.user_name}\n{line.text}".casefold()
            return all(term in haystack for term in self.terms)
        return True


def _has_badge(line: ChatLine, wanted: str) -> bool:
    if wanted == "first":
        return line.first_in_room
    for badge in line.badges:
        kind, _, _tier = badge.partition(":")
        if badge == wanted or kind == wanted:
            return True
    return False


def _is(line: ChatLine, word: str) -> bool:
    if word == "first":
        return line.first_in_room
    if word == "answered":
        return line.answered_on_camera
    return bool(getattr(line, word))


def parse_filter(query: str) -> ChatFilter:
    """Parse a search line. Unknown `x:y` words and malformed quotes count as plain text.

    from:NAME (a leading @ is ignored), badge:mod|member|member:2|creator|top_gifter|first,
    is:first|deleted|held|pending|failed|answered, "quoted phrase", anything else: text.
    """
    try:
        words = shlex.split(query, posix=True)
    except ValueError:
        words = query.split()
    terms: list[str] = []
    users: list[str] = []
    badges: list[str] = []
    is_: set[str] = set()
    for word in words:
        key, sep, value = word.partition(":")
        key, value = key.casefold(), value.casefold()
        if sep and key == "from" and value.lstrip("@"):
            users.append(value.lstrip("@"))
        elif sep and key == "badge" and value:
            kind, colon, tier = value.partition(":")
            kind = "first" if kind == "first" else _BADGE_ALIASES.get(kind, kind)
            badges.append(f"{kind}{colon}{tier}")
        elif sep and key == "is" and value in _IS_WORDS:
            is_.add(value)
        elif word.strip():
            terms.append(word.casefold())
    return ChatFilter(tuple(terms), tuple(users), tuple(badges), frozenset(is_))


class ChatFilterProxy(QSortFilterProxyModel):
    """The rows of a ChatModel that match a ChatFilter, in the same order."""

    def __init__(self, source: ChatModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = ChatFilter()
        self.setSourceModel(source)

    @property
    def chat_filter(self) -> ChatFilter:
        return self._filter

    def line_at(self, row: int) -> ChatLine:
        return self._source.line_at(self.mapToSource(self.index(row, 0)).row())

    def reply_context(self, line: ChatLine) -> str:
        return self._source.reply_context(line)

    def set_filter(self, chat_filter: ChatFilter) -> None:
        if chat_filter == self._filter:
            return
        self.beginFilterChange()
        self._filter = chat_filter
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if source_parent.isValid() or source_row >= self._source.rowCount():
            return False
        return self._filter.matches(self._source.line_at(source_row))
