"""The simulated audience: deterministic per seed, lively, and a load generator at a given rate."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from app.protocol.frames import Ack, Error
from app.protocol.payloads import (
    BanUser,
    CommandData,
    CreateInquiry,
    GiftStreakEnded,
    ListInquiries,
    ReplyInquiry,
    SendGift,
    SendMessage,
    Service,
    SetServices,
    StartLive,
    Subscribe,
    ViewerCount,
)
from app.server.accounts import Account
from app.server.audience import SimulatedAudience
from app.server.audience_text import DEMO_SERVICES, public_line, viewer_names
from app.server.backend import Backend

T = TypeVar("T")


class RecordingBackend(Backend):
    """A real Backend that also remembers every command it was asked to apply, in order."""

    def __init__(self, data_dir: Path, **kwargs: Any) -> None:
        super().__init__(data_dir, **kwargs)
        self.commands: list[tuple[Account, CommandData]] = []

    async def execute(self, account: Account, rid: str, cmd: CommandData) -> Ack | Error:
        self.commands.append((account, cmd))
        return await super().execute(account, rid, cmd)


def _run(data_dir: Path, body: Callable[[RecordingBackend], Awaitable[T]], **kw: Any) -> T:
    async def main() -> T:
        backend = RecordingBackend(data_dir, **kw)
        await backend.start()
        try:
            return await body(backend)
        finally:
            await backend.close()

    return asyncio.run(main())


def _normalized(commands: list[tuple[Account, CommandData]]) -> list[tuple[str, Any]]:
    """Commands as comparable data; ids made by a run (combos, inquiries) become ordinals."""
    ordinals: dict[str, str] = {}
    out = []
    for account, cmd in commands:
        data = msgspec.to_builtins(cmd)
        for key in ("combo_id", "inquiry_id"):
            if key in data:
                data[key] = ordinals.setdefault(data[key], f"#{len(ordinals)}")
        out.append((account.name, data))
    return out


async def _inquiries(backend: Backend) -> list[dict[str, Any]]:
    """The creator's inbox, asked for the way a client asks (no peeking at server internals)."""
    creator, _token = backend.demo_creator()
    reply = await backend.execute(creator, f"list-{id(backend)}", ListInquiries(limit=1000))
    assert isinstance(reply, Ack) and reply.result is not None
    inquiries: list[dict[str, Any]] = reply.result["inquiries"]
    return inquiries


def _record(seed: int, seconds: float) -> Callable[[RecordingBackend], Awaitable[list[Any]]]:
    async def body(backend: RecordingBackend) -> list[Any]:
        await SimulatedAudience(backend, seed=seed).simulate(seconds)
        return _normalized(backend.commands)

    return body


def test_same_seed_gives_the_same_commands_and_another_seed_does_not(tmp_path: Path) -> None:
    first = _run(tmp_path / "a", _record(7, 6.0))
    second = _run(tmp_path / "b", _record(7, 6.0))
    other = _run(tmp_path / "c", _record(8, 6.0))
    assert len(first) > 50
    assert first == second
    assert first != other


