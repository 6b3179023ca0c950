"""Writes PNGs of the inbox (a booked thread open) and the service bio, both themes.

Run: .venv/bin/python -m tests.ui.inbox.render_inbox   (offscreen; look at the PNGs after)
A real backend and console; the backend's clock runs two hours behind, then catches up, so
the stream moments read like a real evening ("at 1:12:05 into ...").
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time

from PySide6.QtWidgets import QApplication

from app.protocol.payloads import CreateInquiry, ReplyInquiry, SetInquiryStatus
from app.ui.eventloop import ConsoleLoop
from app.ui.theme import apply_theme
from tests.ui.inbox.harness import (
    close_console,
    open_console,
    running_desk,
    viewer_client,
    wait_until,
)

OUT = Path(__file__).resolve().parents[3] / "artifacts" / "screens"

ASKS = [
    ("Noor", "print", "Is the signed print still available? I'd love one for my studio."),
    ("kofi.builds", "mix", "Could you give feedback on my mix?\nIt's a 3-minute lo-fi track."),
    ("Ana Lúcia", "lesson", "Do you have a lesson slot on Tuesday evening? Beginner here 🙂"),
    ("x", "mix", "<b>x</b><img src=y> is this shown as text?"),
    ("TheRealSlimShadyFanAccount2009", "lesson", "how much for 4 lessons in a row??"),
]


def next_thursday_ms() -> int:
    from PySide6.QtCore import QDateTime, QTime

    today = QDateTime.currentDateTime().date()
    days = (4 - today.dayOfWeek()) % 7 + 7
    return QDateTime(today.addDays(days), QTime(18, 0)).toMSecsSinceEpoch()


class Clock:
    def __init__(self) -> None:
        self.offset = -2 * 3600.0

    def __call__(self) -> float:
        return time.time() + self.offset


async def render(out: Path, themes: tuple[str, ...] = ("light", "dark")) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    written: list[Path] = []
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        async with running_desk(Path(tmp), clock=clock) as desk:
            ids: dict[str, str] = {}
            for step, (name, service, text) in enumerate(ASKS):
                clock.offset += 14 * 60 + 37 * step
                async with viewer_client(desk, name) as (viewer, _):
                    asked = await viewer.request(CreateInquiry(service_id=service, text=text))
                    ids[name] = (asked.result or {})["inquiry_id"]
                    if name == "kofi.builds":
                        clock.offset += 40
                        await viewer.request(
                            ReplyInquiry(
                                inquiry_id=ids[name], text="Here's the link: example.org/mix"
                            )
                        )
            creator = desk.creator
            kofi = ids["kofi.builds"]
            for status, price in (("open", None), ("quoted", 4000), ("booked", None)):
                clock.offset += 30
                await desk.backend.execute(
                    creator,
                    f"r-{status}",
                    SetInquiryStatus(
                        inquiry_id=kofi,
                        status=status,  # type: ignore[arg-type]
                        price_cents=price,
                        # Thursday of next week, 18:00 local time.
                        booked_for_ms=next_thursday_ms() if status == "booked" else None,
                    ),
                )
            await desk.backend.execute(
                creator,
                "r-q2",
                SetInquiryStatus(inquiry_id=ids["Noor"], status="quoted", price_cents=2000),
            )
            clock.offset = -60.0
            opened = await open_console(desk, "creator")
            feature = opened.feature
            assert feature.page is not None
            try:
                await wait_until(lambda: len(feature.inbox.items) == len(ASKS))
                feature.show_inbox()
                feature.page.select(kofi)
                await wait_until(lambda: feature.inbox.items[kofi].thread_loaded)
                feature.reply(kofi, "Got it, listening tonight after the stream — notes by Friday!")
                await wait_until(
                    lambda: (
                        len(feature.inbox.items[kofi].messages) >= 2
                        and all(
                            m.delivery == "sent"
                            for m in feature.inbox.items[kofi].messages.values()
                        )
                    )
                )
                window = opened.console.window
                for theme in themes:
                    apply_theme(app, theme)
                    feature.refresh()
                    feature.show_inbox()
                    await asyncio.sleep(0.15)
                    path = out / f"inbox-{theme}.png"
                    window.grab().save(str(path))
                    written.append(path)
                    feature.show_bio()
                    await asyncio.sleep(0.1)
                    path = out / f"servicebio-{theme}.png"
                    window.grab().save(str(path))
                    written.append(path)
            finally:
                await close_console(opened)
    return written


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    os.environ.setdefault("LIVEDESK_DATA_DIR", tempfile.mkdtemp())
    OUT.mkdir(parents=True, exist_ok=True)
    loop = ConsoleLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        for path in loop.run_until_complete(render(OUT)):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
