"""History search syntax."""

from __future__ import annotations

from app.core.historyquery import HistoryQuery, parse_history_query


def test_operators_and_words() -> None:
    q = parse_history_query("from:@Mia in:below badge:mod when is the next stream")
    assert q == HistoryQuery("when is the next stream", "below", "Mia", "moderator")


def test_plain_text_and_unknown_operators_stay_text() -> None:
    assert parse_history_query("http://x.y is:first").text == "http://x.y is:first"
    assert parse_history_query("   ").is_empty


def test_bad_values_are_reported_not_guessed() -> None:
    q = parse_history_query("in:vip from: hello")
    assert q.room is None and q.user is None
    assert q.text == "hello"
    assert len(q.problems) == 2 and "in:public" in q.problems[0]
