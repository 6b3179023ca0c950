"""ChatModel, ChatLine, filters and row geometry, without any view."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, MessageDeleted, MessageHeld, UserRef
from app.ui.chat.batcher import ChatBatcher
from app.ui.chat.filter import ChatFilter, ChatFilterProxy, parse_filter
from app.ui.chat.geometry import RowHeights
from app.ui.chat.model import LINE_ROLE, ChatLine, ChatModel, LineFlag
from tests.ui.chatlines import line, lines

ME = UserRef(id="creator-1", name="Alex", badges=("creator",))


class Recorder:
    """Row signals of a model, as (kind, first, last) tuples."""

    def __init__(self, model: ChatModel) -> None:
        self.calls: list[tuple[str, int, int]] = []
        model.rowsInserted.connect(lambda _p, a, b: self.calls.append(("insert", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.calls.append(("remove", a, b)))
        model.modelReset.connect(lambda: self.calls.append(("reset", 0, 0)))
        model.dataChanged.connect(lambda a, b, _r: self.calls.append(("changed", a.row(), b.row())))


@pytest.fixture
def model(qapp: QApplication) -> Iterator[ChatModel]:
    chat = ChatModel(max_rows=100)
    tester = QAbstractItemModelTester(chat, QAbstractItemModelTester.FailureReportingMode.Warning)
    yield chat
    del tester


def ids(model: ChatModel) -> list[str]:
    return [line.message_id for line in model.lines()]


# --- batches and the bound ------------------------------------------------------------


def test_a_batch_is_one_insert(model: ChatModel) -> None:
    rec = Recorder(model)
    assert model.append_lines(lines(1, 40)) == 40
    assert rec.calls == [("insert", 0, 39)]


def test_over_the_bound_one_trim_and_one_insert(model: ChatModel) -> None:
    model.append_lines(lines(1, 90))
    rec = Recorder(model)
    model.append_lines(lines(91, 30))
    assert rec.calls == [("remove", 0, 19), ("insert", 70, 99)]
    assert model.rowCount() == 100
    assert ids(model)[0] == "m21" and ids(model)[-1] == "m120"


def test_100000_lines_leave_exactly_max_rows(qapp: QApplication) -> None:
    chat = ChatModel()  # default bound
    assert chat.max_rows == 2000
    started = time.perf_counter()
    for first in range(0, 100_000, 500):
        chat.append_lines(lines(first, 500))
    elapsed = time.perf_counter() - started
    assert chat.rowCount() == 2000
    assert chat.line_at(0).message_id == "m98000"
    assert chat.line_at(1999).message_id == "m99999"
    assert chat.row_of("m97999") == -1
    for row in (0, 1, 777, 1999):
        assert chat.row_of(chat.line_at(row).message_id) == row
    assert elapsed < 5, f"100,000 lines took {elapsed:.1f} s"


def test_a_batch_bigger_than_the_window_keeps_its_newest(model: ChatModel) -> None:
    model.append_lines(lines(1, 10))
    assert model.append_lines(lines(11, 250)) == 250
    assert model.rowCount() == 100
    assert ids(model)[0] == "m161" and ids(model)[-1] == "m260"


def test_duplicates_are_ignored(model: ChatModel) -> None:
    model.append_lines(lines(1, 5))
    rec = Recorder(model)
    assert model.append_lines([line(3), line(6), line(6)]) == 1
    assert ids(model) == ["m1", "m2", "m3", "m4", "m5", "m6"]
    assert rec.calls == [("insert", 5, 5)]


def test_lowering_max_rows_trims_the_oldest(model: ChatModel) -> None:
    model.append_lines(lines(1, 50))
    model.set_max_rows(20)
    assert ids(model)[0] == "m31" and model.rowCount() == 20


# --- flags ----------------------------------------------------------------------------


def test_mark_deleted_changes_one_row(model: ChatModel) -> None:
    model.append_lines(lines(1, 10))
    rec = Recorder(model)
    assert model.mark_deleted("m4")
    assert rec.calls == [("changed", 3, 3)]
    assert model.line_at(3).deleted and model.line_at(3).text == "message 4"
    assert model.data(model.index(3), LINE_ROLE).deleted


def test_a_delete_that_outruns_its_message_still_applies(model: ChatModel) -> None:
    assert not model.mark_deleted("m2")  # still in a batcher queue, say
    model.append_lines(lines(1, 3))
    assert [line.deleted for line in model.lines()] == [False, True, False]


def test_pending_line_is_replaced_by_its_echo_in_place(model: ChatModel) -> None:
    model.append_lines(lines(1, 3))
    model.append_lines([ChatLine.local_pending("rid-9", "public", ME, "hello")])
    model.append_lines(lines(4, 2))
    rec = Recorder(model)
    echo = ChatLine(
        message_id="m-server",
        seq=50,
        ts=1,
        room="public",
        user_id=ME.id,
        user_name=ME.name,
        badges=ME.badges,
        text="hello",
        local_id="rid-9",
    )
    assert model.append_lines([echo]) == 0
    assert rec.calls == [("changed", 3, 3)]
    assert model.line_at(3).message_id == "m-server" and not model.line_at(3).pending
    assert model.row_of("rid-9") == -1 and model.row_of("m-server") == 3


def test_a_stranger_reusing_a_request_id_does_not_replace_my_line(model: ChatModel) -> None:
    model.append_lines([ChatLine.local_pending("rid-9", "public", ME, "hello")])
    spoof = line(7, local_id="rid-9")
    assert model.append_lines([spoof]) == 1
    assert model.line_at(0).pending and model.rowCount() == 2


def test_mark_sent_then_late_echo(model: ChatModel) -> None:
    model.append_lines([ChatLine.local_pending("rid-1", "public", ME, "hi")])
    assert model.mark_sent("rid-1", "m77")
    sent = model.line_at(0)
    assert sent.message_id == "m77" and not sent.pending and sent.seq == 0
    echo = ChatLine("m77", 77, 5, "public", ME.id, ME.name, (), "hi", local_id="rid-1")
    assert model.append_lines([echo]) == 0
    assert model.rowCount() == 1 and model.line_at(0).seq == 77


def test_ack_before_the_pending_line_arrives(model: ChatModel) -> None:
    assert not model.mark_sent("rid-1", "m77")
    model.append_lines([ChatLine.local_pending("rid-1", "public", ME, "hi")])
    assert model.line_at(0).message_id == "m77" and not model.line_at(0).pending


def test_failed_and_retry(model: ChatModel) -> None:
    model.append_lines([ChatLine.local_pending("rid-1", "public", ME, "hi")])
    assert model.mark_failed("rid-1", "rate limited")
    assert model.line_at(0).failed and not model.line_at(0).pending
    assert model.fail_reasons == {"rid-1": "rate limited"}
    assert model.remove_line("rid-1") and model.rowCount() == 0


# --- holding (paused pane) and history ------------------------------------------------


def test_holding_keeps_the_window_still_then_releases_in_one_insert(model: ChatModel) -> None:
    model.append_lines(lines(1, 50))
    model.set_holding(True)
    rec = Recorder(model)
    assert model.append_lines(lines(51, 30)) == 30
    assert rec.calls == [] and model.held_count == 30
    assert model.mark_deleted("m60")  # flags reach held lines too
    model.set_holding(False)
    assert rec.calls == [("insert", 50, 79)]
    assert model.line_by_id("m60").deleted  # type: ignore[union-attr]


def test_release_after_long_hold_shows_the_newest_window(model: ChatModel) -> None:
    model.append_lines(lines(1, 50))
    model.set_holding(True)
    model.append_lines(lines(51, 500))
    assert model.held_count == 100
    rec = Recorder(model)
    model.set_holding(False)
    assert rec.calls == [("reset", 0, 0)]
    assert ids(model)[0] == "m451" and ids(model)[-1] == "m550"


def test_history_slides_the_window_up_and_back(qapp: QApplication) -> None:
    chat = ChatModel(max_rows=10)
    chat.append_lines(lines(101, 10))
    rec = Recorder(chat)
    assert chat.prepend_history(lines(97, 4)) == 4
    assert rec.calls == [("remove", 6, 9), ("insert", 0, 3)]
    assert ids(chat) == [f"m{n}" for n in range(97, 107)]
    assert chat.holding and not chat.at_live_edge and chat.oldest_seq() == 97
    chat.append_lines(lines(111, 2))  # live lines wait below
    chat.set_holding(False)
    assert ids(chat) == [f"m{n}" for n in range(103, 113)]


def test_history_duplicates_are_ignored(model: ChatModel) -> None:
    model.append_lines(lines(10, 5))
    assert model.prepend_history(lines(8, 4)) == 2
    assert ids(model)[:3] == ["m8", "m9", "m10"]


# --- ChatLine -------------------------------------------------------------------------


def test_from_event_reads_messages_and_held_messages() -> None:
    user = UserRef(id="u1", name="Ann", badges=("member:2",))
    msg = ChatMessage(message_id="x1", room="below", user=user, text="hi", first_in_room=True)
    got = ChatLine.from_event(Event(ch="below", seq=4, id="e1", ts=99, data=msg, rid="r1"))
    assert (got.message_id, got.seq, got.ts, got.room, got.user_name) == (
        "x1",
        4,
        99,
        "below",
        "Ann",
    )
    assert got.badges == ("member:2",) and got.first_in_room and got.local_id == "r1"
    held = MessageHeld(message_id="x2", room="public", user=user, text="buy now", term="buy")
    assert ChatLine.from_event(Event(ch="mod", seq=1, id="e2", ts=1, data=held)).held
    with pytest.raises(ValueError):
        ChatLine.from_event(
            Event(ch="public", seq=1, id="e3", ts=1, data=MessageDeleted("x1", "public", "u2"))
        )


def test_flags_change_content_never() -> None:
    base = line(1)
    gone = base.with_flags(add=LineFlag.DELETED)
    assert gone.deleted and not base.deleted and gone.text == base.text
    assert base.with_flags(remove=LineFlag.DELETED) is base
    gap = ChatLine.gap_marker("public", 10, 59)
    assert gap.is_gap and gap.missed == 50 and gap.seq == 10


def test_data_never_returns_none(model: ChatModel) -> None:
    model.append_lines(lines(1, 3))
    valid, invalid = model.index(1), QModelIndex()
    for role in [*range(0, 40), *range(256, 270), 1000]:
        assert model.data(valid, role) is not None, role
        assert model.data(invalid, role) is not None, role
    assert model.data(valid, Qt.ItemDataRole.DisplayRole) == "viewer2: message 2"


# --- filters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ChatFilter()),
        ("  hello   World ", ChatFilter(terms=("hello", "world"))),
        ("from:Ann from:@bob", ChatFilter(from_users=("ann", "bob"))),
        ("badge:mod badge:member:2", ChatFilter(badges=("moderator", "member:2"))),
        ("is:first is:deleted", ChatFilter(is_=frozenset({"first", "deleted"}))),
        ('"good morning" from:ann', ChatFilter(terms=("good morning",), from_users=("ann",))),
        ("is:nonsense from:", ChatFilter(terms=("is:nonsense", "from:"))),
        ('unbalanced "quote', ChatFilter(terms=("unbalanced", '"quote'))),
    ],
)
def test_parse_filter(query: str, expected: ChatFilter) -> None:
    assert parse_filter(query) == expected


def test_filter_matches() -> None:
    mod = line(1, user="Lena", badges=("moderator",), text="Slow mode is on")
    member = line(2, user="Ann", badges=("member:2",), text="hi all", first=True)
    plain = line(3, user="bob", text="HELLO there")
    gap = ChatLine.gap_marker("public", 1, 9)
    everyone = [mod, member, plain, gap]

    def who(query: str) -> list[str]:
        chat_filter = parse_filter(query)
        return [x.user_name or "gap" for x in everyone if chat_filter.matches(x)]

    assert who("hello") == ["bob", "gap"]
    assert who("from:ann") == ["Ann", "gap"]
    assert who("badge:mod") == ["Lena", "gap"]
    assert who("badge:member") == ["Ann", "gap"]
    assert who("badge:member:3") == ["gap"]
    assert who("is:first") == ["Ann", "gap"]
    assert who("from:ann from:bob") == ["Ann", "bob", "gap"]
    assert who("from:ann hello") == ["gap"]
    assert who("lena") == ["Lena", "gap"]  # the name counts as text too


def test_filter_proxy_follows_the_model(model: ChatModel) -> None:
    proxy = ChatFilterProxy(model)
    tester = QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.append_lines(lines(1, 20))
    proxy.set_filter(parse_filter("is:deleted"))
    assert proxy.rowCount() == 0
    model.mark_deleted("m5")
    assert proxy.rowCount() == 1 and proxy.line_at(0).message_id == "m5"
    proxy.set_filter(parse_filter("from:viewer3"))
    assert [proxy.line_at(r).message_id for r in range(proxy.rowCount())] == ["m3", "m10", "m17"]
    model.append_lines(lines(21, 7))
    assert proxy.line_at(proxy.rowCount() - 1).message_id == "m24"
    del tester


# --- row geometry ---------------------------------------------------------------------


def test_row_heights_estimate_then_measure() -> None:
    rows = RowHeights()
    rows.reset([10, 10, 10])
    assert rows.total() == 30 and rows.row_at(15) == 1 and rows.row_at(30) == -1
    assert rows.unmeasured(0, 2) == [0, 1, 2]
    assert rows.measure(1, 25) == 15
    assert rows.top(2) == 35 and rows.unmeasured(0, 2) == [0, 2]
    rows.insert(0, [5, 5])
    assert rows.top(3) == 20 and rows.is_measured(3)
    rows.remove(0, 1)
    assert rows.total() == 45 and rows.sum(1, 2) == 35
    rows.estimate(1, 10)
    assert not rows.is_measured(1) and rows.total() == 30


def test_settle_keeps_the_anchor_row_in_place_while_measuring() -> None:
    rows = RowHeights()
    rows.reset([20] * 50)  # estimates
    real = {row: 20 + row % 3 * 15 for row in range(50)}  # what layout would say
    anchor = rows.anchor_at(300)  # row 15, at the top edge
    value = rows.settle(300, 200, anchor, False, real.__getitem__)
    assert rows.top(anchor[0]) == value  # the reader's row is still at the top edge
    first, last = rows.visible(value, 200)
    assert rows.unmeasured(first, last) == []
    bottom = rows.settle(0, 200, None, True, real.__getitem__)
    assert bottom == rows.max_value(200) and rows.unmeasured(*rows.visible(bottom, 200)) == []


def test_batcher_coalesces_and_counts_while_not_following(qtbot: QtBot) -> None:
    chat = ChatModel(max_rows=50)
    batcher = ChatBatcher(chat)
    rec = Recorder(chat)
    for n in range(1, 301):
        batcher.push([line(n)])
    assert chat.rowCount() == 0 and batcher.queued == 300
    qtbot.waitUntil(lambda: batcher.queued == 0, timeout=1000)
    assert [kind for kind, _a, _b in rec.calls] == ["insert"]  # one frame, one insert
    assert chat.rowCount() == 50 and chat.line_at(49).message_id == "m300"
    batcher.set_following(False)
    with qtbot.waitSignal(batcher.pending_changed) as blocker:
        batcher.push(lines(301, 7))
    assert blocker.args == [7] and chat.rowCount() == 50 and chat.held_count == 7
    batcher.set_following(True)
    assert batcher.pending_count == 0 and chat.line_at(49).message_id == "m307"
