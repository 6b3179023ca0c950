"""What the stream overlay pages show, as one JSON document, built from the alert queue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import msgspec
import segno

from app.core.alerts import AlertQueue
from app.core.giftfeed import SessionGifter


class OverlayAlert(msgspec.Struct, frozen=True):
    """The alert on stream now. `play` grows each time an alert starts (a replay too), so a
    page animates a new entrance only then, and a streak's growing count in place."""

    play: int
    kind: str  # "gift" or "member"
    user: str
    gift: str = ""
    icon: str = ""
    count: int = 1
    diamonds: int = 0
    variation: str = "small"  # small, medium, big, member: the page's look per value band
    tier: int = 0
    months: int = 0
    renewed: bool = False


class OverlayGifter(msgspec.Struct, frozen=True):
    name: str
    diamonds: int


class OverlayGoal(msgspec.Struct, frozen=True):
    title: str
    target: int
    current: int


class OverlayPinned(msgspec.Struct, frozen=True):
    user: str
    text: str


class OverlayFan(msgspec.Struct, frozen=True):
    """The fan page's link and its QR code: rows of "1" (dark) and "0", quiet zone included."""

    url: str
    qr: tuple[str, ...]


def qr_rows(text: str) -> tuple[str, ...]:
    """The QR code of `text` (segno, error correction M) with its 4-module quiet zone."""
    code = segno.make(text, error="m", micro=False)
    border = 4
    blank = "0" * (len(code.matrix) + 2 * border)
    pad = "0" * border
    rows = [pad + "".join("1" if cell else "0" for cell in row) + pad for row in code.matrix]
    return (blank,) * border + tuple(rows) + (blank,) * border


class OverlayQuestion(msgspec.Struct, frozen=True):
    """The on-camera question being answered: the oldest one the creator queued. A Below Room
    message goes on stream only this way, by the creator's own choice."""

    user: str
    text: str
    waiting: int = 0  # more queued after this one


class OverlayState(msgspec.Struct, frozen=True):
    """The whole state: a page that connects or reloads gets this and is current at once."""

    version: int = 0
    paused: bool = False
    alert: OverlayAlert | None = None
    top: tuple[OverlayGifter, ...] = ()
    goal: OverlayGoal | None = None
    pinned: OverlayPinned | None = None
    question: OverlayQuestion | None = None
    labels: dict[str, str] = msgspec.field(default_factory=dict)
    fan: OverlayFan | None = None  # the fan page's QR code (the "fan" page)


_encoder = msgspec.json.Encoder()


def encode_state(state: OverlayState) -> bytes:
    return _encoder.encode(state)


def alert_on_stream(queue: AlertQueue, play: int) -> OverlayAlert | None:
    """The queue's playing alert as the stream shows it; nothing while the queue is paused
    (the creator paused alerts: none stays up on stream meanwhile)."""
    playing = queue.current
    if playing is None or queue.paused:
        return None
    alert = playing.alert
    variation = queue.rules.variation_for(alert).name
    if alert.kind == "member":
        return OverlayAlert(
            play=play,
            kind="member",
            user=alert.user.name,
            variation=variation,
            tier=alert.tier,
            months=alert.months,
            renewed=alert.renewed,
        )
    gift = alert.gift
    return OverlayAlert(
        play=play,
        kind="gift",
        user=alert.user.name,
        gift=gift.name if gift else "",
        icon=gift.icon if gift else "",
        count=alert.count,
        diamonds=alert.diamonds,
        variation=variation,
    )


def build_state(
    queue: AlertQueue,
    play: int,
    gifters: Iterable[SessionGifter],
    *,
    goal: OverlayGoal | None,
    pinned: OverlayPinned | None,
    labels: Mapping[str, str],
    question: OverlayQuestion | None = None,
) -> OverlayState:
    """The state to publish; `version` is the server's to set."""
    return OverlayState(
        paused=queue.paused,
        alert=alert_on_stream(queue, play),
        top=tuple(OverlayGifter(g.user.name, g.diamonds) for g in gifters),
        goal=goal,
        pinned=pinned,
        question=question,
        labels=dict(labels),
    )
