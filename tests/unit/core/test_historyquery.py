"""History search syntax."""

from __future__ import annotations

from app.core.historyquery import (
    HistoryQuery,
    highlight_spans,
    match_reasons,
    parse_history_query,
    search_words,
)


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


def test_highlight_spans_are_the_matched_word_prefixes_folded_like_the_index() -> None:
    words = search_words(parse_history_query("from:mia the DEJA"))
    assert words == ["the", "DEJA"]
    text = "Then THE théâtre, déjà vu; bathe"
    spans = highlight_spans(text, words)
    assert [text[a:b] for a, b in spans] == ["The", "THE", "thé", "déjà"]  # not "bathe"
    assert highlight_spans("anything", []) == []


def test_match_reasons_say_why_every_result_matched() -> None:
    assert match_reasons(parse_history_query("price")) == ("message",)
    assert match_reasons(parse_history_query("from:mia")) == ("sender",)
    assert match_reasons(parse_history_query("badge:mod in:below hi")) == (
        "message",
        "badge",
        "room",
    )
