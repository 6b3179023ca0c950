"""Fans (real people signed up on the fan page) and Below Room passes.

A fan is a viewer account made by the fan page's sign-up. A pass is a one-time code the
creator mints (tier, days, optional price); redeeming it makes the fan a Below Room member
until it expires. Membership lasts while the fan holds at least one redeemed pass that is
neither revoked nor expired; revoking or expiry takes the room away at once (the server
re-derives the fan's readable channels through `on_channels_changed`).

Payment for a priced pass happens outside LiveDesk; the price is only written to the
earnings ledger (a Below Room subscription line) when the pass is redeemed or renewed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
import sqlite3
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.core import roles
from app.core.names import check_display_name
from app.protocol.payloads import (
    CommandData,
    LedgerEntry,
    ListPasses,
    MembershipStatus,
    MintPass,
    RedeemPass,
    RenewPass,
    RevokePass,
)
from app.server.address_limit import AddressWindow
from app.server.commands import AckResult, Handler, Refused
from app.server.handlers_earnings import add_ledger_entry, announce_member

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

log = logging.getLogger(__name__)

FAN_BADGE = "fan"  # the "fan page" source mark on everything a fan does
# Money a real platform reports is never taken from a browser: a fan cannot gift or
# subscribe by command; Below Room membership comes from a pass.
FAN_REFUSED_COMMANDS = frozenset({"gift.send", "member.subscribe"})
REDEEM_FAILURES_PER_MINUTE = 5  # per remote address; a pass code has 96 random bits anyway
DAY_MS = 86_400_000
_MAX_SLEEP_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS fans (account_id TEXT PRIMARY KEY, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS passes (
    id TEXT PRIMARY KEY, code_hash TEXT NOT NULL UNIQUE, tier INTEGER NOT NULL,
    days INTEGER NOT NULL, price_cents INTEGER, currency TEXT NOT NULL, label TEXT NOT NULL,
    created_ms INTEGER NOT NULL, redeemed_by TEXT, redeemed_ms INTEGER, expires_ms INTEGER,
    revoked_ms INTEGER);
"""
_COLUMNS = (
    "id, tier, days, price_cents, currency, label, created_ms, redeemed_by, redeemed_ms, "
    "expires_ms, revoked_ms"
)


@dataclass(frozen=True)
class Pass:
    id: str
    tier: int
    days: int
    price_cents: int | None
    currency: str
    label: str
    created_ms: int
    redeemed_by: str | None
    redeemed_ms: int | None
    expires_ms: int | None
    revoked_ms: int | None

    def active(self, now_ms: int) -> bool:
        return (
            self.redeemed_by is not None
            and self.revoked_ms is None
            and self.expires_ms is not None
            and self.expires_ms > now_ms
        )


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


