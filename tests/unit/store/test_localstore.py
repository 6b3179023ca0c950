"""LocalStore on real files: exactly-once events, heads, gaps, chat history, search, outbox."""

from __future__ import annotations

import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import msgspec
import pytest

from app.protocol.frames import Event
from app.protocol.payloads import BanUser, DeleteMessage, LiveEnded, LiveStarted, SendMessage
from app.store.localstore import LocalStore, StoredMessage, StoreError
from tests.unit.store.factories import BASE_TS, chat, deleted, event, held, held_resolved, viewers


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with LocalStore(tmp_path / "account" / "store.db") as opened:
        yield opened


def texts(messages: list[StoredMessage]) -> list[str]:
    return [message.text for message in messages]


# --- events: exactly once, in order ---------------------------------------------------


def test_a_batch_applied_twice_is_stored_once(store: LocalStore) -> None:
    batch = [chat(seq) for seq in range(1, 101)]
    assert store.apply_events(batch) == batch
    assert store.apply_events(batch) == []
    assert store.count_events() == 100
    assert len(store.messages_before("public", None, 1000)) == 100


def test_overlapping_batches_return_only_new_events_in_input_order(store: LocalStore) -> None:
    store.apply_events([chat(seq) for seq in range(1, 301)])
    second = [chat(seq) for seq in range(200, 501)]
    new = store.apply_events(second)
    assert [e.seq for e in new] == list(range(301, 501))
    assert store.count_events("public") == 500


def test_a_repeated_id_within_one_batch_counts_once(store: LocalStore) -> None:
    one, two = chat(1), chat(2)
    assert store.apply_events([one, two, one, two, one]) == [one, two]
    assert store.count_events() == 2


def test_another_event_at_a_stored_position_is_dropped(store: LocalStore) -> None:
    store.apply_events([chat(1, "original")])
    impostor = chat(1, "impostor", message_id="other")
    impostor = type(impostor)(ch="public", seq=1, id="different-id", ts=1, data=impostor.data)
    assert store.apply_events([impostor, chat(2)]) == [chat(2)]
    assert texts(store.messages_before("public", None, 10)) == ["original", "message 2"]


def test_events_come_back_oldest_first_whatever_the_arrival_order(store: LocalStore) -> None:
    batch = [chat(seq) for seq in range(1, 51)]
    shuffled = batch[:]
    random.Random(4).shuffle(shuffled)
    assert store.apply_events(shuffled) == shuffled
    assert store.events("public") == batch
    assert store.events("public", after_seq=40) == batch[40:]
    assert store.events("public", after_seq=10, limit=5) == batch[10:15]
    assert store.events("nowhere") == []


def test_heads_are_the_newest_seq_per_channel_and_never_go_back(store: LocalStore) -> None:
    assert store.last_seqs() == {}
    store.apply_events([chat(seq) for seq in range(10, 21)] + [viewers(3, 7, ch="below")])
    assert store.last_seqs() == {"public": 20, "below": 3}
    store.apply_events([chat(seq) for seq in range(1, 10)])  # backfilled history
    assert store.last_seqs() == {"public": 20, "below": 3}
    assert store.count_events() == 21
    assert store.count_events("below") == 1


def test_non_chat_events_are_stored_without_messages(store: LocalStore) -> None:
    store.apply_events([viewers(1, 42)])
    assert store.events("public")[0].data == viewers(1, 42).data
    assert store.messages_before("public", None, 10) == []


def test_an_empty_batch_is_a_no_op(store: LocalStore) -> None:
    assert store.apply_events([]) == []
    assert store.count_events() == 0


def test_the_store_is_usable_from_the_thread_it_is_handed_to(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.db")  # built here, used on the worker thread
    with ThreadPoolExecutor(1) as worker:
        assert worker.submit(store.apply_events, [chat(1)]).result() == [chat(1)]
        assert worker.submit(store.last_seqs).result() == {"public": 1}
        worker.submit(store.close).result()


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.db")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed") as caught:
        store.last_seqs()
    assert caught.value.reason == "closed"


def test_events_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with LocalStore(path) as store:
        store.apply_events([chat(seq) for seq in range(1, 6)])
    with LocalStore(path) as store:
        assert store.last_seqs() == {"public": 5}
        assert store.apply_events([chat(5), chat(6)]) == [chat(6)]


# --- gaps ---------------------------------------------------------------------------


