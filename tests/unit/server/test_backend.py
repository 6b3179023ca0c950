"""Backend.execute against real SQLite files and a real EventHub: roles, rules, money, restarts."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.core.earnings import TIER_PRICE_CENTS
from app.protocol.frames import Ack, Error
from app.protocol.payloads import (
    AnyCommandData,
    AnyEventData,
    AuditEntry,
    BanUser,
    ChatMessage,
    CommandData,
    CreateInquiry,
    DeleteMessage,
    EarningsLedger,
    EarningsSummary,
    EndLive,
    FetchHistory,
    GetModeration,
    GiftStreakEnded,
    GiftStreakUpdate,
    HeldResolved,
    InquiryCreated,
    InquiryMessage,
    InquiryStatusChanged,
    LedgerEntry,
    ListInquiries,
    ListInvites,
    MarkAnswered,
    MemberJoined,
    MessageDeleted,
    MessageHeld,
    MessagePinned,
    MessageUnpinned,
    MintInvite,
    MintPass,
    OnCameraChanged,
    PinMessage,
    QueueOnCamera,
    RedeemPass,
    RenewPass,
    ReplyInquiry,
    ResolveHeld,
    RevokeInvite,
    RevokePass,
    RoomModeChanged,
    SendGift,
    SendMessage,
    Service,
    ServicesChanged,
    SetBlockedTerms,
    SetInquiryStatus,
    SetProfile,
    SetRoomMode,
    SetServices,
    StartLive,
    Subscribe,
    TimeoutUser,
    UnbanUser,
    UnpinMessage,
    UserBanned,
    UserTimedOut,
    UserUnbanned,
    ViewerCount,
)
from app.server import backend as backend_module
from app.server.backend import (
    QUERIES,
    SECRET_RESULT_KEYS,
    Account,
    repeatable_result,
)
from app.server.processed import KEEP_MS, ProcessedCommands
from tests.unit.server.world import START, FakeClock, World, run_world

BOOKED_FOR = 4_102_444_800_000  # a booking's appointment: 2100-01-01, always ahead

# --- roles -------------------------------------------------------------------------------

FORBIDDEN: list[tuple[str, CommandData]] = [
    ("moderator", EarningsSummary()),
    ("moderator", ListInquiries()),
    ("moderator", FetchHistory(channel="creator")),
    ("moderator", SetServices(services=())),
    ("moderator", StartLive()),
    ("moderator", MintInvite()),
    ("moderator", ListInvites()),
    ("moderator", SendGift(gift_id="rose", combo_id="c")),
    ("moderator", Subscribe()),
    ("viewer", DeleteMessage(message_id="m")),
    ("viewer", TimeoutUser(user_id="u", seconds=60)),
    ("viewer", BanUser(user_id="u")),
    ("viewer", UnbanUser(user_id="u")),
    ("viewer", PinMessage(message_id="m")),
    ("viewer", SetRoomMode(room="public", slow_mode_s=5)),
    ("viewer", ResolveHeld(message_id="m", approve=True)),
    ("viewer", QueueOnCamera(message_id="m")),
    ("viewer", EarningsSummary()),
    ("viewer", ListInquiries()),
    ("viewer", SetInquiryStatus(inquiry_id="q", status="open")),
    ("viewer", EndLive()),
    ("viewer", RevokeInvite(invite_id="i")),
    ("viewer", FetchHistory(channel="mod")),
    ("viewer", FetchHistory(channel="creator")),
    ("viewer", FetchHistory(channel="below")),
    ("viewer", FetchHistory(channel="user:someone-else")),
    ("creator", SendGift(gift_id="rose", combo_id="c")),
    ("creator", Subscribe()),
    ("creator", CreateInquiry(service_id="s", text="hi")),
]


@pytest.mark.parametrize(("role", "cmd"), FORBIDDEN, ids=lambda v: getattr(v, "type", v))
def test_role_matrix_forbids(tmp_path: Path, role: str, cmd: CommandData) -> None:
    async def scenario(w: World) -> None:
        account = {"creator": w.creator, "moderator": w.mod, "viewer": w.viewer}[role]
        error = await w.refused(account, cmd, "forbidden")
        assert role in error.message
        # Nothing was written to any channel.
        assert w.b.hub.heads() == {}

    run_world(tmp_path, scenario)


def test_role_matrix_allows(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.mod, SetRoomMode(room="public", slow_mode_s=0))
        await w.ok(w.mod, FetchHistory(channel="mod"))
        await w.ok(w.viewer, FetchHistory(channel=f"user:{w.viewer.id}"))
        await w.ok(w.creator, FetchHistory(channel="creator"))
        await w.ok(w.creator, EarningsSummary())
        await w.ok(w.creator, ListInquiries())

    run_world(tmp_path, scenario)


def test_below_room_is_for_members(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.refused(w.viewer, SendMessage(room="below", text="hi"), "members_only")
        await w.ok(w.viewer, Subscribe(tier=1))
        result = await w.ok(w.viewer, SendMessage(room="below", text="hi"))
        await w.ok(w.mod, SendMessage(room="below", text="mods may post"))
        await w.ok(w.creator, SendMessage(room="below", text="so may the creator"))
        [first, *_] = w.of_type("below", ChatMessage)
        assert first.message_id == result["message_id"]
        assert first.user.badges == ("member:1",)
        assert w.of_type("public", ChatMessage) == []
        assert "below" in w.b.readable_channels(w.viewer)
        assert "below" not in w.b.readable_channels(w.other)
        await w.ok(w.viewer, FetchHistory(channel="below"))

    run_world(tmp_path, scenario)


def test_members_only_mode_on_public(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.mod, SetRoomMode(room="public", members_only=True))
        await w.refused(w.viewer, SendMessage(room="public", text="hi"), "members_only")
        await w.ok(w.viewer, Subscribe(tier=2))
        await w.ok(w.viewer, SendMessage(room="public", text="hi"))
        [mode] = w.of_type("public", RoomModeChanged)
        assert mode.members_only and mode.slow_mode_s == 0 and mode.by == w.mod.id
        [audit] = w.of_type("mod", AuditEntry)
        assert audit.action == "room.set_mode" and audit.actor.id == w.mod.id

    run_world(tmp_path, scenario)


# --- idempotency and failures ------------------------------------------------------------


def test_duplicate_rid_is_applied_once(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        cmd = SendMessage(room="public", text="once")
        first = await w.run(w.viewer, cmd, rid="r1")
        second = await w.run(w.viewer, cmd, rid="r1")
        assert isinstance(first, Ack) and isinstance(second, Ack)
        assert not first.duplicate and second.duplicate
        assert second.result == first.result
        # Concurrent duplicates (a resend while the original is in flight) too.
        replies = await asyncio.gather(*(w.run(w.viewer, cmd, rid="r2") for _ in range(5)))
        assert sum(not r.duplicate for r in replies if isinstance(r, Ack)) == 1
        assert len({str(r.result) for r in replies if isinstance(r, Ack)}) == 1
        # The same rid from another account is another command.
        await w.run(w.other, cmd, rid="r1")
        assert len(w.of_type("public", ChatMessage)) == 3

    run_world(tmp_path, scenario)


def test_refused_command_may_be_retried_with_the_same_rid(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        reply = await w.run(w.viewer, SendMessage(room="below", text="hi"), rid="r")
        assert isinstance(reply, Error) and reply.rid == "r"
        await w.ok(w.viewer, Subscribe())
        reply = await w.run(w.viewer, SendMessage(room="below", text="hi"), rid="r")
        assert isinstance(reply, Ack) and not reply.duplicate

    run_world(tmp_path, scenario)


def test_handler_crash_is_an_internal_error_and_the_backend_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    handlers: dict[Any, Any] = backend_module.HANDLERS
    monkeypatch.setitem(handlers, UnpinMessage, broken)

    async def scenario(w: World) -> None:
        with caplog.at_level(logging.ERROR, logger="app.server.backend"):
            await w.refused(w.mod, UnpinMessage(room="public"), "internal")
        assert "boom" in caplog.text
        await w.ok(w.viewer, SendMessage(room="public", text="still here"))

    run_world(tmp_path, scenario)


# --- moderation --------------------------------------------------------------------------


def test_timeout_refuses_chat_until_it_expires(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.mod, TimeoutUser(user_id=w.viewer.id, seconds=60, reason="spam"))
        error = await w.refused(w.viewer, SendMessage(room="public", text="hi"), "timed_out")
        assert error.retry_after_ms == 60_000
        w.clock.advance(59.5)
        error = await w.refused(w.viewer, SendMessage(room="public", text="hi"), "timed_out")
        assert error.retry_after_ms == 500
        w.clock.advance(0.5)
        await w.ok(w.viewer, SendMessage(room="public", text="back"))
        [timed_out] = w.of_type("public", UserTimedOut)
        assert timed_out.user_id == w.viewer.id and timed_out.user_name == "Vic"
        assert timed_out.until_ms == int(START * 1000) + 60_000
        [audit] = w.of_type("mod", AuditEntry)
        assert (audit.action, audit.target_user_id, audit.reason) == (
            "user.timeout",
            w.viewer.id,
            "spam",
        )

    run_world(tmp_path, scenario)


def test_ban_and_unban(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.mod, BanUser(user_id=w.viewer.id, reason="abuse"))
        await w.refused(w.viewer, SendMessage(room="public", text="hi"), "banned")
        await w.refused(w.viewer, SendGift(gift_id="rose", combo_id="c"), "banned")
        await w.refused(w.mod, BanUser(user_id=w.viewer.id), "invalid_state")
        await w.refused(w.mod, BanUser(user_id=w.creator.id), "forbidden")
        await w.refused(w.mod, BanUser(user_id="nobody"), "not_found")
        await w.ok(w.creator, UnbanUser(user_id=w.viewer.id))
        await w.refused(w.creator, UnbanUser(user_id=w.viewer.id), "invalid_state")
        await w.ok(w.viewer, SendMessage(room="public", text="sorry"))
        assert [b.reason for b in w.of_type("public", UserBanned)] == ["abuse"]
        assert [u.by for u in w.of_type("public", UserUnbanned)] == [w.creator.id]
        actions = [a.action for a in w.of_type("mod", AuditEntry)]
        assert actions == ["user.ban", "user.unban"]

    run_world(tmp_path, scenario)


def test_slow_mode(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.viewer, SendMessage(room="public", text="before slow mode"))
        await w.ok(w.creator, SetRoomMode(room="public", slow_mode_s=30))
        w.clock.advance(10)
        error = await w.refused(w.viewer, SendMessage(room="public", text="2"), "slow_mode")
        assert error.retry_after_ms == 20_000
        await w.ok(w.other, SendMessage(room="public", text="someone else"))
        for _ in range(3):  # moderators are exempt
            await w.ok(w.mod, SendMessage(room="public", text="mod"))
        w.clock.advance(20)
        await w.ok(w.viewer, SendMessage(room="public", text="3"))
        await w.refused(w.viewer, SendMessage(room="public", text="4"), "slow_mode")

    run_world(tmp_path, scenario)


def test_delete_pin_unpin(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        msg = (await w.ok(w.viewer, SendMessage(room="public", text="pin me")))["message_id"]
        await w.ok(w.mod, PinMessage(message_id=msg))
        assert w.b.snapshot(w.viewer).rooms[0].pinned_message_id == msg
        await w.ok(w.mod, UnpinMessage(room="public"))
        await w.refused(w.mod, UnpinMessage(room="public"), "invalid_state")
        await w.ok(w.mod, PinMessage(message_id=msg))
        await w.ok(w.mod, DeleteMessage(message_id=msg))
        await w.refused(w.mod, DeleteMessage(message_id=msg), "not_found")
        await w.refused(w.mod, PinMessage(message_id="unknown"), "not_found")
        [deleted] = w.of_type("public", MessageDeleted)
        assert (deleted.message_id, deleted.by) == (msg, w.mod.id)
        assert [p.message_id for p in w.of_type("public", MessagePinned)] == [msg, msg]
        # Deleting the pinned message unpins it.
        assert len(w.of_type("public", MessageUnpinned)) == 2
        assert w.b.snapshot(w.viewer).rooms[0].pinned_message_id is None
        actions = [a.action for a in w.of_type("mod", AuditEntry)]
        assert actions == ["chat.pin", "chat.unpin", "chat.pin", "chat.delete"]

    run_world(tmp_path, scenario)


def test_on_camera_queue_takes_only_below_room_questions(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.viewer, Subscribe(tier=3))
        question = (await w.ok(w.viewer, SendMessage(room="below", text="Q?")))["message_id"]
        public = (await w.ok(w.viewer, SendMessage(room="public", text="P?")))["message_id"]
        await w.refused(w.mod, QueueOnCamera(message_id=public), "invalid_state")
        await w.ok(w.mod, QueueOnCamera(message_id=question))
        await w.refused(w.mod, QueueOnCamera(message_id=question), "invalid_state")
        await w.ok(w.creator, MarkAnswered(message_id=question))
        await w.refused(w.creator, MarkAnswered(message_id=question), "invalid_state")
        changes = w.of_type("below", OnCameraChanged)
        assert [(c.message_id, c.status) for c in changes] == [
            (question, "queued"),
            (question, "answered"),
        ]
        assert changes[0].user.badges == ("member:3",)
        actions = [a.action for a in w.of_type("mod", AuditEntry)]
        assert actions == ["oncamera.queue", "oncamera.answered"]

    run_world(tmp_path, scenario)


def test_blocked_terms_hold_messages_for_review(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        w.b.set_blocked_terms(["scam", "free coins"])
        ok = await w.ok(w.viewer, SendMessage(room="public", text="a scammer is not a word match"))
        assert "held" not in ok
        held = await w.ok(w.viewer, SendMessage(room="public", text="Get FREE coins here"))
        assert held["held"] is True
        dropped = await w.ok(w.other, SendMessage(room="public", text="SCAM!"))
        await w.ok(w.mod, SendMessage(room="public", text="scam warning from a mod"))
        assert len(w.of_type("public", ChatMessage)) == 2
        assert [h.term.lower() for h in w.of_type("mod", MessageHeld)] == ["free coins", "scam"]
        await w.ok(w.mod, ResolveHeld(message_id=held["message_id"], approve=True))
        await w.ok(w.mod, ResolveHeld(message_id=dropped["message_id"], approve=False))
        await w.refused(
            w.mod, ResolveHeld(message_id=dropped["message_id"], approve=True), "not_found"
        )
        texts = [m.text for m in w.of_type("public", ChatMessage)]
        assert texts[-1] == "Get FREE coins here" and "SCAM!" not in texts
        resolved = w.of_type("mod", HeldResolved)
        assert [(r.message_id, r.approved) for r in resolved] == [
            (held["message_id"], True),
            (dropped["message_id"], False),
        ]

    run_world(tmp_path, scenario)


def test_reply_to_an_unknown_message_is_dropped(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        first = (await w.ok(w.viewer, SendMessage(room="public", text="q")))["message_id"]
        await w.ok(w.other, SendMessage(room="public", text="a", reply_to=first))
        await w.ok(w.other, SendMessage(room="public", text="b", reply_to="gone"))
        replies = [m.reply_to for m in w.of_type("public", ChatMessage)]
        assert replies == [None, first, None]

    run_world(tmp_path, scenario)


def test_badges_and_first_in_room(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.creator, StartLive(title="Q&A"))
        await w.ok(w.viewer, SendGift(gift_id="lion", combo_id="g1"))
        await w.ok(w.viewer, Subscribe(tier=2))
        for account in (w.creator, w.mod, w.viewer, w.other, w.viewer):
            await w.ok(account, SendMessage(room="public", text="hi"))
        messages = w.of_type("public", ChatMessage)
        assert [m.user.badges for m in messages] == [
            ("creator",),
            ("moderator",),
            ("member:2", "top_gifter"),
            (),
            ("member:2", "top_gifter"),
        ]
        # FIRST: a newcomer's first message in the room; never the creator's.
        assert [m.first_in_room for m in messages] == [False, True, True, True, False]
        await w.ok(w.creator, EndLive())
        await w.ok(w.creator, StartLive())
        await w.ok(w.viewer, SendMessage(room="public", text="new session"))
        last = w.of_type("public", ChatMessage)[-1]
        # A returning chatter in a new live is not new to the room.
        assert not last.first_in_room and last.user.badges == ("member:2",)
        await w.ok(w.viewer, SendMessage(room="below", text="first time down here"))
        below = w.of_type("below", ChatMessage)[-1]
        assert below.first_in_room  # each room welcomes its own newcomers
        assert not any(m.first_in_session for m in w.of_type("public", ChatMessage))

    run_world(tmp_path, scenario)


# --- gifts -------------------------------------------------------------------------------


def test_streak_without_end_marker_is_closed_and_counted_once(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.creator, StartLive())
        for count in range(1, 26):
            await w.ok(w.viewer, SendGift(gift_id="rose", combo_id="combo-1", count=count))
            w.clock.advance(0.2)
        assert len(w.of_type("public", GiftStreakUpdate)) == 25
        assert await w.b.expire_streaks() == 0  # quiet for 0.2 s only
        w.clock.advance(5)
        assert await w.b.expire_streaks() == 1
        assert await w.b.expire_streaks() == 0
        # A late report of the same combo neither reopens nor recounts it.
        await w.ok(w.viewer, SendGift(gift_id="rose", combo_id="combo-1", count=26, end=True))
        w.clock.advance(10)
        await w.b.expire_streaks()
        [ended] = w.of_type("public", GiftStreakEnded)
        assert (ended.count, ended.reason, ended.diamonds_total) == (25, "timeout", 25)
        [entry] = w.of_type("creator", LedgerEntry)
        assert (entry.kind, entry.diamonds, entry.ref) == ("gift", 25, ended.streak_id)
        assert entry.session_id == w.b.state.live.session_id  # type: ignore[union-attr]
        summary = await w.ok(w.creator, EarningsSummary())
        assert summary["gift_diamonds"] == 25 and summary["entries"] == 1

    run_world(tmp_path, scenario)


def test_streak_expiry_runs_in_the_background(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.viewer, SendGift(gift_id="rose", combo_id="c", count=3))
        w.clock.advance(1.0)
        for _ in range(200):
            if w.of_type("public", GiftStreakEnded):
                break
            await asyncio.sleep(0.01)
        [ended] = w.of_type("public", GiftStreakEnded)
        assert (ended.count, ended.reason) == (3, "timeout")
        assert len(w.of_type("creator", LedgerEntry)) == 1

    run_world(tmp_path, scenario, streak_timeout_s=0.5)


def test_streak_with_marker_is_counted_once(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        for count in (1, 5, 10):
            await w.ok(w.viewer, SendGift(gift_id="finger_heart", combo_id="c", count=count))
        await w.ok(w.viewer, SendGift(gift_id="finger_heart", combo_id="c", count=12, end=True))
        for count in (12, 13, 14):  # reports after the end marker
            await w.ok(w.viewer, SendGift(gift_id="finger_heart", combo_id="c", count=count))
        await w.ok(w.viewer, SendGift(gift_id="finger_heart", combo_id="c", count=14, end=True))
        w.clock.advance(60)
        await w.b.expire_streaks()
        [ended] = w.of_type("public", GiftStreakEnded)
        assert (ended.count, ended.reason, ended.diamonds_total) == (12, "marker", 60)
        [entry] = w.of_type("creator", LedgerEntry)
        assert entry.diamonds == 60
        await w.refused(w.viewer, SendGift(gift_id="no-such-gift", combo_id="d"), "not_found")

    run_world(tmp_path, scenario)


def test_streak_running_at_shutdown_is_counted_not_lost(tmp_path: Path) -> None:
    clock = FakeClock()

    async def send(w: World) -> None:
        await w.ok(w.viewer, SendGift(gift_id="rose", combo_id="c", count=7))

    async def check(w: World) -> None:
        [ended] = w.of_type("public", GiftStreakEnded)
        assert (ended.count, ended.reason) == (7, "timeout")
        assert [e.diamonds for e in w.of_type("creator", LedgerEntry)] == [7]

    run_world(tmp_path, send, clock=clock)
    run_world(tmp_path, check, clock=clock)


# --- members, inquiries, invites ---------------------------------------------------------


def test_subscribe_adds_ledger_entry_and_opens_below_room(tmp_path: Path) -> None:
    changed: list[str] = []

    async def scenario(w: World) -> None:
        w.b.on_channels_changed = changed.append
        await w.ok(w.viewer, Subscribe(tier=2))
        await w.ok(w.viewer, Subscribe(tier=2))
        joined = w.of_type("public", MemberJoined)
        assert [(j.months, j.renewed, j.member_count) for j in joined] == [
            (1, False, 1),
            (2, True, 1),
        ]
        entries = w.of_type("creator", LedgerEntry)
        assert [(e.kind, e.cents) for e in entries] == [("subscription", TIER_PRICE_CENTS[2])] * 2
        assert changed == [w.viewer.id, w.viewer.id]
        assert w.b.is_member(w.viewer.id) and w.b.snapshot(w.viewer).is_member
        summary = await w.ok(w.creator, EarningsSummary())
        assert summary["subscription_cents"] == 2 * TIER_PRICE_CENTS[2]

    run_world(tmp_path, scenario)


SERVICE = Service(id="coach", title="1:1 coaching", category="consulting", price_cents=5000)


def test_inquiry_flow_to_a_booking_in_the_ledger(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.creator, SetServices(services=(SERVICE,)))
        assert w.of_type("public", ServicesChanged)[0].services == (SERVICE,)
        session = (await w.ok(w.creator, StartLive()))["session_id"]
        w.clock.advance(95)
        await w.refused(w.viewer, CreateInquiry(service_id="nope", text="?"), "not_found")
        inquiry = (await w.ok(w.viewer, CreateInquiry(service_id="coach", text="Can I book?")))[
            "inquiry_id"
        ]
        [created] = w.of_type("creator", InquiryCreated)
        assert (created.session_id, created.elapsed_s, created.text) == (session, 95, "Can I book?")
        assert w.of_type(f"user:{w.viewer.id}", InquiryCreated) == [created]
        await w.refused(w.other, ReplyInquiry(inquiry_id=inquiry, text="me too"), "forbidden")
        await w.ok(w.creator, ReplyInquiry(inquiry_id=inquiry, text="Sure"))
        await w.ok(w.viewer, ReplyInquiry(inquiry_id=inquiry, text="Great"))
        thread = w.of_type(f"user:{w.viewer.id}", InquiryMessage)
        assert [(m.author, m.text) for m in thread] == [("creator", "Sure"), ("viewer", "Great")]
        await w.refused(
            w.creator, SetInquiryStatus(inquiry_id=inquiry, status="completed"), "invalid_state"
        )
        await w.refused(
            w.creator, SetInquiryStatus(inquiry_id=inquiry, status="quoted"), "invalid_state"
        )
        await w.ok(
            w.creator, SetInquiryStatus(inquiry_id=inquiry, status="quoted", price_cents=4500)
        )
        await w.ok(
            w.creator,
            SetInquiryStatus(inquiry_id=inquiry, status="booked", booked_for_ms=BOOKED_FOR),
        )
        await w.ok(w.creator, EndLive())
        [entry] = w.of_type("creator", LedgerEntry)
        assert (entry.kind, entry.cents, entry.ref, entry.session_id) == (
            "service",
            4500,
            inquiry,
            session,
        )
        statuses = [s.status for s in w.of_type(f"user:{w.viewer.id}", InquiryStatusChanged)]
        assert statuses == ["quoted", "booked"]
        [listed] = (await w.ok(w.creator, ListInquiries(status="booked")))["inquiries"]
        assert (listed["inquiry_id"], listed["price_cents"]) == (inquiry, 4500)
        summary = await w.ok(w.creator, EarningsSummary())
        assert summary["service_cents"] == 4500
        assert summary["by_session"][session]["service_cents"] == 4500

    run_world(tmp_path, scenario)


def test_revoking_an_invite_locks_the_moderator_out(tmp_path: Path) -> None:
    revoked: list[str] = []

    async def scenario(w: World) -> None:
        w.b.on_account_revoked = revoked.append
        minted = await w.ok(w.creator, MintInvite(label="Sam's PC"))
        moderator, token = w.b.redeem_invite(minted["code"], "Sam")
        assert w.b.authenticate(token) == moderator
        await w.ok(moderator, SetRoomMode(room="public", slow_mode_s=5))
        [listed] = (await w.ok(w.creator, ListInvites()))["invites"]
        assert "code" not in listed and listed["redeemed_by"]["id"] == moderator.id
        await w.ok(w.creator, RevokeInvite(invite_id=minted["invite_id"]))
        assert w.b.authenticate(token) is None
        assert revoked == [moderator.id]
        await w.refused(moderator, SetRoomMode(room="public", slow_mode_s=0), "forbidden")
        await w.refused(w.creator, RevokeInvite(invite_id=minted["invite_id"]), "invalid_state")
        await w.refused(w.creator, RevokeInvite(invite_id="nope"), "not_found")
        actions = [a.action for a in w.of_type("mod", AuditEntry)]
        assert actions == ["invite.mint", "invite.redeem", "room.set_mode", "invite.revoke"]

    run_world(tmp_path, scenario)


def test_live_sessions_one_at_a_time(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.refused(w.creator, EndLive(), "invalid_state")
        await w.ok(w.creator, StartLive(title="Morning"))
        await w.refused(w.creator, StartLive(), "invalid_state")
        live = w.b.snapshot(w.viewer).live
        assert live is not None and live.title == "Morning"
        await w.ok(w.creator, EndLive())
        assert w.b.snapshot(w.viewer).live is None

    run_world(tmp_path, scenario)


def test_history_fetch_and_viewer_count(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        for n in (5, 5, 7, 7, 7, 2):
            w.b.set_viewer_count(n)
        await w.ok(w.viewer, SendMessage(room="public", text="hi"))
        counts = [c.count for c in w.of_type("public", ViewerCount)]
        assert counts == [5, 7, 2]
        assert w.b.snapshot(w.viewer).viewer_count == 2
        events = (await w.ok(w.viewer, FetchHistory(channel="public", after_seq=2, limit=2)))[
            "events"
        ]
        assert [e["seq"] for e in events] == [3, 4]
        assert events[-1]["data"]["type"] == "chat.message"
        assert isinstance(events[-1]["data"], dict)

    run_world(tmp_path, scenario)


# --- restart -----------------------------------------------------------------------------


def test_state_survives_a_restart(tmp_path: Path) -> None:
    clock = FakeClock()
    saved: dict[str, Any] = {}

    async def before(w: World) -> None:
        saved.update(creator=w.creator, mod=w.mod, viewer=w.viewer, other=w.other)
        saved["token"] = w.viewer_token
        await w.ok(w.creator, SetServices(services=(SERVICE,)))
        saved["session"] = (await w.ok(w.creator, StartLive(title="T")))["session_id"]
        await w.ok(w.viewer, Subscribe(tier=3))
        await w.ok(w.other, SendGift(gift_id="lion", combo_id="g"))
        msg = await w.run(w.viewer, SendMessage(room="below", text="pin me"), rid="keep")
        assert isinstance(msg, Ack) and msg.result
        saved["msg"] = msg.result
        await w.ok(w.mod, PinMessage(message_id=msg.result["message_id"]))
        await w.ok(w.mod, SetRoomMode(room="public", slow_mode_s=30, members_only=True))
        await w.ok(w.mod, BanUser(user_id=w.other.id))
        saved["tim"], _ = w.b.create_account("Tim", "viewer")
        await w.ok(w.mod, TimeoutUser(user_id=saved["tim"].id, seconds=600))
        await w.ok(w.viewer, SendMessage(room="public", text="slow"))
        saved["inquiry"] = (await w.ok(w.viewer, CreateInquiry(service_id="coach", text="?")))[
            "inquiry_id"
        ]
        w.b.set_blocked_terms(["scam"])
        saved["held"] = (await w.ok(w.viewer, SendMessage(room="below", text="scam")))["message_id"]

    async def after(w: World) -> None:
        viewer: Account = saved["viewer"]
        assert w.b.authenticate(saved["token"]) == viewer
        assert w.creator == saved["creator"]  # demo_creator finds the same account
        snap = w.b.snapshot(viewer)
        public, below = snap.rooms
        assert (public.slow_mode_s, public.members_only) == (30, True)
        assert below.pinned_message_id == saved["msg"]["message_id"]
        assert below.pinned_text == "pin me"
        assert snap.live is not None and snap.live.session_id == saved["session"]
        assert snap.services == (SERVICE,) and snap.is_member and snap.member_count == 1
        # The same rid is still a duplicate, with the original result.
        again = await w.run(viewer, SendMessage(room="below", text="pin me"), rid="keep")
        assert isinstance(again, Ack) and again.duplicate and again.result == saved["msg"]
        await w.refused(saved["other"], SendMessage(room="public", text="x"), "banned")
        await w.refused(viewer, SendMessage(room="public", text="x"), "slow_mode")
        await w.refused(saved["tim"], SendMessage(room="public", text="x"), "timed_out")
        # Recent messages, top gifters, held messages and inquiries came back too.
        await w.ok(w.mod, QueueOnCamera(message_id=saved["msg"]["message_id"]))
        assert w.b.state.top_gifters == {saved["other"].id}
        await w.ok(w.mod, ResolveHeld(message_id=saved["held"], approve=True))
        await w.ok(w.creator, SetInquiryStatus(inquiry_id=saved["inquiry"], status="open"))
        summary = await w.ok(w.creator, EarningsSummary())
        assert summary["gift_diamonds"] == 29999
        assert summary["subscription_cents"] == TIER_PRICE_CENTS[3]
        w.clock.advance(30)
        await w.ok(viewer, SendMessage(room="public", text="ok"))

    run_world(tmp_path, before, clock=clock)
    run_world(tmp_path, after, clock=clock)


def test_invite_code_is_shown_once_and_never_written_to_disk(tmp_path: Path) -> None:
    clock = FakeClock()
    minted: dict[str, Any] = {}

    async def mint(w: World) -> None:
        reply = await w.run(w.creator, MintInvite(label="x"), rid="mint")
        again = await w.run(w.creator, MintInvite(label="x"), rid="mint")
        assert isinstance(reply, Ack) and isinstance(again, Ack) and reply.result
        assert set(reply.result) == {"invite_id", "code"}
        # The code is in the original ack only: a resend gets a duplicate ack without it.
        assert again.duplicate and again.result == {"invite_id": reply.result["invite_id"]}
        # A resend while the original is still in flight neither.
        first, second = await asyncio.gather(
            w.run(w.creator, MintInvite(label="y"), rid="mint2"),
            w.run(w.creator, MintInvite(label="y"), rid="mint2"),
        )
        assert isinstance(first, Ack) and isinstance(second, Ack) and first.result
        assert not first.duplicate and "code" in first.result
        assert second.duplicate and second.result == {"invite_id": first.result["invite_id"]}
        minted.update(reply.result)

    async def after(w: World) -> None:
        again = await w.run(w.creator, MintInvite(label="x"), rid="mint")
        assert isinstance(again, Ack) and again.duplicate
        assert again.result == {"invite_id": minted["invite_id"]}

    run_world(tmp_path, mint, clock=clock)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir())
    assert minted["code"].encode() not in stored
    run_world(tmp_path, after, clock=clock)


def test_processed_request_ids_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "server.db"
    db = sqlite3.connect(path)
    processed = ProcessedCommands(db, capacity=3)
    for i in range(5):
        processed.record("acct", f"r{i}", {"n": i}, now_ms=1000 + i)
    db.commit()
    assert ("acct", "r1") not in processed and len(processed) == 3
    assert processed.result("acct", "r4") == {"n": 4}
    db.close()
    db = sqlite3.connect(path)
    reloaded = ProcessedCommands(db, capacity=3)
    reloaded.load(now_ms=2000)
    assert [("acct", f"r{i}") in reloaded for i in range(5)] == [False, False, True, True, True]
    db.close()
    db = sqlite3.connect(path)
    fresh = ProcessedCommands(db, capacity=3)
    fresh.load(now_ms=1000 + KEEP_MS + 10)  # older than the retention window: forgotten
    assert len(fresh) == 0
    db.close()


async def _every_command(w: World) -> list[tuple[Account, CommandData]]:
    """A world where each command that changes something can succeed, and one such command
    of every type (in an order in which each one is accepted)."""
    svc = Service(id="svc_1", title="Review", category="consulting", price_cents=500)
    await w.ok(w.creator, SetServices(services=(svc,)))
    await w.ok(w.creator, SetBlockedTerms(terms=["scam"]))
    message = (await w.ok(w.viewer, SendMessage(room="public", text="hi")))["message_id"]
    held = (await w.ok(w.viewer, SendMessage(room="public", text="a scam")))["message_id"]
    await w.ok(w.other, Subscribe())
    question = (await w.ok(w.other, SendMessage(room="below", text="q?")))["message_id"]
    inquiry = (await w.ok(w.viewer, CreateInquiry(service_id="svc_1", text="hi")))["inquiry_id"]
    invite = (await w.ok(w.creator, MintInvite()))["invite_id"]
    minted = await w.ok(w.creator, MintPass(tier=1, days=30, price_cents=500))
    fan, _ = w.b.fans.sign_up("Fay")
    steps: list[tuple[Account, CommandData]] = [
        (w.viewer, SendMessage(room="public", text="again")),
        (w.mod, QueueOnCamera(message_id=question)),
        (w.mod, MarkAnswered(message_id=question)),
        (w.mod, PinMessage(message_id=message)),
        (w.mod, UnpinMessage(room="public")),
        (w.mod, DeleteMessage(message_id=message)),
        (w.mod, TimeoutUser(user_id=w.viewer.id, seconds=60)),
        (w.mod, BanUser(user_id=w.viewer.id)),
        (w.mod, UnbanUser(user_id=w.viewer.id)),
        (w.mod, SetRoomMode(room="public", slow_mode_s=5)),
        (w.mod, ResolveHeld(message_id=held, approve=True)),
        (w.mod, SetBlockedTerms(terms=["spam"])),
        (w.viewer, CreateInquiry(service_id="svc_1", text="again")),
        (w.creator, ReplyInquiry(inquiry_id=inquiry, text="sure")),
        (w.creator, SetInquiryStatus(inquiry_id=inquiry, status="quoted", price_cents=500)),
        (w.creator, SetProfile(adult_confirmed=True)),
        (w.creator, SetServices(services=(svc,))),
        (w.creator, StartLive(title="t")),
        (w.creator, EndLive()),
        (w.creator, MintInvite(label="x")),
        (w.creator, RevokeInvite(invite_id=invite)),
        (w.viewer, SendGift(gift_id="rose", combo_id="c1", count=1, end=True)),
        (w.viewer, Subscribe(tier=2)),
        (w.creator, MintPass(tier=2, days=7)),
        (fan, RedeemPass(code=minted["code"])),
        (w.creator, RenewPass(pass_id=minted["pass_id"], days=30)),
        (w.creator, RevokePass(pass_id=minted["pass_id"])),
    ]
    return steps


def test_no_duplicate_ack_of_any_command_repeats_a_secret(tmp_path: Path) -> None:
    """Every command that changes something, applied and then resent with the same rid: the
    duplicate ack repeats the result minus its one-time secrets, and any result field that
    looks like a secret must be declared one."""
    secret_like = {"code", "token", "secret", "password", "key"}

    async def scenario(w: World) -> set[type[CommandData]]:
        steps = await _every_command(w)
        for n, (account, cmd) in enumerate(steps):
            original = await w.run(account, cmd, rid=f"dup-{n}")
            assert isinstance(original, Ack), (cmd, original)
            again = await w.run(account, cmd, rid=f"dup-{n}")
            assert isinstance(again, Ack) and again.duplicate, (cmd, again)
            assert again.result == repeatable_result(type(cmd), original.result), cmd
            declared = set(SECRET_RESULT_KEYS.get(type(cmd), ()))
            assert not (secret_like & set(original.result or {})) - declared, cmd
            assert not declared & set(again.result or {}), cmd
        return {type(cmd) for _, cmd in steps}

    covered = run_world(tmp_path, scenario)
    every = set(AnyCommandData.__args__) - QUERIES  # type: ignore[attr-defined]
    assert every == covered, every - covered


PROTOCOL_TEXT = (Path(__file__).resolve().parents[3] / "app/protocol/PROTOCOL.md").read_text()
EVENT_TAGS = {t.__struct_config__.tag for t in AnyEventData.__args__}  # type: ignore[attr-defined]


def _documented_events(tag: str) -> set[str]:
    """The event types §10 names in the 'Events:' part of a command's section."""
    section = PROTOCOL_TEXT.split(f"#### `{tag}`\n", 1)[1].split("\n####", 1)[0]
    events_part = section.split("Events:", 1)[1].split("\n", 1)[0]
    return set(re.findall(r"`([a-z_.]+)`", events_part)) & EVENT_TAGS


def test_every_event_a_command_causes_is_listed_in_its_protocol_section(tmp_path: Path) -> None:
    async def scenario(w: World) -> dict[str, set[str]]:
        steps = await _every_command(w)
        steps += [
            (w.creator, FetchHistory(channel="public")),
            (w.creator, ListInquiries()),
            (w.creator, ListInvites()),
            (w.creator, EarningsSummary()),
            (w.creator, EarningsLedger()),
            (w.mod, GetModeration()),
        ]
        rids = {}
        for n, (account, cmd) in enumerate(steps):
            assert isinstance(await w.run(account, cmd, rid=f"ev-{n}"), Ack), cmd
            rids[f"ev-{n}"] = cmd.__struct_config__.tag
        caused: dict[str, set[str]] = {str(tag): set() for tag in rids.values()}
        for ch in w.b.hub.heads():
            for event in w.events(ch):
                if event.rid in rids:
                    caused[str(rids[event.rid])].add(event.type)
        return caused

    for tag, types in run_world(tmp_path, scenario).items():
        assert types <= _documented_events(tag), (tag, types - _documented_events(tag))
