"""`python -m app.bench [--quick] [--only a,b]`: run the scenarios, print the table, write JSON.

One feeder process (the reference server with a chat firehose) serves every scenario; it
is filled once with a backlog that the throughput scenarios replay from seq 0, so their
ratios compare the very same traffic. Each scenario runs in its own process (a fresh
interpreter, its own memory, the client's GIL apart from the server's). Nothing here
imports Qt: the window scenarios live in app.ui.bench.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.bench.coldstart import cold_start
from app.bench.idle import idle_cost
from app.bench.load import CompetingLoad
from app.bench.report import rows, table
from app.bench.serverproc import ENV, Feeder, FeederProcess
from app.bench.stats import load_average

# name -> (module to run, what it measures)
SCENARIOS: dict[str, tuple[str, str]] = {
    "transport": ("app.bench.run", "bare websockets client, no processing"),
    "store": ("app.bench.run", "LocalStore.apply_events alone, 500 events a transaction"),
    "client": ("app.bench.run", "SyncClient + LocalStore, no UI"),
    "ingest": ("app.ui.bench", "server -> client -> store -> console panes -> paint"),
    "queued": ("app.ui.bench", "the same with a frame queued behind each store write"),
    "rated": ("app.ui.bench", "UI stall and latency at 1,000 and 10,000 msg/s"),
    "memory": ("app.ui.bench", "RSS after 100k and 1M messages through the panes"),
    "coldstart": ("", "python -m app to first painted window"),
    "idle": ("", "the console's CPU at the demo's trickle, its backend in another process"),
    "resume": ("app.bench.run", "drop the connection under 2,000 msg/s; lost, duplicated"),
    "naive": ("app.ui.bench", "ChatPane vs QTextEdit.append vs QListWidget"),
    "loaded": ("app.ui.bench", "rated and cold start, quiet then beside a busy CPU and disk"),
    "loop": ("app.ui.bench", "an asyncio callback on the console's event loop vs on qasync's"),
}
ALIASES = {"responsiveness": "rated", "latency": "rated", "e2e": "ingest", "ceiling": "transport"}
NEEDS_BACKLOG = {"transport", "client", "ingest", "queued"}
NEEDS_FEEDER = NEEDS_BACKLOG | {"rated", "resume", "loaded"}
SCENARIO_TIMEOUT_S = 900


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs: a smoke test")
    parser.add_argument(
        "--only",
        metavar="A,B",
        help=f"run these scenarios only: {', '.join(SCENARIOS)} (aliases: {', '.join(ALIASES)})",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("bench-results/latest.json"),
        help="where to write the results (default: bench-results/latest.json)",
    )
    parser.add_argument(
        "--backlog",
        type=int,
        default=None,
        help="messages in the replayed backlog (default 400,000; --quick 40,000)",
    )
    args = parser.parse_args(argv)
    chosen = list(SCENARIOS)
    if args.only:
        wanted = {ALIASES.get(n.strip(), n.strip()) for n in args.only.split(",") if n.strip()}
        unknown = wanted - set(SCENARIOS)
        if unknown:
            parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
        chosen = [name for name in SCENARIOS if name in wanted]
    args.scenarios = chosen
    return args


def run_scenario(name: str, quick: bool, env: dict[str, str], log: Path) -> dict[str, Any]:
    """Run one scenario's process; its last `RESULT {json}` line is the result."""
    module = SCENARIOS[name][0]
    command = [sys.executable, "-m", module, name] + (["--quick"] if quick else [])
    return _result_of(command, env, log)


def _result_of(command: list[str], env: dict[str, str], log: Path) -> dict[str, Any]:
    with log.open("w") as stderr:
        try:
            done = subprocess.run(
                command,
                env=env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                timeout=SCENARIO_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {SCENARIO_TIMEOUT_S} s (see {log})"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line[len("RESULT ") :])
            return result
    return {"error": f"exit code {done.returncode}, no result (see {log})"}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    backlog = args.backlog or (40_000 if args.quick else 400_000)
    out_dir = args.json.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    meta: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "quick": args.quick,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_before": round(load_average(), 2),
        "server": "separate process (python -m app.bench.feeder): its own interpreter and GIL",
        "backlog": backlog,
    }
    with tempfile.TemporaryDirectory(prefix="livedesk-bench-") as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            LIVEDESK_DATA_DIR=str(work / "data"),
            LIVEDESK_CONFIG_DIR=str(work / "config"),
        )
        feeder_proc: FeederProcess | None = None
        try:
            if NEEDS_FEEDER & set(args.scenarios):
                feeder_proc = FeederProcess(work / "feeder")
                env[ENV] = feeder_proc.info.to_env()
                if NEEDS_BACKLOG & set(args.scenarios):
                    _say(f"filling the server's log with {backlog:,} messages ...")
                    with Feeder(feeder_proc.info) as feeder:
                        results["server"] = feeder.command(f"fill {backlog}")
            for name in args.scenarios:
                _say(f"{name}: {SCENARIOS[name][1]} ...")
                started = time.perf_counter()
                if name == "coldstart":
                    results[name] = _cold_start(work / "coldstart", args.quick)
                elif name == "loaded":
                    results[name] = loaded(args.quick, env, work, out_dir)
                elif name == "idle":
                    seconds, warmup = (8.0, 4.0) if args.quick else (40.0, 8.0)
                    results[name] = idle_cost(work, env, seconds, warmup, out_dir / "idle.log")
                else:
                    results[name] = run_scenario(name, args.quick, env, out_dir / f"{name}.log")
                _say(f"{name}: done in {time.perf_counter() - started:.0f} s")
        finally:
            if feeder_proc is not None:
                feeder_proc.close()
    meta["load_average_after"] = round(load_average(), 2)
    report_rows = rows(results)
    text = table(report_rows)
    print(text)
    document = {
        "meta": meta,
        "results": results,
        "table": [asdict(row) | {"verdict": row.verdict} for row in report_rows],
    }
    args.json.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nwritten: {args.json}")
    failed = [name for name in args.scenarios if "error" in results.get(name, {})]
    return 1 if failed else 0


def _cold_start(work: Path, quick: bool) -> dict[str, Any]:
    try:
        return cold_start(work, 3 if quick else 7)
    except (RuntimeError, OSError) as exc:
        return {"error": str(exc)}


def loaded(quick: bool, env: dict[str, str], work: Path, out_dir: Path) -> dict[str, Any]:
    """The rated runs and a cold start, quiet and then beside CompetingLoad, in one run.

    The console's process is started after the load is, so both compete from the first tick.
    """
    rated = [sys.executable, "-m", "app.ui.bench", "rated"] + (["--quick"] if quick else [])
    out: dict[str, Any] = {"quiet": _result_of(rated, env, out_dir / "loaded-quiet.log")}
    out["coldstart_quiet"] = _cold_start(work / "coldstart-quiet", quick)
    with CompetingLoad(work / "load") as load:
        out["load"] = load.describe()
        out["loaded"] = _result_of(rated, env, out_dir / "loaded-busy.log")
        out["coldstart_loaded"] = _cold_start(work / "coldstart-loaded", quick)
        out["processes_still_running"] = load.running
    out["load_average_during"] = round(load.load_average_during, 2)
    errors = [k for k, v in out.items() if isinstance(v, dict) and "error" in v]
    if errors:
        out["error"] = f"{', '.join(errors)} failed: " + "; ".join(
            str(out[k]["error"]) for k in errors
        )
    return out


def _say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
