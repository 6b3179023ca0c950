"""History search syntax: "from:mia in:below badge:member hello" -> a HistoryQuery."""

from __future__ import annotations

from dataclasses import dataclass

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
