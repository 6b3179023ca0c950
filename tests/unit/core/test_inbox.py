"""The inbox as data: merging lists, threads and (replayed) events; unread marks; filters."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.inbox import Inbox, InboxFilter
from app.core.inbox_read import MAX_MARKS, ReadMarks
from app.core.inbox_thread import Booking, StatusStep, ThreadMessage
from app.protocol.codec import ProtocolError
from app.protocol.frames import Event
from app.protocol.payloads import (
    EventData,
    InquiryCreated,
    InquiryMessage,
    InquiryStatus,
    InquiryStatusChanged,
    LedgerEntry,
    LiveStarted,
    UserRef,
)

VIC = UserRef(id="u1", name="Vic")
ME = UserRef(id="c", name="Creator", badges=("creator",))
T0 = 1_800_000_000_000
_seq = iter(range(1, 10**9))


def ev(data: EventData, ts: int, *, rid: str | None = None, eid: str | None = None) -> Event:
    seq = next(_seq)
    payload: Any = data
    return Event(ch="creator", seq=seq, id=eid or f"e{seq}", ts=ts, data=payload, rid=rid)


def created(qid: str = "q1", ts: int = T0, service: str = "mix", text: str = "Hi") -> Event:
    data = InquiryCreated(
        inquiry_id=qid,
        user=VIC,
        service_id=service,
        service_title=service.title(),
        text=text,
        session_id="s1",
        elapsed_s=754,
    )
    return ev(data, ts)


def status(qid: str, new: InquiryStatus, ts: int, eid: str | None = None, **kw: Any) -> Event:
    return ev(InquiryStatusChanged(inquiry_id=qid, status=new, by="c", **kw), ts, eid=eid)


def message(qid: str, mid: str, ts: int, author: str = "viewer", **kw: Any) -> Event:
    user = VIC if author == "viewer" else ME
    data = InquiryMessage(inquiry_id=qid, message_id=mid, author=author, user=user, text=mid)  # type: ignore[arg-type]
    return ev(data, ts, **kw)


def row(qid: str = "q1", **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "inquiry_id": qid,
        "user": {"id": "u1", "name": "Vic", "badges": []},
        "service_id": "mix",
        "service_title": "Mix",
        "text": "Hi",
        "status": "new",
        "price_cents": None,
        "snooze_until_ms": None,
        "created_ms": T0,
        "updated_ms": T0,
        "session_id": "s1",
        "elapsed_s": 754,
        "last_viewer_ms": T0,
        "message_count": 0,
        "session_title": "Friday mix",
        "session_started_ms": T0 - 754_000,
    }
    base.update(kw)
    return base


def test_a_new_inquiry_is_unread_until_seen() -> None:
    inbox = Inbox()
    change = inbox.apply([created()])
    assert change.created == ["q1"] and inbox.unread_count(T0) == 1
    assert inbox.mark_seen("q1", T0 + 5)
    assert inbox.unread_count(T0 + 5) == 0
    inbox.apply([message("q1", "m1", T0 + 10)])
    assert inbox.unread_count(T0 + 10) == 1  # the viewer wrote again
    inbox.mark_seen("q1", T0 + 11)
    inbox.apply([message("q1", "m2", T0 + 20, author="creator")])
    assert inbox.unread_count(T0 + 20) == 0  # own replies never make it unread
    assert inbox.mark_unread("q1") and inbox.unread_count(T0 + 20) == 1
    inbox.mark_seen("q1", T0 + 21)
    assert inbox.unread_count(T0 + 21) == 0


def test_events_twice_count_once() -> None:
    inbox = Inbox()
    batch = [created(), message("q1", "m1", T0 + 1), status("q1", "open", T0 + 2)]
    inbox.apply(batch)
    again = inbox.apply(batch)
    assert not again.created and not again.viewer_wrote
    item = inbox.items["q1"]
    assert item.message_count == 1 and len(item.history) == 1 and item.status == "open"


def test_a_replayed_old_status_does_not_undo_a_newer_list() -> None:
    inbox = Inbox()
    inbox.load_list([row(status="booked", price_cents=2500, updated_ms=T0 + 50)])
    inbox.apply([status("q1", "quoted", T0 + 10, price_cents=2500)])  # older: replay
    item = inbox.items["q1"]
    assert item.status == "booked"
    assert [s.status for s in item.history.values()] == ["quoted"]  # still history
    inbox.apply([status("q1", "completed", T0 + 60)])
    assert item.status == "completed"


@given(
    st.lists(
        st.sampled_from(["open", "quoted", "closed", "open", "declined"]), min_size=1, max_size=8
    ),
    st.randoms(use_true_random=False),
    st.integers(min_value=0, max_value=8),
)
def test_status_converges_to_the_newest_whatever_the_order(
    statuses: list[InquiryStatus], rnd: Any, list_at: int
) -> None:
    events = [status("q1", s, T0 + 10 * (i + 1), price_cents=100) for i, s in enumerate(statuses)]
    deliveries = events + rnd.sample(events, k=len(events) // 2)
    rnd.shuffle(deliveries)
    inbox = Inbox()
    inbox.apply([created()])
    for i, event in enumerate(deliveries):
        if i == list_at:  # a list answered somewhere in between, as of a random moment
            k = rnd.randrange(len(events))
            inbox.load_list([row(status=statuses[k], updated_ms=T0 + 10 * (k + 1))])
        inbox.apply([event])
    item = inbox.items["q1"]
    assert item.status == statuses[-1]
    assert len(item.history) == len(events)


def test_thread_merges_with_live_events_without_doubles() -> None:
    inbox = Inbox()
    inbox.apply(
        [created(), message("q1", "m1", T0 + 1), status("q1", "open", T0 + 2, eid="ev-open")]
    )
    thread = {
        "inquiry": row(status="open", updated_ms=T0 + 2, message_count=2, last_viewer_ms=T0 + 3),
        "messages": [
            {
                "message_id": "m1",
                "author": "viewer",
                "user": {"id": "u1", "name": "Vic"},
                "text": "m1",
                "ts_ms": T0 + 1,
            },
            {
                "message_id": "m2",
                "author": "viewer",
                "user": {"id": "u1", "name": "Vic"},
                "text": "m2",
                "ts_ms": T0 + 3,
            },
        ],
        "history": [
            {
                "event_id": "ev-open",
                "status": "open",
                "by": "c",
                "price_cents": None,
                "snooze_until_ms": None,
                "ts_ms": T0 + 2,
            }
        ],
        "ledger": [],
    }
    loaded = inbox.load_thread(thread)
    assert loaded.inquiry_id == "q1" and loaded.refused == []
    item = inbox.items["q1"]
    assert [type(t).__name__ for t in item.timeline()] == [
        "ThreadMessage",
        "StatusStep",
        "ThreadMessage",
    ]
    assert item.message_count == 2 and item.thread_loaded
    assert item.session_title == "Friday mix"  # from the list row


def test_own_reply_is_pending_until_its_echo_and_can_fail() -> None:
    inbox = Inbox()
    inbox.apply([created()])
    inbox.add_pending_reply("q1", "k1", ME, "r1", T0 + 5)
    inbox.add_pending_reply("q1", "k2", ME, "Also", T0 + 6)
    inbox.add_pending_reply("q1", "k3", ME, "Third", T0 + 6)
    [one, _two, _three] = inbox.items["q1"].timeline()
    assert isinstance(one, ThreadMessage) and one.delivery == "sending"
    inbox.apply([message("q1", "r1", T0 + 7, author="creator", rid="whatever")])  # the echo
    assert inbox.reply_confirmed("k1") is None  # the echo already replaced it
    assert inbox.reply_failed("k2", "rate limited") == "q1"
    assert inbox.reply_confirmed("k3") == "q1"  # acked, echo not seen (e.g. read elsewhere)
    texts = [
        (m.text, m.delivery) for m in inbox.items["q1"].timeline() if isinstance(m, ThreadMessage)
    ]
    assert texts == [("r1", "sent"), ("Also", "failed")]
    assert inbox.reply_failed("k2", "again") is None
    assert inbox.drop_failed_reply("q1", "local:k2") is not None


def test_a_booking_shows_in_the_thread() -> None:
    inbox = Inbox()
    inbox.apply([created()])
    entry = LedgerEntry(
        entry_id="l1", kind="service", diamonds=0, cents=2500, user=VIC, ref="q1", label="Mix"
    )
    gift = LedgerEntry(entry_id="l2", kind="gift", diamonds=5, cents=0, user=VIC, ref="q1")
    change = inbox.apply(
        [status("q1", "booked", T0 + 1, price_cents=2500), ev(entry, T0 + 1), ev(gift, T0 + 2)]
    )
    assert change.changed == {"q1"}
    bookings = [b for b in inbox.items["q1"].timeline() if isinstance(b, Booking)]
    assert [(b.entry_id, b.cents) for b in bookings] == [("l1", 2500)]


def test_events_about_unknown_inquiries_ask_for_a_fetch() -> None:
    change = Inbox().apply([message("q9", "m1", T0), status("q9", "open", T0)])
    assert change.missing == {"q9"} and not change.changed


def test_snoozed_sleeps_then_wakes_unread_and_a_message_wakes_it_early() -> None:
    inbox = Inbox()
    inbox.apply([created()])
    inbox.mark_seen("q1", T0 + 1)
    inbox.apply([status("q1", "snoozed", T0 + 2, snooze_until_ms=T0 + 60_000)])
    assert inbox.visible(InboxFilter(), T0 + 3) == []
    assert [i.inquiry_id for i in inbox.visible(InboxFilter("snoozed"), T0 + 3)] == ["q1"]
    assert inbox.next_wake_ms(T0 + 3) == T0 + 60_000
    assert inbox.unread_count(T0 + 3) == 0
    assert inbox.unread_count(T0 + 60_000) == 1  # woke up
    assert [i.inquiry_id for i in inbox.visible(InboxFilter(), T0 + 60_000)] == ["q1"]
    inbox.mark_seen("q1", T0 + 60_001)
    inbox.apply([status("q1", "snoozed", T0 + 60_002, snooze_until_ms=T0 + 120_000)])
    inbox.apply([message("q1", "m1", T0 + 70_000)])
    assert inbox.unread_count(T0 + 70_001) == 1 and inbox.next_wake_ms(T0 + 70_001) is None


def test_filters_search_and_order() -> None:
    inbox = Inbox()
    inbox.apply(
        [
            created("q1", T0, "mix", "Can you mix my <b>track</b>?"),
            created("q2", T0 + 1, "lesson", "Guitar lesson on Tuesday"),
            created("q3", T0 + 2, "mix", "Price for mastering?"),
            status("q3", "declined", T0 + 3),
        ]
    )
    ids = lambda flt: [i.inquiry_id for i in inbox.visible(flt, T0 + 10)]  # noqa: E731
    assert ids(InboxFilter("all")) == ["q3", "q2", "q1"]
    inbox.mark_seen("q3", T0 + 4)
    assert ids(InboxFilter()) == ["q2", "q1"]  # declined and read: not active
    assert ids(InboxFilter("declined")) == ["q3"]
    assert ids(InboxFilter("all", service_id="mix")) == ["q3", "q1"]
    assert ids(InboxFilter("all", text="TRACK")) == ["q1"]
    assert ids(InboxFilter("all", text="vic guitar")) == ["q2"]
    assert ids(InboxFilter("all", text="vic nothing")) == []
    inbox.apply([message("q1", "m1", T0 + 5)])
    assert ids(InboxFilter("all")) == ["q1", "q3", "q2"]  # the viewer wrote: to the top
    assert ids(InboxFilter("unread")) == ["q1", "q2"]


def test_session_titles_from_live_started() -> None:
    inbox = Inbox()
    inbox.apply([created()])
    assert inbox.items["q1"].session_title is None
    inbox.apply([ev(LiveStarted(session_id="s1", started_ms=T0 - 1, title="Friday mix"), T0)])
    assert inbox.items["q1"].session_title == "Friday mix"


def test_read_marks_round_trip_and_stay_bounded() -> None:
    marks = ReadMarks()
    for i in range(MAX_MARKS + 10):
        marks.mark_seen(f"q{i}", i)
    marks.mark_unread(f"q{MAX_MARKS + 9}")
    back = ReadMarks.from_json(marks.to_json())
    assert back.get("q0") is None  # the oldest fell off
    mark = back.get(f"q{MAX_MARKS + 9}")
    assert mark is not None and mark.marked_unread and mark.seen_ms == MAX_MARKS + 9
    assert ReadMarks.from_json("{not json").get("q1") is None
    assert ReadMarks.from_json(None).is_unread("q1", 0)


def test_status_step_and_first_line() -> None:
    inbox = Inbox()
    inbox.apply([created(text="\n\n  First line  \nsecond")])
    assert inbox.items["q1"].first_line == "First line"
    inbox.apply([status("q1", "quoted", T0 + 1, price_cents=900)])
    [step] = inbox.items["q1"].history.values()
    assert isinstance(step, StatusStep) and step.price_cents == 900


def test_a_row_that_cannot_be_read_is_refused_by_name_and_the_others_still_load() -> None:
    inbox = Inbox()
    missing = row("q2")
    del missing["status"]
    loaded = inbox.load_list(
        [row("q1"), missing, row("q3", price_cents="2500"), "garbage", row("q4")]
    )
    assert set(inbox.items) == loaded.changed == {"q1", "q4"}
    assert loaded.refused == [
        "inquiry 'q2' could not be read: Object missing required field `status`",
        "inquiry 'q3' could not be read: Expected `int | null`, got `str` - at `$.price_cents`",
        "an inquiry could not be read: Expected `object`, got `str`",
    ]


def test_a_thread_whose_inquiry_cannot_be_read_is_refused_whole() -> None:
    inbox = Inbox()
    inbox.apply([created()])
    message_row = {"message_id": "m1", "author": "viewer", "user": {"id": "u1", "name": "Vic"}}
    thread = {
        "inquiry": row(status="open", message_count=-1),
        "messages": [{**message_row, "text": "m1", "ts_ms": T0 + 1}],
        "history": [],
        "ledger": [],
    }
    with pytest.raises(ProtocolError, match=r"inquiry 'q1' .*`\$\.message_count`"):
        inbox.load_thread(thread)
    item = inbox.items["q1"]
    assert item.status == "new" and not item.messages and not item.thread_loaded


def test_a_thread_part_that_cannot_be_read_is_refused_by_name_and_the_rest_loads() -> None:
    """A message, status step or booking the console cannot read was a KeyError half-way
    through the thread (every later part lost, the thread never shown) or went in unchecked
    (an unknown status); now each is left out with its reason and the rest merges."""
    inbox = Inbox()
    inbox.apply([created()])
    user = {"id": "u1", "name": "Vic"}

    def message(mid: str, **kw: Any) -> dict[str, Any]:
        return {"message_id": mid, "author": "viewer", "user": user, "text": mid, "ts_ms": T0, **kw}

    def step(eid: str, **kw: Any) -> dict[str, Any]:
        base = {"event_id": eid, "status": "open", "by": "c", "price_cents": None}
        return {**base, "snooze_until_ms": None, "ts_ms": T0 + 1, **kw}

    def booking(entry: str, **kw: Any) -> dict[str, Any]:
        base = {"entry_id": entry, "cents": 900, "label": "Mix", "session_id": None}
        return {**base, "ts_ms": T0 + 2, "currency": "EUR", **kw}

    no_text = message("m2")
    del no_text["text"]
    thread = {
        "inquiry": row(status="booked", price_cents=900),
        "messages": [message("m1"), no_text, message("m3", author="moderator"), message("m4")],
        "history": [step("e1"), step("e2", status="teleported"), step("e3", price_cents=-5)],
        "ledger": [booking("l1", cents="900"), booking("l2", cents=-900)],
    }
    loaded = inbox.load_thread(thread)
    item = inbox.items["q1"]
    assert item.thread_loaded and item.status == "booked"
    assert sorted(item.messages) == ["m1", "m4"]
    assert list(item.history) == ["e1"]
    assert list(item.bookings) == ["l2"] and item.bookings["l2"].currency == "EUR"
    assert len(loaded.refused) == 5
    assert loaded.refused[0] == ("a message of inquiry 'q1': Object missing required field `text`")
    assert "`$.author`" in loaded.refused[1]
    assert "`$.status`" in loaded.refused[2] and "`$.price_cents`" in loaded.refused[3]
    assert loaded.refused[4].startswith("a booking of inquiry 'q1'")
    assert "`$.cents`" in loaded.refused[4]


def test_a_thread_whose_parts_are_not_lists_still_loads_its_inquiry() -> None:
    inbox = Inbox()
    loaded = inbox.load_thread({"inquiry": row(), "messages": "oops", "history": None})
    assert loaded.inquiry_id == "q1" and inbox.items["q1"].thread_loaded
    assert loaded.refused == [
        "the messages of inquiry 'q1': not a list",
        "the history of inquiry 'q1': not a list",
    ]
    with pytest.raises(ProtocolError, match="not an object"):
        inbox.load_thread(["not", "a", "thread"])
    with pytest.raises(ProtocolError, match="could not be read"):
        inbox.load_thread({"messages": []})  # no inquiry: nothing merged
