"""Persisted server state (server.db), with in-memory copies of what the chat path reads."""

from __future__ import annotations

import heapq
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from app.core.blocked_terms import (
    DEFAULT_BLOCKED_TERMS,
    MAX_TERMS,
    BlockedTermError,
    BlockedTerms,
    normalize_terms,
)
from app.core.earnings import GIFT_KINDS
from app.protocol.payloads import (
    ROOMS,
    CreatorProfile,
    LedgerEntry,
    Room,
    Service,
    UserRef,
)
from app.server import ledger_table
from app.server.inquiry_store import InquiryStore
from app.server.processed import ProcessedCommands

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bans (
    user_id TEXT PRIMARY KEY, by TEXT NOT NULL, reason TEXT NOT NULL, ts_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS timeouts (user_id TEXT PRIMARY KEY, until_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    room TEXT PRIMARY KEY, slow_mode_s INTEGER NOT NULL, members_only INTEGER NOT NULL,
    pinned TEXT);
CREATE TABLE IF NOT EXISTS members (
    user_id TEXT PRIMARY KEY, tier INTEGER NOT NULL, months INTEGER NOT NULL,
    since_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS live_sessions (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, started_ms INTEGER NOT NULL, ended_ms INTEGER);
CREATE TABLE IF NOT EXISTS live_members (
    session_id TEXT PRIMARY KEY, new_members INTEGER NOT NULL, renewals INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS oncamera (
    message_id TEXT PRIMARY KEY, user TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
    updated_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS held (
    message_id TEXT PRIMARY KEY, room TEXT NOT NULL, user TEXT NOT NULL, text TEXT NOT NULL,
    reply_to TEXT, term TEXT NOT NULL, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chat_times (
    user_id TEXT NOT NULL, room TEXT NOT NULL, ts_ms INTEGER NOT NULL,
    PRIMARY KEY (user_id, room));
CREATE TABLE IF NOT EXISTS room_chatters (
    room TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (room, user_id)) WITHOUT ROWID;
"""

log = logging.getLogger(__name__)

OFFLINE_SESSION = ""  # the session key while no live session runs

_encode = msgspec.json.Encoder().encode
_decode_user = msgspec.json.Decoder(UserRef).decode
_decode_services = msgspec.json.Decoder(tuple[Service, ...]).decode


class PinnedMessage(msgspec.Struct, frozen=True):
    message_id: str
    text: str
    user: UserRef


@dataclass(frozen=True)
class RoomMode:
    slow_mode_s: int = 0
    members_only: bool = False
    pinned: PinnedMessage | None = None


@dataclass(frozen=True)
class Membership:
    tier: int
    months: int
    since_ms: int


@dataclass(frozen=True)
class LiveSession:
    session_id: str
    title: str
    started_ms: int


@dataclass(frozen=True)
class HeldMessage:
    message_id: str
    room: Room
    user: UserRef
    text: str
    reply_to: str | None
    term: str
    created_ms: int


@dataclass(frozen=True)
class OnCameraItem:
    message_id: str
    user: UserRef
    text: str
    status: Literal["queued", "answered"]


def usable_blocked_terms(terms: list[str]) -> BlockedTerms:
    """The stored list, leaving out (and logging) any term the current rules refuse."""
    kept = []
    for term in terms:
        try:
            kept.extend(normalize_terms([term]))
        except BlockedTermError as exc:
            log.warning("ignoring a stored blocked term: %s", exc)
    return BlockedTerms(kept[:MAX_TERMS])


class ServerState:
    """Bans, timeouts, room modes, members, services, live sessions, ledger, inquiries, the
    on-camera queue, held messages, processed request ids and slow-mode times.

    Reads on the chat path come from memory. Writes go to SQLite at once but are committed by
    `commit()`, which the backend calls once per batch of commands (group commit).
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(_SCHEMA)
        ledger_table.create_or_upgrade(db)
        self.inquiries = InquiryStore(db)
        self.bans: dict[str, str] = dict(db.execute("SELECT user_id, reason FROM bans").fetchall())
        self.timeouts: dict[str, int] = dict(db.execute("SELECT user_id, until_ms FROM timeouts"))
        self.rooms: dict[Room, RoomMode] = {room: RoomMode() for room in ROOMS}
        for room, slow, members_only, pinned in db.execute(
            "SELECT room, slow_mode_s, members_only, pinned FROM rooms"
        ):
            pin = msgspec.json.decode(pinned, type=PinnedMessage) if pinned else None
            self.rooms[room] = RoomMode(slow, bool(members_only), pin)
        self.members: dict[str, Membership] = {
            row[0]: Membership(row[1], row[2], row[3])
            for row in db.execute("SELECT user_id, tier, months, since_ms FROM members")
        }
        self.services: tuple[Service, ...] = ()
        self.blocked_terms: list[str] = list(DEFAULT_BLOCKED_TERMS)  # until one is saved
        self.profile = CreatorProfile()
        for key, value in db.execute("SELECT key, value FROM settings"):
            if key == "services":
                self.services = _decode_services(value)
            elif key == "blocked_terms":
                self.blocked_terms = msgspec.json.decode(value, type=list[str])
            elif key == "profile":
                self.profile = msgspec.json.decode(value, type=CreatorProfile)
        self.blocked = usable_blocked_terms(self.blocked_terms)
        self.blocked_terms = list(self.blocked.terms)
        row = db.execute(
            "SELECT id, title, started_ms FROM live_sessions WHERE ended_ms IS NULL "
            "ORDER BY started_ms DESC LIMIT 1"
        ).fetchone()
        self.live: LiveSession | None = LiveSession(*row) if row else None
        # Who ever wrote in which room (first_in_room); older databases' session_chatters
        # table says nothing about rooms and is left alone.
        self.room_chatters: set[tuple[str, str]] = set(
            db.execute("SELECT room, user_id FROM room_chatters")
        )
        self.chat_times: dict[tuple[str, str], int] = {
            (r[0], r[1]): r[2] for r in db.execute("SELECT user_id, room, ts_ms FROM chat_times")
        }
        self.session_gifts: dict[str, int] = {}
        self.session_gift_count = 0  # gift lines of the live session (a streak is one)
        # member.joined events of the live session (new / renewed), counted where they are
        # emitted: what a client counting those events gets (app/core/livetotals.py).
        self.session_new_members = 0
        self.session_renewals = 0
        self.top_gifters: frozenset[str] = frozenset()
        if self.live is not None:
            # The same kinds add_ledger_entry counts, so a restart mid-live keeps the totals.
            kinds = sorted(GIFT_KINDS)
            marks = ",".join("?" * len(kinds))
            for user_id, diamonds, count in db.execute(
                "SELECT user_id, SUM(diamonds), COUNT(*) FROM ledger "
                f"WHERE kind IN ({marks}) AND session_id = ? GROUP BY user_id",
                (*kinds, self.live.session_id),
            ):
                self.session_gifts[user_id] = diamonds
                self.session_gift_count += count
            counted = db.execute(
                "SELECT new_members, renewals FROM live_members WHERE session_id = ?",
                (self.live.session_id,),
            ).fetchone()
            if counted is not None:
                self.session_new_members, self.session_renewals = counted
            self._rank_gifters()
        self.processed = ProcessedCommands(db)

    def commit(self) -> None:
        # Called also with no transaction open: the event log then checks that none of its
        # events were in one that was rolled back (see EventHub.commit_shared).
        self.commit_through()

    def commit_through(self) -> None:
        """How the connection is committed; the backend routes it through the event log,
        which shares the connection and must know when its pending events went along."""
        self._db.commit()

    # --- moderation ------------------------------------------------------------------

    def ban(self, user_id: str, by: str, reason: str, now_ms: int) -> None:
        self.bans[user_id] = reason
        self._db.execute(
            "INSERT OR REPLACE INTO bans VALUES (?, ?, ?, ?)", (user_id, by, reason, now_ms)
        )

    def unban(self, user_id: str) -> None:
        self.bans.pop(user_id, None)
        self.timeouts.pop(user_id, None)
        self._db.execute("DELETE FROM bans WHERE user_id = ?", (user_id,))
        self._db.execute("DELETE FROM timeouts WHERE user_id = ?", (user_id,))

    def set_timeout(self, user_id: str, until_ms: int) -> None:
        self.timeouts[user_id] = until_ms
        self._db.execute("INSERT OR REPLACE INTO timeouts VALUES (?, ?)", (user_id, until_ms))

    def set_room(self, room: Room, mode: RoomMode) -> None:
        self.rooms[room] = mode
        pinned = _encode(mode.pinned).decode() if mode.pinned is not None else None
        self._db.execute(
            "INSERT OR REPLACE INTO rooms VALUES (?, ?, ?, ?)",
            (room, mode.slow_mode_s, int(mode.members_only), pinned),
        )

    def set_blocked_terms(self, terms: list[str]) -> None:
        """Replace the list; raises BlockedTermError (nothing changed) for an unusable term."""
        self.blocked = BlockedTerms(terms)
        self.blocked_terms = list(self.blocked.terms)
        self._set_setting("blocked_terms", _encode(self.blocked_terms).decode())

    def _set_setting(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    # --- chat bookkeeping ------------------------------------------------------------

    def current_session_key(self) -> str:
        return self.live.session_id if self.live else OFFLINE_SESSION

    def note_chatter(self, room: Room, user_id: str) -> bool:
        """Record that a user chatted in `room`; True if it is their first message there ever."""
        key = (room, user_id)
        if key in self.room_chatters:
            return False
        self.room_chatters.add(key)
        self._db.execute("INSERT OR IGNORE INTO room_chatters VALUES (?, ?)", key)
        return True

    def note_chat_time(self, user_id: str, room: Room, now_ms: int) -> None:
        self.chat_times[(user_id, room)] = now_ms
        # Only slow mode reads these times, so only then are they worth a write.
        if self.rooms[room].slow_mode_s:
            self._db.execute(
                "INSERT OR REPLACE INTO chat_times VALUES (?, ?, ?)", (user_id, room, now_ms)
            )

    def hold(self, held: HeldMessage) -> None:
        self._db.execute(
            "INSERT INTO held VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                held.message_id,
                held.room,
                _encode(held.user).decode(),
                held.text,
                held.reply_to,
                held.term,
                held.created_ms,
            ),
        )

    def take_held(self, message_id: str) -> HeldMessage | None:
        row = self._db.execute(
            "SELECT message_id, room, user, text, reply_to, term, created_ms FROM held "
            "WHERE message_id = ?",
            (message_id,),
        ).fetchone()
        if row is None:
            return None
        self._db.execute("DELETE FROM held WHERE message_id = ?", (message_id,))
        return HeldMessage(row[0], row[1], _decode_user(row[2]), *row[3:])

    def held_messages(self, limit: int = 500) -> list[HeldMessage]:
        """Messages waiting for review, oldest first."""
        rows = self._db.execute(
            "SELECT message_id, room, user, text, reply_to, term, created_ms FROM held "
            "ORDER BY created_ms, rowid LIMIT ?",
            (limit,),
        ).fetchall()
        return [HeldMessage(r[0], r[1], _decode_user(r[2]), *r[3:]) for r in rows]

    def oncamera(self, message_id: str) -> OnCameraItem | None:
        row = self._db.execute(
            "SELECT message_id, user, text, status FROM oncamera WHERE message_id = ?",
            (message_id,),
        ).fetchone()
        return OnCameraItem(row[0], _decode_user(row[1]), row[2], row[3]) if row else None

    def queued_oncamera(self, limit: int = 200) -> list[OnCameraItem]:
        """Questions still waiting for their on-camera answer, oldest first."""
        rows = self._db.execute(
            "SELECT message_id, user, text, status FROM oncamera WHERE status = 'queued' "
            "ORDER BY updated_ms, rowid LIMIT ?",
            (limit,),
        ).fetchall()
        return [OnCameraItem(r[0], _decode_user(r[1]), r[2], r[3]) for r in rows]

    def set_oncamera(self, item: OnCameraItem, now_ms: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO oncamera VALUES (?, ?, ?, ?, ?)",
            (item.message_id, _encode(item.user).decode(), item.text, item.status, now_ms),
        )

    # --- members, services, live -----------------------------------------------------

    def subscribe(self, user_id: str, tier: int, now_ms: int) -> tuple[Membership, bool]:
        """Add or renew a membership; returns it and whether it was a renewal."""
        old = self.members.get(user_id)
        if old is None:
            membership = Membership(tier, 1, now_ms)
        else:
            membership = Membership(tier, min(old.months + 1, 1200), old.since_ms)
        self.members[user_id] = membership
        self._db.execute(
            "INSERT OR REPLACE INTO members VALUES (?, ?, ?, ?)",
            (user_id, membership.tier, membership.months, membership.since_ms),
        )
        return membership, old is not None

    def unsubscribe(self, user_id: str) -> None:
        """End a membership (a fan's last Below Room pass was revoked or ran out)."""
        self.members.pop(user_id, None)
        self._db.execute("DELETE FROM members WHERE user_id = ?", (user_id,))

    def set_services(self, services: tuple[Service, ...]) -> None:
        self.services = services
        self._set_setting("services", _encode(services).decode())

    def set_profile(self, profile: CreatorProfile) -> None:
        self.profile = profile
        self._set_setting("profile", _encode(profile).decode())

    def start_live(self, session: LiveSession) -> None:
        self.live = session
        self._db.execute(
            "INSERT INTO live_sessions VALUES (?, ?, ?, NULL)",
            (session.session_id, session.title, session.started_ms),
        )
        self._new_session()

    def end_live(self, ended_ms: int) -> LiveSession:
        assert self.live is not None
        session, self.live = self.live, None
        self._db.execute(
            "UPDATE live_sessions SET ended_ms = ? WHERE id = ?", (ended_ms, session.session_id)
        )
        self._new_session()
        return session

    def _new_session(self) -> None:
        self.session_gifts = {}
        self.session_gift_count = 0
        self.session_new_members = 0
        self.session_renewals = 0
        self.top_gifters = frozenset()

    # --- ledger ----------------------------------------------------------------------

    def add_ledger_entry(self, entry: LedgerEntry, now_ms: int) -> bool:
        """Store a ledger entry; for gifts, returns True if the top gifters changed."""
        ledger_table.insert(self._db, entry, now_ms)
        if entry.kind not in GIFT_KINDS or self.live is None:
            return False
        self.session_gift_count += 1
        self.session_gifts[entry.user.id] = (
            self.session_gifts.get(entry.user.id, 0) + entry.diamonds
        )
        before = self.top_gifters
        self._rank_gifters()
        return before != self.top_gifters

    def count_member_joined(self, renewed: bool) -> None:
        """A member.joined event was emitted (only handlers_earnings.announce_member calls
        this): count it in the live session's new members or renewals."""
        if self.live is None:
            return
        if renewed:
            self.session_renewals += 1
        else:
            self.session_new_members += 1
        self._db.execute(
            "INSERT OR REPLACE INTO live_members VALUES (?, ?, ?)",
            (self.live.session_id, self.session_new_members, self.session_renewals),
        )

    def live_totals(self) -> tuple[int, int, int, int]:
        """The live session's diamonds, gifts, new members and renewals (zeros when off air)."""
        if self.live is None:
            return 0, 0, 0, 0
        return (
            sum(self.session_gifts.values()),
            self.session_gift_count,
            self.session_new_members,
            self.session_renewals,
        )

    def _rank_gifters(self) -> None:
        top = heapq.nlargest(3, self.session_gifts.items(), key=lambda item: item[1])
        self.top_gifters = frozenset(user_id for user_id, diamonds in top if diamonds > 0)

    def open_booking(self, inquiry_id: str) -> tuple[int, str] | None:
        return ledger_table.open_booking(self._db, inquiry_id)

    def earnings(self, since_ms: int | None, until_ms: int | None) -> dict[str, Any]:
        """Ledger totals per currency, overall and per live session (see ledger_table)."""
        return ledger_table.summary(self._db, since_ms, until_ms)

    def ledger_page(
        self,
        since_ms: int | None,
        until_ms: int | None,
        session_id: str | None,
        after: int,
        limit: int,
    ) -> tuple[list[tuple[int, int, LedgerEntry]], bool]:
        """Ledger lines in the order they were written, after row cursor `after`."""
        return ledger_table.page(self._db, since_ms, until_ms, session_id, after, limit)

    def live_sessions(self, session_ids: set[str]) -> list[dict[str, Any]]:
        """Title and times of the named live sessions (ended_ms None while one runs)."""
        if not session_ids:
            return []
        ids = sorted(session_ids)
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT id, title, started_ms, ended_ms FROM live_sessions WHERE id IN ({marks}) "
            "ORDER BY started_ms",
            ids,
        )
        return [
            {"session_id": r[0], "title": r[1], "started_ms": r[2], "ended_ms": r[3]} for r in rows
        ]
