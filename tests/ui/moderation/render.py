"""Fills a moderator window with realistic chat, held messages and log lines, opens a user
card, and writes artifacts/screens/moderator-window-<theme>.png (look at it).

Run: .venv/bin/python -m pytest -q tests/ui/moderation/test_screens.py
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

from PySide6.QtCore import QPoint

from app.protocol.payloads import (
    PinMessage,
    SendMessage,
    SetRoomMode,
    Subscribe,
    TimeoutUser,
)
from app.server.backend import Account, Backend
from tests.ui.consolekit import wait_until
from tests.ui.moderation.harness import Desk, shown

SCREENS = Path(__file__).resolve().parents[3] / "artifacts" / "screens"

PUBLIC = [
    ("nightowl_88", "hiii from Lisbon 👋"),
    ("Marta", "what camera are you using today? the colours look amazing"),
    ("kofi.builds", "first time here, love the vibe"),
    ("Ana Lúcia", "can you show the lighting setup again?"),
    ("jin", "lol"),
    ("pixel_pusher", "I tried the colour grading trick from last week and it completely "
     "changed how my footage looks, thank you so much"),
    ("x", "<b>hi</b><img src=x> not bold, no image: this is literal text"),
    ("Dmitri Ivanov", "Привет! Greetings from Kyiv"),
    ("spambot_4000", "CHECK MY PROFILE for a surprise 🔥🔥🔥"),
    ("Marta", "also which lens? 35mm?"),
    ("benny", "is the tutorial going to be on youtube too?"),
    ("sam", "how long have you been streaming?"),
    ("Noor", "sent you a lion earlier, hope it helps with the new lens 🦁"),
    ("Marta", "thanks for answering!!"),
]  # fmt: skip
BELOW = [
    ("Ana Lúcia", "Could you do a members-only Q&A on lighting next week?"),
    ("pixel_pusher", "what LUT did you use in the last video?"),
    ("Noor", "the new lens looks great on camera"),
]
HELD = [
    ("spambot_4000", "FREE coins at my channel, click now!!"),
    ("growfast", "buy followers cheap, 10k for $5"),
]
_rids = itertools.count(1)


async def _run(backend: Backend, who: Account, cmd: object) -> dict[str, object]:
    reply = await backend.execute(who, f"render-{next(_rids)}", cmd)  # type: ignore[arg-type]
    result = getattr(reply, "result", None)
    assert hasattr(reply, "result"), reply
    return result or {}


async def fill(d: Desk) -> dict[str, str]:
    """Chat in both rooms, two held messages, and moderation actions; returns message ids."""
    backend = d.rc.server.backend
    backend.set_blocked_terms(["free*coins", "buy followers", "scam"])
    accounts: dict[str, Account] = {}
    for name, _ in [*PUBLIC, *BELOW, *HELD]:
        if name not in accounts:
            accounts[name], _token = backend.create_account(name, "viewer")
    for name in {n for n, _ in BELOW}:
        await _run(backend, accounts[name], Subscribe(tier=2 if name == "Noor" else 1))
    ids: dict[str, str] = {}
    for name, text in PUBLIC:
        result = await _run(backend, accounts[name], SendMessage(room="public", text=text))
        ids[text] = str(result["message_id"])
    for name, text in BELOW:
        result = await _run(backend, accounts[name], SendMessage(room="below", text=text))
        ids[text] = str(result["message_id"])
    for name, text in HELD:
        await _run(backend, accounts[name], SendMessage(room="public", text=text))
    client = d.moderator.client
    spam = ids["CHECK MY PROFILE for a surprise 🔥🔥🔥"]
    await shown(d.moderator.public_pane, spam)
    for cmd in (
        TimeoutUser(user_id=accounts["spambot_4000"].id, seconds=600, reason="spam links"),
        PinMessage(message_id=ids["hiii from Lisbon 👋"]),
        SetRoomMode(room="public", slow_mode_s=30),
    ):
        assert (await client.request(cmd)).ok
    d.moderator.public_pane.delete_requested.emit(spam)
    ids["_marta"] = accounts["Marta"].id
    return ids


async def render(d: Desk, theme: str) -> Path:
    """Fill the desk, open Marta's card with a note, grab the moderator window."""
    ids = await fill(d)
    feature = d.feature(d.moderator)
    window = d.moderator.window
    window.resize(1600, 900)
    await wait_until(lambda: len(feature.held) == 2, what="two held messages")
    await wait_until(lambda: len(feature.log) >= 5, what="log lines")
    pane = d.moderator.public_pane
    marta = await shown(pane, ids["also which lens? 35mm?"])
    pane.jump_to_newest()
    await asyncio.sleep(0.2)
    pane.line_clicked.emit(marta, pane.mapToGlobal(QPoint(220, 420)))
    card = feature.card
    await wait_until(lambda: card.messages.count() == 3, what="Marta's messages on the card")
    card.note.setPlainText("Regular since spring. Asks good camera questions — friendly.")
    card.flush_note()
    await asyncio.sleep(0.4)  # a few frames: chat batches, layouts
    image = window.grab()
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"moderator-window-{theme}.png"
    assert image.save(str(path))
    return path


async def render_creator_side(d: Desk, theme: str) -> list[Path]:
    """The creator's Moderation page and File → Moderators (with a fresh code) as PNGs."""
    from app.ui.moderation.invitesignin import InviteSignInDialog

    SCREENS.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    creator = d.creator
    feature = d.feature(creator)
    await wait_until(lambda: len(feature.held) == 2 and len(feature.log) >= 5, what="filled")
    creator.window.resize(1400, 820)
    assert feature.page is not None
    creator.window.pages.setCurrentWidget(feature.page)
    await asyncio.sleep(0.3)
    paths.append(SCREENS / f"creator-moderation-page-{theme}.png")
    assert creator.window.grab().save(str(paths[-1]))
    creator.window.pages.setCurrentIndex(0)
    d.extras.show_moderators()
    window = d.extras.moderators
    assert window is not None
    window.label.setText("Sam")
    window.make.click()
    await wait_until(lambda: window.code_box.isVisible(), what="code shown")
    await wait_until(lambda: window.invites.topLevelItemCount() >= 2, what="listed")
    await asyncio.sleep(0.2)
    paths.append(SCREENS / f"moderators-window-{theme}.png")
    assert window.grab().save(str(paths[-1]))
    window.close()
    dialog = InviteSignInDialog("wss://192.168.1.20:8765/ws")
    dialog.code.setText("3q2-7hX0cXU9bW1ZPqkz1kQm")
    dialog.name.setText("Sam")
    dialog.problem.setText("This invite was already used.")
    dialog.problem.show()
    dialog.resize(520, dialog.sizeHint().height())
    dialog.show()
    await asyncio.sleep(0.1)
    paths.append(SCREENS / f"invite-signin-{theme}.png")
    assert dialog.grab().save(str(paths[-1]))
    dialog.close()
    dialog.deleteLater()
    return paths
