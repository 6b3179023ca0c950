"""A chat message builder and a real subscriber that keeps what the event log hands it."""

from __future__ import annotations

from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, UserRef

USER = UserRef(id="u1", name="Ada")


def chat(n: int) -> ChatMessage:
    return ChatMessage(message_id=f"m{n}", room="public", user=USER, text=f"message {n}")


class Collector:
    """A real subscriber that keeps what it is given."""

    def __init__(self, account_id: str, channels: set[str]) -> None:
        self.account_id = account_id
        self.channels = channels
        self.received: list[tuple[bytes, Event]] = []
        self.closed: tuple[int, str] | None = None

    def deliver(self, encoded: bytes, event: Event) -> None:
        self.received.append((encoded, event))

    def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)

    def seqs(self, ch: str) -> list[int]:
        return [e.seq for _, e in self.received if e.ch == ch]