def test_gaps_merge_and_shrink_as_history_is_backfilled(store: LocalStore) -> None:
    store.record_gap("public", 10, 20)
    store.record_gap("public", 15, 30)
    store.record_gap("public", 15, 30)
    store.record_gap("public", 40, 40)
    assert store.gaps("public") == [(10, 30), (40, 40)]
    store.apply_events([chat(seq) for seq in (12, 13, 14, 30)])
    assert store.gaps("public") == [(10, 11), (15, 29), (40, 40)]
    store.apply_events([chat(seq) for seq in range(1, 50)])
    assert store.gaps("public") == []
    assert store.gaps("below") == []


def test_an_inverted_gap_is_refused(store: LocalStore) -> None:
    with pytest.raises(ValueError):
        store.record_gap("public", 5, 4)


# --- chat history -------------------------------------------------------------------


def test_history_pages_backwards_oldest_first(store: LocalStore) -> None:
    store.apply_events([chat(seq) for seq in range(1, 1001)])
    store.apply_events([chat(seq, ch="below", room="below") for seq in range(1, 51)])
    page = store.messages_before("public", None, 100)
    assert [m.seq for m in page] == list(range(901, 1001))
    seen = [m.seq for m in page]
    while page:
        page = store.messages_before("public", page[0].seq, 300)
        seen = [m.seq for m in page] + seen
    assert seen == list(range(1, 1001))
    assert [m.seq for m in store.messages_before("below", 10, 100)] == list(range(1, 10))
    assert store.messages_before("below", 1, 100) == []


def test_a_stored_message_carries_everything_shown(store: LocalStore) -> None:
    store.apply_events(
        [chat(7, "hi there", user_id="u42", user_name="Zoë", badges=("member:2", "moderator"))]
    )
    (message,) = store.messages_before("public", None, 1)
    assert message == StoredMessage(
        message_id="m-public-7",
        event_id="public-7",
        ch="public",
        seq=7,
        ts=chat(7).ts,
        room="public",
        user_id="u42",
        user_name="Zoë",
        badges=("member:2", "moderator"),
        text="hi there",
        reply_to=None,
        first_in_room=False,
        deleted=False,
    )


def test_deleted_messages_are_flagged_even_when_the_deletion_came_first(
    store: LocalStore,
) -> None:
    store.apply_events([chat(1), chat(2), deleted(3, "m-public-1")])
    # Live events first, then the gap before them is backfilled: the deletion of a
    # backfilled message is already stored when the message arrives.
    store.apply_events([deleted(10, "m-public-5"), deleted(11, "m-public-404")])
    store.apply_events([chat(5)])
    flags = {m.seq: m.deleted for m in store.messages_before("public", None, 10)}
    assert flags == {1: True, 2: False, 5: True}


def test_held_messages_stay_out_of_the_room_until_published(store: LocalStore) -> None:
    store.apply_events([held(1, "h1", "buy followers"), held(2, "h2", "nice stream")])
    assert store.messages_before("public", None, 10) == []
    assert store.search_messages("followers") == []
    store.apply_events([held_resolved(3, "h1", approved=False)])
    store.apply_events(
        [held_resolved(4, "h2", approved=True), chat(9, "nice stream", message_id="h2")]
    )
    (published,) = store.messages_before("public", None, 10)
    assert (published.message_id, published.ch, published.seq) == ("h2", "public", 9)
    assert texts(store.search_messages("nice")) == ["nice stream"]


# --- search -------------------------------------------------------------------------


@pytest.fixture
def chat_room(store: LocalStore) -> LocalStore:
    store.apply_events(
        [
            chat(1, "Hello everyone, first time here", user_id="u1", user_name="Alice"),
            chat(2, "déjà vu with this song", user_id="u2", user_name="Bob", badges=("member:1",)),
            chat(3, "加油 加油", user_id="u3", user_name="Chen", badges=("member:2",)),
            chat(4, 'he said "AND OR (" twice', user_id="u4", user_name="Dana"),
            chat(5, "🎉 party time 🎉", user_id="u1", user_name="Alice"),
            chat(
                6,
                "moderators please check",
                user_id="mod.7",
                user_name="Eve_Mod",
                badges=("moderator",),
            ),
            chat(7, "hello from below", ch="below", room="below", user_id="u2", user_name="Bob"),
        ]
    )
    return store


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "AND OR (",
        ")",
        "NEAR(",
        "*",
        "-",
        "^",
        "a AND",
        "NOT",
        "OR",
        "col:val",
        "{text}:x",
        "text:hello",
        "x OR",
        "((",
        '"unterminated',
        "\x00",
        "🎉",
        "\\",
        "%",
        "_",
        "  ",
        "",
    ],
)
def test_hostile_search_input_never_raises(chat_room: LocalStore, query: str) -> None:
    results = chat_room.search_messages(query)
    assert all(isinstance(m, StoredMessage) for m in results)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hello", {1, 7}),
        ("HEL", {1, 7}),  # word prefixes, any case
        ("deja", {2}),  # diacritics folded
        ("déjà vu", {2}),
        ("加油", {3}),
        ("AND OR (", {4}),  # operators are searched as words
        ('"AND', {4}),
        ("time", {1, 5}),
        ("alice", set()),  # plain words never match author names (only from: does)
        ("eve mod", set()),
        ("everyone", {1}),
        ("hello nobody", set()),
        ("🎉", set()),  # symbols are not indexed: nothing, rather than everything
        ("", {1, 2, 3, 4, 5, 6, 7}),
    ],
)
def test_search_finds_words_in_the_text_only(
    chat_room: LocalStore, query: str, expected: set[int]
) -> None:
    assert {m.seq for m in chat_room.search_messages(query)} == expected