class FanService:
    """Fan accounts, passes and the memberships they grant, for one backend."""

    def __init__(self, backend: Backend) -> None:
        self.b = backend
        self._db: sqlite3.Connection | None = None
        self._fans: set[str] = set()
        self._addresses: dict[str, str] = {}
        self.redeem_failures = AddressWindow(REDEEM_FAILURES_PER_MINUTE, 60.0)
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # --- lifecycle -------------------------------------------------------------------

    def start(self, db: sqlite3.Connection) -> None:
        db.executescript(_SCHEMA)
        self._db = db
        self._fans = {row[0] for row in db.execute("SELECT account_id FROM fans")}
        self._task = asyncio.create_task(self._expire_forever(), name="pass-expiry")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("FanService.start() has not been called")
        return self._db

    # --- fans ------------------------------------------------------------------------

    def is_fan(self, account_id: str) -> bool:
        return account_id in self._fans

    def sign_up(self, name: str) -> tuple[Account, str]:
        """A new fan (a viewer account) and its token; NameRefused for an unusable name."""
        account, token = self.b.accounts.create_account(check_display_name(name), "viewer")
        self.db.execute("INSERT INTO fans VALUES (?, ?)", (account.id, self.b.now_ms()))
        self.b.state.commit()  # a token handed out is a token stored
        self._fans.add(account.id)
        return account, token

    def note_address(self, account_id: str, address: str) -> None:
        """The remote address a fan last connected from (redeem limits are per address)."""
        if self.is_fan(account_id):
            self._addresses[account_id] = address

    def membership(self, account_id: str) -> dict[str, Any] | None:
        now = self.b.now_ms()
        held = [p for p in self._passes_of(account_id) if p.active(now)]
        if not held:
            return None
        return {
            "tier": max(p.tier for p in held),
            "expires_ms": max(p.expires_ms or 0 for p in held),
        }

    def fans(self) -> list[dict[str, Any]]:
        """Every fan, newest first: name, whether a browser is signed in, membership."""
        out = []
        for account_id, created_ms in self.db.execute(
            "SELECT account_id, created_ms FROM fans ORDER BY created_ms DESC, rowid DESC"
        ):
            account = self.b.accounts.get(account_id)
            if account is None:
                continue
            out.append(
                {
                    "id": account_id,
                    "name": account.name,
                    "created_ms": created_ms,
                    "signed_in": self.b.accounts.has_valid_token(account_id),
                    "member": self.membership(account_id),
                }
            )
        return out

    # --- passes ----------------------------------------------------------------------

    def _row(self, row: tuple[Any, ...]) -> Pass:
        return Pass(*row)

    def _get(self, pass_id: str) -> Pass:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM passes WHERE id = ?", (pass_id,)).fetchone()
        if row is None:
            raise Refused("not_found", "No such pass.")
        return self._row(row)

    def _passes_of(self, account_id: str) -> list[Pass]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM passes WHERE redeemed_by = ?", (account_id,)
        ).fetchall()
        return [self._row(r) for r in rows]

    def _save(self, p: Pass) -> None:
        self.db.execute(
            "UPDATE passes SET days = ?, price_cents = ?, redeemed_by = ?, redeemed_ms = ?, "
            "expires_ms = ?, revoked_ms = ? WHERE id = ?",
            (p.days, p.price_cents, p.redeemed_by, p.redeemed_ms, p.expires_ms, p.revoked_ms, p.id),
        )

    def _listed(self, p: Pass) -> dict[str, Any]:
        holder = self.b.accounts.get(p.redeemed_by) if p.redeemed_by else None
        now = self.b.now_ms()
        if p.revoked_ms is not None:
            status = "revoked"
        elif p.redeemed_by is None:
            status = "unused"
        else:
            status = "active" if p.active(now) else "expired"
        return {
            "pass_id": p.id,
            "tier": p.tier,
            "days": p.days,
            "price_cents": p.price_cents,
            "currency": p.currency,
            "label": p.label,
            "created_ms": p.created_ms,
            "status": status,
            "redeemed_by": {"id": holder.id, "name": holder.name} if holder else None,
            "redeemed_ms": p.redeemed_ms,
            "expires_ms": p.expires_ms,
        }

    def _ledger_line(self, p: Pass, account_id: str, cents: int, what: str, rid: str) -> None:
        live = self.b.state.live
        entry = LedgerEntry(
            entry_id=self.b.new_id("l"),
            kind="subscription",
            diamonds=0,
            cents=cents,
            user=self.b.user_ref(account_id),
            ref=p.id,
            session_id=live.session_id if live else None,
            label=f"Below Room pass, tier {p.tier}, {what}"[:200],
            currency=p.currency,
        )
        add_ledger_entry(self.b, entry, rid)

    def refresh_membership(
        self, account_id: str, reason: str, rid: str | None, price_cents: int = 0
    ) -> None:
        """Make the member list match the fan's passes; tell the fan and re-derive what
        their connections read (a lost pass loses the room at once)."""
        b = self.b
        now = b.now_ms()
        held = [p for p in self._passes_of(account_id) if p.active(now)]
        if held:
            tier = max(p.tier for p in held)
            membership, renewed = b.state.subscribe(account_id, tier, now)
            b.badges_changed(account_id)
            if reason == "redeemed":
                announce_member(b, account_id, membership, renewed, price_cents, rid)
            status = MembershipStatus(
                member=True,
                tier=tier,
                expires_ms=max(p.expires_ms or 0 for p in held),
                reason="redeemed" if reason == "redeemed" else "renewed",
            )
        else:
            if account_id not in b.state.members:
                return
            b.state.unsubscribe(account_id)
            b.badges_changed(account_id)
            status = MembershipStatus(
                member=False,
                tier=0,
                expires_ms=None,
                reason="revoked" if reason == "revoked" else "expired",
            )
        b.emit(roles.user_channel(account_id), status, rid)
        b.call_hook(b.on_channels_changed, account_id)

    # --- expiry ----------------------------------------------------------------------

    def next_expiry_ms(self) -> int | None:
        row = self.db.execute(
            "SELECT MIN(expires_ms) FROM passes WHERE redeemed_by IS NOT NULL "
            "AND revoked_ms IS NULL AND expires_ms > ?",
            (self.b.now_ms() - 1,),
        ).fetchone()
        return row[0] if row else None

    async def expire(self) -> int:
        """End the memberships whose last pass ran out; returns how many ended."""
        b = self.b
        now = b.now_ms()
        holders = [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT redeemed_by FROM passes WHERE redeemed_by IS NOT NULL "
                "AND revoked_ms IS NULL AND expires_ms <= ?",
                (now,),
            )
        ]
        ended = 0
        for account_id in holders:
            if account_id in b.state.members and self.membership(account_id) is None:
                self.refresh_membership(account_id, "expired", None)
                ended += 1
        if ended:
            await b.hub.durable()
            b.state.commit()
        return ended

    def wake(self) -> None:
        self._wakeup.set()

    async def _expire_forever(self) -> None:
        # Expire first: passes that ran out while the server was down end at start.
        while True:
            try:
                await self.expire()
            except Exception:
                log.exception("expiring Below Room passes failed")
            timeout = _MAX_SLEEP_S
            try:
                deadline = self.next_expiry_ms()
            except (RuntimeError, sqlite3.Error):
                return
            if deadline is not None:
                timeout = min(max((deadline - self.b.now_ms()) / 1000, 0.001), _MAX_SLEEP_S)
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wakeup.wait()


