"""Read marks of the inbox on this device: what the creator saw, and what they marked unread."""

from __future__ import annotations

import json
from dataclasses import dataclass

READ_MARKS_KEY = "inbox.read.v1"  # key in the local store's kv table
MAX_MARKS = 5000  # the oldest marks are dropped beyond this; they only make old threads unread


@dataclass(frozen=True)
class ReadMark:
    seen_ms: int  # the newest attention time (viewer message, snooze wake) the creator saw
    marked_unread: bool = False


class ReadMarks:
    """Per-inquiry read marks; `dirty` tells the owner to save them (see to_json)."""

    def __init__(self, marks: dict[str, ReadMark] | None = None) -> None:
        self._marks: dict[str, ReadMark] = dict(marks or {})
        self.dirty = False

    def get(self, inquiry_id: str) -> ReadMark | None:
        return self._marks.get(inquiry_id)

    def is_unread(self, inquiry_id: str, attention_ms: int) -> bool:
        mark = self._marks.get(inquiry_id)
        if mark is None:
            return True
        return mark.marked_unread or attention_ms > mark.seen_ms

    def mark_seen(self, inquiry_id: str, attention_ms: int) -> bool:
        """The creator looked at it; True if that changed anything."""
        old = self._marks.get(inquiry_id)
        new = ReadMark(max(attention_ms, old.seen_ms if old else 0), False)
        if new == old:
            return False
        self._marks[inquiry_id] = new
        self.dirty = True
        return True

    def mark_unread(self, inquiry_id: str) -> bool:
        old = self._marks.get(inquiry_id)
        new = ReadMark(old.seen_ms if old else 0, True)
        if new == old:
            return False
        self._marks[inquiry_id] = new
        self.dirty = True
        return True

    def to_json(self) -> str:
        newest = sorted(self._marks.items(), key=lambda kv: kv[1].seen_ms, reverse=True)
        kept = newest[:MAX_MARKS]
        return json.dumps(
            {"v": 1, "marks": {i: [m.seen_ms, int(m.marked_unread)] for i, m in kept}},
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, raw: str | None) -> ReadMarks:
        """Marks saved by to_json; anything unreadable counts as no marks (all unread)."""
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            marks = {
                str(i): ReadMark(int(v[0]), bool(v[1])) for i, v in dict(data["marks"]).items()
            }
        except (ValueError, KeyError, TypeError, IndexError):
            return cls()
        return cls(marks)
