"""Wire frames: the envelope around payloads, tagged by `op`."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta

from app.protocol.payloads import (
    MAX_INT32,
    AnyCommandData,
    AnyEventData,
    Count,
    CreatorProfile,
    Id,
    Role,
    Room,
    Seq,
    Service,
    TimeMs,
    UserRef,
)

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})

# The integer ranges of the frames (those of payloads: app/protocol/payloads.py).
Version = Annotated[int, Meta(ge=0, le=65_535)]
Limit = Annotated[int, Meta(ge=1, le=MAX_INT32)]
DurationMs = Annotated[int, Meta(ge=0, le=MAX_INT32)]

ResumeMap = Annotated[dict[Annotated[str, Meta(max_length=64)], Seq], Meta(max_length=64)]


class Event(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One event of one channel: immutable, identified by `id`, ordered by `seq`.

    `rid` echoes the request id of the command that caused it, if any.
    """

    ch: Id
    seq: Seq
    id: Id
    ts: TimeMs
    data: AnyEventData
    rid: Id | None = None

    @property
    def type(self) -> str:
        """The event's type, e.g. "chat.message"."""
        return type(self.data).__struct_config__.tag  # type: ignore[return-value]


class Limits(msgspec.Struct, frozen=True):
    max_frame_bytes: Limit
    commands_per_minute: Limit
    max_batch_events: Limit
    initial_backlog: Annotated[int, Meta(ge=0, le=MAX_INT32)]


# --- server -> client ------------------------------------------------------------------


class ServerFrame(msgspec.Struct, frozen=True, tag_field="op"):
    """Base of frames the server sends."""


class Hello(ServerFrame, frozen=True, tag="hello"):
    protocol: Version
    server: str
    heartbeat_ms: Limit
    limits: Limits


class AccountInfo(msgspec.Struct, frozen=True):
    id: Id
    name: str
    role: Role


class RoomState(msgspec.Struct, frozen=True):
    room: Room
    slow_mode_s: Annotated[int, Meta(ge=0, le=3600)] = 0
    members_only: bool = False
    pinned_message_id: str | None = None
    pinned_text: str | None = None
    pinned_user: str | None = None


class LiveSessionInfo(msgspec.Struct, frozen=True):
    session_id: str
    started_ms: TimeMs
    title: str = ""
    # The live's totals when the snapshot was taken (events after `heads` add to them).
    diamonds: int = 0
    gifts: int = 0
    new_members: int = 0
    renewals: int = 0


class QueuedQuestion(msgspec.Struct, frozen=True):
    """A Below Room question waiting for its on-camera answer."""

    message_id: str
    user: UserRef
    text: str


class Snapshot(msgspec.Struct, frozen=True):
    """Current state a fresh client needs that is not a sum of recent events."""

    rooms: tuple[RoomState, ...]
    live: LiveSessionInfo | None
    viewer_count: Count
    member_count: Count
    services: tuple[Service, ...] = ()
    is_member: bool = False
    profile: CreatorProfile | None = None  # the creator's own profile; None for others
    # The on-camera queue, oldest first; for those who read Below Room (members and staff).
    oncamera: tuple[QueuedQuestion, ...] = ()


class Ready(ServerFrame, frozen=True, tag="ready"):
    """Identify accepted. `heads` is the newest seq per channel this account may read;
    replayed events follow this frame, so a client is caught up once it reached them."""

    account: AccountInfo
    heads: dict[str, Seq]
    resumed: bool
    snapshot: Snapshot


class Events(ServerFrame, frozen=True, tag="events"):
    events: list[Event]


class Ack(ServerFrame, frozen=True, tag="ack"):
    rid: Id
    result: dict[str, Any] | None = None
    duplicate: bool = False


class Error(ServerFrame, frozen=True, tag="error"):
    code: str
    message: str
    rid: Id | None = None
    retry_after_ms: DurationMs | None = None


class HeartbeatAck(ServerFrame, frozen=True, tag="heartbeat_ack"):
    ts: TimeMs


class Gap(ServerFrame, frozen=True, tag="gap"):
    """Events seq in [from_seq, to_seq] of `ch` will not be replayed (pruned or too many):
    the client shows a visible gap marker."""

    ch: Id
    from_seq: Seq
    to_seq: Seq


AnyServerFrame = Hello | Ready | Events | Ack | Error | HeartbeatAck | Gap


# --- client -> server ------------------------------------------------------------------


class ClientFrame(msgspec.Struct, frozen=True, tag_field="op", forbid_unknown_fields=True):
    """Base of frames the client sends."""


class Identify(ClientFrame, frozen=True, tag="identify"):
    protocol: Version
    client: Annotated[str, Meta(max_length=64)] = ""
    resume: ResumeMap = {}  # msgspec copies mutable defaults per instance


class Heartbeat(ClientFrame, frozen=True, tag="heartbeat"):
    acks: ResumeMap = {}


class Command(ClientFrame, frozen=True, tag="cmd"):
    rid: Id
    cmd: AnyCommandData


AnyClientFrame = Identify | Heartbeat | Command
