"""Scenarios over the network: server -> SyncClient -> store -> console panes -> painted view."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.bench.headless import CHAT_CHANNELS, backlog, follow_from_start, wait_for
from app.bench.serverproc import Feeder
from app.bench.stats import CpuMeter, Progress
from app.client.sync import SyncClient
from app.ui.bench.kit import (
    LatenessProbe,
    PaintCounter,
    PaintLatency,
    StageTimer,
    build_console,
    chat_viewports,
)

Result = dict[str, Any]


async def ingest(
    feeder: Feeder, work: Path, seconds: float, warmup: float, *, store_depth: int | None = None
) -> Result:
    """The whole backlog replayed into a shown console, as fast as the console takes it.

    store_depth: frames the sync client may have with the store at once (2: one queued
    behind the write; None: the client's default)."""
    total = backlog(feeder)
    bench = build_console(work, feeder.url, feeder.token)
    console = bench.console
    if store_depth is not None:
        console.client.store_depth = store_depth
    follow_from_start(bench.store)
    progress = Progress()
    console.add_event_listener(lambda events: progress.add(len(events)), chat=True)
    stages = StageTimer(bench)
    probe = LatenessProbe()
    paints = PaintCounter(chat_viewports(console))
    await asyncio.sleep(0.5)  # the window's first layout and paint
    probe.start()
    cpu, gui_cpu = CpuMeter(), CpuMeter(thread=True)
    try:
        await console.start()
        await wait_for(lambda: progress.total >= total, warmup + seconds + 300)
        cpu_pct, gui_cpu_pct = cpu.percent(), gui_cpu.percent()
        await asyncio.sleep(0.2)
    finally:
        probe.stop()
        await bench.close()
    rate, window = progress.rate(warmup, seconds)
    start = progress.times[0] + warmup
    end = start + window
    shown = sum(pane.batcher.lines_flushed for pane in console.panes.values())
    return {
        "msg_per_s": round(rate),
        "seconds": round(window, 1),
        "events": progress.total,
        "lines_shown": shown,
        "paints_per_s": paints.per_second(start, end),
        "store_depth": console.client.store_depth,
        "process_cpu_pct": cpu_pct,
        "gui_thread_cpu_pct": gui_cpu_pct,
        **probe.stats(start, end),
        **stages.per_message(progress.total),
    }


def _has(client: SyncClient, heads: dict[str, int]) -> Callable[[], bool]:
    return lambda: all(client.last_seqs.get(ch, 0) >= heads.get(ch, 0) for ch in CHAT_CHANNELS)


async def rated(feeder: Feeder, work: Path, rates: list[int], seconds: float) -> Result:
    """Live chat at each rate in turn: loop stalls, and server time -> line painted."""
    bench = build_console(work, feeder.url, feeder.token)
    console = bench.console
    progress = Progress()
    console.add_event_listener(lambda events: progress.add(len(events)), chat=True)
    probe = LatenessProbe()
    paints = PaintCounter(chat_viewports(console))
    latency = PaintLatency(console.panes.values())
    stages = StageTimer(bench)
    results: Result = {}
    try:
        await console.start()
        await console.client.wait_caught_up(30)
        probe.start()
        for rate in rates:
            feeder.rate(rate)
            await asyncio.sleep(1.0)  # settle at the new rate
            received, cpu = progress.total, CpuMeter()
            stages.reset()
            start = time.perf_counter()
            await asyncio.sleep(seconds)
            end = time.perf_counter()
            cpu_pct = cpu.percent()
            received = progress.total - received
            busy = stages.per_message(received)
            heads = feeder.stop_messages()
            stopped = time.perf_counter()
            await wait_for(_has(console.client, heads), 60)
            # Caught up: every sent line stored and out of the panes' queues (in the model).
            await wait_for(lambda: not any(p.batcher.queued for p in console.panes.values()), 60)
            catch_up_s = time.perf_counter() - stopped
            results[str(rate)] = {
                "offered_msg_per_s": rate,
                "received_msg_per_s": round(received / (end - start)),
                "paints_per_s": paints.per_second(start, end),
                "process_cpu_pct": cpu_pct,
                **probe.stats(start, end),
                **latency.stats(start, end),
                **busy,
                "catch_up_s": round(catch_up_s, 2),
            }
            await asyncio.sleep(0.5)
    finally:
        probe.stop()
        await bench.close()
    return results
