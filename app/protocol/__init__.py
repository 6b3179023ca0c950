"""The LiveDesk wire protocol: typed frames, codec, close codes (spec in PROTOCOL.md)."""

from app.protocol.closecodes import Close, is_resumable
from app.protocol.codec import (
    ProtocolError,
    convert,
    decode_client_frame,
    decode_event,
    decode_server_frame,
    encode,
    encode_event,
    events_frame,
)
from app.protocol.frames import PROTOCOL_VERSION, Event
from app.protocol.inquiry import Inquiry, InquiryRow

__all__ = [
    "PROTOCOL_VERSION",
    "Close",
    "Event",
    "Inquiry",
    "InquiryRow",
    "ProtocolError",
    "convert",
    "decode_client_frame",
    "decode_event",
    "decode_server_frame",
    "encode",
    "encode_event",
    "events_frame",
    "is_resumable",
]
