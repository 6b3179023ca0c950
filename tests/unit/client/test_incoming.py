"""Event admission: duplicates by seq and id, seq jumps, the bounded recent-id window."""

from __future__ import annotations

from app.client.incoming import EventFilter, RecentIds, SeqJump
from app.protocol.frames import Event
from app.protocol.payloads import ViewerCount


def ev(ch: str, seq: int, event_id: str | None = None) -> Event:
    return Event(ch=ch, seq=seq, id=event_id or f"{ch}-{seq}", ts=0, data=ViewerCount(count=seq))


def seqs(events: list[Event]) -> list[tuple[str, int]]:
    return [(e.ch, e.seq) for e in events]


def test_recent_ids_forget_the_oldest_beyond_capacity() -> None:
    recent = RecentIds(3)
    for event_id in "abcd":
        recent.add(event_id)
    assert len(recent) == 3
    assert "a" not in recent
    assert all(x in recent for x in "bcd")
    recent.add("c")  # seen again: no double entry, nothing evicted
    recent.add("e")
    assert "b" not in recent and all(x in recent for x in "cde")


def test_a_fresh_channel_accepts_its_first_seq_then_needs_contiguous_ones() -> None:
    flt = EventFilter()
    adm = flt.admit([ev("public", 801), ev("public", 802), ev("mod", 5)])
    assert seqs(adm.accepted) == [("public", 801), ("public", 802), ("mod", 5)]
    assert adm.jump is None
    flt.commit(adm.accepted)
    assert flt.last_seqs == {"public": 802, "mod": 5}


def test_duplicates_by_seq_and_by_id_are_dropped() -> None:
    flt = EventFilter({"public": 10})
    first = flt.admit([ev("public", 9), ev("public", 10), ev("public", 11)])
    assert seqs(first.accepted) == [("public", 11)]
    assert first.duplicates == 2
    flt.commit(first.accepted)
    # The same event again, and a repeat inside one frame.
    again = flt.admit([ev("public", 11), ev("public", 12), ev("public", 12)])
    assert seqs(again.accepted) == [("public", 12)]
    assert again.duplicates == 2
    # An id already stored is dropped whatever seq it carries.
    by_id = flt.admit([ev("below", 1, event_id="public-11")])
    assert by_id.accepted == [] and by_id.duplicates == 1


def test_a_seq_jump_stops_the_frame_and_keeps_what_came_before() -> None:
    flt = EventFilter({"public": 5, "mod": 2})
    adm = flt.admit([ev("public", 6), ev("mod", 3), ev("public", 9), ev("public", 10)])
    assert seqs(adm.accepted) == [("public", 6), ("mod", 3)]
    assert adm.jump == SeqJump("public", 7, 9)


def test_nothing_moves_until_commit() -> None:
    flt = EventFilter({"public": 1})
    adm = flt.admit([ev("public", 2)])
    assert flt.last_seqs == {"public": 1}
    # Not committed (the store failed): the same event is admitted again after a replay.
    assert seqs(flt.admit([ev("public", 2)]).accepted) == [("public", 2)]
    flt.commit(adm.accepted)
    assert flt.last_seqs == {"public": 2}
    assert flt.admit([ev("public", 2)]).accepted == []


def test_skip_to_after_a_gap_and_caught_up() -> None:
    flt = EventFilter({"public": 3})
    flt.skip_to("public", 100)
    assert seqs(flt.admit([ev("public", 101)]).accepted) == [("public", 101)]
    flt.skip_to("public", 50)  # never moves backwards
    assert flt.last_seqs["public"] == 100
    assert flt.caught_up({"public": 100, "mod": 0})
    assert not flt.caught_up({"public": 101})
    flt.rebase("public", 20)
    assert flt.last_seqs["public"] == 20


def test_a_channel_known_to_be_empty_must_start_at_seq_1() -> None:
    flt = EventFilter()
    flt.follow_from_start("mod")
    assert flt.last_seqs == {"mod": 0}
    assert flt.admit([ev("mod", 3)]).jump == SeqJump("mod", 1, 3)
    assert seqs(flt.admit([ev("mod", 1)]).accepted) == [("mod", 1)]
    flt.skip_to("below", 0)  # a stored position of 0 counts as known
    assert flt.admit([ev("below", 2)]).jump == SeqJump("below", 1, 2)
