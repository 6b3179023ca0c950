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
