"""`python -m app.ui.bench NAME [--quick]`: one Qt scenario; prints `RESULT {json}` last.

ingest, queued and rated need the feeder of `python -m app.bench` ($LIVEDESK_BENCH_FEEDER).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.ui.bench import direct, live
from app.ui.bench.kit import make_app
from app.ui.bench.loopcost import loop_cost
from app.ui.eventloop import ConsoleLoop

SCENARIOS = ("ingest", "queued", "rated", "memory", "naive", "loop")


async def _live(name: str, quick: bool, work: Path) -> dict[str, Any]:
    from app.bench.serverproc import Feeder, FeederInfo

    with Feeder(FeederInfo.from_env()) as feeder:
        if name in ("ingest", "queued"):
            seconds, warmup = (2.0, 0.5) if quick else (10.0, 2.0)
            depth = 2 if name == "queued" else None
            return await live.ingest(feeder, work, seconds, warmup, store_depth=depth)
        return await live.rated(feeder, work, [1000, 10_000], 2.0 if quick else 10.0)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app.ui.bench")
    parser.add_argument("name", choices=SCENARIOS)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    app = make_app()
    with tempfile.TemporaryDirectory(prefix="livedesk-bench-") as tmp:
        work = Path(tmp)
        if args.name == "memory":
            checkpoints = [20_000, 200_000] if args.quick else [100_000, 1_000_000]
            result = direct.memory(app, work, checkpoints)
        elif args.name == "naive":
            result = direct.naive(app, 1.5 if args.quick else 5.0)
        elif args.name == "loop":
            result = loop_cost(app, args.quick)
        else:
            loop = ConsoleLoop(app)
            asyncio.set_event_loop(loop)
            with loop:
                result = loop.run_until_complete(_live(args.name, args.quick, work))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
