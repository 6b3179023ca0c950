"""Names from the server as they may be shown: without what the display-name rule forbids.

The server refuses such names (app.core.names); a client cannot count on every server
doing so, so whatever names reach the UI pass through here: events, Ready, and the
results of queries. Fast when there is nothing to remove (one regex search per name).
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from app.core.names import FORBIDDEN_IN_NAMES, clean_display_name
from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, UserRef

T = TypeVar("T")

# Fields (of structs and of query results) that hold a person's display name.
NAME_FIELDS = frozenset({"name", "user_name", "target_name", "pinned_user", "actor_name"})


def clean_events(events: list[Event]) -> list[Event]:
    """`events`, with every display name cleaned (the same list when none needed it)."""
    out: list[Event] | None = None
    search = FORBIDDEN_IN_NAMES.search
    for i, event in enumerate(events):
        data = event.data
        if type(data) is ChatMessage and search(data.user.name) is None:
            continue  # nearly all traffic
        cleaned = clean_struct(data)
        if cleaned is not data:
            if out is None:
                out = list(events)
            out[i] = msgspec.structs.replace(event, data=cleaned)
    return events if out is None else out


def clean_struct(value: T) -> T:
    """A struct (or tuple/list of them) with its display names cleaned; itself if clean."""
    if isinstance(value, UserRef):
        name = clean_display_name(value.name)
        return value if name == value.name else msgspec.structs.replace(value, name=name)
    if isinstance(value, msgspec.Struct):
        changes: dict[str, Any] = {}
        for field in value.__struct_fields__:
            item = getattr(value, field)
            if isinstance(item, str):
                if field in NAME_FIELDS and FORBIDDEN_IN_NAMES.search(item):
                    changes[field] = clean_display_name(item)
            elif isinstance(item, msgspec.Struct | tuple | list):
                cleaned = clean_struct(item)
                if cleaned is not item:
                    changes[field] = cleaned
        return msgspec.structs.replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        items = [clean_struct(item) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    return value


def clean_result(value: Any) -> Any:
    """A query result (JSON: dicts, lists, scalars) with its display names cleaned."""
    if isinstance(value, dict):
        return {
            key: clean_display_name(item)
            if key in NAME_FIELDS and isinstance(item, str)
            else clean_result(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [clean_result(item) for item in value]
    return value
