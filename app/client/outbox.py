"""Commands waiting for their Ack: send order, what is still to write, and pacing."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.protocol.payloads import CommandData


@dataclass
class PendingCommand:
    rid: str
    cmd: CommandData
    saved: bool  # written to the local store's outbox, so it survives a restart


class Outbox:
    """In-memory mirror of the store's outbox, in send order.

    A command is written to the socket only once it is saved, at most once per
    connection; after a reconnect every unanswered command is written again with its
    original rid (the server answers a repeated rid with the original Ack).
    """

    def __init__(self) -> None:
        self._pending: dict[str, PendingCommand] = {}
        self._to_write: deque[str] | None = None  # None while not connected
        self.generation = 0  # bumps on every connection, so stale retries are ignored

    def __len__(self) -> int:
        return len(self._pending)

    def __contains__(self, rid: object) -> bool:
        return rid in self._pending

    def add(self, rid: str, cmd: CommandData, *, saved: bool = False) -> None:
        self._pending[rid] = PendingCommand(rid, cmd, saved)

    def restore(self, saved: Iterable[tuple[str, CommandData]]) -> None:
        """Put commands from a previous run ahead of any added since."""
        restored = {rid: PendingCommand(rid, cmd, True) for rid, cmd in saved}
        restored.update(self._pending)
        self._pending = restored

    def find(self, cmd: CommandData) -> str | None:
        """The rid of a pending command equal to `cmd`, if there is one."""
        for rid, entry in self._pending.items():
            if entry.cmd == cmd:
                return rid
        return None

    def mark_saved(self, rid: str) -> None:
        entry = self._pending.get(rid)
        if entry is None:
            return
        entry.saved = True
        if self._to_write is not None:
            self._to_write.append(rid)

    def resolve(self, rid: str) -> PendingCommand | None:
        """The command got its answer: forget it. None if it was not pending."""
        return self._pending.pop(rid, None)

    def connected(self) -> None:
        """A connection is ready: every saved, unanswered command is to be written."""
        self.generation += 1
        self._to_write = deque(rid for rid, entry in self._pending.items() if entry.saved)

    def disconnected(self) -> None:
        self._to_write = None

    def retry(self, rid: str, generation: int) -> None:
        """Write `rid` again on this connection (after a rate_limited answer)."""
        if generation == self.generation and self._to_write is not None and rid in self._pending:
            self._to_write.append(rid)

    def next_to_write(self) -> PendingCommand | None:
        """The next command to write on this connection, or None if there is none now."""
        queue = self._to_write
        while queue:
            entry = self._pending.get(queue.popleft())
            if entry is not None:
                return entry
        return None


class CommandPacer:
    """Keeps writes under the server's commands-per-minute limit (sliding window).

    Staying under the limit matters after a long offline spell: the server rejects
    commands beyond the limit and closes the connection at twice the limit.
    """

    def __init__(
        self,
        per_minute: int,
        *,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_window = max(1, per_minute)
        self.window_s = window_s
        self._clock = clock
        self._sent: deque[float] = deque()

    def delay(self) -> float:
        """Seconds to wait before the next write is allowed (0.0: now)."""
        now = self._clock()
        sent = self._sent
        while sent and now - sent[0] >= self.window_s:
            sent.popleft()
        if len(sent) < self.per_window:
            return 0.0
        return sent[0] + self.window_s - now

    def record(self) -> None:
        self._sent.append(self._clock())
