"""AlertsFeature: gift and membership events in, the alert queue, sounds and the area out."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.alerts import AlertQueue, AlertRules, AlertStart, is_fresh
from app.core.giftfeed import SessionFeed
from app.core.livetotals import LiveTotals
from app.protocol.frames import Event, Ready
from app.protocol.payloads import (
    GiftStreakEnded,
    GiftStreakUpdate,
    LiveEnded,
    LiveStarted,
    MemberJoined,
)
from app.ui import formatting
from app.ui.alerts.area import AlertArea
from app.ui.alerts.card import CardState
from app.ui.alerts.feedview import FeedModel
from app.ui.alerts.sound import AlertSound
from app.ui.figures import format_diamonds
from app.ui.settings import ConsoleSettings
from app.ui.tasks import BackgroundTasks

_FRAME_MS = 100  # the card's time-left line moves at 10 Hz at least while an alert plays
_RIDE_MS = 40  # and on a frame the window paints anyway, if it last moved this long ago
_LISTS_MS = 200  # feed, summary and top gifters redraw at most 5 times a second
BEHIND_SHOWN_S = 5  # the status line says how far behind the live alerts are from here on


def rules_from_settings(settings: ConsoleSettings, base: AlertRules | None = None) -> AlertRules:
    base = base or AlertRules()
    return replace(
        base,
        min_diamonds=max(0, int(settings.get("alert_min_diamonds"))),
        duration_s=float(min(max(int(settings.get("alert_duration_s")), 1), 60)),
    )


class AlertsFeature(QObject):
    """Owns the queue, the session feed and the sound; the area only shows their state."""

    alert_started = Signal(object)  # AlertStart
    big_alert = Signal()  # a gift of the biggest band started: worth a taskbar flash
    changed = Signal()  # the queue moved or the session's lists changed (the stream overlay)

    def __init__(
        self,
        settings: ConsoleSettings,
        sound: AlertSound,
        *,
        show_money: bool = True,
        totals: LiveTotals | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_ms: Callable[[], int] = lambda: int(time.time() * 1000),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.sound = sound
        self.show_money = show_money
        self._wall_ms = wall_ms
        self.queue = AlertQueue(rules_from_settings(settings), clock)
        self.feed = SessionFeed()
        # The live's totals for the summary: the console's (fed from the server's snapshot
        # and events, shared with the session bar); a feature on its own keeps its own.
        self.totals = totals if totals is not None else LiveTotals()
        self._feeds_totals = totals is None
        self.model = FeedModel(self.feed, self)
        self.area = AlertArea(self.model)
        self.tasks = BackgroundTasks("alerts")  # background loads

        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self.pump)
        self._frame = QTimer(self)
        self._frame.setInterval(_FRAME_MS)
        self._frame.timeout.connect(self._show_card)
        self._closed = False  # the window closed: events that still arrive change nothing
        self._lists = QTimer(self)
        self._lists.setSingleShot(True)
        self._lists.setInterval(_LISTS_MS)
        self._lists.timeout.connect(self._show_lists)
        self._status_said: tuple[object, ...] | None = None  # what the status line says

        stage = self.area.stage
        stage.pause_clicked.connect(self.toggle_pause)
        stage.skip_clicked.connect(self.skip)
        stage.replay_clicked.connect(self.replay)
        stage.mute_toggled.connect(lambda muted: settings.set("sound", not muted))
        stage.volume_changed.connect(lambda v: settings.set("alert_volume", int(v)))
        stage.popout_clicked.connect(self.toggle_popout)
        self.area.bring_back_clicked.connect(self.bring_back)
        self.area.replay_item.connect(self.replay)
        sound.availability_changed.connect(self._show_sound)
        settings.changed.connect(self._setting_changed)
        self._apply_sound_settings()
        self._show_sound()
        self._show_card()
        self._show_lists()

    # --- events -----------------------------------------------------------------------

    def on_events(self, events: list[Event]) -> None:
        if self._closed:
            return
        now_ms = self._wall_ms()
        changed = False
        for event in events:
            data = event.data
            if isinstance(data, GiftStreakUpdate):
                self.queue.on_streak(data, fresh=is_fresh(event.ts, now_ms))
                self.feed.on_streak(data, event.ts)
            elif isinstance(data, GiftStreakEnded):
                self.queue.on_gift_end(data, fresh=is_fresh(event.ts, now_ms))
                self.feed.on_gift_end(data, event.ts)
            elif isinstance(data, MemberJoined):
                alert_id = f"member:{event.id}"
                self.queue.on_member(alert_id, data, fresh=is_fresh(event.ts, now_ms))
                self.feed.on_member(alert_id, data, event.ts)
            elif isinstance(data, LiveStarted):
                self.queue.reset()  # nothing from before plays into the new live
                self.feed.start_session(data.session_id, data.started_ms)
            elif isinstance(data, LiveEnded):
                self.queue.reset()
            else:
                continue
            changed = True
        if self._feeds_totals and self.totals.apply(events):
            changed = True
        if changed:
            self.pump()
            self._schedule_lists()

    def on_ready(self, ready: Ready) -> None:
        live = ready.snapshot.live
        if self._feeds_totals:
            self.totals.on_ready(live, ready.heads)
            self._schedule_lists()
        if live is not None:
            self.feed.start_session(live.session_id, live.started_ms)
            self._schedule_lists()

    # --- playing ----------------------------------------------------------------------

    def pump(self) -> None:
        """Let the queue move on, sound what started, and wake up when it next has to."""
        if self._closed:
            return
        for start in self.queue.advance():
            self._started(start)
        self._show_card()
        wait_s = self.queue.wait_s()
        if wait_s is None:
            self._deadline.stop()
        else:
            self._deadline.start(int(wait_s * 1000) + 1)
        if self.queue.current is not None and not self.queue.paused:
            if not self._frame.isActive():
                self._frame.start()
        else:
            self._frame.stop()
        self.changed.emit()

    def ride_frame(self, *_args: object) -> None:
        """The window paints now anyway (a chat pane took new lines): move the time-left
        line in that frame, not in one of its own, and count the next tick from here. At a
        trickle of chat this saves about half of the ticks' frames (each costs a wake-up, a
        paint and a flush), and the line moves more often, not less."""
        if self._frame.isActive() and self._frame.remainingTime() <= _FRAME_MS - _RIDE_MS:
            self._frame.start()
            self._show_card()

    def _started(self, start: AlertStart) -> None:
        # The one sound of an alert: when it starts, never on a streak's updates.
        self.sound.play(start.variation.sound, start.variation.volume)
        self.alert_started.emit(start)
        if start.variation.name == "big":
            self.big_alert.emit()

    # --- the creator's controls -------------------------------------------------------

    def toggle_pause(self) -> None:
        if self.queue.paused:
            self.queue.resume()
        else:
            self.queue.pause()
        self.area.stage.set_paused(self.queue.paused)
        self.pump()

    def skip(self) -> None:
        self.queue.skip()
        self.pump()

    def replay(self, alert_id: str | None = None) -> None:
        if self.queue.replay(alert_id or None):
            self.pump()

    def toggle_mute(self) -> None:
        self.settings.set("sound", not bool(self.settings.get("sound")))

    def toggle_popout(self) -> None:
        if self.area.popped_out:
            self.bring_back()
        else:
            self.area.pop_out(self.settings.layout_blob("alerts_window"))
            self.settings.set_layout_flag("alerts_popped_out", True)

    def bring_back(self) -> None:
        if self.area.popped_out:
            self.settings.set_layout_blob("alerts_window", self.area.window_.saveGeometry())
        self.area.bring_back()
        self.settings.set_layout_flag("alerts_popped_out", False)

    def close(self) -> None:
        """Stop timers and sound; remember where the pop-out window was."""
        self._closed = True
        for timer in (self._deadline, self._frame, self._lists):
            timer.stop()
        if self.area.popped_out:
            self.settings.set_layout_blob("alerts_window", self.area.window_.saveGeometry())
            self.area.window_.hide()
        self.sound.close()

    # --- showing ----------------------------------------------------------------------

    def _show_card(self) -> None:
        q = self.queue
        playing = q.current
        if playing is None:
            state = CardState(
                paused=q.paused, waiting=len(q.pending), min_diamonds=q.rules.min_diamonds
            )
        else:
            state = CardState(
                alert=playing.alert,
                variation=q.rules.variation_for(playing.alert).name,
                left=q.left_fraction(),
                paused=q.paused,
                replay=playing.replay,
                waiting=len(q.pending),
                min_diamonds=q.rules.min_diamonds,
            )
        self.area.set_card_state(state)
        # Rebuilt only when what it says changed: the card ticks at 10 Hz while an alert plays.
        behind = round(q.behind_s())
        said = (
            q.paused,
            len(q.pending),
            behind if behind >= BEHIND_SHOWN_S else 0,
            q.rules.min_diamonds,
            q.stats.dropped,
        )
        if said != self._status_said:
            self._status_said = said
            self.area.stage.status.setText(self._status_text())

    def _status_text(self) -> str:
        q = self.queue
        parts = []
        if q.paused:
            parts.append(self.tr("Paused"))
        if q.pending:
            parts.append(self.tr("%Ln waiting", "", len(q.pending)))
        behind = round(q.behind_s())
        if behind >= BEHIND_SHOWN_S:
            parts.append(self.tr("%Ln s behind", "", behind))
        parts.append(self.tr("pop-up from {0} 💎").format(formatting.number(q.rules.min_diamonds)))
        if q.stats.dropped:
            parts.append(self.tr("%Ln small one(s) only in the feed", "", q.stats.dropped))
        return " · ".join(parts)

    def refresh_lists(self) -> None:
        """Redraw feed, summary and top gifters soon (coalesced)."""
        self._schedule_lists()

    def _schedule_lists(self) -> None:
        if not self._closed and not self._lists.isActive():
            self._lists.start()

    def _show_lists(self) -> None:
        self.model.refresh()
        feed = self.feed
        self.area.set_feed_empty(not feed.items)
        totals = self.totals
        parts = []
        if self.show_money:
            parts.append(f"💎 {format_diamonds(totals.diamonds)}")
        parts.append(self.tr("%Ln gift(s)", "", totals.gifts))
        parts.append(self.tr("%Ln new member(s)", "", totals.new_members))
        if totals.renewals:
            parts.append(self.tr("%Ln renewal(s)", "", totals.renewals))
        self.area.set_summary(" · ".join(parts))
        if totals.started_ms is not None:
            since = formatting.time_of_day(totals.started_ms)
            self.area.session_title.setText(self.tr("This live · since {0}").format(since))
        else:
            self.area.session_title.setText(self.tr("Since the console started"))
        self.area.set_top_gifters(feed.top_gifters(3), self.show_money)
        self.changed.emit()

    def _show_sound(self) -> None:
        self.area.stage.set_sound_problem(self.sound.problem)

    # --- settings ---------------------------------------------------------------------

    def _apply_sound_settings(self) -> None:
        muted = not bool(self.settings.get("sound"))
        volume = int(self.settings.get("alert_volume"))
        self.sound.muted = muted
        self.sound.set_volume(volume)
        self.area.stage.set_muted(muted)
        self.area.stage.set_volume(volume)

    def _setting_changed(self, key: str) -> None:
        if key in ("sound", "alert_volume"):
            self._apply_sound_settings()
        elif key in ("alert_min_diamonds", "alert_duration_s"):
            self.queue.set_rules(rules_from_settings(self.settings, self.queue.rules))
            self.pump()
