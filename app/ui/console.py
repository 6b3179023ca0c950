"""The console controller: feeds sync-client events to the panes and pane actions to the server."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

from app.client.state import CommandResult, ConnectionState
from app.client.storethread import StoreThread
from app.client.sync import SyncClient
from app.core.historyquery import HistoryQuery
from app.core.livetotals import LiveTotals
from app.protocol.frames import Event, Ready
from app.protocol.payloads import (
    BanUser,
    ChatMessage,
    CommandData,
    DeleteMessage,
    EndLive,
    LiveEnded,
    LiveStarted,
    MarkAnswered,
    MemberJoined,
    MessageDeleted,
    MessagePinned,
    MessageUnpinned,
    OnCameraChanged,
    PinMessage,
    QueueOnCamera,
    RoomModeChanged,
    SendMessage,
    StartLive,
    TimeoutUser,
    UnpinMessage,
    UserRef,
    ViewerCount,
)
from app.store.localstore import LocalStore, StoreError
from app.ui.chat.model import ChatLine
from app.ui.chat.pane import ChatPane
from app.ui.historysearch import HistorySearchPage
from app.ui.mainwindow import ConsoleWindow
from app.ui.reconnectnote import ReconnectNotes
from app.ui.settings import ConsoleSettings
from app.ui.storeservice import StoreService
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

# The longest wait between reconnect attempts. On stream, a console that stays dark for more
# than a few seconds looks broken to the creator, and one refused attempt every 5 s costs a
# server nothing (a creator has one or two consoles, not a crowd that needs spreading out).
RECONNECT_WAIT_CAP_S = 5.0


def action_name(cmd: CommandData) -> str:
    """A console action in the creator's words, for "… did not work"."""
    names: dict[type, object] = {
        StartLive: QT_TRANSLATE_NOOP("Console", "Going live"),
        EndLive: QT_TRANSLATE_NOOP("Console", "Ending the live"),
        MarkAnswered: QT_TRANSLATE_NOOP("Console", "Marking the question answered"),
        DeleteMessage: QT_TRANSLATE_NOOP("Console", "Deleting the message"),
        PinMessage: QT_TRANSLATE_NOOP("Console", "Pinning the message"),
        UnpinMessage: QT_TRANSLATE_NOOP("Console", "Unpinning"),
        TimeoutUser: QT_TRANSLATE_NOOP("Console", "The timeout"),
        BanUser: QT_TRANSLATE_NOOP("Console", "The ban"),
        QueueOnCamera: QT_TRANSLATE_NOOP("Console", "Queueing for the camera"),
    }
    name = names.get(type(cmd), QT_TRANSLATE_NOOP("Console", "That action"))
    return QCoreApplication.translate("Console", str(name))


