"""The reference backend's domain layer: accounts, state, and the one way commands are applied."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from app.core import roles
from app.core.blocked_terms import normalize_terms
from app.core.gifts import StreakTracker
from app.protocol.frames import (
    Ack,
    Error,
    Event,
    LiveSessionInfo,
    QueuedQuestion,
    RoomState,
    Snapshot,
)
from app.protocol.payloads import (
    QUERIES,
    ROOMS,
    AuditEntry,
    CommandData,
    CreatorProfile,
    EventData,
    FetchHistory,
    MintInvite,
    MintPass,
    Role,
    Service,
    UserRef,
    ViewerCount,
)
from app.server import (
    fans,
    handlers_chat,
    handlers_creator,
    handlers_earnings,
    handlers_inbox,
    handlers_moderation,
    handlers_review,
)
from app.server.accounts import Account, AccountStore, InviteError
from app.server.commands import AckResult, Handler, Refused
from app.server.hub import EventHub, EventLogLost, create_table, merge_old_event_log
from app.server.recent_messages import DEFAULT_CAPACITY, RecentMessages, reload_recent_messages
from app.server.state import ServerState

__all__ = ["Account", "Backend", "InviteError"]

log = logging.getLogger(__name__)

HANDLERS: dict[type[CommandData], Handler] = {
    **handlers_chat.HANDLERS,
    **handlers_moderation.HANDLERS,
    **handlers_earnings.HANDLERS,
    **handlers_creator.HANDLERS,
    **handlers_inbox.HANDLERS,
    **handlers_review.HANDLERS,
    **fans.HANDLERS,
}
# Result keys shown once, in the original ack only: never in a duplicate ack, never written
# to disk (the invite code is stored only hashed).
SECRET_RESULT_KEYS: dict[type[CommandData], tuple[str, ...]] = {
    MintInvite: ("code",),
    MintPass: ("code",),
}
# Chat messages reloaded from the event log on start, per room, so delete/pin/reply keep working.
RECENT_RELOAD_EVENTS = 10_000
DEMO_CREATOR_NAME = "Creator"
SERVER_DB = "server.db"
OLD_EVENTS_DB = "events.db"  # where the event log lived before it moved into server.db
_MAX_STREAK_SLEEP_S = 1.0
_FAILED_MESSAGE = "The server could not store its data and must be restarted; not applied."


def _ignore(_account_id: str) -> None:
    return None


def repeatable_result(cmd_type: type[CommandData], result: AckResult) -> AckResult:
    """A command's result as a duplicate ack repeats it: without its one-time secrets."""
    secret = SECRET_RESULT_KEYS.get(cmd_type)
    if not secret or result is None:
        return result
    return {k: v for k, v in result.items() if k not in secret}


