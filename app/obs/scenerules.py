"""Scenes on events: a few rules that switch OBS's scene on a big gift or an on-camera question.

Rules cannot loop, by construction:
- they fire only on LiveDesk's own events (a gift, a queued question, the hotkey), never on
  OBS's scene changes, so a switch can never trigger another switch;
- a timed switch goes back to the scene that was on before it (its "home"), and going back
  triggers nothing; a trigger while a switch holds only extends it (to at most
  MAX_HOLD_S from the first switch) or is ignored when it names another scene;
- a scene changed by hand in OBS while a switch holds ends the hold: LiveDesk never
  switches back over the creator's own choice.

`SceneDirector` does no I/O: it says which switch to make; the caller makes it in OBS and
reports a failure back with `switch_failed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import msgspec

Trigger = Literal["gift", "question"]
MAX_HOLD_S = 600
MAX_RULES = 10


class SceneRule(msgspec.Struct, frozen=True):
    """gift: a gift (a whole streak) worth at least `min_diamonds` switches to `scene` for
    `hold_s` seconds. question: a question queued for an on-camera answer (or the hotkey)
    switches to `scene` until it is marked answered, or `hold_s` seconds at most."""

    trigger: Trigger
    scene: str
    hold_s: int = 10
    min_diamonds: int = 0
    enabled: bool = True

    def problem(self) -> str:
        """Why this rule cannot be used, or "" (English; the UI has its own words)."""
        if not self.scene.strip():
            return "no scene"
        if not 1 <= self.hold_s <= MAX_HOLD_S:
            return f"hold must be 1 to {MAX_HOLD_S} s"
        if self.trigger == "gift" and self.min_diamonds < 1:
            return "a gift rule needs at least 1 diamond"
        return ""


def decode_rules(text: str) -> list[SceneRule]:
    """The stored rule list; a damaged or foreign value is an empty list, never an error."""
    if not text.strip():
        return []
    try:
        rules = msgspec.json.decode(text, type=list[SceneRule])
    except (msgspec.DecodeError, msgspec.ValidationError):
        return []
    return rules[:MAX_RULES]


def encode_rules(rules: list[SceneRule]) -> str:
    return msgspec.json.encode(rules[:MAX_RULES]).decode()


@dataclass(frozen=True)
class Switch:
    """A scene switch to make: `why` is gift, question, hotkey or back."""

    scene: str
    why: Literal["gift", "question", "hotkey", "back"]
    rule: SceneRule | None = None
    diamonds: int = 0


class SceneDirector:
    """Decides scene switches from LiveDesk's events and the time (`now`, seconds)."""

    def __init__(self, rules: list[SceneRule] | None = None) -> None:
        self.rules: list[SceneRule] = list(rules or [])
        self.current = ""  # OBS's program scene, as last reported
        self.home: str | None = None  # where to go back to while a switch holds
        self.held: SceneRule | None = None
        self.until = 0.0
        self._first = 0.0

    def set_rules(self, rules: list[SceneRule]) -> None:
        self.rules = list(rules)
        if self.held is not None and self.held not in self.rules:
            self.held = None  # a changed rule does not hold the scene; go back at its time

    # --- LiveDesk's events --------------------------------------------------------------

    def on_gift(self, diamonds: int, now: float) -> Switch | None:
        best = None
        for rule in self._usable("gift"):
            if diamonds >= rule.min_diamonds and (
                best is None or rule.min_diamonds > best.min_diamonds
            ):
                best = rule  # the most specific (highest threshold) rule wins
        if best is None:
            return None
        return self._hold(best, "gift", now, diamonds)

    def on_question(self, now: float, *, hotkey: bool = False) -> Switch | None:
        rule = next(iter(self._usable("question")), None)
        if rule is None:
            return None
        return self._hold(rule, "hotkey" if hotkey else "question", now)

    def on_answered(self, queue_empty: bool) -> Switch | None:
        """A question was answered: with none left, a question switch goes back now."""
        if queue_empty and self.held is not None and self.held.trigger == "question":
            return self._back()
        return None

    def toggle_question(self, now: float) -> Switch | None:
        """The hotkey: to the question scene, or back from it."""
        if self.held is not None and self.held.trigger == "question":
            return self._back()
        return self.on_question(now, hotkey=True)

    def due(self, now: float) -> Switch | None:
        """The switch back when a hold is over (call it when `until` passes)."""
        if self.home is not None and now >= self.until:
            return self._back()
        return None

    # --- OBS ----------------------------------------------------------------------------

    def obs_scene_changed(self, scene: str) -> None:
        """OBS reports its program scene; a change LiveDesk did not make ends any hold."""
        self.current = scene
        if self.home is not None and self.held is not None and scene != self.held.scene:
            self._clear()

    def switch_failed(self, switch: Switch) -> None:
        """The switch could not be made (a missing scene, OBS gone): hold nothing."""
        del switch  # either way (to a rule's scene or back), nothing is held afterwards
        self._clear()

    @property
    def holding(self) -> bool:
        return self.home is not None

    # --- internals ----------------------------------------------------------------------

    def _usable(self, trigger: Trigger) -> list[SceneRule]:
        return [r for r in self.rules if r.enabled and r.trigger == trigger and not r.problem()]

    def _hold(
        self,
        rule: SceneRule,
        why: Literal["gift", "question", "hotkey"],
        now: float,
        diamonds: int = 0,
    ) -> Switch | None:
        if self.home is not None:
            if self.held is None or rule.scene != self.held.scene:
                return None  # another switch holds the scene: first come, first served
            self.until = min(max(self.until, now + rule.hold_s), self._first + MAX_HOLD_S)
            return None  # already there: held longer
        if rule.scene == self.current:
            return None  # already on that scene by the creator's choice: nothing to undo later
        self.home = self.current
        self.held = rule
        self._first = now
        self.until = now + rule.hold_s
        self.current = rule.scene
        return Switch(rule.scene, why, rule, diamonds)

    def _back(self) -> Switch | None:
        home = self.home
        self._clear()
        if not home or home == self.current:
            return None
        self.current = home
        return Switch(home, "back")

    def _clear(self) -> None:
        self.home = None
        self.held = None
        self.until = 0.0
