"""OverlayFeature: the in-app alert queue and session lists, published to the stream overlay."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import msgspec
from PySide6.QtCore import QLocale, QObject, Signal

from app.overlay.server import PAGES, OverlayServer, new_secret
from app.overlay.state import (
    OverlayFan,
    OverlayGoal,
    OverlayPinned,
    OverlayQuestion,
    OverlayState,
    build_state,
    qr_rows,
)
from app.protocol.frames import Event, Ready
from app.protocol.payloads import MessagePinned, MessageUnpinned, OnCameraChanged
from app.ui.alerts.feature import AlertsFeature
from app.ui.settings import ConsoleSettings
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

TOP_GIFTERS = 5
GOAL_KEYS = ("overlay_goal_title", "overlay_goal_diamonds")


def overlay_secret(settings: ConsoleSettings) -> str:
    """This install's overlay key, made on first use and kept in the settings file."""
    secret = str(settings.get("overlay_secret"))
    if len(secret) < 16:
        secret = new_secret()
        settings.set("overlay_secret", secret)
    return secret


class OverlayFeature(QObject):
    """Follows the alert feature: what plays in the app plays on stream (pause, skip, replay
    and the minimum value apply to both, since both read the same queue)."""

    status_changed = Signal()  # listening, port, a problem, viewers

    def __init__(
        self,
        settings: ConsoleSettings,
        alerts: AlertsFeature,
        server: OverlayServer,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.alerts = alerts
        self.server = server
        self.problem = ""  # why the overlay is not served, in words for the creator
        self._play = 0
        self._pinned: OverlayPinned | None = None
        self._fan: OverlayFan | None = None
        # The on-camera queue, oldest first: message id -> (name, question).
        self._questions: dict[str, tuple[str, str]] = {}
        self._last: OverlayState | None = None
        self.tasks = BackgroundTasks("stream overlay")
        self._starting: asyncio.Future[None] | None = None
        alerts.alert_started.connect(self._alert_started)
        alerts.changed.connect(self.publish)
        self.server.on_viewer = self._catch_up
        settings.changed.connect(self._setting_changed)

    # --- life cycle -------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on the configured port; a taken port is reported, never raised."""
        self.server.port = int(self.settings.get("overlay_port"))
        try:
            await self.server.start()
        except OSError as exc:
            self.problem = self.tr(
                "The stream overlay could not use port {0} ({1}). Choose another port."
            ).format(self.server.port, exc.strerror or exc)
            log.warning("stream overlay not started on port %s: %s", self.server.port, exc)
        else:
            self.problem = ""
            self.publish()
        self.status_changed.emit()

    def start_soon(self) -> None:
        """(Re)start in the background; the window never waits for the port."""
        if self._starting is None or self._starting.done():
            self._starting = self.tasks.spawn(self.restart())
        else:  # a port changed while starting: start once more after, on the newest port
            self._starting.add_done_callback(self._again)

    def _again(self, starting: asyncio.Future[None]) -> None:
        if not starting.cancelled():
            self.start_soon()

    async def close(self) -> None:
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._starting
        await self.server.close()

    async def restart(self) -> None:
        await self.server.close()
        await self.start()

    def url(self, page: str) -> str:
        return self.server.url(page)

    @staticmethod
    def page_size(page: str) -> tuple[int, int]:
        _, width, height = PAGES[page]
        return width, height

    def new_secret(self) -> None:
        """Old URLs stop working (403) and open pages are disconnected."""
        secret = new_secret()
        self.settings.set("overlay_secret", secret)
        self.server.set_secret(secret)
        self.status_changed.emit()

    # --- what the stream shows --------------------------------------------------------

    def on_events(self, events: list[Event]) -> None:
        changed = False
        for event in events:
            data = event.data
            # Below Room is for paying members: its pinned message never goes on stream.
            if isinstance(data, MessagePinned) and data.room == "public":
                self._pinned = OverlayPinned(data.user.name, data.text)
                changed = True
            elif isinstance(data, MessageUnpinned) and data.room == "public":
                self._pinned = None
                changed = True
            elif isinstance(data, OnCameraChanged):
                if data.status == "queued":
                    self._questions[data.message_id] = (data.user.name, data.text)
                else:
                    self._questions.pop(data.message_id, None)
                changed = True
        if changed:
            self.publish()

    def on_ready(self, ready: Ready) -> None:
        self._pinned = None
        for room in ready.snapshot.rooms:
            if room.room == "public" and room.pinned_text:
                self._pinned = OverlayPinned(room.pinned_user or "", room.pinned_text)
        self._questions = {q.message_id: (q.user.name, q.text) for q in ready.snapshot.oncamera}
        self.publish()

    def question(self) -> OverlayQuestion | None:
        """The question the creator answers now: the oldest queued one."""
        for name, text in self._questions.values():
            return OverlayQuestion(name, text, waiting=len(self._questions) - 1)
        return None

    def goal(self) -> OverlayGoal | None:
        target = int(self.settings.get("overlay_goal_diamonds"))
        if target <= 0:
            return None
        title = str(self.settings.get("overlay_goal_title")).strip()
        return OverlayGoal(title, target, self.alerts.totals.diamonds)

    def set_fan_link(self, url: str) -> None:
        """Show the fan page's link and QR code on the "fan" page."""
        self._fan = OverlayFan(url, qr_rows(url))
        self.publish()

    def state(self) -> OverlayState:
        state = build_state(
            self.alerts.queue,
            self._play,
            self.alerts.feed.top_gifters(TOP_GIFTERS),
            goal=self.goal(),
            pinned=self._pinned,
            labels=self._labels(),
            question=self.question(),
        )
        return msgspec.structs.replace(state, fan=self._fan)

    def publish(self) -> None:
        """Hand the state to the pages if it differs from what they have. With no page
        open, nothing is built (the alerts change it several times a second): the server
        asks for it as a page connects (`_catch_up`)."""
        if self.server.viewer_count:
            self._catch_up()

    def _catch_up(self) -> None:
        state = self.state()
        if state == self._last:
            return
        self._last = state
        self.server.publish(state)

    def _alert_started(self, _start: object) -> None:
        self._play += 1  # a new entrance on stream, also for a replay of the same alert

    def _labels(self) -> dict[str, str]:
        # Placeholders stay literal for the page to fill in: {gift}, {tier}, {months}.
        return {
            "sent": self.tr("sent {gift}"),
            "member_new": self.tr("is now a member · Tier {tier}"),
            "member_renewed": self.tr("renewed their membership · {months} months"),
            "top_title": self.tr("Top gifters"),
            "top_empty": self.tr("No gifts yet"),
            "goal_title": self.tr("Diamond goal"),
            # Numbers on stream are written as the console's language writes them.
            "locale": QLocale().bcp47Name(),
            "fan_title": self.tr("Join me: scan to chat"),
            "question_from": self.tr("{user} asks"),
            "question_waiting": self.tr("+{count} more"),
        }

    def _setting_changed(self, key: str) -> None:
        if key in GOAL_KEYS:
            self.publish()
        elif key == "overlay_port":
            self.start_soon()
