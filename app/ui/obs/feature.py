"""ObsFeature: the console's side of OBS: the link, its health, stream ↔ live, scene rules."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.client.tokens import KeyringUnavailable, TokenVault
from app.core.alerts import is_fresh
from app.obs.connection import ObsAddress, ObsRequestError, ObsStatus, ObsUnavailable, probe
from app.obs.health import HealthMeter, ObsHealth, sample
from app.obs.link import ObsLink
from app.obs.overlaysources import BrowserSource, add_to_obs
from app.obs.requests import InputKindMissing, NameTaken, SceneMissing, scene_names, switch_scene
from app.obs.scenerules import SceneDirector, SceneRule, Switch, decode_rules, encode_rules
from app.protocol.frames import Event, Ready
from app.protocol.payloads import GiftStreakEnded, LiveEnded, LiveStarted, OnCameraChanged
from app.ui import formatting
from app.ui.figures import format_diamonds
from app.ui.settings import ConsoleSettings
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

POLL_MS = 2000
STARTING = "OBS_WEBSOCKET_OUTPUT_STARTING"
STARTED = "OBS_WEBSOCKET_OUTPUT_STARTED"
OUTPUT_RUNNING = 500  # StartStream while it runs: nothing to do
FEED_LINES = 50
KEYRING_SERVICE = "LiveDesk OBS"


def password_key(host: str, port: int) -> str:
    """The keyring entry of one OBS's WebSocket password."""
    return f"obs-websocket@{host}:{port}"


