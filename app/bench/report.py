"""The benchmark table: one row per figure, with its target and whether it was met."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Results = dict[str, Any]


@dataclass(frozen=True)
class Row:
    what: str
    result: str
    target: str = ""
    met: bool | None = None  # None: no target (context)

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("ok" if self.met else "MISSED")


def _k(value: float) -> str:
    return f"{value:,.0f}"


def _get(results: Results, *path: str) -> Any:
    node: Any = results
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def rows(results: Results) -> list[Row]:
    """Rows for every scenario present in `results` (failed ones say so)."""
    out: list[Row] = []
    for name, value in results.items():
        if isinstance(value, dict) and "error" in value:
            out.append(Row(name, f"failed: {value['error'][:60]}", "", False))
    ceiling = _get(results, "transport", "msg_per_s")
    if ceiling:
        out.append(Row("Transport ceiling (bare client, replay)", f"{_k(ceiling)} msg/s"))
    fill = _get(results, "server", "per_s")
    if fill:
        out.append(Row("Server: append + commit (live path)", f"{_k(fill)} msg/s"))
    client = _get(results, "client", "msg_per_s")
    if client:
        ratio = f" ({client / ceiling:.0%} of ceiling)" if ceiling else ""
        out.append(Row("Client + store ingest, no UI", f"{_k(client)} msg/s{ratio}"))
    ingest = results.get("ingest")
    if isinstance(ingest, dict) and "msg_per_s" in ingest:
        rate = ingest["msg_per_s"]
        goal = min(25_000, 0.25 * ceiling) if ceiling else 25_000
        ratio = f" = {rate / ceiling:.1%} of ceiling" if ceiling else ""
        out.append(
            Row(
                "End-to-end ingest (server->store->panes->paint)",
                f"{_k(rate)} msg/s{ratio}, {ingest['seconds']} s",
                f">= {_k(goal)} msg/s",
                rate >= goal,
            )
        )
        if "store_cpu_us_per_msg" in ingest:
            out.append(
                Row(
                    "  where the time goes",
                    f"store thread {ingest['store_us_per_msg']:.0f} us/msg "
                    f"({ingest['store_cpu_us_per_msg']:.0f} on CPU), GUI thread "
                    f"{ingest['gui_thread_cpu_pct']:.0f}% busy",
                )
            )
        queued = _get(results, "queued", "msg_per_s")
        if queued:
            out.append(
                Row(
                    "  with a frame queued behind each write",
                    f"{_k(queued)} msg/s (x{queued / rate:.2f} of the default)",
                )
            )
        # "The window stays responsive meanwhile": the event loop answers within 50 ms at
        # p99 and the panes repaint at least 10 times a second under the firehose.
        responsive = ingest["stall_ms_p99"] < 50 and ingest["paints_per_s"] >= 10
        out.append(
            Row(
                "  UI stall meanwhile p50/p99/max",
                f"{ingest['stall_ms_p50']:.0f}/{ingest['stall_ms_p99']:.0f}/"
                f"{ingest['stall_ms_max']:.0f} ms, {ingest['paints_per_s']:.0f} paints/s",
                "p99 < 50 ms, >= 10 paints/s",
                responsive,
            )
        )
    rated = results.get("rated")
    if isinstance(rated, dict):
        for rate, stats in rated.items():
            if not isinstance(stats, dict) or "stall_ms_p99" not in stats:
                continue
            slow = int(rate) <= 1000
            out.append(
                Row(
                    f"UI stall at {_k(int(rate))} msg/s p50/p99/max",
                    f"{stats['stall_ms_p50']:.1f}/{stats['stall_ms_p99']:.1f}/"
                    f"{stats['stall_ms_max']:.1f} ms (got {_k(stats['received_msg_per_s'])}/s)",
                    "p99 < 20 ms" if slow else "",
                    stats["stall_ms_p99"] < 20 if slow else None,
                )
            )
            out.append(
                Row(
                    f"Latency server->painted at {_k(int(rate))} msg/s p50/p99",
                    f"{stats['latency_ms_p50']:.0f}/{stats['latency_ms_p99']:.0f} ms "
                    f"({_k(stats['lines_painted'])} lines)",
                    "p99 < 100 ms" if slow else "",
                    stats["latency_ms_p99"] < 100 if slow else None,
                )
            )
    memory = results.get("memory")
    if isinstance(memory, dict) and "rss_growth_mb" in memory:
        after = [k for k in memory if k.startswith("rss_mb_after_")]
        shown = " / ".join(f"{memory[k]:.0f}" for k in after)
        counts = " / ".join(_k(int(k.rsplit("_", 1)[1])) for k in after)
        out.append(
            Row(
                f"Memory: RSS after {counts} msgs",
                f"{shown} MB (growth {memory['rss_growth_mb']:+.1f} MB)",
                "growth < 30 MB",
                memory["rss_growth_mb"] < 30,
            )
        )
    cold = results.get("coldstart")
    if isinstance(cold, dict) and "median_s" in cold:
        out.append(
            Row(
                "Cold start to first paint (median)",
                f"{cold['median_s']:.2f} s (first run {cold['first_run_s']:.2f} s)",
                "< 1.5 s",
                cold["median_s"] < 1.5,
            )
        )
    resume = results.get("resume")
    if isinstance(resume, dict) and "lost" in resume:
        out.append(
            Row(
                "Resume: drop -> caught up p50/max",
                f"{resume['caught_up_s_p50']:.2f}/{resume['caught_up_s_max']:.2f} s; "
                f"lost {resume['lost']}, duplicated {resume['duplicated']}",
                "0 lost, 0 duplicated",
                resume["lost"] == 0 and resume["duplicated"] == 0,
            )
        )
    naive = results.get("naive")
    if isinstance(naive, dict) and "pane" in naive:
        for name, label in (("textedit", "QTextEdit.append"), ("listwidget", "QListWidget")):
            stats = naive.get(name)
            if isinstance(stats, dict):
                out.append(
                    Row(
                        f"Naive: {label} vs ChatPane",
                        f"{_k(stats['msg_per_s'])} vs {_k(naive['pane']['msg_per_s'])} msg/s "
                        f"(pane x{stats['pane_ratio']:.0f}); stall p99 "
                        f"{stats['stall_ms_p99']:.0f} vs {naive['pane']['stall_ms_p99']:.0f} ms",
                    )
                )
    return out


def table(rows_: list[Row]) -> str:
    """A Markdown table (readable in a terminal, pasteable into the README)."""
    header = ("What", "Result", "Target", "")
    cells = [header] + [(r.what, r.result, r.target, r.verdict) for r in rows_]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]
    lines = []
    for i, row in enumerate(cells):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
