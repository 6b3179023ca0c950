"""Encode and decode frames; every decoding failure becomes a ProtocolError with a clear code."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from app.protocol.frames import AnyClientFrame, AnyServerFrame, ClientFrame, Event, ServerFrame

MAX_CLIENT_FRAME_BYTES = 64 * 1024
MAX_SERVER_FRAME_BYTES = 4 * 1024 * 1024


class ProtocolError(Exception):
    """A frame that is not valid protocol: `code` is one of the documented error codes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


_encoder = msgspec.json.Encoder()
_client_decoder = msgspec.json.Decoder(AnyClientFrame)
_server_decoder = msgspec.json.Decoder(AnyServerFrame)
_event_decoder = msgspec.json.Decoder(Event)


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
        raise ProtocolError("bad_request", str(exc)) from None
    except msgspec.DecodeError as exc:
        raise ProtocolError("bad_frame", f"not valid JSON: {exc}") from None
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ProtocolError("bad_frame", f"undecodable frame: {exc}") from None


def decode_client_frame(raw: bytes | str) -> ClientFrame:
    """Decode a frame sent by a client; raises ProtocolError."""
    frame = _decode(_client_decoder, raw, MAX_CLIENT_FRAME_BYTES)
    assert isinstance(frame, ClientFrame)
    return frame


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