def test_search_is_newest_first_by_time_even_for_backfilled_history(store: LocalStore) -> None:
    store.apply_events([chat(seq, "same word", ts=10_000 + seq) for seq in range(50, 60)])
    store.apply_events([chat(seq, "same word", ts=10_000 + seq) for seq in range(1, 10)])
    expected = [*range(59, 49, -1), *range(9, 0, -1)]
    assert [m.seq for m in store.search_messages("same")] == expected
    assert [m.seq for m in store.search_messages()] == expected
    assert [m.seq for m in store.search_messages("word", limit=3)] == [59, 58, 57]


def test_messages_at_the_same_moment_are_all_kept(store: LocalStore) -> None:
    same_time = 1_700_000_000_000
    batch = [
        chat(5, "clash one", ts=same_time),
        chat(5, "clash two", ch="below", room="below", ts=same_time),
        chat(5 + 65536, "clash three", ts=same_time),
        chat(6, "clash four", ts=same_time),
    ]
    assert store.apply_events(batch) == batch
    store.apply_events([chat(5, "clash five", ch="mod", message_id="x5", ts=same_time)])
    assert len(store.search_messages("clash")) == 5
    assert store.db.execute("SELECT count(*) FROM messages").fetchone() == (5,)


def test_search_survives_vacuum(chat_room: LocalStore) -> None:
    before = chat_room.search_messages("hello")
    chat_room.db.execute("VACUUM")
    assert chat_room.search_messages("hello") == before
    chat_room.db.execute(
        "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_search_by_user_id_or_name(chat_room: LocalStore) -> None:
    assert {m.seq for m in chat_room.search_messages(user="u1")} == {1, 5}
    assert {m.seq for m in chat_room.search_messages(user="alice")} == {1, 5}
    assert {m.seq for m in chat_room.search_messages(user="mod.7")} == {6}
    assert {m.seq for m in chat_room.search_messages(user="eve_mod")} == {6}
    assert chat_room.search_messages(user="Eve") == []  # a user is matched exactly
    assert chat_room.search_messages(user="u") == []
    assert {m.seq for m in chat_room.search_messages("party", user="u1")} == {5}
    assert chat_room.search_messages("party", user="u2") == []


def test_search_by_badge_and_room(chat_room: LocalStore) -> None:
    assert {m.seq for m in chat_room.search_messages(badge="member")} == {2, 3}
    assert {m.seq for m in chat_room.search_messages(badge="member:2")} == {3}
    assert {m.seq for m in chat_room.search_messages(badge="moderator")} == {6}
    assert chat_room.search_messages(badge="mem") == []
    assert {m.seq for m in chat_room.search_messages("hello", room="below")} == {7}
    assert {m.seq for m in chat_room.search_messages(room="below", user="bob")} == {7}
    assert {m.seq for m in chat_room.search_messages("vu", badge="member")} == {2}


def test_search_spans_every_session_stored(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with LocalStore(path) as store:
        store.apply_events([chat(1, "yesterday's stream")])
    with LocalStore(path) as store:
        store.apply_events([chat(2, "today's stream")])
        assert len(store.search_messages("stream")) == 2


# --- outbox and settings ------------------------------------------------------------


def test_outbox_keeps_insertion_order_until_acked(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    commands = {
        "r1": SendMessage(room="public", text="first"),
        "r2": DeleteMessage(message_id="m1"),
        "r3": BanUser(user_id="u9", reason="spam"),
    }
    with LocalStore(path) as store:
        for rid, cmd in commands.items():
            store.outbox_add(rid, cmd)
        store.outbox_add("r1", SendMessage(room="public", text="again"))  # same rid: kept once
        assert store.outbox_pending() == list(commands.items())
        store.outbox_done("r2")
        store.outbox_done("unknown")
    with LocalStore(path) as store:  # durable across restarts
        assert store.outbox_pending() == [("r1", commands["r1"]), ("r3", commands["r3"])]
        store.outbox_done("r1")
        store.outbox_done("r3")
        assert store.outbox_pending() == []


def test_settings_round_trip(store: LocalStore) -> None:
    assert store.kv_get("theme") is None
    store.kv_set("theme", "dark")
    store.kv_set("theme", "light")
    assert store.kv_get("theme") == "light"


@pytest.mark.parametrize(
    "text",
    ['quote " and back\\slash', "emoji 🎧 ✨ and ünïcödé", "tab\there", "nul\x00inside", "\\u0000"],
)
def test_any_text_comes_back_exactly(store: LocalStore, text: str) -> None:
    # Quotes, escapes, control characters and NUL survive the events and messages tables.
    batch = [chat(1, text=text), chat(2, text="plain")]
    assert store.apply_events(batch) == batch
    assert texts(store.messages_before("public", None, 10)) == [text, "plain"]
    assert [e.data for e in store.events("public")] == [e.data for e in batch]


# --- chat bodies are stored once ------------------------------------------------------


def test_events_come_back_whole_though_chat_bodies_live_in_the_message_rows(
    store: LocalStore,
) -> None:
    reply = msgspec.structs.replace(
        chat(2, "Zoë: <b>déjà</b> 加油", badges=("member:2", "moderator")).data,
        reply_to="m-public-1",
        first_in_room=True,
    )
    echo = msgspec.structs.replace(chat(4, "my own line"), rid="r-42")
    odd_channel = chat(1, "on a channel not named like its room", ch="lobby", room="public")
    publicised = chat(
        6, "held, then approved", message_id="m-held", user_id="u9", user_name="Mallory"
    )
    events = [
        chat(1, "plain"),
        msgspec.structs.replace(chat(2), data=reply),
        viewers(3, 17),
        echo,
        deleted(5, "m-public-1"),
        held(1, "m-held", "held, then approved"),
        publicised,
        odd_channel,
    ]
    store.apply_events(events)
    stripped = store.db.execute("SELECT id FROM events WHERE body = x''").fetchall()
    assert sorted(i for (i,) in stripped) == ["public-1", "public-2", "public-4", "public-6"]
    assert store.events("public") == [e for e in events if e.ch == "public"]
    assert store.events("mod") == [events[5]]
    assert store.events("lobby") == [odd_channel]


def test_a_chat_event_whose_message_id_was_stored_before_keeps_its_body(
    store: LocalStore,
) -> None:
    first = chat(1, "the original", message_id="same")
    again = chat(2, "the same message id under a new event", message_id="same")
    store.apply_events([first])
    store.apply_events([again])
    assert store.events("public") == [first, again]
    assert [m.text for m in store.messages_before("public", None, 10)] == ["the original"]


def test_a_message_in_context_is_bounded_by_its_room_and_session(store: LocalStore) -> None:
    def live(seq: int, kind: str, ts: int) -> Event:
        data = (
            LiveStarted(session_id="s2", started_ms=ts)
            if kind == "start"
            else LiveEnded(session_id="s1", started_ms=BASE_TS, ended_ms=ts)
        )
        return event("session", seq, data, ts=ts)

    # Session 1: public seq 1..20 (ts BASE+10..BASE+200); it ends; session 2: seq 21..40.
    store.apply_events([chat(seq, f"line {seq}") for seq in range(1, 41)])
    store.apply_events([chat(seq, ch="below", room="below") for seq in range(1, 5)])
    store.apply_events([live(1, "end", BASE_TS + 205), live(2, "start", BASE_TS + 206)])
    (target,) = [m for m in store.search_messages("line") if m.seq == 18]
    around = store.message_context(target, before=5, after=5)
    assert [m.seq for m in around] == [13, 14, 15, 16, 17, 18, 19, 20]  # not past the end
    assert {m.room for m in around} == {"public"}
    (first,) = [m for m in store.search_messages("line") if m.seq == 22]
    assert [m.seq for m in store.message_context(first, before=5, after=2)] == [21, 22, 23, 24]
    # With no live marks at all, the room's neighbours.
    (below,) = [m for m in store.search_messages(room="below") if m.seq == 2]
    assert [m.seq for m in store.message_context(below, before=1, after=1)] == [1, 2, 3]
