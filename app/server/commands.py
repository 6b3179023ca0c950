"""What a command handler is, and how it refuses a command."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

# What a handler answers: the `result` of the command's ack (PROTOCOL.md §5), or None. The
# client's `app.client.state.CommandResult` is the other end: the ack or error as it arrived.
AckResult = dict[str, Any] | None

# A handler validates, changes state and appends events; it does not wait for durability
# (the backend does, once, after the handler) and it raises Refused instead of returning errors.
Handler = Callable[["Backend", "Account", str, Any], AckResult]


class Refused(Exception):
    """A command the backend will not apply; becomes an Error frame with this code."""

    def __init__(self, code: str, message: str, retry_after_ms: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after_ms = retry_after_ms
