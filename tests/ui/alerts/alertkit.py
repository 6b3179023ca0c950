"""Gift alert builders for the alert tests: events, a clock, an alerts feature on screen."""

from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.gifts import gift_by_id
from app.protocol.frames import Event
from app.protocol.payloads import (
    AnyEventData,
    GiftInfo,
    GiftStreakEnded,
    GiftStreakUpdate,
    UserRef,
)
from app.ui.alerts.feature import AlertsFeature
from app.ui.alerts.sound import AlertSound
from app.ui.settings import ConsoleSettings

T0 = 1_763_780_000_000
MARKUP = "<b>bold</b><img src=x>"


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def g(gift_id: str) -> GiftInfo:
    gift = gift_by_id(gift_id)
    assert gift is not None
    return gift


def u(n: int, name: str = "") -> UserRef:
    return UserRef(id=f"u{n}", name=name or f"viewer{n}")


_seq = iter(range(1, 1_000_000))


def ev(data: AnyEventData, ts: int = T0) -> Event:
    n = next(_seq)
    return Event(ch="public", seq=n, id=f"e{n}", ts=ts, data=data)


def update(streak: str, gift_id: str, count: int, who: int = 1, name: str = "") -> Event:
    return ev(GiftStreakUpdate(streak_id=streak, gift=g(gift_id), user=u(who, name), count=count))


def ended(streak: str, gift_id: str, count: int, who: int = 1, name: str = "") -> Event:
    gift = g(gift_id)
    data = GiftStreakEnded(
        streak_id=streak,
        gift=gift,
        user=u(who, name),
        count=count,
        diamonds_total=gift.diamonds * count,
        reason="timeout",
    )
    return ev(data)


def player_script(tmp_path: Path, exit_code: int = 0) -> tuple[list[str], Path]:
    """A real program that "plays" a file by writing its path to a log."""
    log = tmp_path / f"played-{exit_code}.log"
    script = tmp_path / f"player{exit_code}.py"
    script.write_text(
        f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[1] + '\\n')\nsys.exit({exit_code})\n"
    )
    return [sys.executable, str(script)], log


def make(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path, player: list[str] | None = None
) -> tuple[AlertsFeature, Clock]:
    clock = Clock()
    sound = AlertSound(tmp_path / "cache", player=player)
    feature = AlertsFeature(settings, sound, clock=clock, wall_ms=lambda: T0 + 5000)
    sound.setParent(feature)
    qtbot.addWidget(feature.area)
    feature.area.resize(380, 700)
    feature.area.show()
    return feature, clock


