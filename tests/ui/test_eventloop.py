"""ConsoleLoop: asyncio's ready-queue rules on Qt's event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.ui.eventloop import COMPACT_AT, ConsoleLoop


def test_callbacks_run_in_order_and_cancelled_ones_do_not(qloop: ConsoleLoop) -> None:
    ran: list[int] = []

    async def scenario() -> None:
        handles = [qloop.call_soon(ran.append, i) for i in range(6)]
        handles[2].cancel()
        handles[4].cancel()
        await asyncio.sleep(0)
        await asyncio.sleep(0)

    qloop.run_until_complete(scenario())
    assert ran == [0, 1, 3, 5]


def test_a_chain_of_callbacks_lets_qt_events_through(qloop: ConsoleLoop) -> None:
    """A callback that queues another waits for the next pass: a Qt timer due meanwhile
    runs between them, so an endless chain never starves painting or input."""
    order: list[str] = []

    async def scenario() -> None:
        QTimer.singleShot(0, lambda: order.append("qt"))

        def step(n: int) -> None:
            order.append(f"step{n}")
            if n < 3:
                qloop.call_soon(step, n + 1)

        qloop.call_soon(step, 0)
        for _ in range(20):
            await asyncio.sleep(0.005)
            if "step3" in order and "qt" in order:
                break

    qloop.run_until_complete(scenario())
    assert order.index("qt") < order.index("step3")
    assert [x for x in order if x != "qt"] == ["step0", "step1", "step2", "step3"]


def test_a_nested_qt_loop_runs_the_rest_once(qloop: ConsoleLoop) -> None:
    """A callback that runs a nested event loop (a modal dialog does) lets that loop run
    what is queued after it; none runs twice, none is lost."""
    ran: list[str] = []

    def modal() -> None:
        ran.append("modal")
        nested = QEventLoop()
        qloop.call_soon(ran.append, "inside")
        QTimer.singleShot(30, nested.quit)
        nested.exec()

    async def scenario() -> None:
        qloop.call_soon(modal)
        qloop.call_soon(ran.append, "after")
        qloop.call_soon(ran.append, "last")
        await asyncio.sleep(0.08)

    qloop.run_until_complete(scenario())
    assert ran == ["modal", "after", "last", "inside"]


def test_an_exception_goes_to_the_handler_and_the_queue_goes_on(qloop: ConsoleLoop) -> None:
    seen: list[str] = []
    ran: list[int] = []
    qloop.set_exception_handler(lambda _loop, context: seen.append(str(context["exception"])))

    def boom() -> None:
        raise ValueError("boom")

    async def scenario() -> None:
        qloop.call_soon(boom)
        qloop.call_soon(ran.append, 1)
        await asyncio.sleep(0.01)

    qloop.run_until_complete(scenario())
    qloop.set_exception_handler(None)
    assert seen == ["boom"] and ran == [1]


def test_call_soon_threadsafe_from_another_thread(qloop: ConsoleLoop) -> None:
    async def scenario() -> str:
        future: asyncio.Future[str] = qloop.create_future()
        thread = threading.Thread(
            target=lambda: qloop.call_soon_threadsafe(future.set_result, "from a thread")
        )
        thread.start()
        result = await asyncio.wait_for(future, 2)
        thread.join()
        return result

    assert qloop.run_until_complete(scenario()) == "from a thread"


def test_a_closed_loop_drops_what_was_queued_and_takes_nothing(qapp: QApplication) -> None:
    loop = ConsoleLoop(qapp)
    ran: list[int] = []
    loop.call_soon(ran.append, 1)
    loop.call_later(0.01, ran.append, 3)
    loop.close()
    QTest.qWait(30)
    assert ran == []
    with pytest.raises(RuntimeError, match="closed"):
        loop.call_soon(ran.append, 2)
    with pytest.raises(RuntimeError, match="closed"):
        loop.call_later(0, ran.append, 2)


def test_scheduled_callbacks_run_in_deadline_order_and_never_early(qloop: ConsoleLoop) -> None:
    ran: list[tuple[str, float, float]] = []

    def note(name: str, due: float) -> None:
        ran.append((name, due, qloop.time()))

    async def scenario() -> None:
        now = qloop.time()
        for name, delay in (("c", 0.06), ("a", 0.02), ("b", 0.04), ("past", -1.0)):
            qloop.call_at(now + delay, note, name, now + delay)
        qloop.call_later(0.03, note, "later", now + 0.03)
        await asyncio.sleep(0.1)

    qloop.run_until_complete(scenario())
    assert [name for name, _, _ in ran] == ["past", "a", "later", "b", "c"]
    assert all(at >= due for _, due, at in ran)


def test_a_cancelled_timer_never_runs_nor_wakes_the_loop(qloop: ConsoleLoop) -> None:
    ran: list[str] = []

    async def scenario() -> None:
        first = qloop.call_later(0.03, ran.append, "first")
        qloop.call_later(0.08, ran.append, "second")
        first.cancel()
        # The Qt timer is set for the next live one at once, not for the cancelled one.
        assert qloop._due_timer.remainingTime() > 60
        await asyncio.sleep(0.12)

    qloop.run_until_complete(scenario())
    assert ran == ["second"]


def test_a_timeout_renewed_every_frame_leaves_no_pile_of_dead_timers(qloop: ConsoleLoop) -> None:
    """The sync client renews "no data for 30 s" with each frame: the cancelled timers
    are dropped from the heap, however many frames come while a later timer waits."""

    async def scenario() -> int:
        keep = qloop.call_later(60, lambda: None)  # a live timer at the head
        for _ in range(COMPACT_AT * 3):
            async with asyncio.timeout(30):
                await asyncio.sleep(0)
        keep.cancel()
        return len(qloop._timers)

    assert qloop.run_until_complete(scenario()) <= COMPACT_AT + 2