class ObsFeature(QObject):
    """Keeps the link while enabled, polls health, runs scene rules, links Go live to OBS."""

    status_changed = Signal(object)  # ObsStatus
    health_changed = Signal(object)  # ObsHealth
    feed_changed = Signal()  # a scene switch or a rule's problem was added to `feed`
    offer_changed = Signal(bool)  # OBS streams while LiveDesk is not live: offer Go live
    problem = Signal(str)  # something the creator should see in the session bar

    def __init__(
        self,
        settings: ConsoleSettings,
        *,
        vault: TokenVault | None = None,
        queue_size: Callable[[], int] = lambda: 0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.vault = vault or TokenVault(KEYRING_SERVICE)
        self.live = False  # LiveDesk's own live, from the backend's events
        self.obs_streaming = False  # OBS's stream output, from its events and polls
        self.queue_size = queue_size
        self.clock = clock
        self.password = ""
        self.keyring_problem = ""
        self.health = ObsHealth()
        self.feed: list[tuple[datetime, str]] = []  # newest last
        self.offering = False
        self.link = ObsLink(self.address(), on_status=self._status, on_event=self._event)
        self.director = SceneDirector(self.rules())
        self._meter = HealthMeter()
        self._tasks = BackgroundTasks("OBS")
        self._polling = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._start_poll)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.timeout.connect(self._hold_over)
        settings.changed.connect(self._setting_changed)

    # --- settings ---------------------------------------------------------------------

    def address(self, password: str | None = None) -> ObsAddress:
        return ObsAddress(
            str(self.settings.get("obs_host")).strip() or "127.0.0.1",
            int(self.settings.get("obs_port")),
            self.password if password is None else password,
        )

    def rules(self) -> list[SceneRule]:
        return decode_rules(str(self.settings.get("obs_scene_rules")))

    def set_rules(self, rules: list[SceneRule]) -> None:
        self.settings.set("obs_scene_rules", encode_rules(rules))

    @property
    def enabled(self) -> bool:
        return bool(self.settings.get("obs_enabled"))

    async def load_password(self) -> None:
        """Read the password from the keyring (off the GUI thread, with a timeout)."""
        address = self.address()
        try:
            self.password = await self.vault.aget(password_key(address.host, address.port)) or ""
            self.keyring_problem = ""
        except KeyringUnavailable:
            self.password = ""
            self.keyring_problem = self.tr(
                "The OBS password could not be read: the system keyring is missing, locked or "
                "not answering. Unlock it, or type the password in Settings again."
            )
        self.link.set_address(self.address())

    async def save(self, host: str, port: int, password: str, enabled: bool) -> str:
        """Keep the connection settings (the password in the keyring only) and reconnect.
        Returns a problem to show, or ""."""
        self.settings.set("obs_host", host.strip() or "127.0.0.1")
        self.settings.set("obs_port", int(port))
        problem = ""
        try:
            key = self._key()
            if password:
                await self.vault.aset(key, password)
            else:
                await self.vault.adelete(key)
        except (KeyringUnavailable, ValueError):
            # Still used until LiveDesk closes; never written anywhere else.
            problem = self.tr(
                "The OBS password could not be kept in the system keyring (missing, locked or "
                "not answering), so LiveDesk forgets it when it closes. It never writes it to "
                "a file."
            )
        self.password = password
        self.keyring_problem = problem
        self.settings.set("obs_enabled", bool(enabled))
        self.link.set_address(self.address())
        self._apply_enabled()
        return problem

    def _key(self) -> str:
        address = self.address()
        return password_key(address.host, address.port)

    async def test(self, host: str, port: int, password: str) -> ObsStatus:
        """The Settings "Test" button: one connection to what is typed, not yet saved."""
        return await probe(ObsAddress(host.strip() or "127.0.0.1", int(port), password))

    # --- life cycle -------------------------------------------------------------------

    async def start(self) -> None:
        await self.load_password()
        self._apply_enabled()

    async def close(self) -> None:
        self._poll.stop()
        self._back.stop()
        tasks = list(self._tasks)
        self._tasks.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.link.stop()

    def _apply_enabled(self) -> None:
        if self.enabled:
            self.link.start()
        elif self.link.running:
            self.spawn(self.link.stop())

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Future[Any]:
        """Run OBS work in the background (its panels and settings use this too)."""
        return self._tasks.spawn(coro)

    # --- the link's reports -----------------------------------------------------------

    def _status(self, status: ObsStatus) -> None:
        if status.connected:
            self._meter = HealthMeter()
            self._poll.start()
            self._start_poll()
            self.spawn(self._read_scene())
        else:
            self._poll.stop()
            self.health = ObsHealth()
            self.health_changed.emit(self.health)
            self._set_offer(False)
        self.status_changed.emit(status)

    async def _read_scene(self) -> None:
        try:
            data = await self.link.call("GetCurrentProgramScene")
        except ObsUnavailable:
            return
        self.director.obs_scene_changed(str(data.get("currentProgramSceneName", "")))

    def _event(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "CurrentProgramSceneChanged":
            self.director.obs_scene_changed(str(data.get("sceneName", "")))
            if not self.director.holding:
                self._back.stop()
        elif kind == "StreamStateChanged":
            state = str(data.get("outputState", ""))
            self.obs_streaming = state in (STARTING, STARTED) or bool(data.get("outputActive"))
            self._set_offer(state == STARTED and not self.live)
            self._start_poll()
        elif kind == "RecordStateChanged":
            self._start_poll()

    def _start_poll(self) -> None:
        if not self._polling and self.link.connected:
            self._polling = True
            self.spawn(self._poll_once())

    async def _poll_once(self) -> None:
        try:
            health = self._meter.update(*await sample(self.link), now=self.clock())
        except ObsUnavailable:
            return  # the link reports the state; the next poll tries again
        finally:
            self._polling = False
        was_dropping = self.health.dropping
        self.health = health
        self.obs_streaming = health.streaming
        self.health_changed.emit(health)
        if health.dropping and not was_dropping:
            self.problem.emit(
                self.tr("OBS is dropping frames ({0}): check your upload and encoder.").format(
                    formatting.percent(health.dropped_pct / 100, 1)
                )
            )

    # --- Go live / End live ↔ the OBS stream ------------------------------------------

    @property
    def links_live(self) -> bool:
        return bool(self.settings.get("obs_link_live"))

    def _set_offer(self, offer: bool) -> None:
        if offer != self.offering:
            self.offering = offer
            self.offer_changed.emit(offer)

    def on_events(self, events: list[Event]) -> None:
        now_ms = int(time.time() * 1000)
        for event in events:
            data = event.data
            fresh = is_fresh(event.ts, now_ms)
            if isinstance(data, LiveStarted):
                self.live = True
                self._set_offer(False)
                if fresh and self.links_live and not self.obs_streaming:
                    self.spawn(self._output("StartStream"))
            elif isinstance(data, LiveEnded):
                self.live = False
                if fresh and self.links_live and self.obs_streaming:
                    self.spawn(self._output("StopStream"))
            elif isinstance(data, GiftStreakEnded) and fresh:
                self._run(self.director.on_gift(data.diamonds_total, self.clock()), data)
            elif isinstance(data, OnCameraChanged) and fresh:
                if data.status == "queued":
                    self._run(self.director.on_question(self.clock()))
                else:
                    self._run(self.director.on_answered(self.queue_size() == 0))

    def on_ready(self, ready: Ready) -> None:
        self.live = ready.snapshot.live is not None
        if self.live:
            self._set_offer(False)

    async def _output(self, request: str) -> None:
        try:
            await self.link.call(request)
        except ObsUnavailable:
            self.problem.emit(self.tr("OBS is not connected: start or stop its stream there."))
        except ObsRequestError as exc:
            if exc.code != OUTPUT_RUNNING and exc.code != OUTPUT_RUNNING + 1:
                self.problem.emit(self.tr("OBS did not do it: {0}").format(exc.comment))
        self._start_poll()

    # --- scene rules ------------------------------------------------------------------

    def toggle_question(self) -> None:
        """The hotkey: the question scene, or back from it."""
        if not self.link.connected:
            self.problem.emit(self.tr("OBS is not connected: no scene switch."))
            return
        self._run(self.director.toggle_question(self.clock()))

    def _run(self, switch: Switch | None, gift: GiftStreakEnded | None = None) -> None:
        if switch is None:
            return
        if not self.link.connected:
            self.director.switch_failed(switch)
            return
        self.spawn(self._switch(switch, gift))

    async def _switch(self, switch: Switch, gift: GiftStreakEnded | None) -> None:
        try:
            await switch_scene(self.link, switch.scene)
        except SceneMissing:
            self.director.switch_failed(switch)
            self._back.stop()
            text = self.tr(
                "OBS has no scene “{0}”: the rule “{1}” did not switch. Rename the scene in "
                "OBS or change the rule in Settings."
            ).format(switch.scene, self.describe_rule(switch.rule))
            self.add_feed(text)
            self.problem.emit(text)
            return
        except Exception as exc:  # OBS gone mid-call, or refused
            self.director.switch_failed(switch)
            self._back.stop()
            self.add_feed(self.tr("No switch to “{0}”: {1}").format(switch.scene, exc))
            return
        if switch.why == "back":
            self._back.stop()
            self.add_feed(self.tr("OBS back to “{0}”").format(switch.scene))
            return
        if switch.why == "gift" and gift is not None:
            diamonds = format_diamonds(switch.diamonds)
            why = self.tr("{0}'s gift of {1} 💎").format(gift.user.name, diamonds)
        elif switch.why == "hotkey":
            why = self.tr("hotkey")
        else:
            why = self.tr("on-camera question")
        self.add_feed(self.tr("OBS → “{0}” ({1})").format(switch.scene, why))
        self._schedule_back()

    def _schedule_back(self) -> None:
        if self.director.holding:
            left = max(0.0, self.director.until - self.clock())
            self._back.start(int(left * 1000) + 1)

    def _hold_over(self) -> None:
        switch = self.director.due(self.clock())
        if switch is None:
            self._schedule_back()  # extended meanwhile
        else:
            self._run(switch)

    def describe_rule(self, rule: SceneRule | None) -> str:
        if rule is None:
            return ""
        if rule.trigger == "gift":
            return self.tr("gift ≥ {0} 💎 → {1} for {2} s").format(
                format_diamonds(rule.min_diamonds), rule.scene, rule.hold_s
            )
        return self.tr("question → {0}").format(rule.scene)

    def add_feed(self, text: str) -> None:
        self.feed.append((datetime.now(), text))
        del self.feed[:-FEED_LINES]
        self.feed_changed.emit()

    def _setting_changed(self, key: str) -> None:
        if key == "obs_scene_rules":
            self.director.set_rules(self.rules())

    async def scene_names(self) -> list[str]:
        return await scene_names(self.link)

    # --- Add to OBS -------------------------------------------------------------------

    async def add_overlay(self, sources: list[BrowserSource]) -> tuple[bool, str]:
        """Create or update the overlay pages as Browser Sources; (done, what to say)."""
        if not self.link.connected:
            return False, self.tr(
                "OBS is not connected. Turn on OBS in Settings and start OBS first."
            )
        try:
            result = await add_to_obs(self.link, sources)
        except InputKindMissing:
            return False, self.tr(
                "This OBS has no Browser Source, so the overlay pages cannot be added. "
                "Install an OBS Studio that includes it (obs-browser): the build from "
                "obsproject.com or Flathub (com.obsproject.Studio). Debian's obs-studio "
                "package leaves it out."
            )
        except NameTaken as exc:
            return False, self.tr(
                "OBS already has a source named “{0}” that is not a Browser Source. "
                "Rename it in OBS, then try again."
            ).format(exc.name)
        except SceneMissing as exc:
            return False, self.tr("OBS has no scene “{0}”.").format(exc.scene)
        except Exception as exc:
            return False, self.tr("OBS did not take the overlay pages: {0}").format(exc)
        created = sum(1 for v in result.done.values() if v == "created")
        updated = len(result.done) - created
        return True, self.tr("Scene “{0}”: {1} sources added, {2} updated.").format(
            result.scene, created, updated
        )
