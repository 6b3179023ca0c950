"""Build TikTok frames from the library's own message types (tests and the shipped recording).

Nothing here touches the network: each builder makes the protobuf message TikTok would send,
serialized into a frame's message exactly as the webcast server wraps it.
"""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

from app.server.tiktok.library import ControlAction, proto

_ids = itertools.count(7_300_000_000_000_000_001)


def next_msg_id() -> int:
    return next(_ids)


def restart_ids(first: int) -> None:
    """Number the next messages from `first` (the demo recording is built the same each time)."""
    global _ids
    _ids = itertools.count(first)


def user(uid: int, nickname: str, handle: str = "") -> Any:
    return proto.User(id=uid, nickname=nickname, display_id=handle or f"user{uid}")


def _common(method: str, msg_id: int, display_key: str = "") -> Any:
    common = proto.CommonMessageData(method=method, msg_id=msg_id)
    if display_key:
        from TikTokLiveProto.v3.webcast.model.message.common import Text

        common.display_text = Text(key=display_key)
    return common


def wrap(message: Any, msg_id: int | None = None, *, method: str = "") -> Any:
    """One message of a frame: its type name, its id and its bytes."""
    mid = msg_id if msg_id is not None else message.common.msg_id
    return proto.ProtoMessageFetchResultBaseProtoMessage(
        method=method or type(message).__name__, payload=bytes(message), msg_id=mid
    )


def frame(*messages: Any, first: bool = False, cursor: str = "") -> Any:
    return proto.ProtoMessageFetchResult(messages=list(messages), is_first=first, cursor=cursor)


def comment(who: Any, text: str, msg_id: int | None = None) -> Any:
    mid = msg_id or next_msg_id()
    msg = proto.WebcastChatMessage(
        common=_common("WebcastChatMessage", mid), user=who, content=text
    )
    return wrap(msg)


class GiftSpec(NamedTuple):
    """A gift as TikTok's gift list describes it (`coins`: its price, TikTok's diamond_count)."""

    gift_id: int
    name: str
    coins: int
    streakable: bool


def gift(
    who: Any,
    spec: GiftSpec,
    *,
    repeat_count: int = 1,
    end: bool = False,
    group_id: int = 0,
    msg_id: int | None = None,
) -> Any:
    mid = msg_id or next_msg_id()
    msg = proto.WebcastGiftMessage(
        common=_common("WebcastGiftMessage", mid),
        user=who,
        gift_id=spec.gift_id,
        repeat_count=repeat_count,
        repeat_end=1 if end else 0,
        group_id=group_id,
        gift=proto.Gift(
            id=spec.gift_id,
            name=spec.name,
            diamond_count=spec.coins,
            type=1 if spec.streakable else 2,  # 1: a gift that streaks (combo)
        ),
    )
    return wrap(msg)


def like(who: Any, count: int, total: int) -> Any:
    mid = next_msg_id()
    msg = proto.WebcastLikeMessage(
        common=_common("WebcastLikeMessage", mid), user=who, count=count, total=total
    )
    return wrap(msg)


def social(who: Any, kind: str) -> Any:
    """A follow or a share: TikTok sends both as a social message told apart by its text key."""
    mid = next_msg_id()
    key = {"follow": "pm_main_follow_message_viewer_2", "share": "pm_mt_guidance_share"}[kind]
    msg = proto.WebcastSocialMessage(common=_common("WebcastSocialMessage", mid, key), user=who)
    return wrap(msg)


def join(who: Any, member_count: int) -> Any:
    mid = next_msg_id()
    msg = proto.WebcastMemberMessage(
        common=_common("WebcastMemberMessage", mid),
        user=who,
        member_count=member_count,
        action=proto.MemberMessageAction.JOINED,
    )
    return wrap(msg)


def subscribe(who: Any, months: int) -> Any:
    mid = next_msg_id()
    msg = proto.WebcastSubNotifyMessage(
        common=_common("WebcastSubNotifyMessage", mid), user=who, sub_month=months
    )
    return wrap(msg)


def viewers(total: int) -> Any:
    mid = next_msg_id()
    msg = proto.WebcastRoomUserSeqMessage(
        common=_common("WebcastRoomUserSeqMessage", mid), total=total
    )
    return wrap(msg)


def live_end() -> Any:
    mid = next_msg_id()
    msg = proto.WebcastControlMessage(
        common=_common("WebcastControlMessage", mid), action=ControlAction.STREAM_ENDED
    )
    return wrap(msg)


def unknown(method: str, payload: bytes = b"\x08\x01") -> Any:
    """A message type the library does not know (TikTok adds new ones now and then)."""
    return proto.ProtoMessageFetchResultBaseProtoMessage(
        method=method, payload=payload, msg_id=next_msg_id()
    )
