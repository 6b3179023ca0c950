"""History search syntax: "from:mia in:below badge:member hello" -> a HistoryQuery."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

ROOM_WORDS = {"public": "public", "below": "below", "belowroom": "below", "members": "below"}


@dataclass(frozen=True)
class HistoryQuery:
    """What the local store is asked for; empty fields mean "any"."""

    text: str = ""
    room: str | None = None
    user: str | None = None
    badge: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.room or self.user or self.badge)


def parse_history_query(query: str) -> HistoryQuery:
    """Split operators from free words; unknown `x:` words stay text, bad values are reported."""
    words: list[str] = []
    room = user = badge = None
    problems: list[str] = []
    for word in query.split():
        key, sep, value = word.partition(":")
        key = key.lower()
        if not sep or key not in {"from", "in", "badge"}:
            words.append(word)
            continue
        if not value:
            problems.append(f"{key}: needs a value")
        elif key == "from":
            user = value.lstrip("@")
        elif key == "in":
            room = ROOM_WORDS.get(value.lower())
            if room is None:
                problems.append(f"in:{value} — use in:public or in:below")
        else:
            badge = {"mod": "moderator", "sub": "member"}.get(value.lower(), value.lower())
    return HistoryQuery(" ".join(words), room, user, badge, tuple(problems))


# --- what a result shows: the matched words and why it matched -----------------------

_WORD = re.compile(r"\w+")


def search_words(query: HistoryQuery) -> list[str]:
    """The free words of the query as the store searches them (word prefixes, any case)."""
    return _WORD.findall(query.text)


def _fold(text: str) -> str:
    """Case and diacritics folded one character for one character (positions stay the same),
    as the store's full-text index folds them: "Déjà" -> "deja"."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1] or char
        folded = base.casefold()
        out.append(folded if len(folded) == 1 else char.lower())
    return "".join(out)


def highlight_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that one of `words` starts, sorted, not
    overlapping: what the search matched, to be highlighted."""
    if not words:
        return []
    needles = [_fold(w) for w in words if w]
    folded = _fold(text)
    spans = []
    for match in _WORD.finditer(folded):
        word = match.group()
        for needle in needles:
            if word.startswith(needle):
                spans.append((match.start(), match.start() + len(needle)))
                break
    return spans


MatchReason = Literal["message", "sender", "room", "badge"]


def match_reasons(query: HistoryQuery) -> tuple[MatchReason, ...]:
    """Why every result of `query` matched, strongest first: its words are in the message
    ("message"), it is from the `from:` user ("sender"), it has the `badge:` ("badge"), it is in
    the `in:` room ("room"). Plain words never match the sender's name (only `from:` does)."""
    reasons: list[MatchReason] = []
    if search_words(query):
        reasons.append("message")
    if query.user:
        reasons.append("sender")
    if query.badge:
        reasons.append("badge")
    if query.room:
        reasons.append("room")
    return tuple(reasons)
