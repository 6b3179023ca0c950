"""Saved quick replies for inquiry threads: "/price" then Tab expands to the saved text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

QUICK_REPLIES_KEY = "inbox.quick_replies.v1"  # key in the local store's kv table
CODE_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,19}")
MAX_REPLIES = 100
MAX_TEXT = 4000  # an inquiry message's limit
# The only placeholders filled in; anything else in braces stays as typed.
FIELDS = ("name", "service", "price", "creator")
_FIELD_RE = re.compile(r"\{(" + "|".join(FIELDS) + r")\}")
_CODE_BEFORE_CURSOR = re.compile(r"(?:^|(?<=\s))/([a-z0-9][a-z0-9_-]{0,19})$")


@dataclass(frozen=True)
class QuickReply:
    code: str  # without the slash, e.g. "price"
    text: str


DEFAULT_QUICK_REPLIES: tuple[QuickReply, ...] = (
    QuickReply("price", "Hi {name}! {service} is {price}. Shall I book you in?"),
    QuickReply("thanks", "Thank you, {name}! I'll get back to you right after the live."),
    QuickReply("book", "Great, you're booked for {service}. I'll send you the details here."),
    QuickReply("later", "Thanks for asking! I'm live right now and will answer after the stream."),
    QuickReply("decline", "Sorry {name}, I can't take this one on right now."),
)


def fill(template: str, fields: dict[str, str]) -> str:
    """Replace {name}, {service}, {price}, {creator}; other braces are left alone."""
    return _FIELD_RE.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


def find(replies: tuple[QuickReply, ...], code: str) -> QuickReply | None:
    code = code.lower()
    return next((r for r in replies if r.code == code), None)


def expand_at(
    text: str, cursor: int, replies: tuple[QuickReply, ...], fields: dict[str, str]
) -> tuple[str, int] | None:
    """If "/code" of a saved reply ends at `cursor`, the text with it expanded and the new
    cursor; else None (then Tab does what it normally does)."""
    match = _CODE_BEFORE_CURSOR.search(text[:cursor].lower())
    if match is None:
        return None
    reply = find(replies, match.group(1))
    if reply is None:
        return None
    expanded = fill(reply.text, fields)
    start = match.start()
    return text[:start] + expanded + text[cursor:], start + len(expanded)


def completions(replies: tuple[QuickReply, ...], prefix: str) -> list[QuickReply]:
    """Saved replies whose code starts with `prefix` (for the hint under the reply box)."""
    prefix = prefix.lower()
    return [r for r in replies if r.code.startswith(prefix)]


def code_being_typed(text: str, cursor: int) -> str | None:
    """The partial "/code" right before the cursor, without the slash, or None."""
    match = re.search(r"(?:^|(?<=\s))/([a-z0-9_-]{0,20})$", text[:cursor].lower())
    return match.group(1) if match else None


def problems(replies: tuple[QuickReply, ...]) -> list[str]:
    """What makes this set unsavable, in plain words (empty if fine)."""
    found: list[str] = []
    seen: set[str] = set()
    if len(replies) > MAX_REPLIES:
        found.append(f"At most {MAX_REPLIES} quick replies.")
    for reply in replies:
        if not CODE_RE.fullmatch(reply.code):
            found.append(f'"/{reply.code}": a code is 1-20 lowercase letters, digits, "-" or "_".')
        elif reply.code in seen:
            found.append(f'"/{reply.code}" is used twice.')
        seen.add(reply.code)
        if not reply.text.strip():
            found.append(f'"/{reply.code}" has no text.')
        elif len(reply.text) > MAX_TEXT:
            found.append(f'"/{reply.code}" is longer than {MAX_TEXT:,} characters.')
    return found


def to_json(replies: tuple[QuickReply, ...]) -> str:
    return json.dumps([[r.code, r.text] for r in replies], ensure_ascii=False)


def from_json(raw: str | None) -> tuple[QuickReply, ...]:
    """Saved replies, or the defaults when nothing (readable) was saved."""
    if raw is None:
        return DEFAULT_QUICK_REPLIES
    try:
        replies = tuple(QuickReply(str(code), str(text)) for code, text in json.loads(raw))
    except (ValueError, TypeError):
        return DEFAULT_QUICK_REPLIES
    return replies if not problems(replies) else DEFAULT_QUICK_REPLIES
