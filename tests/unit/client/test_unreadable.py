"""Salvaging an `events` frame: an unreadable event keeps its place only within the protocol's
seq range (a bogus seq recorded as a gap would move the cursor past every later real event)."""

from __future__ import annotations

import json

from app.client.unreadable import Unreadable, salvage_events
from app.protocol.payloads import MAX_SAFE_INT


def _frame(seq: int) -> bytes:
    # "text" is a number: the event itself is unreadable, its position may still be.
    event = {"ch": "public", "seq": seq, "id": "e1", "ts": 1, "type": "chat", "data": 1}
    return json.dumps({"op": "events", "events": [event]}).encode()


def test_an_unreadable_event_at_the_largest_protocol_seq_keeps_its_place() -> None:
    items = salvage_events(_frame(MAX_SAFE_INT))
    assert items is not None and len(items) == 1
    item = items[0]
    assert isinstance(item, Unreadable)
    assert (item.ch, item.seq, item.event_id) == ("public", MAX_SAFE_INT, "e1")


def test_a_seq_beyond_the_protocol_range_is_no_place_for_an_event() -> None:
    for seq in (MAX_SAFE_INT + 1, 2**63 - 1):
        items = salvage_events(_frame(seq))
        assert items is not None and len(items) == 1
        item = items[0]
        assert isinstance(item, Unreadable)
        # Kept raw for diagnosis, but placed nowhere: the channel cursor cannot jump to it.
        assert (item.ch, item.seq) == ("", -1)
        assert item.raw.startswith(b"{")
