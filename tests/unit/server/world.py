"""The server tests' harness: a started backend on a clock the test moves, with a creator, a
moderator and two viewers, and helpers to run commands as any of them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from app.protocol.frames import Ack, Error, Event
from app.protocol.payloads import CommandData, EventData, LedgerEntry, SendGift
from app.server.backend import Account, Backend

T = TypeVar("T")
E = TypeVar("E", bound=EventData)
START = 1_800_000_000.0


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class World:
    """A started backend with a creator, a moderator and two viewers."""

    def __init__(self, backend: Backend, clock: FakeClock) -> None:
        self.b = backend
        self.clock = clock
        self.creator, self.creator_token = backend.demo_creator()
        self.mod, self.mod_token = backend.create_account("Sam", "moderator")
        self.viewer, self.viewer_token = backend.create_account("Vic", "viewer")
        self.other, _ = backend.create_account("Ola", "viewer")
        self._rid = 0

    async def run(self, account: Account, cmd: CommandData, rid: str | None = None) -> Ack | Error:
        if rid is None:
            self._rid += 1
            rid = f"rid-{self._rid}"
        return await self.b.execute(account, rid, cmd)

    async def ok(self, account: Account, cmd: CommandData) -> dict[str, Any]:
        reply = await self.run(account, cmd)
        assert isinstance(reply, Ack), reply
        return reply.result or {}

    async def refused(self, account: Account, cmd: CommandData, code: str) -> Error:
        reply = await self.run(account, cmd)
        assert isinstance(reply, Error), reply
        assert reply.code == code, reply
        return reply

    async def gift(self, account: Account, gift_id: str, combo: str) -> None:
        """One gift, ended at once (counted in the ledger)."""
        await self.ok(account, SendGift(gift_id=gift_id, combo_id=combo, count=1, end=True))

    def events(self, ch: str) -> list[Event]:
        return self.b.hub.read(ch, 0, None, 100_000)

    def of_type(self, ch: str, kind: type[E]) -> list[E]:
        return [e.data for e in self.events(ch) if isinstance(e.data, kind)]


def run_world(
    tmp_path: Path,
    scenario: Callable[[World], Awaitable[T]],
    *,
    clock: FakeClock | None = None,
    streak_timeout_s: float = 5.0,
) -> T:
    """Start a backend in `tmp_path`, run `scenario(world)`, close the backend."""
    clock = clock or FakeClock()

    async def main() -> T:
        backend = Backend(tmp_path / "data", clock=clock, streak_timeout_s=streak_timeout_s)
        await backend.start()
        try:
            return await scenario(World(backend, clock))
        finally:
            await backend.close()

    return asyncio.run(main())


def ledger_entries(result: dict[str, Any]) -> list[tuple[int, LedgerEntry]]:
    """The (ts, entry) pairs of an `earnings.ledger` result."""
    return [(row["ts"], msgspec.convert(row["entry"], LedgerEntry)) for row in result["entries"]]