def test_lively_mode_fills_both_rooms_with_gifts_members_and_inquiries(tmp_path: Path) -> None:
    async def body(backend: RecordingBackend) -> None:
        audience = SimulatedAudience(backend, seed=3)
        await audience.simulate(5.0)
        await asyncio.sleep(0.5)  # let the backend time out the streak without end marker
        await backend.expire_streaks()
        cmds = [cmd for _account, cmd in backend.commands]
        creator_cmds = [cmd for account, cmd in backend.commands if account.role == "creator"]
        assert [type(c) for c in creator_cmds] == [SetServices, StartLive]
        assert creator_cmds[0] == SetServices(DEMO_SERVICES)
        assert backend.services() == DEMO_SERVICES

        public = [c for c in cmds if isinstance(c, SendMessage) and c.room == "public"]
        below = [c for c in cmds if isinstance(c, SendMessage) and c.room == "below"]
        assert 5 * 4 <= len(public) <= 5 * 25
        assert below
        assert any(isinstance(c, Subscribe) for c in cmds)
        assert any(isinstance(c, CreateInquiry) for c in cmds)
        gifts = [c for c in cmds if isinstance(c, SendGift)]
        assert gifts
        ended_combos = {g.combo_id for g in gifts if g.end}
        assert any(g.combo_id not in ended_combos for g in gifts), "no streak without end marker"
        assert not audience.errors

        events = backend.hub.read("public", 0, None, 100_000)
        reasons = {e.data.reason for e in events if isinstance(e.data, GiftStreakEnded)}
        assert "timeout" in reasons
        assert any(isinstance(e.data, ViewerCount) for e in events)
        below_events = backend.hub.read("below", 0, None, 100_000)
        assert len(below_events) == len(below)
        inquiries = await _inquiries(backend)
        assert inquiries and {i["service_id"] for i in inquiries} <= {s.id for s in DEMO_SERVICES}

    _run(tmp_path, body, streak_timeout_s=0.2)


def test_streak_reports_grow_and_follow_ups_reach_their_inquiry(tmp_path: Path) -> None:
    async def body(backend: RecordingBackend) -> None:
        audience = SimulatedAudience(backend, seed=11)
        for _ in range(6):  # follow-ups are rare: simulate until one came (at most 3 minutes)
            await audience.simulate(30.0)
            if any(isinstance(c, ReplyInquiry) for _a, c in backend.commands):
                break
        counts: dict[tuple[str, str], list[int]] = {}
        ends: dict[tuple[str, str], int] = {}
        for account, cmd in backend.commands:
            if isinstance(cmd, SendGift):
                key = (account.id, cmd.combo_id)
                if cmd.end:
                    ends[key] = ends.get(key, 0) + 1
                else:
                    counts.setdefault(key, []).append(cmd.count)
        assert all(n == 1 for n in ends.values())
        for reported in counts.values():
            assert reported == sorted(reported) and max(reported) <= 50
        assert any(len(reported) > 3 for reported in counts.values())
        follow_ups = [c for _a, c in backend.commands if isinstance(c, ReplyInquiry)]
        owners = {i["inquiry_id"]: i["user"]["id"] for i in await _inquiries(backend)}
        for account, cmd in backend.commands:
            if isinstance(cmd, ReplyInquiry):
                assert owners[cmd.inquiry_id] == account.id
        assert follow_ups

    _run(tmp_path, body)


def test_an_existing_bio_and_live_session_are_kept(tmp_path: Path) -> None:
    own = (Service(id="own", title="Knitting class", category="skill_training"),)

    async def body(backend: RecordingBackend) -> None:
        creator, _token = backend.demo_creator()
        await backend.execute(creator, "r1", SetServices(own))
        await backend.execute(creator, "r2", StartLive("My own stream"))
        await SimulatedAudience(backend, seed=1).simulate(4.0)
        creator_cmds = [c for a, c in backend.commands if a.role == "creator"]
        assert len(creator_cmds) == 2  # only this test's own two commands
        assert backend.services() == own
        asked = {c.service_id for _a, c in backend.commands if isinstance(c, CreateInquiry)}
        assert asked == {"own"}

    _run(tmp_path, body)


def test_a_banned_viewer_stops_talking(tmp_path: Path) -> None:
    async def body(backend: RecordingBackend) -> None:
        audience = SimulatedAudience(backend, seed=5, viewers=3)
        await audience.simulate(2.0)
        victim = next(a for a, c in backend.commands if isinstance(c, SendMessage))
        creator, _token = backend.demo_creator()
        result = await backend.execute(creator, "ban", BanUser(user_id=victim.id))
        assert isinstance(result, Ack)
        before = len(backend.commands)
        await audience.simulate(5.0)
        after_ban = [c for a, c in backend.commands[before:] if a.id == victim.id]
        # Refused at once; more than one only if several were already planned for one tick.
        assert 1 <= len(after_ban) <= 3
        assert audience.errors["banned"] == len(after_ban)
        assert any(a.id != victim.id for a, _c in backend.commands[before:])

    _run(tmp_path, body)


