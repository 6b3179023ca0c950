"""Writes PNGs of a ChatPane with realistic lines in both themes to artifacts/screens/.

Run: .venv/bin/python -m tests.ui.render_chatpane   (offscreen; look at the PNGs after)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from msgspec.structs import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from app.protocol.payloads import UserRef
from app.ui.chat.model import ChatLine
from app.ui.chat.pane import ChatPane
from app.ui.theme import apply_theme

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
T0 = 1_763_780_000_000  # a fixed evening, so screenshots are stable

SCRIPT: list[tuple[str, str, tuple[str, ...], str]] = [
    ("u1", "nightowl_88", ("member:1",), "hiii from Lisbon 👋"),
    ("u2", "Marta", (), "what camera are you using today? the colours look amazing"),
    ("u3", "kofi.builds", ("moderator",), "reminder: be kind in chat, links get held for review"),
    ("u4", "TheRealSlimShadyFanAccount2009", (), "first time here, love the vibe"),
    ("u5", "Ana Lúcia", ("member:3", "top_gifter"), "can you show the lighting setup again?"),
    ("u6", "jin", (), "lol"),
    (
        "u7",
        "pixel_pusher",
        ("member:2",),
        "I tried the colour grading trick from last week and "
        "it completely changed how my footage looks, thank you so much for explaining it slowly",
    ),
    ("u8", "x", (), "<b>hi</b><img src=x> not bold, no image: this is literal text"),
    ("u9", "Dmitri Ivanov", (), "Привет! Greetings from Kyiv"),
    ("u10", "sam", ("member:1",), "how long have you been streaming?"),
    ("u11", "creator_alex", ("creator",), "welcome everyone! we start with Q&A in 5 minutes"),
    ("u12", "mod_lena", ("moderator", "member:2"), "slow mode is on for a bit, sorry folks"),
    (
        "u13",
        "zz",
        (),
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaa",
    ),
    ("u14", "Noor", ("top_gifter",), "sent you a lion earlier, hope it helps with the new lens 🦁"),
    ("u15", "benny", (), "is the tutorial going to be on youtube too?"),
]


def build_lines() -> list[ChatLine]:
    """~40 lines; every special kind of line sits in the last screenful."""
    lines: list[ChatLine] = []
    seq = 1000
    for round_ in range(3):
        for uid, name, badges, text in SCRIPT:
            seq += 1
            lines.append(
                ChatLine(
                    message_id=f"m{seq}",
                    seq=seq,
                    ts=T0 + seq * 4_000,
                    room="public",
                    user_id=uid,
                    user_name=name,
                    badges=badges,
                    text=text if round_ == 2 else f"{text} (earlier)",
                    first_in_room=round_ == 2 and uid in {"u4", "u9"},
                    reply_to="m1032" if seq == 1041 else None,
                )
            )
        if round_ == 1:
            lines.append(ChatLine.gap_marker("public", seq + 1, seq + 1240, T0 + seq * 4_000))
    lines = lines[-38:]
    by_text = {line.text: i for i, line in enumerate(lines)}
    lines[by_text["lol"]] = lines[by_text["lol"]].with_flags(add=1)  # deleted by a moderator
    i = by_text["is the tutorial going to be on youtube too?"]
    lines[i] = lines[i].with_flags(add=8)  # held for review
    i = by_text["can you show the lighting setup again?"]
    lines[i] = lines[i].with_flags(add=16)  # answered on camera
    me = UserRef(id="u11", name="creator_alex", badges=("creator",))
    ts = lines[-1].ts
    lines.append(ChatLine.local_pending("rid-1", "public", me, "thanks Noor!! see you at 9", ts=ts))
    failed = ChatLine.local_pending("rid-2", "public", me, "this one did not go out", ts=ts)
    lines.append(failed.with_flags(add=4, remove=2))
    return lines


def render(
    theme: str, width: int = 460, height: int = 1150, *, below: bool = False, state: str = "live"
) -> Path:
    """state: "live" (following), "empty", or "paused" (scrolled up, new lines waiting)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QCursor.setPos(-500, -500)  # not over the pane: it would pause
    apply_theme(app, theme)
    pane = ChatPane("below" if below else "public", max_rows=2000)
    pane.set_modes(5, below)
    pane.set_member_count(1284)
    if state != "empty":
        pane.set_pinned("Q&A at 21:00 — drop your questions with a ? at the end", "creator_alex")
    pane.resize(width, height)
    pane.show()
    if state != "empty":
        pane.push_lines(build_lines())
        pane.batcher.flush()
    app.processEvents()
    if state == "paused":
        bar = pane.view.verticalScrollBar()
        bar.setValue(bar.maximum() - 400)
        more = build_lines()[:37]
        pane.push_lines([replace(x, message_id=f"new-{x.message_id}") for x in more])
        pane.batcher.flush()
    app.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    name = f"chatpane-{theme}{'-below' if below else ''}-{state}-{width}.png"
    path = OUT / name
    pane.grab().save(str(path))
    pane.close()
    pane.deleteLater()
    app.processEvents()
    return path


def main() -> None:
    for theme in ("light", "dark"):
        print(render(theme))
    print(render("dark", width=300, height=700))
    print(render("light", width=420, height=500, below=True, state="empty"))
    print(render("dark", width=420, height=700, below=True, state="paused"))
    print(render("light", width=420, height=700, state="paused"))


if __name__ == "__main__":
    main()
