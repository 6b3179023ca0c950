"""The fan page in a real headless Chromium, with the creator's real console on the backend.

Phone (390×844) and desktop (1280×800): sign up, redeem a pass, chat in the Below Room while
the console sees it and answers (in text and on camera), catch up after the phone slept,
ask about a service and get the creator's reply, quote and booking, lose the room when the
pass is revoked, sign out. Screenshots go to artifacts/screens/fan-*.png.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from app.protocol.payloads import (
    CreateInquiry,
    MarkAnswered,
    MintPass,
    QueueOnCamera,
    RedeemPass,
    ReplyInquiry,
    RevokePass,
    SendMessage,
    SetInquiryStatus,
)
from app.server.fan_http import COOKIE_NAME
from tests.integration.fankit import fan_client, sign_up
from tests.ui.consolekit import wait_until
from tests.ui.fan.browser import DESKTOP, PHONE, FanBrowser, shot
from tests.ui.inbox.harness import Desk, close_console, open_console, running_desk

NASTY_NAME = 'Zoë <img src=x onerror="document.title=1">'

APPOINTMENT = 4_102_488_000_000  # a booking's appointment: 1 Jan 2100, 12:00 UTC


@pytest.fixture
def browser(qloop: asyncio.AbstractEventLoop) -> Iterator[FanBrowser]:
    b = FanBrowser()
    qloop.run_until_complete(b.start())
    yield b
    qloop.run_until_complete(b.stop())


async def mint(desk: Desk, **fields: Any) -> tuple[str, str]:
    answer = await desk.backend.execute(desk.creator, f"mint-{id(fields)}", MintPass(**fields))
    assert answer.result is not None  # type: ignore[union-attr]
    return answer.result["pass_id"], answer.result["code"]  # type: ignore[union-attr]


def texts(page: Any, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.textContent)")


@pytest.mark.slow
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_fan_joins_chats_with_the_console_asks_and_loses_a_revoked_room(
    qloop: asyncio.AbstractEventLoop, browser: FanBrowser, tmp_path: Path, size: tuple[int, int]
) -> None:
    tag = "phone" if size == PHONE else "desktop"

    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            opened = await open_console(desk, "creator")
            console, inbox = opened.console, opened.feature
            try:
                pass_id, code = await mint(desk, tier=2, days=30, price_cents=499)
                url = f"http://127.0.0.1:{desk.server.port}/fan/#pass={code}"
                page = await browser.page(size)

                def sign_up() -> None:
                    page.goto(url)
                    page.wait_for_selector("#signup:not([hidden])")
                    shot(page, f"{tag}-signed-out")
                    page.fill("#signup-name", NASTY_NAME)
                    page.click("#signup-form button[type=submit]")
                    page.wait_for_selector("#join:not([hidden])")
                    page.wait_for_function(
                        "() => document.getElementById('conn').textContent === ''"
                    )
                    shot(page, f"{tag}-not-a-member")

                await browser.call(sign_up)
                assert await browser.call(lambda: page.input_value("#redeem-code")) == code
                names = await browser.call(lambda: texts(page, "#who-name"))
                assert names == [NASTY_NAME]  # as the characters it is, no markup
                assert await browser.call(lambda: page.title()) != "1"

                def redeem_and_say_hello() -> None:
                    page.click("#redeem-form button[type=submit]")
                    page.wait_for_selector("#room:not([hidden])")
                    page.fill("#send-text", "Hi from the fan page! <b>bold?</b>")
                    page.press("#send-text", "Enter")
                    page.wait_for_selector(".message.mine")

                await browser.call(redeem_and_say_hello)
                assert await browser.call(lambda: texts(page, "#who-tier")) == ["Tier 2"]

                # The console sees the fan's line in Below Room like any viewer's, with the
                # fan page's source mark.
                pane = console.below_pane

                def fan_line() -> Any:
                    for line in pane.model.lines():
                        if line.text == "Hi from the fan page! <b>bold?</b>":
                            return line
                    return None

                await wait_until(lambda: fan_line() is not None, what="the fan's line")
                line = fan_line()
                assert line.user_name == NASTY_NAME
                assert "fan" in line.badges and "member:2" in line.badges

                # The creator answers in text (a reply) and then on camera.
                pane.reply_to(line)
                pane.compose.setText(pane.compose.text() + "welcome to the room!")
                pane._send()
                await browser.call(
                    lambda: page.wait_for_selector(".message.mine .mark.text", timeout=5000)
                )
                console.act(QueueOnCamera(message_id=line.message_id))
                console.act(MarkAnswered(message_id=line.message_id))
                await browser.call(
                    lambda: page.wait_for_selector(".message.mine .mark.camera", timeout=5000)
                )
                creator_lines = await browser.call(lambda: texts(page, ".message .text"))
                assert any("welcome to the room!" in t for t in creator_lines)

                # The phone sleeps: its socket drops; the room goes on meanwhile.
                fan_id = next(iter(desk.backend.fans.fans()))["id"]
                for conn in list(desk.server._connections.get(fan_id, {})):
                    conn.ws.transport.abort()
                for n in range(3):
                    console.send_chat("below", f"while you slept {n}")

                # The fan writes while the socket is gone: it goes out after the reconnect,
                # under the same request id, and reaches the console exactly once.
                def write_asleep() -> None:
                    page.fill("#send-text", "typed while asleep")
                    page.press("#send-text", "Enter")

                await browser.call(write_asleep)
                await wait_until(
                    lambda: [ln.text for ln in pane.model.lines()].count("typed while asleep") == 1,
                    what="the message typed while asleep",
                )
                await browser.call(
                    lambda: page.wait_for_function(
                        "() => [...document.querySelectorAll('.message .text')]"
                        ".filter(n => n.textContent.startsWith('while you slept')).length === 3",
                        timeout=8000,
                    )
                )
                await browser.call(
                    lambda: page.wait_for_selector(".message.mine >> text=typed while asleep")
                )
                after = await browser.call(lambda: texts(page, ".message .text"))
                assert len(after) == len(set(after)), after  # nothing twice
                assert [ln.text for ln in pane.model.lines()].count("typed while asleep") == 1
                assert [t for t in after if t.startswith("while you slept")] == [
                    "while you slept 0",
                    "while you slept 1",
                    "while you slept 2",
                ]  # nothing lost, in order
                await browser.call(lambda: shot(page, f"{tag}-below-room"))

                # Service+: ask about a service; the inquiry is in the creator's inbox,
                # tied to the live moment.
                def ask() -> None:
                    page.click(".service:first-child .ask-button")
                    page.fill("#ask-text", "Can you look at my mix this week?")
                    page.click("#ask-form button[type=submit]")
                    page.wait_for_selector(".thread")

                await browser.call(ask)
                await wait_until(lambda: len(inbox.inbox.items) == 1, what="the inquiry")
                [item] = inbox.inbox.items.values()
                assert item.user.name == NASTY_NAME and "fan" in item.user.badges
                assert item.session_id == desk.backend.state.live.session_id  # type: ignore[union-attr]
                inbox.reply(item.inquiry_id, "Sure! Send me the track.")
                await wait_until(lambda: inbox.status_of(item.inquiry_id) == "open")
                inbox.set_status(item.inquiry_id, "quoted", 2500, None)
                await wait_until(lambda: inbox.status_of(item.inquiry_id) == "quoted")
                inbox.set_status(item.inquiry_id, "booked", None, APPOINTMENT)

                def thread_done() -> list[str]:
                    page.wait_for_selector(".thread .status.booked", timeout=5000)
                    return texts(page, ".thread .items li")

                thread = await browser.call(thread_done)
                assert "Sure! Send me the track." in " ".join(thread)
                assert any(t.startswith("Quote: $25.00") for t in thread)
                # The booking says its appointment (1 Jan 2100), not when it was made.
                assert any(t.startswith("Booked: $25.00 · ") and "2100" in t for t in thread)

                def answer_in_thread() -> None:
                    page.fill(".reply-form textarea", "Great, sending it tonight.")
                    page.click(".reply-form button[type=submit]")
                    page.wait_for_function(
                        "() => document.querySelector('.thread .items').textContent"
                        ".includes('sending it tonight')"
                    )
                    page.locator("#service").scroll_into_view_if_needed()
                    shot(page, f"{tag}-service-thread")

                await browser.call(answer_in_thread)
                await wait_until(
                    lambda: _thread_has(desk, item.inquiry_id, "Great, sending it tonight."),
                    what="the fan's answer in the thread",
                )

                # Revoked: the room is gone at once, the page says why.
                await desk.backend.execute(desk.creator, "revoke", RevokePass(pass_id=pass_id))
                await browser.call(
                    lambda: page.wait_for_selector("#join:not([hidden]) .lost", timeout=5000)
                )
                assert await browser.call(lambda: page.is_hidden("#room"))
                assert await browser.call(lambda: texts(page, ".message")) == []
                await browser.call(lambda: shot(page, f"{tag}-pass-revoked"))

                # Sign out: back to the start; a reload stays signed out.
                def sign_out() -> None:
                    page.click("#signout")
                    page.wait_for_selector("#signup:not([hidden])")
                    page.reload()
                    page.wait_for_selector("#signup:not([hidden])")

                await browser.call(sign_out)
                assert browser.errors == []
            finally:
                await close_console(opened)

    qloop.run_until_complete(scenario())


def _thread_has(desk: Desk, inquiry_id: str, text: str) -> bool:
    thread = desk.backend.state.inquiries.thread(inquiry_id)
    return any(m.get("text") == text for m in thread.get("messages", []))


async def _prepared(desk: Desk) -> tuple[str, str]:
    """A member with a conversation and a booked inquiry, a fan without a pass, and a fan
    whose pass was revoked: their cookies."""
    server, backend, creator = desk.server, desk.backend, desk.creator
    note = "Jazz teacher <b>since 2015</b>"
    backend.set_profile(msgspec.structs.replace(backend.state.profile, competence_note=note))
    member, _ = await sign_up(server, "Mia")
    other, _ = await sign_up(server, "نوح Noah")
    _, code = await mint(desk, tier=3, days=30)
    async with fan_client(server, member) as fan:
        await fan.command(RedeemPass(code=code))
        said, _ = await fan.command(SendMessage(room="below", text="Will you play the new song?"))
        asked, _ = await fan.command(CreateInquiry(service_id="lesson", text="Do you teach jazz?"))
    message_id = said.result["message_id"]  # type: ignore[union-attr]
    inquiry_id = asked.result["inquiry_id"]  # type: ignore[union-attr]
    steps: list[Any] = [
        SendMessage(room="below", text="Yes, right after this one!", reply_to=message_id),
        QueueOnCamera(message_id=message_id),
        MarkAnswered(message_id=message_id),
        ReplyInquiry(inquiry_id=inquiry_id, text="I do! 45 minutes, online."),
        SetInquiryStatus(inquiry_id=inquiry_id, status="quoted", price_cents=3500),
        SetInquiryStatus(inquiry_id=inquiry_id, status="booked", booked_for_ms=APPOINTMENT),
    ]
    for n, cmd in enumerate(steps):
        await backend.execute(creator, f"prep-{n}", cmd)
    lost, _ = await sign_up(server, "Lea")
    pass_id, code = await mint(desk, tier=1, days=7)
    async with fan_client(server, lost) as fan:
        await fan.command(RedeemPass(code=code))
    await backend.execute(creator, "prep-revoke", RevokePass(pass_id=pass_id))
    return member, other, lost


@pytest.mark.slow
def test_every_page_state_in_both_sizes_themes_and_languages(
    qloop: asyncio.AbstractEventLoop, browser: FanBrowser, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            member, other, lost = await _prepared(desk)
            base = f"http://127.0.0.1:{desk.server.port}/fan/"
            for size in (PHONE, DESKTOP):
                for scheme in ("light", "dark"):
                    for locale in ("en-US", "de-DE"):
                        tag = f"{'phone' if size == PHONE else 'desktop'}-{scheme}-{locale[:2]}"
                        page = await browser.page(size, scheme=scheme, locale=locale)

                        def states(page: Any = page, tag: str = tag) -> dict[str, Any]:
                            page.goto(base)
                            page.wait_for_selector("#signup:not([hidden])")
                            shot(page, f"{tag}-1-signed-out")
                            seen: dict[str, Any] = {
                                "lang": page.evaluate("() => document.documentElement.lang"),
                                "join": texts(page, "#signup-form button")[0],
                                "bg": page.evaluate(
                                    "() => getComputedStyle(document.body).backgroundColor"
                                ),
                            }
                            for cookie, state, wait in (
                                (other, "2-not-a-member", "#join:not([hidden])"),
                                (lost, "4-pass-revoked", "#join:not([hidden]) .lost"),
                                (member, "3-member", ".thread .status.booked"),
                            ):
                                page.context.add_cookies(
                                    [{"name": COOKIE_NAME, "value": cookie, "url": base}]
                                )
                                page.goto(base)
                                page.wait_for_selector(wait)
                                if cookie == member:
                                    page.wait_for_selector(".mark.camera", timeout=5000)
                                shot(page, f"{tag}-{state}")
                            seen["marks"] = texts(page, ".mark")
                            seen["facts"] = texts(page, "#facts li")
                            seen["kinds"] = texts(page, ".service .facts")
                            seen["thread"] = texts(page, ".thread .status")
                            page.context.close()
                            return seen

                        seen = await browser.call(states)
                        german = locale.startswith("de")
                        assert seen["lang"] == ("de" if german else "en")
                        assert seen["join"] == ("Beitreten" if german else "Join")
                        dark = seen["bg"] == "rgb(21, 23, 26)"
                        assert dark == (scheme == "dark"), seen["bg"]
                        if german:
                            assert seen["marks"] == [
                                "im Text beantwortet",
                                "vor der Kamera beantwortet",
                            ]
                            assert seen["thread"][-1].startswith("Gebucht: 35,00\xa0€")
                            assert "Kompetenz: Jazz teacher <b>since 2015</b>" in seen["facts"]
                            assert seen["kinds"][0].startswith("Beratung · ")
                        else:
                            assert seen["marks"] == ["answered in text", "answered on camera"]
                            assert seen["thread"][-1].startswith("Booked: €35.00")
                            assert seen["facts"][:3] == [
                                "The creator confirms being 18 or older.",
                                "12,400 followers, as the platform reports them.",
                                "Competence: Jazz teacher <b>since 2015</b>",
                            ]
                            assert seen["kinds"][0] == "Consulting · $25.00 · 30 min"
            assert browser.errors == []

    qloop.run_until_complete(scenario())
