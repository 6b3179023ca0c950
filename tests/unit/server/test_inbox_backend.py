"""The backend's inbox additions: inquiry.thread, list extras, the creator profile, who may ask."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from app.protocol.frames import Error
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
        await d.ok(d.creator, SetInquiryStatus(inquiry_id=inquiry, status="booked"))

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
