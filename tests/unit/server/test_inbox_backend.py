"""The backend's inbox additions: inquiry.thread, list extras, the creator profile, who may ask."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from app.core.inquiries import ALL_STATUSES
from app.protocol.codec import convert, encode
from app.protocol.frames import Error
from app.protocol.inquiry import BookingRow, InquiryRow, StatusStepRow, ThreadMessageRow
from app.protocol.payloads import (
    CommandData,
    CreateInquiry,
    CreatorProfile,
    GetInquiryThread,
    InquiryStatusChanged,
    ListInquiries,
    ProfileChanged,
    ReplyInquiry,
    Service,
    SetInquiryStatus,
    SetProfile,
    SetServices,
    StartLive,
)
from tests.unit.server.world import World, run_world

BOOKED_FOR = 4_102_444_800_000  # a booking's appointment: 2100-01-01, always ahead

SERVICE = Service(
    id="mix",
    title="Mix feedback",
    category="consulting",
    price_cents=3000,
    license_free_confirmed=True,
)


def test_thread_has_messages_history_and_the_booking(tmp_path: Path) -> None:
    async def scenario(d: World) -> None:
        await d.ok(d.creator, SetServices(services=(SERVICE,)))
        session = (await d.ok(d.creator, StartLive(title="Friday mix")))["session_id"]
        d.clock.now += 754
        inquiry = (await d.ok(d.viewer, CreateInquiry(service_id="mix", text="Mix my track?")))[
            "inquiry_id"
        ]
        d.clock.now += 10
        await d.ok(d.creator, ReplyInquiry(inquiry_id=inquiry, text="Send it over"))
        d.clock.now += 10
        await d.ok(d.viewer, ReplyInquiry(inquiry_id=inquiry, text="Sent!"))
        await d.ok(
            d.creator, SetInquiryStatus(inquiry_id=inquiry, status="quoted", price_cents=2500)
        )
        await d.ok(
            d.creator,
            SetInquiryStatus(inquiry_id=inquiry, status="booked", booked_for_ms=BOOKED_FOR),
        )

        thread = await d.ok(d.creator, GetInquiryThread(inquiry_id=inquiry))
        assert [(m["author"], m["text"]) for m in thread["messages"]] == [
            ("creator", "Send it over"),
            ("viewer", "Sent!"),
        ]
        assert [(h["status"], h["price_cents"]) for h in thread["history"]] == [
            ("quoted", 2500),
            ("booked", 2500),
        ]
        status_events = [
            e
            for e in d.b.hub.read("creator", 0, None, 1000)
            if isinstance(e.data, InquiryStatusChanged)
        ]
        assert [h["event_id"] for h in thread["history"]] == [e.id for e in status_events]
        [booking] = thread["ledger"]
        assert (booking["cents"], booking["session_id"]) == (2500, session)

        item = thread["inquiry"]
        assert item["session_title"] == "Friday mix"
        assert item["elapsed_s"] == 754
        assert item["message_count"] == 2
        assert item["last_viewer_ms"] == int(d.clock.now * 1000)  # the viewer's reply
        [listed] = (await d.ok(d.creator, ListInquiries()))["inquiries"]
        assert listed == item

    run_world(tmp_path, scenario)


def test_thread_of_an_unknown_inquiry_is_not_found(tmp_path: Path) -> None:
    async def scenario(d: World) -> None:
        reply = await d.run(d.creator, GetInquiryThread(inquiry_id="nope"))
        assert isinstance(reply, Error) and reply.code == "not_found"

    run_world(tmp_path, scenario)


@pytest.mark.parametrize(
    "cmd",
    [
        ListInquiries(),
        GetInquiryThread(inquiry_id="q"),
        ReplyInquiry(inquiry_id="q", text="hi"),
        SetInquiryStatus(inquiry_id="q", status="open"),
        SetProfile(adult_confirmed=True),
        SetServices(services=()),
    ],
    ids=lambda c: type(c).__name__,
)
def test_a_moderator_may_not_touch_the_inbox(tmp_path: Path, cmd: CommandData) -> None:
    async def scenario(d: World) -> None:
        reply = await d.run(d.mod, cmd)
        assert isinstance(reply, Error) and reply.code == "forbidden"

    run_world(tmp_path, scenario)


def test_profile_is_the_creators_alone_and_survives_a_restart(tmp_path: Path) -> None:
    async def first(d: World) -> None:
        assert d.b.snapshot(d.creator).profile == CreatorProfile()
        d.b.set_profile(CreatorProfile(followers=12_400))
        result = await d.ok(d.creator, SetProfile(adult_confirmed=True, competence_note="  MA  "))
        assert result["profile"] == {
            "followers": 12_400,
            "adult_confirmed": True,
            "competence_note": "MA",
        }
        again = await d.ok(d.creator, SetProfile(adult_confirmed=True))  # no change, no event
        assert again == result
        changes = [
            e.data.profile
            for e in d.b.hub.read("creator", 0, None, 100)
            if isinstance(e.data, ProfileChanged)
        ]
        assert changes == [
            CreatorProfile(followers=12_400),
            CreatorProfile(followers=12_400, adult_confirmed=True, competence_note="MA"),
        ]
        assert d.b.snapshot(d.mod).profile is None
        assert d.b.snapshot(d.viewer).profile is None

    async def after(d: World) -> None:
        profile = d.b.snapshot(d.creator).profile
        assert profile == CreatorProfile(
            followers=12_400, adult_confirmed=True, competence_note="MA"
        )
        assert msgspec.json.decode(msgspec.json.encode(profile), type=CreatorProfile) == profile

    run_world(tmp_path, first)
    run_world(tmp_path, after)


def test_the_server_cli_takes_the_follower_count() -> None:
    from app.server.__main__ import parse_args

    assert parse_args(["--followers", "12400"]).followers == 12_400
    assert parse_args([]).followers is None
    with pytest.raises(SystemExit):
        parse_args(["--followers", "-1"])


def test_a_booking_has_a_date_and_time_and_can_be_moved(tmp_path: Path) -> None:
    async def scenario(d: World) -> None:
        await d.ok(d.creator, SetServices(services=(SERVICE,)))
        inquiry = (await d.ok(d.viewer, CreateInquiry(service_id="mix", text="Tue or Thu?")))[
            "inquiry_id"
        ]
        await d.ok(
            d.creator, SetInquiryStatus(inquiry_id=inquiry, status="quoted", price_cents=2500)
        )
        now_ms = int(d.clock.now * 1000)
        no_date = await d.run(d.creator, SetInquiryStatus(inquiry_id=inquiry, status="booked"))
        assert isinstance(no_date, Error) and "date and time" in no_date.message
        past = await d.run(
            d.creator,
            SetInquiryStatus(inquiry_id=inquiry, status="booked", booked_for_ms=now_ms - 1),
        )
        assert isinstance(past, Error) and "future" in past.message
        tuesday, thursday = now_ms + 86_400_000, now_ms + 3 * 86_400_000
        booked = await d.ok(
            d.creator,
            SetInquiryStatus(inquiry_id=inquiry, status="booked", booked_for_ms=tuesday),
        )
        assert booked["booked_for_ms"] == tuesday
        d.clock.now += 60
        moved = await d.ok(
            d.creator,
            SetInquiryStatus(inquiry_id=inquiry, status="booked", booked_for_ms=thursday),
        )
        assert (moved["status"], moved["price_cents"], moved["booked_for_ms"]) == (
            "booked",
            2500,
            thursday,
        )
        repriced = await d.run(
            d.creator,
            SetInquiryStatus(
                inquiry_id=inquiry, status="booked", price_cents=9900, booked_for_ms=thursday
            ),
        )
        assert isinstance(repriced, Error) and "keeps its price" in repriced.message

        thread = await d.ok(d.creator, GetInquiryThread(inquiry_id=inquiry))
        assert [(h["status"], h["booked_for_ms"]) for h in thread["history"]] == [
            ("quoted", None),
            ("booked", tuesday),
            ("booked", thursday),
        ]
        assert [line["cents"] for line in thread["ledger"]] == [2500]  # moving adds no line
        assert thread["inquiry"]["booked_for_ms"] == thursday
        viewer_events = [
            e.data
            for e in d.b.hub.read(f"user:{d.viewer.id}", 0, None, 1000)
            if isinstance(e.data, InquiryStatusChanged)
        ]
        assert [(e.status, e.booked_for_ms) for e in viewer_events][-2:] == [
            ("booked", tuesday),
            ("booked", thursday),
        ]
        await d.ok(d.creator, SetInquiryStatus(inquiry_id=inquiry, status="completed"))
        [listed] = (await d.ok(d.creator, ListInquiries()))["inquiries"]
        assert (listed["status"], listed["booked_for_ms"]) == ("completed", thursday)

    run_world(tmp_path, scenario)


def test_an_older_database_gets_the_booking_time_column(tmp_path: Path) -> None:
    import sqlite3

    from app.server.inquiry_store import InquiryStore

    db = sqlite3.connect(tmp_path / "old.db")
    db.executescript(
        "CREATE TABLE inquiries (id TEXT PRIMARY KEY, user TEXT NOT NULL, user_id TEXT NOT NULL,"
        " service_id TEXT NOT NULL, service_title TEXT NOT NULL, text TEXT NOT NULL,"
        " status TEXT NOT NULL, price_cents INTEGER, snooze_until_ms INTEGER,"
        " created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, session_id TEXT,"
        " elapsed_s INTEGER);"
        "INSERT INTO inquiries VALUES ('q1', '{\"id\":\"u\",\"name\":\"Vic\",\"badges\":[]}',"
        " 'u', 'mix', 'Mix', 'hi', 'booked', 2500, NULL, 1, 2, NULL, NULL);"
        "CREATE TABLE inquiry_history (event_id TEXT PRIMARY KEY, inquiry_id TEXT NOT NULL,"
        " status TEXT NOT NULL, by TEXT NOT NULL, price_cents INTEGER, snooze_until_ms INTEGER,"
        " ts_ms INTEGER NOT NULL);"
        "CREATE TABLE ledger (entry_id TEXT, cents INTEGER, label TEXT, session_id TEXT,"
        " ts_ms INTEGER, currency TEXT, ref TEXT, kind TEXT);"
    )
    store = InquiryStore(db)
    old = store.get("q1")
    assert old is not None and old.booked_for_ms is None  # kept, date unknown
    store.add_history("e1", "q1", "booked", "c", 2500, None, 3, 4_102_444_800_000)
    assert store.thread("q1")["history"][0]["booked_for_ms"] == 4_102_444_800_000
    db.close()


def test_list_rows_and_thread_inquiries_are_inquiry_rows_in_every_status(tmp_path: Path) -> None:
    """What the server lists decodes as the protocol's InquiryRow, field for field, whatever
    the status, inside a live and outside one (the shape PROTOCOL.md documents); a thread's
    messages, status steps and bookings as ThreadMessageRow, StatusStepRow and BookingRow."""

    async def scenario(d: World) -> None:
        await d.ok(d.creator, SetServices(services=(SERVICE,)))
        paths: dict[str, list[SetInquiryStatus]] = {
            "new": [],
            "open": [SetInquiryStatus(inquiry_id="", status="open")],
            "quoted": [SetInquiryStatus(inquiry_id="", status="quoted", price_cents=2500)],
            "booked": [SetInquiryStatus(inquiry_id="", status="booked", price_cents=2500)],
            "completed": [
                SetInquiryStatus(inquiry_id="", status="booked", price_cents=900),
                SetInquiryStatus(inquiry_id="", status="completed"),
            ],
            "declined": [SetInquiryStatus(inquiry_id="", status="declined")],
            "closed": [
                SetInquiryStatus(inquiry_id="", status="booked", price_cents=900),
                SetInquiryStatus(inquiry_id="", status="closed"),
            ],
            "snoozed": [
                SetInquiryStatus(inquiry_id="", status="snoozed", snooze_until_ms=BOOKED_FOR)
            ],
        }
        assert set(paths) == set(ALL_STATUSES)
        for n, (status, steps) in enumerate(paths.items()):
            if n == 4:  # the later half comes from a live
                await d.ok(d.creator, StartLive(title="Friday mix"))
            d.clock.now += 1
            asked = CreateInquiry(service_id="mix", text=f"Inquiry\nthat ends {status}")
            inquiry = (await d.ok(d.viewer, asked))["inquiry_id"]
            await d.ok(d.viewer, ReplyInquiry(inquiry_id=inquiry, text="Any news?"))
            if steps and steps[0].status != "open":
                await d.ok(d.creator, SetInquiryStatus(inquiry_id=inquiry, status="open"))
            for step in steps:
                booked_for = BOOKED_FOR if step.status == "booked" else None
                await d.ok(
                    d.creator,
                    msgspec.structs.replace(step, inquiry_id=inquiry, booked_for_ms=booked_for),
                )

        listed = (await d.ok(d.creator, ListInquiries()))["inquiries"]
        rows = [convert(msgspec.json.decode(encode(row)), InquiryRow) for row in listed]
        assert {row.status for row in rows} == set(ALL_STATUSES)
        assert [msgspec.to_builtins(row) for row in rows] == listed  # nothing left out
        by_status = {row.status: row for row in rows}
        assert by_status["completed"].booked_for_ms == BOOKED_FOR  # kept once completed
        assert by_status["snoozed"].snooze_until_ms == BOOKED_FOR
        assert by_status["new"].session_title is None
        assert by_status["snoozed"].session_title == "Friday mix"
        assert {row.message_count for row in rows} == {1}
        parts: dict[str, int] = {}
        for row in rows:
            thread = await d.ok(d.creator, GetInquiryThread(inquiry_id=row.inquiry_id))
            assert convert(msgspec.json.decode(encode(thread["inquiry"])), InquiryRow) == row
            for name, row_type in (
                ("messages", ThreadMessageRow),
                ("history", StatusStepRow),
                ("ledger", BookingRow),
            ):
                for part in thread[name]:
                    read = convert(msgspec.json.decode(encode(part)), row_type)
                    assert msgspec.to_builtins(read) == part  # field for field
                    parts[name] = parts.get(name, 0) + 1
        assert parts["messages"] >= len(rows) and parts["history"] and parts["ledger"]

    run_world(tmp_path, scenario)
