"""Typed payloads of protocol events and commands; the `type` field is their discriminator."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

# Bounded strings: every text field has a hard upper bound so one frame cannot carry a novel.
Id = Annotated[str, Meta(min_length=1, max_length=64)]
Name = Annotated[str, Meta(min_length=1, max_length=64)]
ChatText = Annotated[str, Meta(min_length=1, max_length=500)]
LongText = Annotated[str, Meta(min_length=1, max_length=4000)]
ShortText = Annotated[str, Meta(max_length=200)]
# Text a client sends may not hold control characters (NUL, escape sequences, line breaks in
# one-line text): C0, DEL and C1 are refused, except tab and line breaks in inquiry texts.
# Events keep the plain types above, so events stored before this rule still decode.
_ONE_LINE = r"\A[^\x00-\x1f\x7f-\x9f]*\Z"
_MULTI_LINE = r"\A[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*\Z"
# How a refusal names these rules (the codec puts it in place of the regular expression).
TEXT_RULES = {
    _ONE_LINE: "one line of text without control characters",
    _MULTI_LINE: "text without control characters other than tab and line breaks",
}
ChatInput = Annotated[str, Meta(min_length=1, max_length=500, pattern=_ONE_LINE)]
LongInput = Annotated[str, Meta(min_length=1, max_length=4000, pattern=_MULTI_LINE)]
ShortInput = Annotated[str, Meta(max_length=200, pattern=_ONE_LINE)]
Room = Literal["public", "below"]
Count = Annotated[int, Meta(ge=0, le=10_000_000)]
Diamonds = Annotated[int, Meta(ge=0, le=10_000_000_000)]
Cents = Annotated[int, Meta(ge=0, le=100_000_000_00)]
# A ledger line's money: negative where a cancelled booking is taken back.
SignedCents = Annotated[int, Meta(ge=-100_000_000_00, le=100_000_000_00)]
# Every integer has a range, so decoding refuses what the server could not store or compute
# with (SQLite holds 64-bit integers) with `bad_request`, before any handler sees it. The
# largest seq, cursor or time is 2**53 - 1 at most, exact in every JSON implementation.
MAX_SAFE_INT = 2**53 - 1
MAX_TIME_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z
MAX_INT32 = 2**31 - 1
Seq = Annotated[int, Meta(ge=0, le=MAX_SAFE_INT)]
TimeMs = Annotated[int, Meta(ge=0, le=MAX_TIME_MS)]  # milliseconds since the Unix epoch
Cursor = Annotated[int, Meta(ge=0, le=MAX_SAFE_INT)]
Seconds = Annotated[int, Meta(ge=0, le=MAX_INT32)]

ROOMS: tuple[Room, ...] = ("public", "below")

ServiceCategory = Literal["consulting", "skill_training", "local_service", "shop_offer"]
InquiryStatus = Literal[
    "new", "open", "quoted", "booked", "completed", "declined", "closed", "snoozed"
]
# "tiktok": diamonds from gifts on the creator's TikTok LIVE (the platform bridge), kept apart
# from the gifts sent through LiveDesk itself.
LedgerKind = Literal["gift", "subscription", "service", "tiktok"]
Role = Literal["creator", "moderator", "viewer"]


class UserRef(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A user as shown next to what they did; badges e.g. "member:2", "moderator", "top_gifter"."""

    id: Id
    name: Name
    badges: tuple[Annotated[str, Meta(max_length=32)], ...] = ()


