"""Turn what a TikTok LIVE sends into LiveDesk events, through the backend's own paths.

Input is one frame (`ProtoMessageFetchResult`) at a time: from the live connection, from a
recording, or from a test. Each message of the frame is decoded by the TikTokLive library's own
decoding step into its event objects, then applied:

| TikTok (library event)        | LiveDesk                                                      |
|-------------------------------|---------------------------------------------------------------|
| CommentEvent                  | `chat.send` in the public room, as the viewer's account       |
| GiftEvent                     | the gift streak rules (`gift.streak`, one `gift.end`), ledger |
|                               | kind "tiktok"                                                 |
| LikeEvent, FollowEvent,       | `tiktok.activity` (like, follow, share, join, subscribe)      |
| ShareEvent, JoinEvent,        |                                                               |
| SubNotifyEvent                |                                                               |
| RoomUserSeqEvent              | `viewers`                                                     |
| first frame of a connection   | `live.start` (if no live session runs)                        |
| LiveEndEvent                  | `live.end`                                                    |
| anything else                 | ignored, counted per type in a log line                       |

Comments go through `chat.send` as that viewer, so blocked terms hold them for review, bans and
timeouts keep them out, and slow mode and members-only mode refuse them, as for any viewer.
LiveDesk can only decide what it shows: it cannot delete anything on TikTok.

Exactly once across a crash. A message's effects (events, ledger lines, accounts) live in
server.db; the marks that say "applied" are written twice: into server.db's processed ids
(the backend's own duplicate filter, `state.processed`), in the same step as the effects and
so in the same transaction, and into tiktok.db (`SeenStore`, kept longer), committed only
after server.db is durable. A crash before server.db's commit loses effects and both marks
(TikTok's resend is applied); a crash after it leaves the server.db mark, which stops the
resend. Comments carry their TikTok id as the command's rid, so the backend dedupes them too.
A viewer's account goes the other way round (see `_account`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from app.core import roles
from app.core.gifts import TIKTOK_GIFT_PREFIX, diamonds_for_coins
from app.protocol.frames import Ack, Error
from app.protocol.payloads import (
    CommandData,
    EndLive,
    GiftInfo,
    SendMessage,
    StartLive,
    TikTokActivity,
)
from app.server import handlers_earnings
from app.server.tiktok.library import TikTokLiveClient, custom_events, proto, proto_events
from app.server.tiktok.seen import SeenStore

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

log = logging.getLogger(__name__)

MAX_CHAT = 500  # protocol limit of a chat message (ChatText)
# The account id under which the bridge's "applied" marks sit among the processed ids (a
# real account id is 32 hex digits, so it never collides).
MARKS_ACCOUNT = "tiktok-bridge"
GIFT_ICON = "🎁"
Frame = Any  # TikTokLive.proto.ProtoMessageFetchResult (the library's types are not typed here)

_ACTIVITIES: dict[type, str] = {
    proto_events.LikeEvent: "like",
    custom_events.FollowEvent: "follow",
    custom_events.ShareEvent: "share",
    proto_events.JoinEvent: "join",
    proto_events.SubNotifyEvent: "subscribe",
}
# Decoded by the library, and known to carry nothing LiveDesk shows.
_QUIET: tuple[type, ...] = (custom_events.WebsocketResponseEvent,)


def new_decoder(username: str = "replay") -> Any:
    """A library client used only to decode frames (it never connects)."""
    client = TikTokLiveClient(username)
    client._room_id = 0  # the connect event the library makes for a first frame names it
    return client


class TikTokBridge:
    """Applies TikTok frames to a started backend. Runs on the backend's event loop.

    `on_frame` is called with every frame received before it is applied (the recorder).
    `namespace` goes in front of every TikTok message id the bridge remembers: "" for a real
    live (TikTok's ids are unique), a fresh one per replay, so that playing the same recording
    again shows it again instead of being taken for a reconnect.
    """

    def __init__(
        self,
        backend: Backend,
        *,
        username: str = "",
        decoder: Any | None = None,
        on_frame: Callable[[Frame], None] | None = None,
        namespace: str = "",
    ) -> None:
        self.backend = backend
        self.username = username.lstrip("@")
        self.decoder = decoder if decoder is not None else new_decoder(self.username or "replay")
        self.on_frame = on_frame
        self.namespace = namespace
        self.seen = SeenStore(backend.data_dir / "tiktok.db", backend.now_ms())
        self.applied: Counter[str] = Counter()  # what was applied, by kind
        self.ignored: Counter[str] = Counter()  # what was not, by TikTok message type
        self.duplicates = 0
        self.live_ended = False
        self._combos: set[str] = set()  # combos started by this process (see SeenStore)
        self._unsaved: list[str] = []  # seen keys for tiktok.db, once server.db is durable
        self._creator: Account | None = None

    def close(self) -> None:
        if self.ignored:
            log.info("TikTok message types ignored: %s", _counts(self.ignored))
        self.seen.close()

    # --- frames ----------------------------------------------------------------------------

    async def ingest(self, frame: Frame) -> None:
        """Apply one frame: each of its messages once, ever."""
        if self.on_frame is not None:
            self.on_frame(frame)
        if frame.is_first:
            self.live_ended = False
            await self._start_live()
        keys: list[str] = []
        work: list[Coroutine[Any, Any, None]] = []
        for message in frame.messages:
            key = f"m:{self.namespace}{message.msg_id}" if message.msg_id else ""
            if key and (key in keys or self._applied(key)):
                self.duplicates += 1
                continue
            events = await self.decoder._parse_webcast_response_message(
                webcast_response=frame, webcast_response_message=message
            )
            work.append(self._apply_one(message, events, key))
            if key:
                keys.append(key)
        # All of a frame's messages at once: each is applied, in order, in its task's first
        # step (handlers are synchronous); then they share the wait until their events are on
        # disk, instead of one wait per comment.
        await asyncio.gather(*work)
        self._unsaved.extend(keys)
        await self.backend.hub.durable()
        self.backend.state.commit()
        # Only now: a crash before this point must leave TikTok's resend to be applied.
        now_ms = self.backend.now_ms()
        for key in self._unsaved:
            self.seen.mark(key, now_ms)
        self._unsaved.clear()
        self.seen.commit()

    def _applied(self, key: str) -> bool:
        return self.seen.has(key) or (MARKS_ACCOUNT, key) in self.backend.state.processed

    def _mark_applied(self, key: str) -> None:
        """Into server.db's open transaction, with the effects just written (no await
        between them and this, so no commit can come in between)."""
        self.backend.state.processed.record(MARKS_ACCOUNT, key, None, self.backend.now_ms())

    async def _apply_one(self, message: Any, events: list[Any], key: str) -> None:
        try:
            await self._apply(message, events)
        except Exception:
            # One message LiveDesk cannot apply must not cost the connection (TikTok would
            # send it again after a reconnect, and fail again): skip it, and say so.
            log.exception("TikTok message %s (%s) not applied", message.msg_id, message.method)
            self.ignored[f"{message.method} (failed)"] += 1
        if key:
            # Gifts, activities and viewer counts are applied without a wait, so this lands in
            # their transaction; a comment may have waited, but the backend dedupes its rid.
            self._mark_applied(key)

    async def _apply(self, message: Any, events: list[Any]) -> None:
        useful = [e for e in events if e is not None and not isinstance(e, _QUIET)]
        # A custom event (follow, share, live end) comes first, before the proto event it
        # was made from: the first one is the most specific.
        event = useful[0] if useful else None
        rid = f"tt-{self.namespace}{message.msg_id}" if message.msg_id else None
        if isinstance(event, proto_events.CommentEvent):
            await self._comment(event, rid)
        elif isinstance(event, proto_events.GiftEvent):
            self._gift(event, message, rid)
        elif isinstance(event, proto_events.RoomUserSeqEvent):
            self.backend.set_viewer_count(max(0, int(event.total)))
            self.applied["viewers"] += 1
        elif isinstance(event, custom_events.LiveEndEvent):
            self.live_ended = True
            await self._end_live(rid)
        elif event is not None and type(event) in _ACTIVITIES:
            self._activity(_ACTIVITIES[type(event)], event, rid)
        else:
            self._ignore(message.method or "(no type)")

    def _ignore(self, method: str) -> None:
        self.ignored[method] += 1
        n = self.ignored[method]
        if n == 1 or n in (10, 100, 1000, 10_000):
            log.info("ignored TikTok message type %s (%d so far)", method, n)

    # --- what a message does ----------------------------------------------------------------

    async def _comment(self, event: Any, rid: str | None) -> None:
        text = (event.content or "")[:MAX_CHAT]
        account = self._account(event.user)
        if not text.strip() or account is None:
            self._ignore("WebcastChatMessage (empty)")
            return
        reply = await self._execute(account, rid, SendMessage(room="public", text=text))
        self.applied["comment" if isinstance(reply, Ack) else f"comment:{reply.code}"] += 1

    def _gift(self, event: Any, message: Any, rid: str | None) -> None:
        account = self._account(event.user)
        gift = event.gift
        if account is None or gift is None or not gift.id:
            self._ignore("WebcastGiftMessage (no gift)")
            return
        info = GiftInfo(
            id=f"{TIKTOK_GIFT_PREFIX}{gift.id}",
            name=(gift.name or f"Gift {gift.id}")[:64],
            diamonds=diamonds_for_coins(max(0, int(gift.diamond_count))),
            streakable=gift.type == 1,  # the library's own rule (ExtendedGift.streakable)
            icon=GIFT_ICON,
        )
        count = max(1, int(event.repeat_count or 1))
        if info.streakable:
            # TikTok reports a streak again and again with a growing repeat_count under one
            # group id; repeat_end marks its last report (and often never comes).
            combo = f"{self.namespace}{gift.id}:{event.group_id or message.msg_id}"
            end = bool(event.repeat_end)
        else:
            combo, end = f"{self.namespace}{gift.id}:{message.msg_id}", True
        combo_key = f"c:{account.id}:{combo}"
        if combo_key not in self._combos:
            if self._applied(combo_key):
                # Started (and counted, or counted at its timeout) before a restart.
                self.duplicates += 1
                return
            self._combos.add(combo_key)
            self._mark_applied(combo_key)  # with the report below, in one transaction
            self._unsaved.append(combo_key)
        # Counted even from a viewer banned in LiveDesk: the gift was given on TikTok, and the
        # ledger is about money, which a ban in LiveDesk cannot undo.
        handlers_earnings.report_gift(self.backend, account, rid, info, combo, count, end)
        self.applied["gift"] += 1

    def _activity(self, kind: str, event: Any, rid: str | None) -> None:
        if kind == "join" and getattr(event, "action", 1) != proto.MemberMessageAction.JOINED:
            self._ignore("WebcastMemberMessage (not a join)")
            return
        account = self._account(event.user)
        if account is None or account.id in self.backend.state.bans:
            return
        count = 1
        if kind == "like":
            count = max(1, int(event.count or 1))
        elif kind == "subscribe":
            count = max(1, int(event.sub_month or 1))
        user = self.backend.user_ref(account.id)
        self.backend.emit(roles.PUBLIC, TikTokActivity(kind=kind, user=user, count=count), rid)  # type: ignore[arg-type]
        self.applied[kind] += 1

    # --- the live session ---------------------------------------------------------------------

    async def _start_live(self) -> None:
        creator = self._creator_account()
        if self.backend.snapshot(creator).live is not None:
            return
        title = f"TikTok LIVE @{self.username}" if self.username else "TikTok LIVE"
        await self._execute(creator, None, StartLive(title=title))

    async def _end_live(self, rid: str | None) -> None:
        backend = self.backend
        # Streaks still running are final now, counted in the session that is ending (their
        # quiet timeout would count them after it).
        for ended in backend.tracker.expire(float("inf")):
            handlers_earnings.count_gift(backend, ended, None)
        creator = self._creator_account()
        if backend.snapshot(creator).live is not None:
            await self._execute(creator, rid, EndLive())
        self.applied["live_end"] += 1

    async def _execute(self, account: Account, rid: str | None, cmd: CommandData) -> Ack | Error:
        rid = rid or self.backend.new_id("tt")
        return await self.backend.execute(account, rid, cmd)

    # --- who ----------------------------------------------------------------------------------

    def _creator_account(self) -> Account:
        if self._creator is None:
            creator = self.backend.accounts.first_with_role("creator")
            if creator is None:
                creator, _token = self.backend.demo_creator()
            self._creator = creator
        return self._creator

    def _account(self, user: Any) -> Account | None:
        """The LiveDesk account of a TikTok user (made on first sight), or None if unknown."""
        if user is None:
            return None
        tiktok_id = str(user.id) if user.id else (f"@{user.display_id}" if user.display_id else "")
        if not tiktok_id:
            return None
        accounts = self.backend.accounts
        account_id = self.seen.account_for(tiktok_id)
        account = accounts.get(account_id) if account_id else None
        if account is None:
            # The mapping is durable before the account: a crash between the two leaves a
            # mapping to an account that does not exist, taken as none above (one account is
            # made then); the other order would leave an account nobody maps to, and the
            # viewer would get a second one. No await in between: no other commit either.
            # The mark opens server.db's transaction first, so that the new account joins it
            # (Accounts commits a change at once when no transaction is open).
            self._mark_applied(f"u:{tiktok_id}")
            name = user.nickname or user.display_id or "TikTok viewer"
            account, _token = accounts.create_account(name[:64], "viewer")
            self.seen.remember_user(tiktok_id, account.id, account.name)
            self.seen.commit()
            self.backend.state.commit()
        return account


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} ×{n}" for name, n in counter.most_common())