def test_start_runs_in_real_time_and_stop_cancels_cleanly(tmp_path: Path) -> None:
    async def body(backend: RecordingBackend) -> None:
        audience = SimulatedAudience(backend, seed=2)
        await audience.start()
        await audience.start()  # a second start is a no-op
        await asyncio.sleep(1.0)
        await audience.stop()
        sent = len(backend.commands)
        assert 3 <= sent <= 80
        await asyncio.sleep(0.2)
        assert len(backend.commands) == sent
        await audience.stop()  # stopping twice is harmless
        assert not [t for t in asyncio.all_tasks() if t.get_name() == "simulated-audience"]

    _run(tmp_path, body)


def test_rate_mode_reaches_roughly_the_asked_rate(tmp_path: Path) -> None:
    async def body(backend: RecordingBackend) -> None:
        audience = SimulatedAudience(backend, seed=4, rate=2000)
        await audience.start()
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.sleep(2.0)
        await audience.stop()
        elapsed = loop.time() - started
        public = sum(
            1 for _a, c in backend.commands if isinstance(c, SendMessage) and c.room == "public"
        )
        assert public >= 0.5 * 2000 * elapsed, f"{public} messages in {elapsed:.2f} s"
        assert public <= 2000 * elapsed + 100
        assert backend.hub.heads()["public"] >= public * 0.9

    _run(tmp_path, body)


def test_viewer_names_are_deterministic_distinct_and_clean() -> None:
    names = viewer_names(random.Random(1), 500)
    assert names == viewer_names(random.Random(1), 500)
    assert names != viewer_names(random.Random(2), 500)
    assert len(set(names)) == 500
    assert all(3 <= len(n) <= 64 for n in names)


def test_chat_lines_are_varied_and_some_carry_markup() -> None:
    rng = random.Random(0)
    lines = [public_line(rng, "Creator") for _ in range(5_000)]
    assert len(set(lines)) > 60
    assert any("<" in line for line in lines)
    assert all(1 <= len(line) <= 500 for line in lines)


def test_off_air_the_early_crowd_chats_and_nobody_gifts_until_the_creator_goes_live(
    tmp_path: Path,
) -> None:
    async def body(backend: RecordingBackend) -> None:
        audience = SimulatedAudience(backend, seed=5, go_live=False)
        await audience.simulate(20.0)
        creator, _ = backend.demo_creator()
        assert backend.snapshot(creator).live is None  # the creator goes live, not the demo
        said = [
            (cmd.room, cmd.text) for _, cmd in backend.commands if isinstance(cmd, SendMessage)
        ]
        public = [text for room, text in said if room == "public"]
        # A quarter of the lively rate (5-10 lines/s): the early crowd is there, and quieter.
        assert 10 <= len(public) <= 20.0 * 10 * 0.5
        assert any(room == "below" for room, _ in said)
        assert audience.sent["SendGift"] == 0
        assert audience.sent["CreateInquiry"] > 0  # questions come in any time
        reply = await backend.execute(creator, "go", StartLive(title="First live"))
        assert isinstance(reply, Ack)
        await audience.simulate(10.0)
        assert audience.sent["SendGift"] > 0

    _run(tmp_path, body)


def test_the_console_demo_starts_off_air_even_after_quitting_while_live(tmp_path: Path) -> None:
    from app.server.embedded import start_embedded, stop_embedded

    async def main() -> None:
        es = await start_embedded(tmp_path, demo=False)
        creator, _ = es.backend.demo_creator()
        assert isinstance(await es.backend.execute(creator, "go", StartLive(title="x")), Ack)
        await stop_embedded(es)  # quit while live
        es = await start_embedded(tmp_path, demo=True, seed=1, audience_goes_live=False)
        try:
            assert es.backend.snapshot(creator).live is None
        finally:
            await stop_embedded(es)

    asyncio.run(main())
