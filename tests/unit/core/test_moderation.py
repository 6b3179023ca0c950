"""The moderator's data: held queue, moderation log, ban and timeout book."""

from __future__ import annotations

import itertools

from app.core.moderation import HeldQueue, ModerationLog, UserStatusBook
from app.protocol.frames import Event
from app.protocol.payloads import (
    AuditEntry,
    EventData,
    HeldResolved,
    MessageHeld,
    UserBanned,
    UserRef,
    UserTimedOut,
    UserUnbanned,
)

MIA = UserRef(id="u1", name="Mia", badges=("member:1",))
SAM = UserRef(id="m1", name="Sam", badges=("moderator",))
_seq = itertools.count(1)


def ev(data: EventData, ts: int = 1000, ch: str = "mod") -> Event:
    n = next(_seq)
    return Event(ch=ch, seq=n, id=f"e{n}", ts=ts, data=data)


def held(mid: str, text: str = "free coins") -> Event:
    return ev(MessageHeld(message_id=mid, room="public", user=MIA, text=text, term="free*coins"))


def test_held_queue_adds_once_and_removes_on_resolve() -> None:
    queue = HeldQueue()
    assert queue.apply(held("a")) and queue.apply(held("b"))
    assert not queue.apply(held("a"))  # the same message again (a replay)
    assert [i.message_id for i in queue.items()] == ["a", "b"]
    assert queue.apply(ev(HeldResolved(message_id="a", approved=True, by="m1")))
    assert [i.message_id for i in queue.items()] == ["b"]
    assert queue.get("b") is not None and queue.get("b").term == "free*coins"  # type: ignore[union-attr]


def test_a_resolved_message_never_comes_back_from_an_older_list() -> None:
    queue = HeldQueue()
    queue.apply(ev(HeldResolved(message_id="a", approved=False, by="m1")))
    row = {"message_id": "a", "room": "public", "user": {"id": "u1", "name": "Mia"}, "text": "x"}
    queue.reset([row, {**row, "message_id": "b", "created_ms": 5}])
    assert [i.message_id for i in queue.items()] == ["b"]
    assert queue.get("b").created_ms == 5  # type: ignore[union-attr]
    assert not queue.apply(held("a"))


def test_held_queue_is_bounded() -> None:
    queue = HeldQueue(limit=3)
    for mid in "abcde":
        queue.apply(held(mid))
    assert [i.message_id for i in queue.items()] == ["c", "d", "e"]


def audit(aid: str, ts: int, action: str = "user.timeout") -> Event:
    return ev(
        AuditEntry(
            audit_id=aid,
            actor=SAM,
            action=action,
            target_user_id="u1",
            target_name="Mia",
            reason="spam",
            seconds=600,
        ),
        ts=ts,
    )


def test_log_is_newest_first_without_doubles_and_bounded() -> None:
    log = ModerationLog(limit=3)
    fresh = log.add([audit("a1", 10), audit("a2", 20), held("x")])
    assert [e.audit_id for e in fresh] == ["a1", "a2"]
    assert log.add([audit("a1", 10)]) == []
    log.add([audit("a3", 30), audit("a4", 40)])
    assert [e.audit_id for e in log.entries()] == ["a4", "a3", "a2"]
    entry = log.entries()[0]
    assert (entry.actor.name, entry.action, entry.target_name, entry.seconds, entry.ts) == (
        "Sam",
        "user.timeout",
        "Mia",
        600,
        40,
    )
    # Replayed history that is older than everything kept is dropped, not returned.
    assert log.add([audit("a0", 1)]) == []


def test_status_book_follows_timeouts_bans_and_unbans() -> None:
    book = UserStatusBook()
    book.reset([{"user_id": "u2", "user_name": "Ola", "reason": "rude"}], [])
    assert book.status("u2").banned and book.status("u2").ban_reason == "rude"
    book.apply(ev(UserTimedOut(user_id="u1", user_name="Mia", seconds=60, until_ms=5000, by="m")))
    assert book.status("u1").timed_out(4999) and not book.status("u1").timed_out(5000)
    book.apply(ev(UserBanned(user_id="u1", user_name="Mia", by="m", reason="spam")))
    book.apply(ev(UserUnbanned(user_id="u1", user_name="Mia", by="m")))
    status = book.status("u1")
    assert not status.banned and status.timed_out_until_ms is None
    assert not book.apply(held("z"))


def test_a_held_message_ban_or_timeout_that_cannot_be_read_is_refused_and_the_rest_taken() -> None:
    queue = HeldQueue()
    row = {"message_id": "a", "room": "public", "user": {"id": "u1", "name": "Mia"}, "text": "x"}
    refused = queue.reset(
        [
            {**row, "user": "Mia"},
            row,
            {**row, "message_id": "c", "text": ""},
            {**row, "message_id": "d", "mood": "odd"},
        ]
    )
    assert [i.message_id for i in queue.items()] == ["a"]
    assert len(refused) == 3 and all(r.startswith("a held message: ") for r in refused)
    assert "`$.user`" in refused[0] and "`$.text`" in refused[1] and "`mood`" in refused[2]
    assert queue.reset("not a list") == ["a held message: not a list"] and len(queue) == 0

    book = UserStatusBook()
    refused = book.reset(
        [{"user_id": "u2", "user_name": "Ola", "reason": "rude"}, {"user_id": "u3"}],
        [{"user_id": "u4", "user_name": "Kai", "until_ms": "soon"}],
    )
    assert book.status("u2").banned and not book.status("u3").banned
    assert book.status("u4").timed_out_until_ms is None
    assert refused[0].startswith("a ban: ") and refused[1].startswith("a timeout: ")
