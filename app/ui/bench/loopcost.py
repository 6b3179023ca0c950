"""What an asyncio callback costs on the console's event loop, beside qasync's own loop.

asyncio calls `call_soon` for every task step and every future's callbacks. Three shapes
of that, each run on a fresh loop of either kind in turn (alternating, so a machine that
speeds up or slows down meanwhile affects both alike): a task stepping with
`asyncio.sleep(0)`, a future resolved by a `call_soon` and awaited, and two tasks passing
a number back and forth through queues. The figure is CPU time of the thread per step.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

import qasync
from PySide6.QtWidgets import QApplication

from app.ui.eventloop import ConsoleLoop


async def _sleeps(n: int) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


async def _futures(n: int) -> None:
    loop = asyncio.get_running_loop()
    for _ in range(n):
        future = loop.create_future()
        loop.call_soon(future.set_result, None)
        await future


async def _ping_pong(n: int) -> None:
    there: asyncio.Queue[int | None] = asyncio.Queue()
    back: asyncio.Queue[int] = asyncio.Queue()

    async def echo() -> None:
        while (item := await there.get()) is not None:
            back.put_nowait(item)

    async def drive() -> None:
        for i in range(n):
            there.put_nowait(i)
            await back.get()
        there.put_nowait(None)

    await asyncio.gather(echo(), drive())


SHAPES: dict[str, Callable[[int], Awaitable[None]]] = {
    "task_step": _sleeps,
    "future": _futures,
    "ping_pong": _ping_pong,
}


def _per_step_us(app: QApplication, make: type[qasync.QEventLoop], shape: str, n: int) -> float:
    loop = make(app)
    asyncio.set_event_loop(loop)
    try:
        started = time.thread_time()
        loop.run_until_complete(SHAPES[shape](n))
        return (time.thread_time() - started) / n * 1e6
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def loop_cost(app: QApplication, quick: bool) -> dict[str, dict[str, float]]:
    """Per shape: µs a step on qasync's loop and on ConsoleLoop (median of the rounds)."""
    steps, rounds = (2_000, 3) if quick else (20_000, 5)
    app.setQuitOnLastWindowClosed(False)
    out: dict[str, dict[str, float]] = {}
    for shape in SHAPES:
        qasync_us: list[float] = []
        console_us: list[float] = []
        for _ in range(rounds):
            qasync_us.append(_per_step_us(app, qasync.QEventLoop, shape, steps))
            console_us.append(_per_step_us(app, ConsoleLoop, shape, steps))
        a, b = statistics.median(qasync_us), statistics.median(console_us)
        out[shape] = {"qasync_us": round(a, 2), "console_us": round(b, 2), "ratio": round(b / a, 2)}
    return out
