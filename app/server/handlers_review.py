"""Handlers for the held-for-review settings: the blocked-terms list and the moderation state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from app.core import roles
from app.core.blocked_terms import BlockedTermError, normalize_terms
from app.protocol.payloads import (
    BlockedTermsChanged,
    CommandData,
    GetModeration,
    SetBlockedTerms,
)
from app.server.commands import AckResult, Handler, Refused

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

MAX_HELD_LISTED = 500


def set_blocked_terms(
    b: Backend, account: Account, rid: str, cmd: SetBlockedTerms
) -> AckResult:
    try:
        terms = normalize_terms(cmd.terms)
    except BlockedTermError as exc:
        raise Refused("bad_request", f"Blocked term {exc}") from None
    old = b.state.blocked_terms
    if terms == old:
        return {"terms": terms, "changed": False}
    publish_blocked_terms(b, terms, account.id, rid)
    b.audit(account, "moderation.set_blocked_terms", rid, reason=change_summary(old, terms))
    return {"terms": terms, "changed": True}


def publish_blocked_terms(b: Backend, terms: list[str], by: str, rid: str | None) -> None:
    """Store the list (already normalized) and tell moderators and the creator."""
    b.state.set_blocked_terms(terms)
    b.emit(roles.MOD, BlockedTermsChanged(terms=tuple(terms), by=by), rid)


def change_summary(old: list[str], new: list[str]) -> str:
    """ "+free*coins, -scam" (at most 200 characters) for the moderation log."""
    before = {t.casefold() for t in old}
    after = {t.casefold() for t in new}
    parts = [f"+{t}" for t in new if t.casefold() not in before]
    parts += [f"-{t}" for t in old if t.casefold() not in after]
    text = ", ".join(parts) or "reordered"
    return text if len(text) <= 200 else text[:199] + "…"


def get_moderation(b: Backend, account: Account, rid: str, cmd: GetModeration) -> AckResult:
    state = b.state
    now_ms = b.now_ms()
    held: list[dict[str, Any]] = [
        {
            "message_id": h.message_id,
            "room": h.room,
            "user": msgspec.to_builtins(h.user),
            "text": h.text,
            "term": h.term,
            "created_ms": h.created_ms,
        }
        for h in state.held_messages(MAX_HELD_LISTED)
    ]
    bans = [
        {"user_id": user_id, "user_name": _name(b, user_id), "reason": reason}
        for user_id, reason in state.bans.items()
    ]
    timeouts = [
        {"user_id": user_id, "user_name": _name(b, user_id), "until_ms": until_ms}
        for user_id, until_ms in state.timeouts.items()
        if until_ms > now_ms and user_id not in state.bans
    ]
    return {
        "blocked_terms": list(state.blocked_terms),
        "held": held,
        "bans": bans,
        "timeouts": timeouts,
    }


def _name(b: Backend, user_id: str) -> str:
    account = b.accounts.get(user_id)
    return account.name if account is not None else user_id


HANDLERS: dict[type[CommandData], Handler] = {
    SetBlockedTerms: set_blocked_terms,
    GetModeration: get_moderation,
}
