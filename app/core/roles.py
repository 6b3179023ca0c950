"""Roles, the channels each role may read, and the commands each role may send."""

from __future__ import annotations

from app.protocol.payloads import Role

# Channels: each has its own sequence numbers and its own readers.
PUBLIC = "public"  # public chat, gifts, memberships, viewer count, live start/end, services
BELOW = "below"  # Below Room chat, its modes and pins, the on-camera queue
MOD = "mod"  # moderation audit log and held-for-review messages
CREATOR = "creator"  # earnings ledger and the Service+ inbox
USER_PREFIX = "user:"  # user:<id>: a viewer's own inquiry threads


def user_channel(user_id: str) -> str:
    return USER_PREFIX + user_id


def readable_channels(role: Role, user_id: str, is_member: bool) -> frozenset[str]:
    """Channels an account may read (and resume, and fetch history of)."""
    if role == "creator":
        return frozenset({PUBLIC, BELOW, MOD, CREATOR})
    if role == "moderator":
        return frozenset({PUBLIC, BELOW, MOD})
    channels = {PUBLIC, user_channel(user_id)}
    if is_member:
        channels.add(BELOW)
    return frozenset(channels)


_MODERATION = frozenset(
    {
        "chat.delete",
        "user.timeout",
        "user.ban",
        "user.unban",
        "chat.pin",
        "chat.unpin",
        "room.set_mode",
        "chat.resolve_held",
        "moderation.set_blocked_terms",
        "moderation.get",
        "oncamera.queue",
        "oncamera.answered",
    }
)
_CREATOR_ONLY = frozenset(
    {
        "inquiry.set_status",
        "inquiry.list",
        "inquiry.thread",
        "profile.set",
        "services.set",
        "live.start",
        "live.end",
        "invite.mint",
        "invite.revoke",
        "invite.list",
        "earnings.summary",
        "earnings.ledger",
        "pass.mint",
        "pass.list",
        "pass.renew",
        "pass.revoke",
    }
)
_VIEWER_ONLY = frozenset({"gift.send", "member.subscribe", "inquiry.create", "pass.redeem"})
_EVERYONE = frozenset({"chat.send", "history.fetch"})

ALLOWED_COMMANDS: dict[Role, frozenset[str]] = {
    "creator": _EVERYONE | _MODERATION | _CREATOR_ONLY | {"inquiry.reply"},
    "moderator": _EVERYONE | _MODERATION,
    # A viewer may reply only in their own inquiry thread; the server checks ownership.
    "viewer": _EVERYONE | _VIEWER_ONLY | {"inquiry.reply"},
}


def may_send(role: Role, command_type: str) -> bool:
    """True if an account of `role` may send commands of `command_type` at all."""
    return command_type in ALLOWED_COMMANDS[role]


def sees_money(role: Role) -> bool:
    """Earnings and the Service+ inbox are the creator's alone."""
    return role == "creator"