class GiftInfo(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One entry of the gift catalogue: `diamonds` is what the creator receives per gift."""

    id: Id
    name: Name
    diamonds: Diamonds
    streakable: bool
    icon: ShortText = ""


class Service(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A Service+ listing in the creator's service bio; `price_cents` None means on request."""

    id: Id
    title: Annotated[str, Meta(min_length=1, max_length=120)]
    category: ServiceCategory
    description: Annotated[str, Meta(max_length=2000)] = ""
    price_cents: Cents | None = None
    currency: Annotated[str, Meta(min_length=3, max_length=3)] = "USD"
    duration_min: Annotated[int, Meta(ge=0, le=100_000)] | None = None
    license_free_confirmed: bool = False


class CreatorProfile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What Service+ eligibility needs to know about the creator (creator only).

    `followers` comes from the platform (the backend), never from the creator; None while
    the backend does not know it. `adult_confirmed` is the creator's own declaration of being
    18 or older; `competence_note` says how they can show competence in what they offer.
    """

    followers: Count | None = None
    adult_confirmed: bool = False
    competence_note: Annotated[str, Meta(max_length=500)] = ""


# ---------------------------------------------------------------------------------------
# Event payloads (server -> client, inside an event envelope)
# ---------------------------------------------------------------------------------------


class EventData(
    msgspec.Struct, frozen=True, tag_field="type", forbid_unknown_fields=True, gc=False
):
    """Base of all event payloads."""


class ChatMessage(EventData, frozen=True, tag="chat.message"):
    message_id: Id
    room: Room
    user: UserRef
    text: ChatText
    reply_to: Id | None = None
    # Set by servers before first_in_room existed (the first message in a live session);
    # no longer set. Kept so that events stored or replayed from then still decode.
    first_in_session: bool = False
    first_in_room: bool = False  # the sender's first message in this room ever


class MessageDeleted(EventData, frozen=True, tag="chat.deleted"):
    message_id: Id
    room: Room
    by: Id


class UserTimedOut(EventData, frozen=True, tag="user.timed_out"):
    user_id: Id
    user_name: Name
    seconds: Annotated[int, Meta(ge=1, le=86_400)]
    until_ms: TimeMs
    by: Id
    reason: ShortText = ""


class UserBanned(EventData, frozen=True, tag="user.banned"):
    user_id: Id
    user_name: Name
    by: Id
    reason: ShortText = ""


class UserUnbanned(EventData, frozen=True, tag="user.unbanned"):
    user_id: Id
    user_name: Name
    by: Id


class MessagePinned(EventData, frozen=True, tag="chat.pinned"):
    room: Room
    message_id: Id
    text: ChatText
    user: UserRef
    by: Id


class MessageUnpinned(EventData, frozen=True, tag="chat.unpinned"):
    room: Room
    by: Id


class RoomModeChanged(EventData, frozen=True, tag="room.mode"):
    room: Room
    slow_mode_s: Annotated[int, Meta(ge=0, le=3600)]
    members_only: bool
    by: Id


class GiftStreakUpdate(EventData, frozen=True, tag="gift.streak"):
    """A streak is running: `count` is the running total so far. Never counted in earnings."""

    streak_id: Id
    gift: GiftInfo
    user: UserRef
    count: Count


class GiftStreakEnded(EventData, frozen=True, tag="gift.end"):
    """A gift (or a whole streak) is final: counted exactly once, here.

    reason: "marker" (the sender's end marker), "timeout" (the server closed a quiet
    streak itself), "single" (a gift that does not streak).
    """

    streak_id: Id
    gift: GiftInfo
    user: UserRef
    count: Count
    diamonds_total: Diamonds
    reason: Literal["marker", "timeout", "single"]


class MemberJoined(EventData, frozen=True, tag="member.joined"):
    user: UserRef
    tier: Annotated[int, Meta(ge=1, le=3)]
    months: Annotated[int, Meta(ge=1, le=1200)]
    renewed: bool
    price_cents: Cents
    member_count: Count


class ViewerCount(EventData, frozen=True, tag="viewers"):
    count: Count


class LiveStarted(EventData, frozen=True, tag="live.started"):
    session_id: Id
    started_ms: TimeMs
    title: ShortText = ""


class LiveEnded(EventData, frozen=True, tag="live.ended"):
    session_id: Id
    started_ms: TimeMs
    ended_ms: TimeMs


class InquiryCreated(EventData, frozen=True, tag="inquiry.created"):
    inquiry_id: Id
    user: UserRef
    service_id: Id
    service_title: Annotated[str, Meta(max_length=120)]
    text: LongText
    session_id: Id | None = None
    elapsed_s: Seconds | None = None


class InquiryMessage(EventData, frozen=True, tag="inquiry.message"):
    inquiry_id: Id
    message_id: Id
    author: Literal["viewer", "creator"]
    user: UserRef
    text: LongText


class InquiryStatusChanged(EventData, frozen=True, tag="inquiry.status"):
    inquiry_id: Id
    status: InquiryStatus
    by: Id
    price_cents: Cents | None = None
    snooze_until_ms: TimeMs | None = None
    # booked: the appointment (UTC ms); booked -> booked moves it
    booked_for_ms: TimeMs | None = None


class ServicesChanged(EventData, frozen=True, tag="services.changed"):
    services: tuple[Service, ...]


class ProfileChanged(EventData, frozen=True, tag="profile.changed"):
    """The creator's profile (Service+ eligibility facts) changed."""

    profile: CreatorProfile


class LedgerEntry(EventData, frozen=True, tag="ledger.entry"):
    """One line of the creator's earnings ledger.

    Gifts carry diamonds; subscriptions and Service+ bookings carry a gross money amount in
    cents of `currency` (a booking: the booked service's currency). Conversion to payout money
    is a client-side setting (core/earnings). Lines written before `currency` existed were all
    US cents, hence the default. A booking cancelled after the fact is taken back by a line of
    the opposite amount (negative `cents`, same `ref` and currency), never by deleting a line.
    """

    entry_id: Id
    kind: LedgerKind
    diamonds: Diamonds
    cents: SignedCents
    user: UserRef
    ref: Id
    session_id: Id | None = None
    label: ShortText = ""
    currency: Annotated[str, Meta(min_length=3, max_length=3)] = "USD"


class AuditEntry(EventData, frozen=True, tag="audit.entry"):
    audit_id: Id
    actor: UserRef
    action: Annotated[str, Meta(min_length=1, max_length=40)]
    target_user_id: Id | None = None
    target_message_id: Id | None = None
    reason: ShortText = ""
    target_name: ShortText = ""  # the target user's name when the action was taken
    seconds: Annotated[int, Meta(ge=0, le=86_400)] | None = None  # a timeout's length


class OnCameraChanged(EventData, frozen=True, tag="oncamera.changed"):
    """A Below Room question was queued for an on-camera answer, or marked answered."""

    message_id: Id
    status: Literal["queued", "answered"]
    user: UserRef
    text: ChatText
    by: Id


class MessageHeld(EventData, frozen=True, tag="chat.held"):
    """A message matched the blocked terms; only moderators and the creator see it."""

    message_id: Id
    room: Room
    user: UserRef
    text: ChatText
    term: ShortText = ""


class HeldResolved(EventData, frozen=True, tag="chat.held_resolved"):
    message_id: Id
    approved: bool
    by: Id


BlockedTerm = Annotated[str, Meta(min_length=1, max_length=100)]


class BlockedTermsChanged(EventData, frozen=True, tag="moderation.blocked_terms"):
    """The blocked-terms list, complete, after a change (moderators and the creator)."""

    terms: tuple[BlockedTerm, ...]
    by: Id


class TikTokActivity(EventData, frozen=True, tag="tiktok.activity"):
    """Something a viewer did on the creator's TikTok LIVE that is neither chat nor a gift.

    `count`: likes in this report (TikTok batches them), months for a subscription, else 1.
    """

    kind: Literal["like", "follow", "share", "join", "subscribe"]
    user: UserRef
    count: Count = 1


TikTokState = Literal[
    "off", "not_live", "connecting", "connected", "refused", "signing_unreachable", "ended"
]


class TikTokConnection(EventData, frozen=True, tag="tiktok.connection"):
    """The state of the backend's connection to the creator's TikTok LIVE (see PROTOCOL.md)."""

    state: TikTokState
    username: ShortText = ""
    detail: ShortText = ""
    retry_in_s: Annotated[int, Meta(ge=0, le=86_400)] | None = None


class MembershipStatus(EventData, frozen=True, tag="member.status"):
    """The reader's own Below Room membership changed (their `user:<id>` channel only).

    `member` false: no active pass any more (`reason` "revoked" or "expired"); the
    connection stops reading `below` at once. `expires_ms` is when the membership ends."""

    member: bool
    tier: Annotated[int, Meta(ge=0, le=3)]
    expires_ms: TimeMs | None
    reason: Literal["redeemed", "renewed", "revoked", "expired"]


AnyEventData = (
    ChatMessage
    | MessageDeleted
    | UserTimedOut
    | UserBanned
    | UserUnbanned
    | MessagePinned
    | MessageUnpinned
    | RoomModeChanged
    | GiftStreakUpdate
    | GiftStreakEnded
    | MemberJoined
    | ViewerCount
    | LiveStarted
    | LiveEnded
    | InquiryCreated
    | InquiryMessage
    | InquiryStatusChanged
    | ServicesChanged
    | ProfileChanged
    | LedgerEntry
    | AuditEntry
    | OnCameraChanged
    | MessageHeld
    | HeldResolved
    | BlockedTermsChanged
    | TikTokActivity
    | TikTokConnection
    | MembershipStatus
)

# ---------------------------------------------------------------------------------------
# Command payloads (client -> server, inside a `cmd` frame)
# ---------------------------------------------------------------------------------------


class CommandData(msgspec.Struct, frozen=True, tag_field="type", forbid_unknown_fields=True):
    """Base of all command payloads."""


class SendMessage(CommandData, frozen=True, tag="chat.send"):
    room: Room
    text: ChatInput
    reply_to: Id | None = None


class QueueOnCamera(CommandData, frozen=True, tag="oncamera.queue"):
    message_id: Id


class MarkAnswered(CommandData, frozen=True, tag="oncamera.answered"):
    message_id: Id


class DeleteMessage(CommandData, frozen=True, tag="chat.delete"):
    message_id: Id


class TimeoutUser(CommandData, frozen=True, tag="user.timeout"):
    user_id: Id
    seconds: Annotated[int, Meta(ge=10, le=86_400)]
    reason: ShortInput = ""


class BanUser(CommandData, frozen=True, tag="user.ban"):
    user_id: Id
    reason: ShortInput = ""


class UnbanUser(CommandData, frozen=True, tag="user.unban"):
    user_id: Id


class PinMessage(CommandData, frozen=True, tag="chat.pin"):
    message_id: Id


class UnpinMessage(CommandData, frozen=True, tag="chat.unpin"):
    room: Room


class SetRoomMode(CommandData, frozen=True, tag="room.set_mode"):
    room: Room
    slow_mode_s: Annotated[int, Meta(ge=0, le=3600)] | None = None
    members_only: bool | None = None


class ResolveHeld(CommandData, frozen=True, tag="chat.resolve_held"):
    message_id: Id
    approve: bool


class CreateInquiry(CommandData, frozen=True, tag="inquiry.create"):
    service_id: Id
    text: LongInput


class ReplyInquiry(CommandData, frozen=True, tag="inquiry.reply"):
    inquiry_id: Id
    text: LongInput


class SetInquiryStatus(CommandData, frozen=True, tag="inquiry.set_status"):
    inquiry_id: Id
    status: InquiryStatus
    price_cents: Cents | None = None
    snooze_until_ms: TimeMs | None = None
    booked_for_ms: TimeMs | None = None


class ListInquiries(CommandData, frozen=True, tag="inquiry.list"):
    status: InquiryStatus | None = None
    limit: Annotated[int, Meta(ge=1, le=1000)] = 200


class GetInquiryThread(CommandData, frozen=True, tag="inquiry.thread"):
    """One inquiry with its messages, status history and ledger entries (a query)."""

    inquiry_id: Id


class SetProfile(CommandData, frozen=True, tag="profile.set"):
    """The creator's own declarations; a field left None stays as it is."""

    adult_confirmed: bool | None = None
    competence_note: Annotated[str, Meta(max_length=500)] | None = None


class SetServices(CommandData, frozen=True, tag="services.set"):
    services: Annotated[tuple[Service, ...], Meta(max_length=50)]


class StartLive(CommandData, frozen=True, tag="live.start"):
    title: ShortInput = ""


class EndLive(CommandData, frozen=True, tag="live.end"):
    pass


class MintInvite(CommandData, frozen=True, tag="invite.mint"):
    label: ShortInput = ""


class RevokeInvite(CommandData, frozen=True, tag="invite.revoke"):
    invite_id: Id


class ListInvites(CommandData, frozen=True, tag="invite.list"):
    pass


class SendGift(CommandData, frozen=True, tag="gift.send"):
    """Viewer sends a gift. Streakable gifts repeat with the same `combo_id` and a growing
    `count`; `end` marks the last report of a streak (it may never arrive)."""

    gift_id: Id
    combo_id: Id
    count: Annotated[int, Meta(ge=1, le=100_000)] = 1
    end: bool = False


class Subscribe(CommandData, frozen=True, tag="member.subscribe"):
    tier: Annotated[int, Meta(ge=1, le=3)] = 1


class SetBlockedTerms(CommandData, frozen=True, tag="moderation.set_blocked_terms"):
    """Replace the blocked-terms list (see app/core/blocked_terms.py for the rules)."""

    terms: Annotated[tuple[BlockedTerm, ...], Meta(max_length=500)]


class GetModeration(CommandData, frozen=True, tag="moderation.get"):
    """Blocked terms, messages waiting for review, active bans and timeouts (a query)."""


class FetchHistory(CommandData, frozen=True, tag="history.fetch"):
    """Events of one channel with seq in (after_seq, before_seq), oldest first."""

    channel: Id
    after_seq: Seq = 0
    before_seq: Seq | None = None
    limit: Annotated[int, Meta(ge=1, le=5000)] = 500


class EarningsSummary(CommandData, frozen=True, tag="earnings.summary"):
    since_ms: TimeMs | None = None
    until_ms: TimeMs | None = None


class EarningsLedger(CommandData, frozen=True, tag="earnings.ledger"):
    """Ledger entries with their server time, oldest first, one page at a time (a query).

    `after` is the `cursor` of the previous page (0 for the first); `session_id` keeps only the
    entries counted in that live session."""

    since_ms: TimeMs | None = None
    until_ms: TimeMs | None = None
    session_id: Id | None = None
    after: Cursor = 0
    limit: Annotated[int, Meta(ge=1, le=5000)] = 2000


PassDays = Annotated[int, Meta(ge=1, le=366)]
PassCode = Annotated[str, Meta(min_length=1, max_length=128)]


class MintPass(CommandData, frozen=True, tag="pass.mint"):
    """A one-time Below Room pass: whoever redeems it is a member of `tier` for `days`.

    `price_cents` (paid outside LiveDesk) becomes a subscription line in the ledger when
    the pass is redeemed; None for a free pass."""

    tier: Annotated[int, Meta(ge=1, le=3)] = 1
    days: PassDays = 30
    price_cents: Cents | None = None
    currency: Annotated[str, Meta(min_length=3, max_length=3)] = "USD"
    label: ShortText = ""


class ListPasses(CommandData, frozen=True, tag="pass.list"):
    """Every pass without its code, newest first, and the fans signed in (a query)."""


class RenewPass(CommandData, frozen=True, tag="pass.renew"):
    """Add `days` to a pass (from its expiry, or from now if it already ran out)."""

    pass_id: Id
    days: PassDays = 30
    price_cents: Cents | None = None


class RevokePass(CommandData, frozen=True, tag="pass.revoke"):
    pass_id: Id


class RedeemPass(CommandData, frozen=True, tag="pass.redeem"):
    code: PassCode


AnyCommandData = (
    SendMessage
    | QueueOnCamera
    | MarkAnswered
    | DeleteMessage
    | TimeoutUser
    | BanUser
    | UnbanUser
    | PinMessage
    | UnpinMessage
    | SetRoomMode
    | ResolveHeld
    | CreateInquiry
    | ReplyInquiry
    | SetInquiryStatus
    | ListInquiries
    | GetInquiryThread
    | SetProfile
    | SetServices
    | StartLive
    | EndLive
    | MintInvite
    | RevokeInvite
    | ListInvites
    | SendGift
    | Subscribe
    | FetchHistory
    | EarningsSummary
    | EarningsLedger
    | SetBlockedTerms
    | GetModeration
    | MintPass
    | ListPasses
    | RenewPass
    | RevokePass
    | RedeemPass
)

JsonObject = dict[str, Any]

# Queries change nothing (PROTOCOL.md §5): answered afresh each time, never remembered by
# rid on the server, never kept in a client's persistent outbox.
QUERIES: frozenset[type[CommandData]] = frozenset(
    {
        FetchHistory,
        ListInquiries,
        GetInquiryThread,
        ListInvites,
        EarningsSummary,
        EarningsLedger,
        GetModeration,
        ListPasses,
    }
)
