"""Outbox order and per-connection writes; pacing under the commands-per-minute limit."""

from __future__ import annotations

from app.client.outbox import CommandPacer, Outbox
from app.protocol.payloads import SendMessage


def cmd(text: str) -> SendMessage:
    return SendMessage(room="public", text=text)


def drain(outbox: Outbox) -> list[str]:
    rids = []
    while (entry := outbox.next_to_write()) is not None:
        rids.append(entry.rid)
    return rids


def test_only_saved_commands_are_written_in_send_order() -> None:
    outbox = Outbox()
    outbox.add("a", cmd("a"))
    outbox.add("b", cmd("b"))
    outbox.mark_saved("b")
    outbox.connected()
    assert drain(outbox) == ["b"]
    outbox.mark_saved("a")  # saved while connected: written now
    assert drain(outbox) == ["a"]
    assert len(outbox) == 2  # still unanswered


def test_every_unanswered_command_is_written_again_after_a_reconnect() -> None:
    outbox = Outbox()
    for rid in "abc":
        outbox.add(rid, cmd(rid), saved=True)
    outbox.connected()
    assert drain(outbox) == ["a", "b", "c"]
    assert outbox.resolve("b") is not None
    assert outbox.resolve("b") is None  # a second answer finds nothing
    outbox.disconnected()
    outbox.mark_saved("a")  # nothing to write while disconnected
    assert outbox.next_to_write() is None
    outbox.connected()
    assert drain(outbox) == ["a", "c"]


def test_restored_commands_go_before_new_ones() -> None:
    outbox = Outbox()
    outbox.add("new", cmd("new"), saved=True)
    outbox.restore([("old1", cmd("1")), ("old2", cmd("2"))])
    outbox.connected()
    assert drain(outbox) == ["old1", "old2", "new"]


def test_a_retry_from_an_older_connection_is_ignored() -> None:
    outbox = Outbox()
    outbox.add("a", cmd("a"), saved=True)
    outbox.connected()
    old = outbox.generation
    assert drain(outbox) == ["a"]
    outbox.retry("a", old)
    assert drain(outbox) == ["a"]
    outbox.connected()
    assert drain(outbox) == ["a"]
    outbox.retry("a", old)  # stale: the new connection already wrote it
    assert drain(outbox) == []


def test_pacer_allows_the_limit_per_window_then_waits_for_the_oldest() -> None:
    now = [100.0]
    pacer = CommandPacer(3, window_s=60.0, clock=lambda: now[0])
    for _ in range(3):
        assert pacer.delay() == 0.0
        pacer.record()
        now[0] += 1.0
    assert pacer.delay() == 57.0  # the first write leaves the window at t=160
    now[0] = 160.0
    assert pacer.delay() == 0.0
