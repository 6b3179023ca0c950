"""Writes PNGs of the alert area mid-alert (and the pop-out) in both themes to artifacts/screens/.

Run: .venv/bin/python -m tests.ui.alerts.render   (offscreen; look at the PNGs after)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from app.core.gifts import gift_by_id
from app.protocol.frames import Event
from app.protocol.payloads import (
    AnyEventData,
    GiftInfo,
    GiftStreakEnded,
    GiftStreakUpdate,
    LiveStarted,
    MemberJoined,
    UserRef,
)
from app.ui.alerts.feature import AlertsFeature
from app.ui.alerts.sound import AlertSound
from app.ui.settings import ConsoleSettings
from app.ui.theme import apply_theme

OUT = Path(__file__).resolve().parents[3] / "artifacts" / "screens"
T0 = 1_763_780_000_000


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _gift(gift_id: str) -> GiftInfo:
    gift = gift_by_id(gift_id)
    assert gift is not None
    return gift


USERS = {
    "mia": UserRef(id="u1", name="Mia", badges=("member:2",)),
    "noor": UserRef(id="u2", name="Noor", badges=("top_gifter",)),
    "kofi": UserRef(id="u3", name="kofi.builds"),
    "long": UserRef(id="u4", name="TheRealSlimShadyFanAccount2009"),
    "ana": UserRef(id="u5", name="Ana Lúcia"),
    "x": UserRef(id="u6", name="<b>x</b><img src=x>"),
}


def ended(streak: str, who: str, gift_id: str, count: int) -> GiftStreakEnded:
    gift = _gift(gift_id)
    return GiftStreakEnded(
        streak_id=streak,
        gift=gift,
        user=USERS[who],
        count=count,
        diamonds_total=gift.diamonds * count,
        reason="marker",
    )


def event(n: int, data: AnyEventData, ts: int) -> Event:
    return Event(ch="public", seq=n, id=f"e{n}", ts=ts, data=data)


def script() -> list[Event]:
    """A session: a mix of finished gifts and members, then a rose combo still running."""
    datas: list[AnyEventData] = [
        LiveStarted(session_id="ls1", started_ms=T0, title="Sunday Q&A"),
        ended("s1", "noor", "lion", 1),
        ended("s2", "kofi", "finger_heart", 12),
        MemberJoined(
            user=USERS["ana"], tier=2, months=1, renewed=False, price_cents=999, member_count=41
        ),
        ended("s3", "long", "corgi", 2),
        ended("s4", "x", "rose", 3),
        MemberJoined(
            user=USERS["kofi"], tier=1, months=4, renewed=True, price_cents=499, member_count=41
        ),
    ]
    events = [event(n + 1, d, T0 + n * 60_000) for n, d in enumerate(datas)]
    for count in (1, 5, 12, 25):
        update = GiftStreakUpdate(
            streak_id="s9", gift=_gift("rose"), user=USERS["mia"], count=count
        )
        events.append(event(len(events) + 1, update, T0 + 20 * 60_000 + count))
    return events


def build(settings: ConsoleSettings, show_money: bool = True) -> tuple[AlertsFeature, Clock]:
    clock = Clock()
    sound = AlertSound(Path(tempfile.mkdtemp()), player=None)
    feature = AlertsFeature(
        settings, sound, show_money=show_money, clock=clock, wall_ms=lambda: T0 + 21 * 60_000
    )
    return feature, clock


def play_script(feature: AlertsFeature, clock: Clock) -> None:
    """Feed the script; let the finished gifts play out so the running combo is on the card."""
    events = script()
    feature.on_events(events[:-4])
    while feature.queue.pending or feature.queue.current is not None:
        clock.now += 0.5
        feature.pump()
    feature.on_events(events[-4:])
    clock.now += 1.2
    feature.pump()
    feature._show_lists()


def render(widget: QWidget, path: Path, size: tuple[int, int]) -> Path:
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def render_all(app: QApplication, out: Path = OUT) -> list[Path]:
    """The alert area mid-alert, the pop-out, and the empty area, in light and dark."""
    settings = ConsoleSettings(Path(tempfile.mkdtemp()) / "s.ini")
    settings.set("alert_min_diamonds", 5)
    written = []
    for mode in ("light", "dark"):
        apply_theme(app, mode)
        feature, clock = build(settings)
        feature.sound.problem = (
            "no sound player found (install pipewire, pulseaudio-utils or alsa-utils)"
        )
        feature._show_sound()
        play_script(feature, clock)
        written.append(render(feature.area, out / f"alerts_area_{mode}.png", (380, 720)))
        feature.area.pop_out()
        written.append(render(feature.area.window_, out / f"alerts_popout_{mode}.png", (560, 300)))
        feature.area.bring_back()
        feature.close()
        feature.area.deleteLater()
        # An empty area before the first gift, as a moderator sees it.
        idle, _ = build(settings, show_money=False)
        written.append(render(idle.area, out / f"alerts_empty_{mode}.png", (380, 520)))
        idle.close()
        idle.area.deleteLater()
        QApplication.processEvents()
    return written


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    for path in render_all(app):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
