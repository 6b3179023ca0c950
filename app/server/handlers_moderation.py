"""Handlers for moderation: delete, pin, room modes, timeouts, bans, and the on-camera queue."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.core import roles
from app.protocol.payloads import (
    BanUser,
    CommandData,
    DeleteMessage,
    MarkAnswered,
    MessageDeleted,
    MessagePinned,
    MessageUnpinned,
    OnCameraChanged,
    PinMessage,
    QueueOnCamera,
    RoomModeChanged,
    SetRoomMode,
    TimeoutUser,
    UnbanUser,
    UnpinMessage,
    UserBanned,
    UserTimedOut,
    UserUnbanned,
)
from app.server.commands import AckResult, Handler, Refused
from app.server.handlers_chat import ROOM_CHANNELS
from app.server.recent_messages import RecentMessage
from app.server.state import OnCameraItem, PinnedMessage

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend


def _recent(b: Backend, message_id: str) -> RecentMessage:
    message = b.recent.get(message_id)
    if message is None:
        raise Refused("not_found", "That message is no longer known to the server.")
    return message


def _viewer(b: Backend, user_id: str, what: str) -> Account:
    target = b.accounts.get(user_id)
    if target is None:
        raise Refused("not_found", "No such user.")
    if target.role != "viewer":
        raise Refused("forbidden", f"The creator and moderators cannot be {what}.")
    return target


def delete_message(b: Backend, account: Account, rid: str, cmd: DeleteMessage) -> AckResult:
    message = _recent(b, cmd.message_id)
    b.recent.remove(message.message_id)
    channel = ROOM_CHANNELS[message.room]
    b.emit(
        channel,
        MessageDeleted(message_id=message.message_id, room=message.room, by=account.id),
        rid,
    )
    mode = b.state.rooms[message.room]
    if mode.pinned is not None and mode.pinned.message_id == message.message_id:
        b.state.set_room(message.room, replace(mode, pinned=None))
        b.emit(channel, MessageUnpinned(room=message.room, by=account.id), rid)
    b.audit(
        account,
        "chat.delete",
        rid,
        target_user_id=message.user.id,
        target_message_id=message.message_id,
    )
    return {"message_id": message.message_id}


def pin_message(b: Backend, account: Account, rid: str, cmd: PinMessage) -> AckResult:
    message = _recent(b, cmd.message_id)
    mode = b.state.rooms[message.room]
    pinned = PinnedMessage(message.message_id, message.text, message.user)
    b.state.set_room(message.room, replace(mode, pinned=pinned))
    b.emit(
        ROOM_CHANNELS[message.room],
        MessagePinned(
            room=message.room,
            message_id=message.message_id,
            text=message.text,
            user=message.user,
            by=account.id,
        ),
        rid,
    )
    b.audit(
        account,
        "chat.pin",
        rid,
        target_user_id=message.user.id,
        target_message_id=message.message_id,
    )
    return {"message_id": message.message_id}


def unpin_message(b: Backend, account: Account, rid: str, cmd: UnpinMessage) -> AckResult:
    mode = b.state.rooms[cmd.room]
    if mode.pinned is None:
        raise Refused("invalid_state", "Nothing is pinned in this room.")
    b.state.set_room(cmd.room, replace(mode, pinned=None))
    b.emit(ROOM_CHANNELS[cmd.room], MessageUnpinned(room=cmd.room, by=account.id), rid)
    b.audit(account, "chat.unpin", rid, target_message_id=mode.pinned.message_id)
    return None


def set_room_mode(b: Backend, account: Account, rid: str, cmd: SetRoomMode) -> AckResult:
    mode = b.state.rooms[cmd.room]
    slow = mode.slow_mode_s if cmd.slow_mode_s is None else cmd.slow_mode_s
    members_only = mode.members_only if cmd.members_only is None else cmd.members_only
    b.state.set_room(cmd.room, replace(mode, slow_mode_s=slow, members_only=members_only))
    b.emit(
        ROOM_CHANNELS[cmd.room],
        RoomModeChanged(room=cmd.room, slow_mode_s=slow, members_only=members_only, by=account.id),
        rid,
    )
    summary = f"{cmd.room}: slow mode {slow} s, members only {'on' if members_only else 'off'}"
    b.audit(account, "room.set_mode", rid, reason=summary)
    return {"room": cmd.room, "slow_mode_s": slow, "members_only": members_only}


def timeout_user(b: Backend, account: Account, rid: str, cmd: TimeoutUser) -> AckResult:
    target = _viewer(b, cmd.user_id, "timed out")
    until_ms = b.now_ms() + cmd.seconds * 1000
    b.state.set_timeout(target.id, until_ms)
    b.emit(
        roles.PUBLIC,
        UserTimedOut(
            user_id=target.id,
            user_name=target.name,
            seconds=cmd.seconds,
            until_ms=until_ms,
            by=account.id,
            reason=cmd.reason,
        ),
        rid,
    )
    b.audit(
        account,
        "user.timeout",
        rid,
        target_user_id=target.id,
        reason=cmd.reason,
        seconds=cmd.seconds,
    )
    return {"until_ms": until_ms}


def ban_user(b: Backend, account: Account, rid: str, cmd: BanUser) -> AckResult:
    target = _viewer(b, cmd.user_id, "banned")
    if target.id in b.state.bans:
        raise Refused("invalid_state", f"{target.name} is already banned.")
    b.state.ban(target.id, account.id, cmd.reason, b.now_ms())
    b.emit(
        roles.PUBLIC,
        UserBanned(user_id=target.id, user_name=target.name, by=account.id, reason=cmd.reason),
        rid,
    )
    b.audit(account, "user.ban", rid, target_user_id=target.id, reason=cmd.reason)
    return None


def unban_user(b: Backend, account: Account, rid: str, cmd: UnbanUser) -> AckResult:
    target = b.accounts.get(cmd.user_id)
    if target is None:
        raise Refused("not_found", "No such user.")
    timed_out = b.state.timeouts.get(target.id, 0) > b.now_ms()
    if target.id not in b.state.bans and not timed_out:
        raise Refused("invalid_state", f"{target.name} is neither banned nor timed out.")
    # Unban also lifts a timeout, as on Twitch.
    b.state.unban(target.id)
    b.emit(roles.PUBLIC, UserUnbanned(user_id=target.id, user_name=target.name, by=account.id), rid)
    b.audit(account, "user.unban", rid, target_user_id=target.id)
    return None


def queue_on_camera(b: Backend, account: Account, rid: str, cmd: QueueOnCamera) -> AckResult:
    message = _recent(b, cmd.message_id)
    if message.room != "below":
        raise Refused("invalid_state", "Only Below Room questions can be queued for the camera.")
    existing = b.state.oncamera(message.message_id)
    if existing is not None:
        raise Refused("invalid_state", f"This question is already {existing.status}.")
    item = OnCameraItem(message.message_id, message.user, message.text, "queued")
    _set_on_camera(b, account, rid, item, "oncamera.queue")
    return {"message_id": item.message_id, "status": item.status}


def mark_answered(b: Backend, account: Account, rid: str, cmd: MarkAnswered) -> AckResult:
    item = b.state.oncamera(cmd.message_id)
    if item is None:
        # Answering straight away, without queueing first, is fine.
        message = _recent(b, cmd.message_id)
        if message.room != "below":
            raise Refused("invalid_state", "Only Below Room questions are answered on camera.")
        item = OnCameraItem(message.message_id, message.user, message.text, "queued")
    if item.status == "answered":
        raise Refused("invalid_state", "This question was already answered.")
    item = replace(item, status="answered")
    _set_on_camera(b, account, rid, item, "oncamera.answered")
    return {"message_id": item.message_id, "status": item.status}


def _set_on_camera(b: Backend, account: Account, rid: str, item: OnCameraItem, action: str) -> None:
    b.state.set_oncamera(item, b.now_ms())
    b.emit(
        roles.BELOW,
        OnCameraChanged(
            message_id=item.message_id,
            status=item.status,
            user=item.user,
            text=item.text,
            by=account.id,
        ),
        rid,
    )
    b.audit(account, action, rid, target_user_id=item.user.id, target_message_id=item.message_id)


HANDLERS: dict[type[CommandData], Handler] = {
    DeleteMessage: delete_message,
    PinMessage: pin_message,
    UnpinMessage: unpin_message,
    SetRoomMode: set_room_mode,
    TimeoutUser: timeout_user,
    BanUser: ban_user,
    UnbanUser: unban_user,
    QueueOnCamera: queue_on_camera,
    MarkAnswered: mark_answered,
}
