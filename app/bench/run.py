"""Runs one headless scenario in this process: `python -m app.bench.run NAME [--quick]`.

Needs a running feeder ($LIVEDESK_BENCH_FEEDER, set by `python -m app.bench`). Prints the
result as the last stdout line, `RESULT {json}`, which the orchestrator reads.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

from app.bench import headless
from app.bench.serverproc import Feeder, FeederInfo

# Events per transaction of the store-only scenario: about what a replay frame carries.
STORE_BATCH = 500


async def _run(name: str, quick: bool, work: Path) -> dict[str, Any]:
    seconds, warmup = (2.0, 0.5) if quick else (10.0, 2.0)
    if name == "store":
        return headless.store_only(work, seconds, batch=STORE_BATCH)
    with Feeder(FeederInfo.from_env()) as feeder:
        if name == "transport":
            return await headless.transport(feeder, seconds)
        if name == "client":
            return await headless.client_ingest(feeder, work, seconds, warmup)
        if name == "resume":
            return await headless.resume(feeder, work, drops=2 if quick else 5, rate=2000)
    raise SystemExit(f"unknown headless scenario {name!r}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app.bench.run")
    parser.add_argument("name")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="livedesk-bench-") as work:
        result = asyncio.run(_run(args.name, args.quick, Path(work)))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
