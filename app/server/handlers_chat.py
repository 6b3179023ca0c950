"""Handlers for sending chat messages, resolving held ones, and reading a channel's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from app.core import roles
from app.protocol.payloads import (
    ChatMessage,
    CommandData,
    FetchHistory,
    HeldResolved,
    MessageHeld,
    ResolveHeld,
    Room,
    SendMessage,
    UserRef,
)
from app.server.commands import AckResult, Handler, Refused
from app.server.recent_messages import RecentMessage
from app.server.state import HeldMessage

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

ROOM_CHANNELS: dict[Room, str] = {"public": roles.PUBLIC, "below": roles.BELOW}


def send_message(b: Backend, account: Account, rid: str, cmd: SendMessage) -> AckResult:
    state = b.state
    user_id = account.id
    room = cmd.room
    mode = state.rooms[room]
    now_ms = b.now_ms()
    viewer = account.role == "viewer"
    # Creator and moderators are exempt from timeouts, room modes and blocked terms.
    if viewer:
        until_ms = state.timeouts.get(user_id)
        if until_ms is not None and until_ms > now_ms:
            raise Refused("timed_out", "You are timed out.", retry_after_ms=until_ms - now_ms)
        if user_id not in state.members:
            if room == "below":
                raise Refused("members_only", "Below Room is for members only.")
            if mode.members_only:
                raise Refused("members_only", "The chat is in members-only mode.")
        if mode.slow_mode_s:
            last_ms = state.chat_times.get((user_id, room))
            wait_ms = mode.slow_mode_s * 1000 - (now_ms - last_ms) if last_ms is not None else 0
            if wait_ms > 0:
                raise Refused(
                    "slow_mode",
                    f"Slow mode: one message every {mode.slow_mode_s} s.",
                    retry_after_ms=wait_ms,
                )
    reply_to = cmd.reply_to
    if reply_to is not None:
        replied = b.recent.get(reply_to)
        if replied is None or replied.room != room:
            reply_to = None
    message_id = b.new_id("m")
    state.note_chat_time(user_id, room, now_ms)
    if viewer and state.blocked:
        match = state.blocked.first_match(cmd.text)
        if match is not None:
            user = b.user_ref(user_id)
            held = HeldMessage(message_id, room, user, cmd.text, reply_to, match.term, now_ms)
            state.hold(held)
            b.emit(
                roles.MOD,
                MessageHeld(
                    message_id=message_id, room=room, user=user, text=cmd.text, term=held.term
                ),
                rid,
            )
            return {"message_id": message_id, "held": True}
    publish(b, message_id, room, b.user_ref(user_id), cmd.text, reply_to, rid)
    return {"message_id": message_id}


def publish(
    b: Backend,
    message_id: str,
    room: Room,
    user: UserRef,
    text: str,
    reply_to: str | None,
    rid: str | None,
) -> None:
    """Put a chat message in its room and remember it for delete, pin and replies."""
    # FIRST welcomes a newcomer to the room; the creator is at home in both.
    first = "creator" not in user.badges and b.state.note_chatter(room, user.id)
    message = ChatMessage(
        message_id=message_id,
        room=room,
        user=user,
        text=text,
        reply_to=reply_to,
        first_in_room=first,
    )
    b.emit(ROOM_CHANNELS[room], message, rid)
    b.recent.add(RecentMessage(message_id, room, user, text))


def resolve_held(b: Backend, account: Account, rid: str, cmd: ResolveHeld) -> AckResult:
    held = b.state.take_held(cmd.message_id)
    if held is None:
        raise Refused("not_found", "No held message with this id (already resolved?).")
    if cmd.approve:
        # Badges as they are now: the message appears now.
        user = b.user_ref(held.user.id)
        publish(b, held.message_id, held.room, user, held.text, held.reply_to, rid)
    b.emit(
        roles.MOD,
        HeldResolved(message_id=held.message_id, approved=cmd.approve, by=account.id),
        rid,
    )
    b.audit(
        account,
        "held.approve" if cmd.approve else "held.remove",
        rid,
        target_user_id=held.user.id,
        target_message_id=held.message_id,
        reason=f"matched {held.term!r}",
    )
    return {"message_id": held.message_id, "approved": cmd.approve}


def fetch_history(b: Backend, account: Account, rid: str, cmd: FetchHistory) -> AckResult:
    if cmd.channel not in b.readable_channels(account):
        raise Refused("forbidden", f"A {account.role} may not read {cmd.channel!r}.")
    events = b.hub.read(cmd.channel, cmd.after_seq, cmd.before_seq, cmd.limit)
    return {"events": [msgspec.to_builtins(event) for event in events]}


HANDLERS: dict[type[CommandData], Handler] = {
    SendMessage: send_message,
    ResolveHeld: resolve_held,
    FetchHistory: fetch_history,
}