class Console(QObject):
    """Owns the store and the sync client of one signed-in account and drives one window."""

    ready = Signal()
    failed = Signal(str)
    totals_changed = Signal()  # live_totals changed (the session bar and the alerts read it)

    def __init__(
        self,
        settings: ConsoleSettings,
        *,
        url: str,
        token: str,
        store: LocalStore,
        demo: bool = False,
        role: str = "creator",
        client_options: dict[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.demo = demo
        self.me: UserRef | None = None
        self._pending: dict[str, str] = {}  # rid of an own message -> room
        self._actions: dict[str, str] = {}  # rid of an own action -> what it was, in words
        # The live's totals: one owner, fed from the server's snapshot and events.
        self.live_totals = LiveTotals()
        # Every store call of the console, its features and its sync client: one thread.
        self.store_service = StoreService(store, StoreThread())
        self.tasks = BackgroundTasks("console")
        self._unreadable = 0  # events skipped because this version cannot read them

        scrollback = int(settings.get("scrollback"))
        self.public_pane = ChatPane(room="public", below=False, max_rows=scrollback)
        self.below_pane = ChatPane(room="below", below=True, max_rows=scrollback)
        self.window = ConsoleWindow(self.public_pane, self.below_pane, settings, role=role)
        self.window.session_bar.set_demo(demo)
        self.window.session_bar.diamonds.setVisible(role == "creator")
        self.panes = {"public": self.public_pane, "below": self.below_pane}
        self.history = HistorySearchPage(
            self._search_history,
            # A found message with the lines around it in its session, read on the store thread.
            lambda message: self.store_service.read(lambda s: s.message_context(message)),
        )
        self.window.add_page(self.history, self.tr("History"))
        self.window.add_menu_action(
            self.tr("Search chat history"), "Ctrl+Shift+F", self._show_history
        )
        self._wire()
        self._apply_font_size()
        self._apply_hover_pause()
        settings.changed.connect(self._on_setting_changed)

        self.client = SyncClient(
            url,
            token,
            store,
            on_events=self._on_events,
            on_state=self._on_state,
            on_result=self._on_result,
            on_gap=self._on_gap,
            on_ready=self._on_ready,
            on_unreadable=self._on_unreadable,
            client_name="livedesk-console",
            store_thread=self.store_service.thread,
            **{"backoff_max_s": RECONNECT_WAIT_CAP_S, **(client_options or {})},
        )
        self.window.session_bar.reconnect_requested.connect(self.client.reconnect_now)
        self.reconnect_notes = ReconnectNotes(
            lambda room, line: self.panes[room].push_lines([line]),
            self.client.wait_caught_up,
            self.tasks.spawn,
        )
        # Features (alerts, inbox, earnings, ...) subscribe here; called with every new batch.
        self._listeners: list[Callable[[list[Event]], None]] = []
        self._chat_listeners: list[Callable[[list[Event]], None]] = []
        self._ready_listeners: list[Callable[[Ready], None]] = []
        self._closers: list[Callable[[], Coroutine[Any, Any, None]]] = []
        self._starters: list[Callable[[], Coroutine[Any, Any, None]]] = []
        self.add_event_listener(self.reconnect_notes.on_events, chat=True)
        self._handlers: dict[type, Callable[[Event, Any], None]] = {
            MessageDeleted: self._message_deleted,
            RoomModeChanged: self._room_mode,
            MessagePinned: self._pinned,
            MessageUnpinned: self._unpinned,
            ViewerCount: lambda _e, d: self.window.session_bar.set_viewers(d.count),
            LiveStarted: lambda _e, d: self.window.session_bar.set_live(d.started_ms),
            LiveEnded: lambda _e, _d: self.window.session_bar.set_live(None),
            MemberJoined: lambda _e, d: self.below_pane.set_member_count(d.member_count),
            OnCameraChanged: self._on_camera,
        }

    # --- extension points ------------------------------------------------------------------

    def add_event_listener(
        self, listener: Callable[[list[Event]], None], *, chat: bool = False
    ) -> None:
        """`listener(events)` gets each batch of new events, in order, after the panes.

        Chat messages are the panes' business and nearly all of the traffic: a listener gets
        them only with ``chat=True``; otherwise it sees the other events and is not called
        for a batch of chat alone.
        """
        (self._chat_listeners if chat else self._listeners).append(listener)

    def add_ready_listener(self, listener: Callable[[Ready], None]) -> None:
        """`listener(ready)` after every (re)connect: account, snapshot."""
        self._ready_listeners.append(listener)

    def add_starter(self, starter: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """`await starter()` in `start()`, before connecting: a feature reads what it keeps in
        the local store (read marks, quick replies) before the first event can reach it."""
        self._starters.append(starter)

    def add_closer(self, closer: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """`await closer()` when the console stops, before the sync client: servers a feature
        runs (the stream overlay) close with the console."""
        self._closers.append(closer)

    @property
    def role(self) -> str:
        return self.window.role

    # --- life cycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Show stored history first, then connect (returns at once; events flow later)."""
        for room, pane in self.panes.items():
            try:
                stored = await self.store_service.read(
                    functools.partial(
                        LocalStore.messages_before, room=room, before_seq=None, limit=pane.max_rows
                    )
                )
            except StoreError as exc:  # a damaged store is the store's on_damage business
                log.error("could not load the stored chat of %s: %s", room, exc)
                continue
            pane.append_lines([ChatLine.from_stored(m) for m in stored])
        for starter in self._starters:
            try:
                await starter()
            except Exception:
                log.exception("a console feature did not start cleanly")
        await self.client.start()

    async def stop(self) -> None:
        for closer in self._closers:
            try:
                await closer()
            except Exception:
                log.exception("a console feature did not close cleanly")
        await self.client.stop()
        await self.store_service.drain()

    # --- wiring ---------------------------------------------------------------------------

    def _wire(self) -> None:
        bar = self.window.session_bar
        bar.go_live_requested.connect(lambda: self.act(StartLive(title="")))
        bar.end_live_requested.connect(lambda: self.act(EndLive()))
        self.window.oncamera.answered_requested.connect(
            lambda mid: self.act(MarkAnswered(message_id=mid))
        )
        for room, pane in self.panes.items():
            pane.send_requested.connect(lambda text, r=room: self.send_chat(r, text))
            # Delete, timeout and ban from the chat menu are moderation acts: the moderation
            # feature takes them on the path the user card uses (moderation/feature.py).
            pane.pin_requested.connect(lambda mid: self.act(PinMessage(message_id=mid)))
            pane.retry_requested.connect(self._retry)
            pane.unpin_requested.connect(lambda r: self.act(UnpinMessage(room=r)))
            pane.history_requested.connect(lambda seq, r=room: self._load_history(r, seq))
        self.below_pane.answer_on_camera_requested.connect(
            lambda mid: self.act(QueueOnCamera(message_id=mid))
        )

    # --- outbound: three verbs, each for one kind of command ---------------------------
    # - act(cmd): a button or menu entry of the console that nobody waits on (go live, pin,
    #   answered); sent at once or after reconnecting, a refusal is said in the session bar.
    # - send_chat(room, text): a chat line; it shows at once as pending, then sent or failed.
    # - client.request(cmd): a feature that shows the answer where it was asked (the user
    #   card, the inbox, earnings); awaited, with a timeout after which it still goes out.

    def act(self, cmd: CommandData) -> str:
        """Send one of the console's own actions; a refusal is shown in the session bar."""
        rid = self.client.send(cmd)
        self._actions[rid] = action_name(cmd)
        return rid

    def send_chat(self, room: str, text: str) -> None:
        text = text.strip()
        if not text:
            return
        # Before the first sign-in completes the line is "You"; it goes out once connected.
        me = self.me or UserRef(id="", name=self.tr("You"), badges=(self.role,))
        reply_to = self.panes[room].replying_to  # set while the pane emits send_requested
        rid = self.client.send(
            SendMessage(room=room, text=text, reply_to=reply_to)  # type: ignore[arg-type]
        )
        self._pending[rid] = room
        self.panes[room].append_lines([ChatLine.local_pending(rid, room, me, text)])

    def say_refused(self, action: str, message: str) -> None:
        """ "The ban did not work: reason" in the session bar (`action`: see action_name)."""
        problem = self.tr("{0} did not work: {1}").format(action, message)
        self.window.session_bar.show_problem(problem)

    def _retry(self, local_id: str) -> None:
        for room, pane in self.panes.items():
            line = pane.take_line(local_id)
            if line is not None:
                self.send_chat(room, line.text)
                return

    def _search_history(self, query: HistoryQuery, limit: int) -> asyncio.Future[list[Any]]:
        """Run a history search on the store thread; the future resolves on the Qt thread."""
        return self.store_service.read(
            lambda s: s.search_messages(
                query.text, room=query.room, user=query.user, badge=query.badge, limit=limit
            )
        )

    def _show_history(self) -> None:
        self.window.pages.setCurrentWidget(self.history)
        self.history.focus_query()

    def _load_history(self, room: str, before_seq: int) -> None:
        pane = self.panes[room]

        async def load() -> None:
            older = await self.store_service.read(
                lambda s: s.messages_before(room, before_seq, 200)
            )
            pane.prepend_history([ChatLine.from_stored(m) for m in older])

        self.tasks.spawn(load())

    def _apply_font_size(self) -> None:
        for pane in self.panes.values():
            pane.set_font_size(float(self.settings.get("font_size")))

    def _apply_hover_pause(self) -> None:
        for pane in self.panes.values():
            pane.view.set_hover_pause(float(self.settings.get("chat_hover_pause_s")))

    def _on_setting_changed(self, key: str) -> None:
        if key == "font_size":
            self._apply_font_size()
        elif key == "chat_hover_pause_s":
            self._apply_hover_pause()
        elif key == "scrollback":
            for pane in self.panes.values():
                pane.set_max_rows(int(self.settings.get("scrollback")))
        elif key == "theme":
            from app.ui.theme import apply_theme

            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, str(self.settings.get("theme")))

    # --- sync client callbacks (on the Qt thread: qasync runs asyncio there) ---------------

    def _on_ready(self, ready: Ready) -> None:
        account = ready.account
        badges = ("creator",) if account.role == "creator" else ("moderator",)
        self.me = UserRef(id=account.id, name=account.name, badges=badges)
        for pane in self.panes.values():
            pane.set_own_user_id(account.id)
        snap = ready.snapshot
        for room_state in snap.rooms:
            pane = self.panes[room_state.room]
            pane.set_modes(room_state.slow_mode_s, room_state.members_only)
            pane.set_pinned(room_state.pinned_text, room_state.pinned_user)
        self.below_pane.set_member_count(snap.member_count)
        self.window.oncamera.set_queue(snap.oncamera)
        bar = self.window.session_bar
        bar.set_viewers(snap.viewer_count)
        bar.set_can_go_live(account.role == "creator")
        bar.set_live(snap.live.started_ms if snap.live else None)
        self.live_totals.on_ready(snap.live, ready.heads)
        self._totals_changed()
        for listener in self._ready_listeners:
            listener(ready)
        self.reconnect_notes.on_ready()
        self.ready.emit()

    def _on_state(self, state: ConnectionState) -> None:
        self.window.session_bar.set_connection(state)
        self.reconnect_notes.on_state(state)
        if state.status == "failed":
            self.failed.emit(state.detail)

    def _on_gap(self, ch: str, from_seq: int, to_seq: int) -> None:
        if ch in self.panes:
            self.panes[ch].append_lines([ChatLine.gap_marker(ch, from_seq, to_seq)])

    def _on_unreadable(self, count: int, reason: str) -> None:
        """Events the client could not read were kept aside; sync went on past them."""
        self._unreadable += count  # one line in the session bar, counting them all
        text = self.tr("Unreadable events skipped: {0} (kept locally)").format(self._unreadable)
        self.window.session_bar.show_problem(text, 30.0)
        log.warning("skipped %d unreadable events, e.g.: %s", count, reason)

    def _on_result(self, result: CommandResult) -> None:
        room = self._pending.pop(result.rid, None)
        if room is None:
            action = self._actions.pop(result.rid, None)
            if not result.ok:
                log.warning("command %s refused: %s", result.rid, result.message)
                if action is not None:
                    self.say_refused(action, result.message)
            return
        pane = self.panes[room]
        if result.ok and result.result and "message_id" in result.result:
            pane.mark_sent(result.rid, str(result.result["message_id"]))
        elif not result.ok:
            pane.mark_failed(result.rid, result.message)

    def _on_events(self, events: list[Event]) -> None:
        lines: dict[str, list[ChatLine]] = {"public": [], "below": []}
        others: list[Event] = []
        for event in events:
            data = event.data
            if type(data) is ChatMessage:
                if event.rid is not None and event.rid in self._pending:
                    self._pending.pop(event.rid)
                    echo = ChatLine.from_event(event)
                    self.panes[data.room].mark_sent(event.rid, data.message_id, echo)
                    continue
                lines[data.room].append(ChatLine.from_event(event))
                continue
            others.append(event)
            handler = self._handlers.get(type(data))
            if handler is not None:
                handler(event, data)
        if others and self.live_totals.apply(others):
            self._totals_changed()
        for room, batch in lines.items():
            if batch:
                self.panes[room].push_lines(batch)
                if room == "below":
                    self.attention()
        self._notify(self._chat_listeners, events)
        if others:
            self._notify(self._listeners, others)

    @staticmethod
    def _notify(listeners: list[Callable[[list[Event]], None]], events: list[Event]) -> None:
        for listener in listeners:
            try:
                listener(events)
            except Exception:  # one broken feature must not starve the others
                log.exception("event listener %r failed", listener)

    # --- event handlers -------------------------------------------------------------------

    def _message_deleted(self, _event: Event, data: MessageDeleted) -> None:
        self.panes[data.room].mark_deleted(data.message_id)

    def _room_mode(self, _event: Event, data: RoomModeChanged) -> None:
        self.panes[data.room].set_modes(data.slow_mode_s, data.members_only)

    def _on_camera(self, _event: Event, data: OnCameraChanged) -> None:
        self.window.oncamera.apply(data)
        if data.status == "answered":
            # The line in Below Room shows it was answered; it cannot be queued again.
            self.below_pane.mark_answered(data.message_id)

    def _pinned(self, _event: Event, data: MessagePinned) -> None:
        self.panes[data.room].set_pinned(data.text, data.user.name)

    def _unpinned(self, _event: Event, data: MessageUnpinned) -> None:
        self.panes[data.room].set_pinned(None, None)

    def _totals_changed(self) -> None:
        self.window.session_bar.set_diamonds(self.live_totals.diamonds)
        self.totals_changed.emit()

    def attention(self) -> None:
        """Flash the taskbar entry when the window is not focused (no tray needed)."""
        if not self.window.isActiveWindow():
            QApplication.alert(self.window, 0)
