"""The benchmark table judges each figure against its target; context rows stay unjudged."""

from __future__ import annotations

from app.bench.report import rows, table

INGEST = {"msg_per_s": 30_000, "seconds": 10.0, "stall_ms_p50": 0.0, "stall_ms_max": 120.0}


def by_what(results: dict) -> dict:  # type: ignore[type-arg]
    return {r.what.strip(): r for r in rows(results)}


def test_end_to_end_target_is_the_lower_of_25k_and_a_quarter_of_the_ceiling() -> None:
    high = by_what(
        {
            "transport": {"msg_per_s": 700_000},
            "ingest": {**INGEST, "stall_ms_p99": 10, "paints_per_s": 14},
        }
    )
    assert high["End-to-end ingest (server->store->panes->paint)"].target == ">= 25,000 msg/s"
    assert high["End-to-end ingest (server->store->panes->paint)"].verdict == "ok"
    low = by_what(
        {
            "transport": {"msg_per_s": 40_000},
            "ingest": {**INGEST, "msg_per_s": 9_000, "stall_ms_p99": 10, "paints_per_s": 14},
        }
    )
    assert low["End-to-end ingest (server->store->panes->paint)"].target == ">= 10,000 msg/s"
    assert low["End-to-end ingest (server->store->panes->paint)"].verdict == "MISSED"


def test_the_window_must_stay_responsive_during_the_firehose() -> None:
    ok = by_what({"ingest": {**INGEST, "stall_ms_p99": 10, "paints_per_s": 14}})
    assert ok["UI stall meanwhile p50/p99/max"].verdict == "ok"
    frozen = by_what({"ingest": {**INGEST, "stall_ms_p99": 80, "paints_per_s": 14}})
    assert frozen["UI stall meanwhile p50/p99/max"].verdict == "MISSED"
    stuck = by_what({"ingest": {**INGEST, "stall_ms_p99": 10, "paints_per_s": 3}})
    assert stuck["UI stall meanwhile p50/p99/max"].verdict == "MISSED"
    assert "MISSED" in table(rows({"ingest": {**INGEST, "stall_ms_p99": 80, "paints_per_s": 3}}))


def test_queued_store_writes_are_compared_with_the_default() -> None:
    found = by_what(
        {
            "ingest": {**INGEST, "stall_ms_p99": 10, "paints_per_s": 14},
            "queued": {**INGEST, "msg_per_s": 24_000},
        }
    )
    row = found["with a frame queued behind each write"]
    assert row.result == "24,000 msg/s (x0.80 of the default)"
    assert row.verdict == ""  # context, not judged


def test_the_idle_console_is_judged_against_3_percent_of_a_core() -> None:
    idle = {
        "cpu_pct": 2.9,
        "events_per_s": 19.2,
        "server_cpu_pct": 1.9,
        "frames_per_s": 12.0,
        "rss_mb": 126.0,
        "threads": 5,
    }
    row = by_what({"idle": idle})["Idle: console at the demo's trickle"]
    assert row.result == (
        "2.9% of a core at 19 events/s (backend alone 1.9%), 12 frames/s, RSS 126 MB, 5 threads"
    )
    assert (row.target, row.verdict) == ("console <= 3% of a core", "ok")
    busy = by_what({"idle": {**idle, "cpu_pct": 7.8}})["Idle: console at the demo's trickle"]
    assert busy.verdict == "MISSED"
    assert "Idle" not in table(rows({"idle": {"error": "the console did not finish"}}))