# --- command handlers ------------------------------------------------------------------


def mint_pass(b: Backend, account: Account, rid: str, cmd: MintPass) -> AckResult:
    code = secrets.token_urlsafe(12)
    pass_id = b.new_id("p")
    currency = cmd.currency.upper()
    b.fans.db.execute(
        "INSERT INTO passes (id, code_hash, tier, days, price_cents, currency, label, "
        "created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            pass_id,
            _hash(code),
            cmd.tier,
            cmd.days,
            cmd.price_cents,
            currency,
            cmd.label,
            b.now_ms(),
        ),
    )
    b.audit(account, "pass.mint", rid, reason=cmd.label)
    return {"pass_id": pass_id, "code": code}


def list_passes(b: Backend, account: Account, rid: str, cmd: ListPasses) -> AckResult:
    rows = b.fans.db.execute(
        f"SELECT {_COLUMNS} FROM passes ORDER BY created_ms DESC, rowid DESC LIMIT 1000"
    ).fetchall()
    return {
        "passes": [b.fans._listed(b.fans._row(r)) for r in rows],
        "fans": b.fans.fans(),
    }


def renew_pass(b: Backend, account: Account, rid: str, cmd: RenewPass) -> AckResult:
    fans = b.fans
    p = fans._get(cmd.pass_id)
    if p.revoked_ms is not None:
        raise Refused("invalid_state", "This pass was revoked; make a new one.")
    now = b.now_ms()
    price = p.price_cents
    if p.redeemed_by is None:
        if cmd.price_cents is not None:
            price = (price or 0) + cmd.price_cents
        renewed = replace(p, days=p.days + cmd.days, price_cents=price)
    else:
        start = max(now, p.expires_ms or now)
        renewed = replace(p, days=p.days + cmd.days, expires_ms=start + cmd.days * DAY_MS)
    fans._save(renewed)
    if renewed.redeemed_by is not None:
        if cmd.price_cents:
            fans._ledger_line(renewed, renewed.redeemed_by, cmd.price_cents, "renewal", rid)
        fans.refresh_membership(renewed.redeemed_by, "renewed", rid)
        fans.wake()
    b.audit(account, "pass.renew", rid, target_user_id=renewed.redeemed_by)
    return {"pass_id": p.id, "days": renewed.days, "expires_ms": renewed.expires_ms}


def revoke_pass(b: Backend, account: Account, rid: str, cmd: RevokePass) -> AckResult:
    fans = b.fans
    p = fans._get(cmd.pass_id)
    if p.revoked_ms is not None:
        raise Refused("invalid_state", "This pass was already revoked.")
    fans._save(replace(p, revoked_ms=b.now_ms()))
    if p.redeemed_by is not None:
        fans.refresh_membership(p.redeemed_by, "revoked", rid)
    b.audit(account, "pass.revoke", rid, target_user_id=p.redeemed_by)
    return {"pass_id": p.id, "member_id": p.redeemed_by}


def redeem_pass(b: Backend, account: Account, rid: str, cmd: RedeemPass) -> AckResult:
    fans = b.fans
    address = fans._addresses.get(account.id, account.id)
    wait_s = fans.redeem_failures.wait_s(address)
    if wait_s is not None:
        raise Refused(
            "rate_limited",
            "Too many wrong codes; wait a minute.",
            retry_after_ms=max(1, round(wait_s * 1000)),
        )
    row = b.fans.db.execute(
        f"SELECT {_COLUMNS} FROM passes WHERE code_hash = ?", (_hash(cmd.code.strip()),)
    ).fetchone()
    problem = None
    if row is None:
        problem = ("not_found", "This pass code is not valid.")
    else:
        p = fans._row(row)
        if p.revoked_ms is not None:
            problem = ("invalid_state", "This pass was revoked by the creator.")
        elif p.redeemed_by is not None:
            problem = ("invalid_state", "This pass was already used.")
    if problem is not None:
        fans.redeem_failures.count(address)
        raise Refused(*problem)
    now = b.now_ms()
    redeemed = replace(p, redeemed_by=account.id, redeemed_ms=now, expires_ms=now + p.days * DAY_MS)
    fans._save(redeemed)
    fans.refresh_membership(account.id, "redeemed", rid, p.price_cents or 0)
    if p.price_cents:
        fans._ledger_line(redeemed, account.id, p.price_cents, f"{p.days} days", rid)
    fans.wake()
    return {"pass_id": p.id, "tier": p.tier, "expires_ms": redeemed.expires_ms}


HANDLERS: dict[type[CommandData], Handler] = {
    MintPass: mint_pass,
    ListPasses: list_passes,
    RenewPass: renew_pass,
    RevokePass: revoke_pass,
    RedeemPass: redeem_pass,
}
