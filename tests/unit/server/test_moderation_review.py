"""Blocked terms and moderation.get on a real Backend: who may, what is held, what persists."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.blocked_terms import DEFAULT_BLOCKED_TERMS
from app.protocol.payloads import (
    AuditEntry,
    BanUser,
    BlockedTermsChanged,
    ChatMessage,
    CommandData,
    EarningsLedger,
    EarningsSummary,
    GetInquiryThread,
    GetModeration,
    ListInquiries,
    MessageHeld,
    SendMessage,
    SetBlockedTerms,
    TimeoutUser,
)
from tests.unit.server.world import FakeClock, World, run_world


def test_moderator_sets_terms_viewers_are_held_and_everyone_is_told(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        w.b.set_blocked_terms([])  # from no list rather than the defaults
        result = await w.ok(w.mod, SetBlockedTerms(terms=("free*coins", "  scam ", "SCAM")))
        assert result == {"terms": ["free*coins", "scam"], "changed": True}
        held = await w.ok(w.viewer, SendMessage(room="public", text="FREE-coins here"))
        assert held["held"] is True
        await w.ok(w.viewer, SendMessage(room="public", text="a scammer is fine"))
        assert [m.term for m in w.of_type("mod", MessageHeld)] == ["free*coins"]
        assert [m.text for m in w.of_type("public", ChatMessage)] == ["a scammer is fine"]
        changed = w.of_type("mod", BlockedTermsChanged)[1:]  # after the operator's []
        assert [(c.terms, c.by) for c in changed] == [(("free*coins", "scam"), w.mod.id)]
        audit = [a for a in w.of_type("mod", AuditEntry) if a.action.startswith("moderation")]
        assert [(a.actor.name, a.reason) for a in audit] == [("Sam", "+free*coins, +scam")]
        # The same list again changes nothing and says so.
        again = await w.ok(w.creator, SetBlockedTerms(terms=("free*coins", "scam")))
        assert again["changed"] is False
        assert len(w.of_type("mod", BlockedTermsChanged)) == 2

    run_world(tmp_path, scenario)


def test_unusable_terms_are_refused_and_the_list_stays(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.creator, SetBlockedTerms(terms=("scam",)))
        error = await w.refused(w.mod, SetBlockedTerms(terms=("ok", "***")), "bad_request")
        assert "***" in error.message and "letter" in error.message
        assert (await w.ok(w.mod, GetModeration()))["blocked_terms"] == ["scam"]

    run_world(tmp_path, scenario)


@pytest.mark.parametrize("cmd", [SetBlockedTerms(terms=("x",)), GetModeration()])
def test_viewers_may_not_touch_moderation(tmp_path: Path, cmd: CommandData) -> None:
    async def scenario(w: World) -> None:
        await w.refused(w.viewer, cmd, "forbidden")

    run_world(tmp_path, scenario)


@pytest.mark.parametrize(
    "cmd",
    [
        EarningsSummary(),
        EarningsLedger(),
        ListInquiries(),
        GetInquiryThread(inquiry_id="iq"),
    ],
    ids=lambda c: type(c).__struct_config__.tag,
)
def test_the_backend_refuses_money_and_the_inbox_to_moderators(
    tmp_path: Path, cmd: CommandData
) -> None:
    async def scenario(w: World) -> None:
        error = await w.refused(w.mod, cmd, "forbidden")
        assert "moderator" in error.message

    run_world(tmp_path, scenario)


def test_moderation_get_lists_held_messages_bans_and_running_timeouts(tmp_path: Path) -> None:
    clock = FakeClock()

    async def scenario(w: World) -> None:
        await w.ok(w.mod, SetBlockedTerms(terms=("spam",)))
        first = await w.ok(w.viewer, SendMessage(room="public", text="spam one"))
        clock.advance(1)
        second = await w.ok(w.viewer, SendMessage(room="public", text="spam two"))
        await w.ok(w.mod, BanUser(user_id=w.other.id, reason="rude"))
        await w.ok(w.mod, TimeoutUser(user_id=w.viewer.id, seconds=60, reason="calm down"))
        state = await w.ok(w.mod, GetModeration())
        assert state["blocked_terms"] == ["spam"]
        assert [h["message_id"] for h in state["held"]] == [
            first["message_id"],
            second["message_id"],
        ]
        assert state["held"][0]["user"]["name"] == "Vic"
        assert state["held"][0]["term"] == "spam"
        assert state["bans"] == [{"user_id": w.other.id, "user_name": "Ola", "reason": "rude"}]
        assert [(t["user_name"], t["until_ms"]) for t in state["timeouts"]] == [
            ("Vic", int(clock.now * 1000) + 60_000)
        ]
        clock.advance(61)
        assert (await w.ok(w.mod, GetModeration()))["timeouts"] == []

    run_world(tmp_path, scenario, clock=clock)


def test_audit_entries_name_the_target_and_a_timeouts_length(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        await w.ok(w.mod, TimeoutUser(user_id=w.viewer.id, seconds=600, reason="spam"))
        entry = next(a for a in w.of_type("mod", AuditEntry) if a.action == "user.timeout")
        assert (entry.actor.name, entry.target_name, entry.seconds, entry.reason) == (
            "Sam",
            "Vic",
            600,
            "spam",
        )

    run_world(tmp_path, scenario)


def test_blocked_terms_survive_a_restart_and_bad_stored_terms_are_skipped(
    tmp_path: Path,
) -> None:
    async def first(w: World) -> None:
        await w.ok(w.creator, SetBlockedTerms(terms=("free*coins", "scam")))
        # An older server stored whatever it was given: simulate one unusable entry.
        w.b.state._set_setting("blocked_terms", '["free*coins", "!!", "scam"]')
        w.b.state.commit()

    async def second(w: World) -> None:
        assert w.b.state.blocked_terms == ["free*coins", "scam"]
        held = await w.ok(w.viewer, SendMessage(room="public", text="free coins"))
        assert held.get("held") is True

    run_world(tmp_path, first)
    run_world(tmp_path, second)


def test_a_new_backend_holds_common_spam_for_review_out_of_the_box(tmp_path: Path) -> None:
    async def scenario(w: World) -> None:
        listed = (await w.ok(w.mod, GetModeration()))["blocked_terms"]
        assert listed == list(DEFAULT_BLOCKED_TERMS)  # visible to the creator and moderators
        spam = "FREE COINS at totally-legit-coins dot example"
        held = await w.ok(w.viewer, SendMessage(room="public", text=spam))
        assert held["held"] is True  # held for review, not dropped
        assert [(m.text, m.term) for m in w.of_type("mod", MessageHeld)] == [(spam, "free coins")]
        await w.ok(w.viewer, SendMessage(room="public", text="free hugs and coins of love"))
        assert [m.text for m in w.of_type("public", ChatMessage)] == [
            "free hugs and coins of love"
        ]
        # The creator may empty the list; an emptied list stays empty (not the defaults again).
        await w.ok(w.creator, SetBlockedTerms(terms=()))

    async def after_restart(w: World) -> None:
        assert (await w.ok(w.mod, GetModeration()))["blocked_terms"] == []

    run_world(tmp_path, scenario)
    run_world(tmp_path, after_restart)  # the same data folder, a new backend
