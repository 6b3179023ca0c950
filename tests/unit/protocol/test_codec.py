"""Codec: strict decoding, clear errors, and no crash on arbitrary input."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.protocol import ProtocolError, decode_client_frame, decode_server_frame, encode
from app.protocol.codec import MAX_CLIENT_FRAME_BYTES, decode_event, encode_event, events_frame
from app.protocol.frames import Command, Event, Events, Heartbeat, Identify
from app.protocol.payloads import (
    AnyCommandData,
    AnyEventData,
    ChatMessage,
    GiftInfo,
    GiftStreakEnded,
    SendGift,
    SendMessage,
    UserRef,
)

USER = UserRef(id="u1", name="Mia", badges=("member:2",))
ROSE = GiftInfo(id="rose", name="Rose", diamonds=1, streakable=True)


def _event(data: Any, seq: int = 1) -> Event:
    return Event(ch="public", seq=seq, id=f"e{seq}", ts=1_700_000_000_000, data=data)


def test_chat_event_round_trips_with_markup_kept_literally() -> None:
    text = "<b>hi</b><img src=file:///etc/passwd> & \u202e"
    event = _event(ChatMessage(message_id="m1", room="public", user=USER, text=text))
    frame = decode_server_frame(events_frame([encode_event(event)]))
    assert isinstance(frame, Events)
    assert frame.events == [event]
    assert frame.events[0].data.text == text  # type: ignore[union-attr]
    assert frame.events[0].type == "chat.message"


def test_every_event_and_command_type_is_tagged_uniquely() -> None:
    event_tags = [t.__struct_config__.tag for t in AnyEventData.__args__]  # type: ignore[attr-defined]
    command_tags = [t.__struct_config__.tag for t in AnyCommandData.__args__]  # type: ignore[attr-defined]
    assert len(event_tags) == len(set(event_tags))
    assert len(command_tags) == len(set(command_tags))
    assert {"chat.message", "gift.streak", "gift.end", "ledger.entry", "audit.entry"} <= set(
        event_tags
    )
    assert {"chat.send", "user.timeout", "invite.mint", "history.fetch"} <= set(command_tags)


def test_command_frame_pinned_shape() -> None:
    raw = (
        b'{"op":"cmd","rid":"r-1",'
        b'"cmd":{"type":"gift.send","gift_id":"rose","combo_id":"c1","count":3}}'
    )
    assert decode_client_frame(raw) == Command(
        rid="r-1", cmd=SendGift(gift_id="rose", combo_id="c1", count=3)
    )
    assert json.loads(encode(Command(rid="r-1", cmd=SendMessage(room="below", text="hey")))) == {
        "op": "cmd",
        "rid": "r-1",
        "cmd": {"type": "chat.send", "room": "below", "text": "hey", "reply_to": None},
    }


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "bad_frame"),
        (b"{", "bad_frame"),
        (b"\xff\xfe", "bad_frame"),
        (b"[]", "bad_request"),
        (b'{"op":"nope"}', "bad_request"),
        (
            b'{"op":"cmd","rid":"r","cmd":{"type":"chat.send","room":"vip","text":"x"}}',
            "bad_request",
        ),
        (
            b'{"op":"cmd","rid":"r","cmd":{"type":"chat.send","room":"public","text":5}}',
            "bad_request",
        ),
        (
            b'{"op":"cmd","rid":"r","cmd":{"type":"chat.send","room":"public","text":""}}',
            "bad_request",
        ),
        (b'{"op":"cmd","rid":"","cmd":{"type":"live.end"}}', "bad_request"),
        (
            b'{"op":"cmd","rid":"r","cmd":{"type":"user.timeout","user_id":"u","seconds":5}}',
            "bad_request",
        ),
        (b'{"op":"identify","protocol":"1"}', "bad_request"),
        (b'{"op":"identify","protocol":1,"resume":{"public":-1}}', "bad_request"),
        (b'{"op":"heartbeat","acks":{},"extra":1}', "bad_request"),
    ],
)
def test_invalid_client_frames_give_clear_codes(raw: bytes, code: str) -> None:
    with pytest.raises(ProtocolError) as info:
        decode_client_frame(raw)
    assert info.value.code == code
    assert info.value.message


def test_text_over_limit_is_refused_with_the_path() -> None:
    raw = encode(Command(rid="r", cmd=SendMessage(room="public", text="x"))).replace(
        b'"text":"x"', b'"text":"' + b"a" * 501 + b'"'
    )
    with pytest.raises(ProtocolError) as info:
        decode_client_frame(raw)
    assert info.value.code == "bad_request"
    assert "$.cmd.text" in info.value.message


def test_oversized_frame_is_refused_before_parsing() -> None:
    raw = b'{"op":"heartbeat","acks":{}}' + b" " * MAX_CLIENT_FRAME_BYTES
    with pytest.raises(ProtocolError) as info:
        decode_client_frame(raw)
    assert info.value.code == "too_large"


def test_str_input_is_accepted_like_bytes() -> None:
    assert decode_client_frame('{"op":"heartbeat","acks":{"public":3}}') == Heartbeat(
        acks={"public": 3}
    )
    assert decode_client_frame('{"op":"identify","protocol":1}') == Identify(protocol=1)


def test_stored_event_round_trip() -> None:
    event = _event(
        GiftStreakEnded(
            streak_id="s1", gift=ROSE, user=USER, count=25, diamonds_total=25, reason="timeout"
        ),
        seq=7,
    )
    assert decode_event(encode_event(event)) == event


def test_deeply_nested_json_is_a_clear_error() -> None:
    raw = b'{"op":"cmd","rid":"r","cmd":' + b"[" * 5000 + b"]" * 5000 + b"}"
    with pytest.raises(ProtocolError):
        decode_client_frame(raw)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash_the_decoders(raw: bytes) -> None:
    for decode in (decode_client_frame, decode_server_frame):
        try:
            decode(raw)
        except ProtocolError as exc:
            assert exc.code in {"bad_frame", "bad_request", "too_large"}
            assert exc.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
frame_like = st.fixed_dictionaries(
    {"op": st.sampled_from(["cmd", "identify", "heartbeat", "events", "hello", "x"])},
    optional={
        "rid": json_values,
        "cmd": st.fixed_dictionaries(
            {"type": st.sampled_from(["chat.send", "gift.send", "user.ban", "bogus"])},
            optional={"room": json_values, "text": json_values, "user_id": json_values},
        ),
        "protocol": json_values,
        "resume": json_values,
        "events": json_values,
    },
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(json_values, frame_like))
def test_arbitrary_json_decodes_or_gives_a_clear_error(value: Any) -> None:
    raw = json.dumps(value).encode()
    for decode in (decode_client_frame, decode_server_frame):
        try:
            frame = decode(raw)
        except ProtocolError as exc:
            assert exc.code in {"bad_frame", "bad_request", "too_large"}
        else:
            # Whatever decodes must re-encode to something that decodes to the same frame.
            assert decode(encode(frame)) == frame


def test_msgspec_validation_error_is_not_leaked() -> None:
    with pytest.raises(ProtocolError) as info:
        decode_client_frame(b'{"op":"cmd","rid":"r","cmd":{"type":"member.subscribe","tier":9}}')
    assert not isinstance(info.value, msgspec.ValidationError)
    assert "tier" in info.value.message


@pytest.mark.parametrize(
    ("cmd", "field"),
    [
        ("history.fetch", "after_seq"),
        ("history.fetch", "before_seq"),
        ("earnings.summary", "since_ms"),
        ("earnings.summary", "until_ms"),
        ("earnings.ledger", "since_ms"),
        ("earnings.ledger", "until_ms"),
        ("earnings.ledger", "after"),
        ("inquiry.set_status", "snooze_until_ms"),
    ],
)
@pytest.mark.parametrize("value", [2**63, 2**53, -1])
def test_an_integer_out_of_its_range_is_refused_when_decoding(
    cmd: str, field: str, value: int
) -> None:
    body: dict[str, Any] = {"type": cmd, field: value}
    if cmd == "history.fetch":
        body["channel"] = "public"
    if cmd == "inquiry.set_status":
        body.update(inquiry_id="iq_1", status="snoozed")
    with pytest.raises(ProtocolError) as refused:
        decode_client_frame(json.dumps({"op": "cmd", "rid": "r1", "cmd": body}))
    assert refused.value.code == "bad_request" and field in refused.value.message


@pytest.mark.parametrize(
    "frame",
    [
        {"op": "identify", "protocol": 2**63},
        {"op": "identify", "protocol": 1, "resume": {"public": 2**53}},
        {"op": "heartbeat", "acks": {"public": -1}},
    ],
)
def test_integers_of_client_frames_have_ranges_too(frame: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError) as refused:
        decode_client_frame(json.dumps(frame))
    assert refused.value.code == "bad_request"
