"""Scene rules: which switch a gift or a question makes, when it goes back, and no loops."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.obs.scenerules import (
    MAX_HOLD_S,
    SceneDirector,
    SceneRule,
    Switch,
    decode_rules,
    encode_rules,
)

BIG = SceneRule("gift", "Big gift", hold_s=8, min_diamonds=1000)
HUGE = SceneRule("gift", "Huge gift", hold_s=20, min_diamonds=10_000)
QUESTION = SceneRule("question", "Question", hold_s=120)


def director(*rules: SceneRule) -> SceneDirector:
    d = SceneDirector(list(rules))
    d.obs_scene_changed("Main")
    return d


def test_a_big_gift_switches_for_a_while_then_goes_back_home() -> None:
    d = director(BIG, HUGE)
    assert d.on_gift(999, now=0) is None
    switch = d.on_gift(1500, now=1)
    assert switch == Switch("Big gift", "gift", BIG, 1500)
    assert d.due(now=8.9) is None
    assert d.due(now=9) == Switch("Main", "back")
    assert not d.holding


def test_the_highest_threshold_that_matches_wins() -> None:
    d = director(BIG, HUGE)
    switch = d.on_gift(12_000, now=0)
    assert switch is not None and switch.scene == "Huge gift"


def test_gifts_while_held_extend_the_hold_but_never_past_the_cap() -> None:
    d = director(BIG)
    d.on_gift(1000, now=0)
    assert d.on_gift(1000, now=5) is None  # already there
    assert d.until == 13
    for t in range(10, MAX_HOLD_S + 100, 5):
        d.on_gift(1000, now=t)
    assert d.until == MAX_HOLD_S


def test_another_rule_does_not_steal_a_held_scene() -> None:
    d = director(BIG, QUESTION)
    d.on_gift(1000, now=0)
    assert d.on_question(now=1) is None
    assert d.due(now=8) == Switch("Main", "back")


def test_a_question_holds_until_answered_and_the_hotkey_toggles() -> None:
    d = director(QUESTION)
    assert d.on_question(now=0) == Switch("Question", "question", QUESTION)
    assert d.on_answered(queue_empty=False) is None  # more questions waiting
    assert d.on_answered(queue_empty=True) == Switch("Main", "back")
    assert d.toggle_question(now=5) == Switch("Question", "hotkey", QUESTION)
    assert d.toggle_question(now=6) == Switch("Main", "back")


def test_a_scene_chosen_by_hand_in_obs_ends_the_hold() -> None:
    d = director(BIG)
    d.on_gift(1000, now=0)
    d.obs_scene_changed("Big gift")  # OBS confirming LiveDesk's own switch: still held
    assert d.holding
    d.obs_scene_changed("Be right back")  # the creator's choice
    assert not d.holding
    assert d.due(now=100) is None  # never switched back over it


def test_a_failed_switch_holds_nothing() -> None:
    d = director(BIG)
    switch = d.on_gift(1000, now=0)
    assert switch is not None
    d.switch_failed(switch)
    assert not d.holding and d.due(now=100) is None


def test_already_on_the_rules_scene_makes_no_switch() -> None:
    d = director(BIG)
    d.obs_scene_changed("Big gift")
    assert d.on_gift(5000, now=0) is None
    assert d.due(now=100) is None


def test_unusable_rules_are_ignored_and_a_damaged_list_is_empty() -> None:
    bad = [
        SceneRule("gift", " ", min_diamonds=10),
        SceneRule("gift", "X", min_diamonds=0),
        SceneRule("gift", "X", hold_s=0, min_diamonds=5),
    ]
    assert all(rule.problem() for rule in bad)
    assert director(*bad).on_gift(1_000_000, now=0) is None
    assert decode_rules(encode_rules([BIG, QUESTION])) == [BIG, QUESTION]
    assert decode_rules("{not json") == []
    assert decode_rules('[{"trigger": "explode", "scene": "x"}]') == []


events = st.lists(
    st.tuples(
        st.sampled_from(["gift", "question", "answered", "hotkey", "tick", "manual"]),
        st.integers(0, 20_000),
        st.sampled_from(["Main", "Big gift", "Question", "Other"]),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(events)
def test_no_sequence_of_events_makes_the_rules_switch_back_and_forth(
    sequence: list[tuple[str, int, str]],
) -> None:
    """Each event makes at most one switch; a switch is never undone by the rules' reaction to
    it (OBS's reports trigger nothing); and a hold never outlasts MAX_HOLD_S."""
    d = director(BIG, HUGE, QUESTION)
    now = 0.0
    for kind, value, scene in sequence:
        now += 1 + value % 7
        if kind == "gift":
            made = d.on_gift(value, now)
        elif kind == "question":
            made = d.on_question(now)
        elif kind == "answered":
            made = d.on_answered(queue_empty=value % 2 == 0)
        elif kind == "hotkey":
            made = d.toggle_question(now)
        elif kind == "tick":
            made = d.due(now)
        else:
            d.obs_scene_changed(scene)
            made = None
        if made is not None:
            # OBS confirms the switch; the rules' answer to that is nothing at all.
            d.obs_scene_changed(made.scene)
            assert d.due(now) is None or made.why != "back"
        if d.holding:
            assert d.until - d._first <= MAX_HOLD_S
    d.due(now + MAX_HOLD_S + 1)
    assert not d.holding
