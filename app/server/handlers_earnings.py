"""Handlers for what earns money: gifts, Below Room subscriptions, and the earnings summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from app.core import roles
from app.core.earnings import TIER_PRICE_CENTS
from app.core.gifts import gift_by_id, ledger_kind
from app.protocol.payloads import (
    CommandData,
    EarningsLedger,
    EarningsSummary,
    GiftInfo,
    GiftStreakEnded,
    LedgerEntry,
    MemberJoined,
    SendGift,
    Subscribe,
)
from app.server.commands import AckResult, Handler, Refused

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend
    from app.server.state import Membership


def add_ledger_entry(b: Backend, entry: LedgerEntry, rid: str | None) -> None:
    """Store a line of the creator's ledger and tell the creator."""
    if b.state.add_ledger_entry(entry, b.now_ms()):
        b.badges_changed()  # the top gifters changed
    b.emit(roles.CREATOR, entry, rid)


def count_gift(b: Backend, ended: GiftStreakEnded, rid: str | None) -> None:
    """A gift or a whole streak is final: announce it and count it, exactly once."""
    b.emit(roles.PUBLIC, ended, rid)
    live = b.state.live
    entry = LedgerEntry(
        entry_id=b.new_id("l"),
        kind=ledger_kind(ended.gift),
        diamonds=ended.diamonds_total,
        cents=0,
        user=ended.user,
        ref=ended.streak_id,
        session_id=live.session_id if live else None,
        label=f"{ended.count} × {ended.gift.name}"[:200],
    )
    add_ledger_entry(b, entry, rid)


def send_gift(b: Backend, account: Account, rid: str, cmd: SendGift) -> AckResult:
    gift = gift_by_id(cmd.gift_id)
    if gift is None:
        raise Refused("not_found", f"There is no gift {cmd.gift_id!r}.")
    return report_gift(b, account, rid, gift, cmd.combo_id, cmd.count, cmd.end)


def report_gift(
    b: Backend,
    account: Account,
    rid: str | None,
    gift: GiftInfo,
    combo_id: str,
    count: int,
    end: bool,
) -> AckResult:
    """One gift report through the streak rules (also for a platform's own gifts)."""
    user = b.user_ref(account.id)
    events = b.tracker.report(user, gift, combo_id, count, end, b.clock())
    for event in events:
        if isinstance(event, GiftStreakEnded):
            # Ends of other, quiet streaks may come first; they were not caused by this command.
            own = event.user.id == account.id
            count_gift(b, event, rid if own else None)
        else:
            b.emit(roles.PUBLIC, event, rid)
    b.wake_streak_expiry()
    own_events = [e for e in events if e.user.id == account.id]
    return {
        "streak_id": own_events[-1].streak_id if own_events else None,
        "ended": bool(own_events) and isinstance(own_events[-1], GiftStreakEnded),
    }


def announce_member(
    b: Backend,
    account_id: str,
    membership: Membership,
    renewed: bool,
    price_cents: int,
    rid: str | None,
) -> None:
    """Emit member.joined for a membership just taken or renewed, and count it in the live's
    totals, in this one place: the snapshot's new members and renewals are then what a
    client counting the events gets."""
    joined = MemberJoined(
        user=b.user_ref(account_id),
        tier=membership.tier,
        months=membership.months,
        renewed=renewed,
        price_cents=price_cents,
        member_count=len(b.state.members),
    )
    b.emit(roles.PUBLIC, joined, rid)
    b.state.count_member_joined(renewed)


def subscribe(b: Backend, account: Account, rid: str, cmd: Subscribe) -> AckResult:
    price = TIER_PRICE_CENTS[cmd.tier]
    membership, renewed = b.state.subscribe(account.id, cmd.tier, b.now_ms())
    b.badges_changed(account.id)
    announce_member(b, account.id, membership, renewed, price, rid)
    user = b.user_ref(account.id)
    live = b.state.live
    entry = LedgerEntry(
        entry_id=b.new_id("l"),
        kind="subscription",
        diamonds=0,
        cents=price,
        user=user,
        ref=b.new_id("s"),
        session_id=live.session_id if live else None,
        label=f"Below Room tier {cmd.tier}, month {membership.months}",
    )
    add_ledger_entry(b, entry, rid)
    b.call_hook(b.on_channels_changed, account.id)
    return {"tier": membership.tier, "months": membership.months, "renewed": renewed}


def earnings_summary(b: Backend, account: Account, rid: str, cmd: EarningsSummary) -> AckResult:
    return b.state.earnings(cmd.since_ms, cmd.until_ms)


def earnings_ledger(b: Backend, account: Account, rid: str, cmd: EarningsLedger) -> AckResult:
    page, more = b.state.ledger_page(
        cmd.since_ms, cmd.until_ms, cmd.session_id, cmd.after, cmd.limit
    )
    named = {entry.session_id for _, _, entry in page if entry.session_id is not None}
    return {
        "entries": [{"ts": ts, "entry": msgspec.to_builtins(entry)} for _, ts, entry in page],
        "cursor": page[-1][0] if page else cmd.after,
        "more": more,
        "sessions": b.state.live_sessions(named),
    }


HANDLERS: dict[type[CommandData], Handler] = {
    SendGift: send_gift,
    Subscribe: subscribe,
    EarningsSummary: earnings_summary,
    EarningsLedger: earnings_ledger,
}
