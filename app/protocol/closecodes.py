"""Websocket close codes of the LiveDesk protocol and whether a client may resume after them."""

from __future__ import annotations

from enum import IntEnum


class Close(IntEnum):
    NORMAL = 1000
    GOING_AWAY = 1001  # server shutting down or restarting
    INVALID_DATA = 1007  # a text frame that is not UTF-8 (RFC 6455; sent by websockets)
    TOO_BIG = 1009  # a frame over the size limit (sent by the websockets library)
    SERVER_ERROR = 1011
    UNKNOWN_ERROR = 4000
    AUTH_FAILED = 4001
    BAD_FRAMES = 4002  # too many malformed frames in a row
    REVOKED = 4003  # the account's token or invite was revoked
    UNSUPPORTED_VERSION = 4004
    NOT_IDENTIFIED = 4005  # a command before identify, or no identify in time
    RATE_LIMITED = 4008
    SLOW_CONSUMER = 4009
    HEARTBEAT_TIMEOUT = 4010
    REPLACED = 4011  # reserved


# Codes after which reconnecting with the same credentials cannot succeed.
FINAL_CLOSE_CODES = frozenset(
    {Close.AUTH_FAILED, Close.REVOKED, Close.UNSUPPORTED_VERSION, Close.BAD_FRAMES}
)


def is_resumable(code: int | None) -> bool:
    """True if the client should reconnect and resume after a close with this code."""
    return code not in FINAL_CLOSE_CODES


# Error codes carried in `error` frames (the connection stays open).
ERROR_CODES = {
    "bad_frame": "the frame is not valid JSON",
    "bad_request": "valid JSON, but not a valid message (unknown type, wrong field type, ...)",
    "forbidden": "the account's role may not do this",
    "not_found": "the target message, user, inquiry or invite does not exist",
    "rate_limited": "too many commands; retry_after_ms says when to try again",
    "slow_mode": "the room is in slow mode; retry_after_ms says when to try again",
    "timed_out": "the user is timed out; retry_after_ms says until when",
    "banned": "the user is banned from this channel",
    "members_only": "the room is members-only, or Below Room and the user is not a member",
    "invalid_state": "the change is not allowed from the current state",
    "internal": "the server failed to apply the command; it was not applied",
}
