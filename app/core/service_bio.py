"""The service bio as the creator edits it: checks before saving, and Service+ eligibility."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import msgspec

from app.core.inquiries import MIN_AGE, MIN_FOLLOWERS, eligibility
from app.protocol.payloads import CreatorProfile, Service, ServiceCategory

CATEGORIES: tuple[ServiceCategory, ...] = (
    "consulting",
    "skill_training",
    "local_service",
    "shop_offer",
)
CURRENCIES: tuple[str, ...] = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "PLN")
MAX_SERVICES = 50


def new_service_id() -> str:
    return "svc-" + secrets.token_hex(6)


def service_problem(service: Service) -> str | None:
    """Why the server would refuse this listing (the protocol's limits), or None."""
    if not service.title.strip():
        return "A service needs a title."
    try:
        msgspec.convert(msgspec.to_builtins(service), Service)
    except msgspec.ValidationError as exc:
        return str(exc)
    return None


def bio_problems(services: Iterable[Service]) -> list[str]:
    found: list[str] = []
    listed = list(services)
    if len(listed) > MAX_SERVICES:
        found.append(f"At most {MAX_SERVICES} services.")
    ids = [s.id for s in listed]
    if len(set(ids)) != len(ids):
        found.append("Two services have the same id.")
    for service in listed:
        problem = service_problem(service)
        if problem:
            found.append(f"{service.title or '(untitled)'}: {problem}")
    return found


Rule = Literal["age", "followers", "license_free", "competence"]
Verdict = Literal["met", "unmet", "unknown", "self_check"]


@dataclass(frozen=True)
class RuleCheck:
    """One platform rule and where the creator stands; `unlicensed` names the services not
    yet confirmed license-free."""

    rule: Rule
    verdict: Verdict
    followers: int | None = None
    unlicensed: tuple[str, ...] = ()


def checklist(profile: CreatorProfile | None, services: Iterable[Service]) -> list[RuleCheck]:
    """The four Service+ rules as the platform states them, in that order."""
    listed = tuple(services)
    profile = profile or CreatorProfile()
    followers = profile.followers
    unlicensed = tuple(s.title for s in listed if not s.license_free_confirmed)
    follower_verdict: Verdict = (
        "unknown" if followers is None else "met" if followers >= MIN_FOLLOWERS else "unmet"
    )
    return [
        RuleCheck("age", "met" if profile.adult_confirmed else "unmet"),
        RuleCheck("followers", follower_verdict, followers=followers),
        RuleCheck("license_free", "unmet" if unlicensed else "met", unlicensed=unlicensed),
        # Competence is judged by the platform (and by clients); nothing here can check it.
        RuleCheck("competence", "self_check"),
    ]


def is_eligible(profile: CreatorProfile | None, services: Iterable[Service]) -> bool:
    """The core rules (app.core.inquiries.eligibility); an unknown follower count is not enough."""
    profile = profile or CreatorProfile()
    age = MIN_AGE if profile.adult_confirmed else None
    return profile.followers is not None and not eligibility(age, profile.followers, services)


class BioDraft:
    """The services as being edited, beside the last saved ones from the server."""

    def __init__(self) -> None:
        self.saved: tuple[Service, ...] = ()
        self.services: list[Service] = []

    @property
    def dirty(self) -> bool:
        return tuple(self.services) != self.saved

    def load(self, services: tuple[Service, ...]) -> bool:
        """The server's services; the draft follows unless it has unsaved edits. True if the
        draft now equals the server's (False: the creator's edits were kept)."""
        keep_edits = self.dirty
        self.saved = tuple(services)
        if not keep_edits:
            self.services = list(services)
        return not self.dirty

    def add(self, title: str) -> int:
        self.services.append(Service(id=new_service_id(), title=title, category="consulting"))
        return len(self.services) - 1

    def replace(self, index: int, service: Service) -> None:
        self.services[index] = service

    def remove(self, index: int) -> None:
        del self.services[index]

    def revert(self) -> None:
        self.services = list(self.saved)
