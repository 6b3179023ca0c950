"""Handlers for the creator's inbox queries and profile: inquiry.thread, profile.set."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from app.core import roles
from app.protocol.payloads import (
    CommandData,
    CreatorProfile,
    GetInquiryThread,
    ProfileChanged,
    SetProfile,
)
from app.server.commands import AckResult, Handler, Refused

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend


def inquiry_thread(b: Backend, account: Account, rid: str, cmd: GetInquiryThread) -> AckResult:
    store = b.state.inquiries
    inquiry = store.get(cmd.inquiry_id)
    if inquiry is None:
        raise Refused("not_found", "No such inquiry.")
    [item] = store.list_items([inquiry])
    return {"inquiry": item, **store.thread(inquiry.inquiry_id)}


def set_profile(b: Backend, account: Account, rid: str, cmd: SetProfile) -> AckResult:
    old = b.state.profile
    new = old
    if cmd.adult_confirmed is not None:
        new = msgspec.structs.replace(new, adult_confirmed=cmd.adult_confirmed)
    if cmd.competence_note is not None:
        new = msgspec.structs.replace(new, competence_note=cmd.competence_note.strip())
    if new != old:
        publish_profile(b, new, rid)
    return {"profile": msgspec.to_builtins(new)}


def publish_profile(b: Backend, profile: CreatorProfile, rid: str | None) -> None:
    """Store the profile and tell the creator's windows (the creator channel only)."""
    b.state.set_profile(profile)
    b.emit(roles.CREATOR, ProfileChanged(profile=profile), rid)


HANDLERS: dict[type[CommandData], Handler] = {
    GetInquiryThread: inquiry_thread,
    SetProfile: set_profile,
}