class Backend:
    """All server state and the handler of every command.

    Not thread-safe: everything runs on one asyncio loop. Handlers are synchronous; `execute`
    awaits durability once per command, so concurrent commands share SQLite commits.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        streak_timeout_s: float = 5.0,
        clock: Callable[[], float] = time.time,
        recent_capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock
        # One database, one connection: the event log lives beside the state (see start()).
        self.hub = EventHub(self.data_dir / SERVER_DB, clock=clock)
        self.hub.on_failed = self._storage_failed
        # Set when a rolled-back transaction lost applied commands (EventLogLost): memory no
        # longer matches the disk, so the backend refuses commands from then on and whoever
        # runs it must restart it (livedesk-server exits non-zero; see PROTOCOL.md §8).
        self.failed = asyncio.Event()
        self.tracker = StreakTracker(streak_timeout_s)
        self.recent = RecentMessages(recent_capacity)
        self.on_channels_changed: Callable[[str], None] = _ignore
        self.on_account_revoked: Callable[[str], None] = _ignore
        self._db: sqlite3.Connection | None = None
        self._accounts: AccountStore | None = None
        self._state: ServerState | None = None
        self._viewer_count = 0
        self._inflight: dict[tuple[str, str], asyncio.Future[Ack | Error] | None] = {}
        self._user_refs: dict[str, UserRef] = {}
        self._id_prefix = os.urandom(5).hex()
        self._id_counter = 0
        self._streak_wakeup = asyncio.Event()
        self._expiry_task: asyncio.Task[None] | None = None
        self.fans = fans.FanService(self)

    # --- lifecycle -------------------------------------------------------------------

    async def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.data_dir / SERVER_DB, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        self._db = db
        self._accounts = AccountStore(db, clock=self.clock)
        self._state = ServerState(db)
        self._state.processed.load(self.now_ms())
        self._state.commit()
        create_table(db)
        merge_old_event_log(db, self.data_dir / OLD_EVENTS_DB)
        # The event log writes through the state's connection: a command's state change, its
        # rid (ProcessedCommands) and its events are committed in one transaction, so a crash
        # keeps all of them or none, and an ack (sent after that commit) is always true.
        await self.hub.start(db)
        self._state.commit_through = self.hub.commit_shared  # type: ignore[method-assign]
        reload_recent_messages(self.recent, self.hub, RECENT_RELOAD_EVENTS)
        self.fans.start(db)
        self._expiry_task = asyncio.create_task(self._expire_streaks_forever(), name="streaks")

    async def close(self) -> None:
        if self._expiry_task is not None:
            self._expiry_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._expiry_task
            self._expiry_task = None
        await self.fans.close()
        if self._state is not None and not self.hub.failed:
            # Streaks still running are final now: counted once rather than lost on restart.
            for ended in self.tracker.expire(float("inf")):
                handlers_earnings.count_gift(self, ended, None)
            # Committed while the event log still runs (the shared connection's commits go
            # through it); its closing flush then publishes the events that went along.
            with contextlib.suppress(EventLogLost):
                self._state.commit()
        await self.hub.close()
        if self._db is not None:
            # After a failure a transaction may still be open: closing discards it, so what
            # memory holds beyond the disk is not kept.
            self._db.close()
        self._db = self._accounts = self._state = None

    @property
    def state(self) -> ServerState:
        if self._state is None:
            raise RuntimeError("Backend.start() has not been called")
        return self._state

    @property
    def accounts(self) -> AccountStore:
        if self._accounts is None:
            raise RuntimeError("Backend.start() has not been called")
        return self._accounts

    # --- accounts --------------------------------------------------------------------

    # Account changes made outside a command are committed at once (with whatever complete
    # commands the open transaction holds): a token handed out is a token stored.

    def create_account(self, name: str, role: Role) -> tuple[Account, str]:
        created = self.accounts.create_account(name, role)
        self.state.commit()
        return created

    def issue_token(self, account_id: str) -> str:
        token = self.accounts.issue_token(account_id)
        self.state.commit()
        return token

    def authenticate(self, token: str) -> Account | None:
        return self.accounts.authenticate(token)

    def redeem_invite(self, code: str, name: str) -> tuple[Account, str]:
        """A new moderator account from an invite code (InviteError if it cannot be used)."""
        account, token = self.accounts.redeem_invite(code, name)
        self.audit(account, "invite.redeem", None)
        self.state.commit()
        return account, token

    def demo_creator(self) -> tuple[Account, str]:
        """The creator account (made on first use) and a fresh token for it."""
        creator = self.accounts.first_with_role("creator")
        if creator is None:
            return self.create_account(DEMO_CREATOR_NAME, "creator")
        return creator, self.issue_token(creator.id)

    # --- what a connection may see ---------------------------------------------------

    def is_member(self, account_id: str) -> bool:
        return account_id in self.state.members

    def services(self) -> tuple[Service, ...]:
        return self.state.services

    def readable_channels(self, account: Account) -> frozenset[str]:
        return roles.readable_channels(account.role, account.id, self.is_member(account.id))

    def snapshot(self, account: Account) -> Snapshot:
        state = self.state
        # Below Room's pinned message and on-camera questions are for those who read it.
        reads_below = roles.BELOW in self.readable_channels(account)
        rooms = []
        for room in ROOMS:
            mode = state.rooms[room]
            pin = mode.pinned if room != "below" or reads_below else None
            rooms.append(
                RoomState(
                    room=room,
                    slow_mode_s=mode.slow_mode_s,
                    members_only=mode.members_only,
                    pinned_message_id=pin.message_id if pin else None,
                    pinned_text=pin.text if pin else None,
                    pinned_user=pin.user.name if pin else None,
                )
            )
        live = state.live
        info = None
        if live is not None:
            diamonds, gifts, new_members, renewals = state.live_totals()
            info = LiveSessionInfo(
                live.session_id, live.started_ms, live.title, diamonds, gifts, new_members, renewals
            )
        return Snapshot(
            rooms=tuple(rooms),
            live=info,
            viewer_count=self._viewer_count,
            member_count=len(state.members),
            services=state.services,
            is_member=self.is_member(account.id),
            profile=state.profile if account.role == "creator" else None,
            oncamera=tuple(
                QueuedQuestion(item.message_id, item.user, item.text)
                for item in (state.queued_oncamera() if reads_below else ())
            ),
        )

    def set_viewer_count(self, count: int) -> None:
        count = max(0, count)
        if count != self._viewer_count:
            self._viewer_count = count
            self.hub.append(roles.PUBLIC, ViewerCount(count=count))

    def set_profile(self, profile: CreatorProfile) -> None:
        """Set the creator's profile as the platform reports it (e.g. the follower count)."""
        handlers_inbox.publish_profile(self, profile, None)
        self.state.commit()

    def set_blocked_terms(self, terms: list[str]) -> None:
        """Viewers' chat messages that contain one of these terms are held for review
        (rules: app/core/blocked_terms.py; raises BlockedTermError for an unusable term)."""
        handlers_review.publish_blocked_terms(self, normalize_terms(terms), "server", None)
        self.state.commit()

    def _storage_failed(self, lost: EventLogLost) -> None:
        log.critical("the backend stops applying commands and must be restarted: %s", lost)
        self.failed.set()

    # --- commands --------------------------------------------------------------------

    async def execute(self, account: Account, rid: str, cmd: CommandData) -> Ack | Error:
        """Apply one command exactly once per (account, rid); see the protocol notes."""
        key = (account.id, rid)
        state = self.state
        if self.hub.failed:
            # Memory (the remembered rids too) may hold what the disk lost: answer nothing
            # from it. The client resends after resuming on the restarted server.
            return Error(code="internal", message=_FAILED_MESSAGE, rid=rid)
        if key in state.processed:
            return Ack(rid=rid, result=state.processed.result(*key), duplicate=True)
        if key in self._inflight:
            return await self._wait_for_original(key)
        self._inflight[key] = None
        try:
            reply = await self._apply(account, rid, cmd)
        except BaseException as exc:
            self._finish_inflight(key, Error(code="internal", message=str(exc), rid=rid))
            raise
        if isinstance(reply, Ack):
            # What a resend that arrived meanwhile gets: a duplicate ack, without secrets.
            repeated = repeatable_result(type(cmd), reply.result)
            self._finish_inflight(key, Ack(rid=rid, result=repeated, duplicate=True))
        else:
            self._finish_inflight(key, reply)
        return reply

    async def _wait_for_original(self, key: tuple[str, str]) -> Ack | Error:
        future = self._inflight[key]
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._inflight[key] = future
        return await asyncio.shield(future)

    def _finish_inflight(self, key: tuple[str, str], reply: Ack | Error) -> None:
        future = self._inflight.pop(key, None)
        if future is not None and not future.done():
            future.set_result(reply)

    async def _apply(self, account: Account, rid: str, cmd: CommandData) -> Ack | Error:
        command_type: str = cmd.__struct_config__.tag  # type: ignore[assignment]
        if not roles.may_send(account.role, command_type):
            return Error(
                code="forbidden", message=f"A {account.role} may not use {command_type}.", rid=rid
            )
        if not self.accounts.is_active(account.id):
            return Error(code="forbidden", message="This account was revoked.", rid=rid)
        if command_type in fans.FAN_REFUSED_COMMANDS and self.fans.is_fan(account.id):
            return Error(code="forbidden", message=f"A fan may not use {command_type}.", rid=rid)
        if account.id in self.state.bans and type(cmd) is not FetchHistory:
            return Error(code="banned", message="You are banned from this channel.", rid=rid)
        handler = HANDLERS.get(type(cmd))
        if handler is None:
            return Error(code="bad_request", message=f"{command_type} is not supported.", rid=rid)
        try:
            result = handler(self, account, rid, cmd)
        except Refused as refused:
            return Error(
                code=refused.code,
                message=refused.message,
                rid=rid,
                retry_after_ms=refused.retry_after_ms,
            )
        except Exception:
            log.exception("command %s (rid %s) of %s failed", command_type, rid, account.id)
            return Error(code="internal", message="The server failed to apply this.", rid=rid)
        if type(cmd) not in QUERIES:
            self._record(account.id, rid, cmd, result)
        try:
            await self.hub.durable()
            # A command without events (or whose events another commit already took along):
            # its state and rid are committed here. Every await point sees whole commands only.
            self.state.commit()
        except EventLogLost:
            # Its transaction was rolled back: not stored, so never acked.
            return Error(code="internal", message=_FAILED_MESSAGE, rid=rid)
        return Ack(rid=rid, result=result)

    def _record(self, account_id: str, rid: str, cmd: CommandData, result: AckResult) -> None:
        # Only what may be repeated is remembered, in memory as on disk: a duplicate ack can
        # never carry a one-time secret, whichever connection or server run it comes from.
        repeatable = repeatable_result(type(cmd), result)
        self.state.processed.record(account_id, rid, repeatable, self.now_ms())

    # --- helpers for handlers --------------------------------------------------------

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def new_id(self, kind: str) -> str:
        """A short id unique across restarts: kind, a per-process random prefix, a counter."""
        self._id_counter += 1
        return f"{kind}{self._id_prefix}{self._id_counter:x}"

    def emit(self, ch: str, data: EventData, rid: str | None) -> Event:
        return self.hub.append(ch, data, rid)

    def audit(
        self,
        actor: Account,
        action: str,
        rid: str | None,
        *,
        target_user_id: str | None = None,
        target_message_id: str | None = None,
        reason: str = "",
        seconds: int | None = None,
    ) -> None:
        target = self.accounts.get(target_user_id) if target_user_id else None
        entry = AuditEntry(
            audit_id=self.new_id("a"),
            actor=self.user_ref(actor.id),
            action=action,
            target_user_id=target_user_id,
            target_message_id=target_message_id,
            reason=reason[:200],
            target_name=target.name if target is not None else "",
            seconds=seconds,
        )
        self.emit(roles.MOD, entry, rid)

    def user_ref(self, account_id: str) -> UserRef:
        """The user as shown next to what they do, with their current badges (cached)."""
        ref = self._user_refs.get(account_id)
        if ref is not None:
            return ref
        state = self.state
        account = self.accounts.get(account_id)
        name = account.name if account else "unknown"
        badges: list[str] = []
        if account is not None and account.role != "viewer":
            badges.append(account.role)
        membership = state.members.get(account_id)
        if membership is not None:
            badges.append(f"member:{membership.tier}")
        if account_id in state.top_gifters:
            badges.append("top_gifter")
        if self.fans.is_fan(account_id):
            badges.append(fans.FAN_BADGE)
        ref = UserRef(id=account_id, name=name, badges=tuple(badges))
        self._user_refs[account_id] = ref
        return ref

    def badges_changed(self, account_id: str | None = None) -> None:
        """Forget cached badges: of one user, or of everyone (None)."""
        if account_id is None:
            self._user_refs.clear()
        else:
            self._user_refs.pop(account_id, None)

    def call_hook(self, hook: Callable[[str], None], account_id: str) -> None:
        try:
            hook(account_id)
        except Exception:
            log.exception("hook %r failed for %s", hook, account_id)

    def wake_streak_expiry(self) -> None:
        self._streak_wakeup.set()

    # --- gift streaks whose end marker never arrives ---------------------------------

    async def expire_streaks(self) -> int:
        """End every streak that went quiet; returns how many ended."""
        ended = self.tracker.expire(self.clock())
        for event in ended:
            handlers_earnings.count_gift(self, event, None)
        if ended:
            await self.hub.durable()
            self.state.commit()
        return len(ended)

    async def _expire_streaks_forever(self) -> None:
        while not self.hub.failed:
            deadline = self.tracker.next_deadline()
            timeout = None
            if deadline is not None:
                timeout = min(max(deadline - self.clock(), 0.001), _MAX_STREAK_SLEEP_S)
            self._streak_wakeup.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._streak_wakeup.wait()
            try:
                await self.expire_streaks()
            except Exception:
                log.exception("expiring gift streaks failed")
