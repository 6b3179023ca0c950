"""Names cannot spoof: bidi controls never reach the screen, names and messages are isolated."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtGui import QFont, QTextLayout

from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, GiftInfo, GiftStreakEnded, UserRef
from app.ui.safetext import isolated
from tests.ui.consolekit import running_console, wait_until

SPOOF = "rtl\u202eexe.live\u202c"  # shown as "rtlevil.exe" when painted as it is
HEBREW = "\u05e9\u05dc\u05d5\u05dd"  # a real right-to-left name: allowed


def visual_x(text: str) -> list[float]:
    """Where each character of `text` is painted (one line, left-to-right paragraph)."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return [line.cursorToX(i)[0] for i in range(len(text))]


def test_an_isolated_right_to_left_name_keeps_the_text_after_it_in_place(qapp: object) -> None:
    after = " 12 diamonds"
    plain = HEBREW + after
    xs = visual_x(plain)
    # Without isolation the number joins the name's right-to-left run and moves left of it.
    assert xs[len(HEBREW) + 1] < min(xs[: len(HEBREW)])
    joined = isolated(HEBREW) + after
    xs = visual_x(joined)
    name = xs[1 : 1 + len(HEBREW)]
    number = xs[len(HEBREW) + 3]
    assert number > max(name)  # the number stays right of the whole name


def test_an_override_inside_an_isolate_ends_with_it(qapp: object) -> None:
    joined = "to " + isolated("a\u202eevil") + " then"
    xs = visual_x(joined)
    tail = joined.index(" then")
    assert xs[tail + 1] > max(xs[:tail])  # " then" is not pulled into the override


def test_a_hostile_servers_names_reach_the_console_without_bidi_controls(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            seen: list[Event] = []
            c.add_event_listener(seen.extend)
            user = UserRef(id="u-spoof", name=SPOOF)
            # The reference server refuses such names; a hostile one stores them anyway.
            backend.hub.append(
                "public", ChatMessage(message_id="m-s", room="public", user=user, text="hi")
            )
            gift = GiftInfo(id="rose", name="Rose", diamonds=1, streakable=False)
            backend.hub.append(
                "public",
                GiftStreakEnded(
                    streak_id="s1", gift=gift, user=user, count=1, diamonds_total=1, reason="single"
                ),
            )
            pane = c.public_pane
            await wait_until(lambda: pane.model.line_by_id("m-s") is not None, what="the line")
            line = pane.model.line_by_id("m-s")
            assert line is not None and line.user_name == "rtlexe.live"
            painted = pane.delegate.layout_for(line, 600).name
            assert painted == "rtlexe.live"
            xs = visual_x(painted)
            assert xs == sorted(xs)  # painted in the order it is read: no reversal
            pane.grab().save(str(Path(__file__).parents[2] / "artifacts" / "bidi-chat.png"))
            # The stored event keeps what the server sent; history rebuilds it cleaned.
            assert [m.user_name for m in rc.store.search_messages("hi")] == ["rtlexe.live"]
            # Every feature (alerts, gift feed, top gifters, overlay) gets the cleaned name.
            await wait_until(lambda: any(isinstance(e.data, GiftStreakEnded) for e in seen))
            gifts = [e.data for e in seen if isinstance(e.data, GiftStreakEnded)]
            assert [g.user.name for g in gifts] == ["rtlexe.live"]

    qloop.run_until_complete(scenario())


def test_the_pinned_line_keeps_its_order_with_a_right_to_left_name(qapp: object) -> None:
    from app.ui.chat.pane import ChatPane

    pane = ChatPane(room="public", below=False)
    pane.set_pinned("12 roses!", HEBREW)
    shown = pane.pinned_label.full_text()
    xs = visual_x(shown)
    name_at = shown.index(HEBREW)
    colon = shown.index(":", name_at)
    text_at = shown.index("12")
    # "Pinned · <name>: 12 roses!": the name stays before the colon and the message after.
    assert max(xs[name_at : name_at + len(HEBREW)]) < xs[colon] < xs[text_at]
    pane.deleteLater()
