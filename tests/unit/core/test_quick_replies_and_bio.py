"""Quick replies ("/price" + Tab) and the service bio's checks and Service+ eligibility list."""

from __future__ import annotations

from typing import Any

import pytest

from app.core import quick_replies as qr
from app.core.inquiries import eligibility
from app.core.service_bio import bio_problems, checklist, is_eligible, new_service_id
from app.protocol.payloads import CreatorProfile, Service

REPLIES = (
    qr.QuickReply("price", "Hi {name}, {service} costs {price}. {unknown} stays."),
    qr.QuickReply("thx", "Thanks!"),
)
FIELDS = {"name": "Vic", "service": "Mix", "price": "$25.00"}


def test_code_before_the_cursor_expands_with_fields() -> None:
    text = "Hello /price"
    expanded = "Hello Hi Vic, Mix costs $25.00. {unknown} stays."
    assert qr.expand_at(text, len(text), REPLIES, FIELDS) == (expanded, len(expanded))


def test_expansion_keeps_what_follows_and_places_the_cursor() -> None:
    text = "/thx and more"
    assert qr.expand_at(text, 4, REPLIES, FIELDS) == ("Thanks! and more", 7)


@pytest.mark.parametrize(
    ("text", "cursor"),
    [("a/price", 7), ("/nope", 5), ("/price", 3), ("", 0), ("http://x/price", 14)],
)
def test_no_expansion(text: str, cursor: int) -> None:
    assert qr.expand_at(text, cursor, REPLIES, FIELDS) is None


def test_codes_are_case_insensitive_and_completions_work() -> None:
    assert qr.expand_at("/THX", 4, REPLIES, FIELDS) == ("Thanks!", 7)
    assert qr.code_being_typed("hi /pr", 6) == "pr"
    assert qr.code_being_typed("hi", 2) is None
    assert [r.code for r in qr.completions(REPLIES, "p")] == ["price"]


def test_fill_does_not_evaluate_format_specs() -> None:
    assert (
        qr.fill("{name.__class__} {0} {name}", {"name": "{price}"})
        == "{name.__class__} {0} {price}"
    )


def test_problems_and_json_round_trip() -> None:
    bad = (qr.QuickReply("Price", "x"), qr.QuickReply("ok", " "), qr.QuickReply("ok", "y"))
    assert len(qr.problems(bad)) == 3
    assert qr.problems(REPLIES) == []
    assert qr.from_json(qr.to_json(REPLIES)) == REPLIES
    assert qr.from_json(None) == qr.DEFAULT_QUICK_REPLIES
    assert qr.from_json("[[1]]") == qr.DEFAULT_QUICK_REPLIES
    assert qr.from_json(qr.to_json(bad)) == qr.DEFAULT_QUICK_REPLIES
    assert qr.problems(qr.DEFAULT_QUICK_REPLIES) == []


def _service(title: str, confirmed: bool = True, **kw: Any) -> Service:
    return Service(
        id=new_service_id(),
        title=title,
        category="consulting",
        license_free_confirmed=confirmed,
        **kw,
    )


def test_bio_problems_catch_what_the_server_would_refuse() -> None:
    assert bio_problems([_service("Mix"), _service("Lesson", price_cents=None)]) == []
    [problem] = bio_problems([_service(" ")])
    assert "title" in problem
    [problem] = bio_problems([_service("x" * 121)])
    assert "x" * 10 in problem
    [problem] = bio_problems([_service("Mix", currency="usd1")])
    assert "currency" in problem
    same = _service("A")
    assert bio_problems([same, same]) == ["Two services have the same id."]


@pytest.mark.parametrize(
    ("profile", "services", "verdicts"),
    [
        (CreatorProfile(12_400, True), [_service("Mix")], ["met", "met", "met", "self_check"]),
        (CreatorProfile(999, True), [_service("Mix")], ["met", "unmet", "met", "self_check"]),
        (
            CreatorProfile(None, False),
            [_service("Mix", False)],
            ["unmet", "unknown", "unmet", "self_check"],
        ),
        (None, [], ["unmet", "unknown", "met", "self_check"]),
    ],
)
def test_checklist_agrees_with_the_core_rules(
    profile: CreatorProfile | None, services: list[Service], verdicts: list[str]
) -> None:
    checks = checklist(profile, services)
    assert [c.verdict for c in checks] == verdicts
    unmet = sum(1 for c in checks if c.verdict == "unmet")
    p = profile or CreatorProfile()
    reasons = eligibility(18 if p.adult_confirmed else None, p.followers or 0, services)
    assert (unmet == 0 and p.followers is not None) == (not reasons and p.followers is not None)
    assert is_eligible(profile, services) == (verdicts[:3] == ["met", "met", "met"])


def test_checklist_names_the_unconfirmed_services() -> None:
    [_, _, license_free, _] = checklist(
        CreatorProfile(5000, True), [_service("A"), _service("B", False)]
    )
    assert license_free.unlicensed == ("B",)
