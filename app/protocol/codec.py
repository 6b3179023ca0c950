"""Encode and decode frames; every decoding failure becomes a ProtocolError with a clear code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import msgspec

from app.protocol.frames import AnyClientFrame, AnyServerFrame, ClientFrame, Event, ServerFrame
from app.protocol.payloads import TEXT_RULES, Id

MAX_CLIENT_FRAME_BYTES = 64 * 1024
MAX_SERVER_FRAME_BYTES = 4 * 1024 * 1024

T = TypeVar("T")


class ProtocolError(Exception):
    """A frame that is not valid protocol: `code` is one of the documented error codes
    (`too_large` only where no transport limit came first, e.g. a client decoding a server
    frame). `rid` is the request id of a `cmd` frame that was readable despite the error."""

    def __init__(self, code: str, message: str, rid: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.rid = rid


class _RidProbe(msgspec.Struct):
    """Only the envelope of a client frame, read leniently, to answer a bad `cmd` by its rid."""

    op: str = ""
    rid: Id | None = None


_encoder = msgspec.json.Encoder()
_client_decoder = msgspec.json.Decoder(AnyClientFrame)
_server_decoder = msgspec.json.Decoder(AnyServerFrame)
_event_decoder = msgspec.json.Decoder(Event)
_rid_decoder = msgspec.json.Decoder(_RidProbe)


def _decode(
    decoder: msgspec.json.Decoder, raw: bytes | str, limit: int
) -> ClientFrame | ServerFrame | Event:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > limit:
        raise ProtocolError("too_large", f"frame of {len(raw)} bytes exceeds {limit}")
    try:
        return decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise ProtocolError("bad_request", _readable(str(exc))) from None
    except msgspec.DecodeError as exc:
        raise ProtocolError("bad_frame", f"not valid JSON: {exc}") from None
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ProtocolError("bad_frame", f"undecodable frame: {exc}") from None


def _readable(message: str) -> str:
    """msgspec's message, with a text rule's name instead of its regular expression."""
    for pattern, rule in TEXT_RULES.items():
        message = message.replace(f"`str` matching regex {pattern!r}", rule)
    return message


def decode_client_frame(raw: bytes | str) -> ClientFrame:
    """Decode a frame sent by a client; raises ProtocolError (with the rid of a `cmd` whose
    envelope could be read, so the client can match the refusal to its command)."""
    try:
        frame = _decode(_client_decoder, raw, MAX_CLIENT_FRAME_BYTES)
    except ProtocolError as exc:
        if exc.code == "bad_request":
            exc.rid = _readable_rid(raw)
        raise
    assert isinstance(frame, ClientFrame)
    return frame


def _readable_rid(raw: bytes | str) -> str | None:
    try:
        probe = _rid_decoder.decode(raw)
    except (msgspec.MsgspecError, RecursionError, UnicodeError):
        return None
    return probe.rid if probe.op == "cmd" else None


def decode_server_frame(raw: bytes | str) -> ServerFrame:
    """Decode a frame sent by the server; raises ProtocolError."""
    frame = _decode(_server_decoder, raw, MAX_SERVER_FRAME_BYTES)
    assert isinstance(frame, ServerFrame)
    return frame


def decode_event(raw: bytes | str) -> Event:
    """Decode one stored event (as written by encode_event)."""
    event = _decode(_event_decoder, raw, MAX_SERVER_FRAME_BYTES)
    assert isinstance(event, Event)
    return event


def convert(obj: object, type_: type[T]) -> T:
    """A part of an `ack`'s result (plain JSON values, e.g. an `inquiry.list` row) as the
    protocol type it is documented as, by the same rules as a frame: raises ProtocolError
    `bad_request` naming the field that is missing, unknown or out of range."""
    try:
        return msgspec.convert(obj, type_)
    except msgspec.ValidationError as exc:
        raise ProtocolError("bad_request", _readable(str(exc))) from None


def convert_rows(rows: object, type_: type[T]) -> tuple[list[T], list[tuple[object, str]]]:
    """The rows of a result's list (`inquiry.thread`'s messages, `earnings.ledger`'s
    entries...) as `type_`, each on its own: those that read, and (row, reason) for each one
    that did not, so that one bad row loses only itself. Not a list: ([], [(rows, reason)])."""
    if not isinstance(rows, list):
        return [], [(rows, "not a list")]
    read: list[T] = []
    refused: list[tuple[object, str]] = []
    for row in rows:
        try:
            read.append(convert(row, type_))
        except ProtocolError as exc:
            refused.append((row, exc.message))
    return read, refused


def encode(obj: object) -> bytes:
    """Encode any frame, event or payload to JSON bytes."""
    return _encoder.encode(obj)


def encode_event(event: Event) -> bytes:
    return _encoder.encode(event)


def events_frame(encoded_events: Iterable[bytes]) -> bytes:
    """Join already-encoded events into one `events` frame without re-encoding them.

    The server encodes each event once and reuses the bytes for every client.
    """
    return b'{"op":"events","events":[' + b",".join(encoded_events) + b"]}"
