"""ModerationFeature: held queue, blocked terms, room modes, the log and user cards, wired to
the console's sync client. Widgets only show; every action goes to the server and comes back
as events, so every connected console (creator's and moderators') shows the same."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QRect, Signal
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from app.client.state import CommandResult
from app.core.moderation import HeldItem, HeldQueue, LogEntry, ModerationLog, UserStatusBook
from app.protocol.codec import convert_rows
from app.protocol.frames import Event, Ready
from app.protocol.payloads import (
    AuditEntry,
    BanUser,
    BlockedTerm,
    BlockedTermsChanged,
    CommandData,
    DeleteMessage,
    GetModeration,
    HeldResolved,
    MessageDeleted,
    MessageHeld,
    MessagePinned,
    MessageUnpinned,
    ResolveHeld,
    Room,
    RoomModeChanged,
    SetBlockedTerms,
    SetRoomMode,
    TimeoutUser,
    UnbanUser,
    UnpinMessage,
    UserBanned,
    UserTimedOut,
    UserUnbanned,
)
from app.ui import formatting
from app.ui.chat.model import ChatLine
from app.ui.console import Console, action_name
from app.ui.moderation.blockedterms import BlockedTermsEditor
from app.ui.moderation.describe import duration_text
from app.ui.moderation.heldpanel import HeldPanel
from app.ui.moderation.modlog import ModLogPanel
from app.ui.moderation.roomcontrols import RoomControlsPanel
from app.ui.moderation.usercard import CardSubject, UserCard
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

NOTE_KEY = "usernote:"  # + user id, in the account's local store (private to this computer)
STORED_LOG_EVENTS = 5000
CARD_MESSAGES = 30
CARD, BAR = "card", "bar"  # where a moderation act's answer is shown
REQUEST_TIMEOUT_S = 8.0
COLUMN_LAYOUT = "moderation_column"
_USER_EVENTS = (UserTimedOut, UserBanned, UserUnbanned)


class ModerationFeature(QObject):
    """Everything a moderator works with; `layouts.py` puts the widgets on screen."""

    held_count_changed = Signal(int)

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.console = console
        self.held = HeldQueue()
        self.log = ModerationLog()
        self.statuses = UserStatusBook()
        self.blocked_terms: list[str] = []
        self._names: dict[str, str] = {}  # account id -> name, to say who changed what
        self._racing: list[Event] | None = None  # events that arrive while moderation.get runs
        self.tasks = BackgroundTasks("moderation")
        self._closed = False
        self.page: QWidget | None = None  # the creator's "Moderation" page, if any
        self.column: QSplitter | None = None  # the moderator window's moderation column

        self.room_controls = RoomControlsPanel()
        self.held_panel = HeldPanel()
        self.terms_editor = BlockedTermsEditor()
        self.review = QTabWidget()
        self.review.setObjectName("reviewTabs")
        self.review.setDocumentMode(True)
        self.review.addTab(self.held_panel, "")
        self.review.addTab(self.terms_editor, self.tr("Blocked terms"))
        self.log_panel = ModLogPanel(self.log)
        self.card = UserCard(console.window)
        self._set_held_title()
        self._wire()
        console.add_event_listener(self._on_events)
        console.add_ready_listener(self._on_ready)
        console.window.closing.connect(self._window_closing)
        self.tasks.spawn(self._load_stored_log())

    # --- wiring ----------------------------------------------------------------------

    def _wire(self) -> None:
        for room, pane in self.console.panes.items():
            pane.line_clicked.connect(
                lambda line, pos, r=room: self.open_card_for_line(r, line, pos)
            )
            # The chat menu's acts take the user card's path; their answer goes to the bar.
            pane.delete_requested.connect(lambda mid: self.delete_message(mid, where=BAR))
            pane.timeout_requested.connect(
                lambda uid, secs: self.timeout_user(uid, secs, "", where=BAR)
            )
            pane.ban_requested.connect(lambda uid: self.ban_user(uid, "", where=BAR))
        for room, controls in self.room_controls.rooms.items():
            controls.mode_requested.connect(
                lambda slow, members, r=room: self.set_room_mode(r, slow, members)
            )
            controls.unpin_requested.connect(lambda r=room: self._unpin(r))
        self.held_panel.approve_requested.connect(lambda mid: self.resolve_held(mid, True))
        self.held_panel.remove_requested.connect(lambda mid: self.resolve_held(mid, False))
        self.held_panel.user_requested.connect(self._card_for_held)
        self.terms_editor.save_requested.connect(self.save_blocked_terms)
        self.log_panel.target_activated.connect(self._card_for_log_entry)
        card = self.card
        card.timeout_requested.connect(self.timeout_user)
        card.ban_requested.connect(self.ban_user)
        card.unban_requested.connect(self.unban_user)
        card.delete_requested.connect(self.delete_message)
        card.note_changed.connect(self.save_note)
        # The card belongs to the page it was opened on: it must not float over another tab.
        self._card_page: QWidget | None = None
        self.console.window.pages.currentChanged.connect(self._page_changed)

    # --- actions (each goes to the server; the result shows where it was asked) --------

    def set_room_mode(self, room: Room, slow_mode_s: int, members_only: int) -> None:
        cmd = SetRoomMode(
            room=room,
            slow_mode_s=None if slow_mode_s < 0 else slow_mode_s,
            members_only=None if members_only < 0 else bool(members_only),
        )
        self._request(cmd, on_error=self.room_controls.show_problem)
        self.room_controls.show_problem("")

    def _unpin(self, room: Room) -> None:
        self._request(UnpinMessage(room=room), on_error=self.room_controls.show_problem)

    def resolve_held(self, message_id: str, approve: bool) -> None:
        self._request(
            ResolveHeld(message_id=message_id, approve=approve),
            on_error=lambda text: self.held_panel.show_problem(message_id, text),
        )

    def save_blocked_terms(self, terms: list[str]) -> None:
        self._request(SetBlockedTerms(terms=tuple(terms)), on_error=self.terms_editor.show_problem)

    # One path for a moderation act on a user or a message, from the user card or the chat
    # menu alike: `where` says who hears the answer (the card, or the session bar).

    def timeout_user(self, user_id: str, seconds: int, reason: str, *, where: str = CARD) -> None:
        done = formatting.sentence(self.tr("Timed out for {0}.").format(duration_text(seconds)))
        cmd = TimeoutUser(user_id=user_id, seconds=seconds, reason=reason)
        self._moderate(cmd, done, where)

    def ban_user(self, user_id: str, reason: str, *, where: str = CARD) -> None:
        self._moderate(BanUser(user_id=user_id, reason=reason), self.tr("Banned."), where)

    def unban_user(self, user_id: str, *, where: str = CARD) -> None:
        self._moderate(UnbanUser(user_id=user_id), self.tr("Ban and timeout lifted."), where)

    def delete_message(self, message_id: str, *, where: str = CARD) -> None:
        self._moderate(DeleteMessage(message_id=message_id), self.tr("Message deleted."), where)

    def _moderate(self, cmd: CommandData, done: str, where: str) -> None:
        if where == BAR:
            action = action_name(cmd)
            # The bar says only a refusal; a slow answer is no news there (it still goes out).
            self._request(
                cmd,
                on_error=lambda text: self.console.say_refused(action, text),
                say_no_answer=False,
            )
            return
        card = self.card
        self._request(
            cmd,
            on_ok=lambda _r: card.set_feedback(done),
            on_error=lambda text: card.set_feedback(text, error=True),
        )

    def _request(
        self,
        cmd: CommandData,
        *,
        on_ok: Callable[[CommandResult], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        say_no_answer: bool = True,
    ) -> None:
        async def run() -> None:
            try:
                result = await self.console.client.request(cmd, REQUEST_TIMEOUT_S)
            except TimeoutError:
                if on_error is not None and say_no_answer and not self._closed:
                    on_error(self.tr("No answer from the server yet; it is sent when connected."))
                return
            if self._closed:
                return
            if result.ok:
                if on_ok is not None:
                    on_ok(result)
            elif on_error is not None:
                on_error(result.message or self.tr("The server refused this."))

        self.tasks.spawn(run())

    # --- user card -------------------------------------------------------------------

    def open_card_for_line(self, room: str, line: ChatLine, global_pos: QPoint) -> None:
        if line.pending or line.failed or not line.user_id:
            return
        pane = self.console.panes.get(room)
        subject = CardSubject(
            user_id=line.user_id,
            name=line.user_name,
            badges=tuple(line.badges),
            message_id=line.message_id,
            message_deleted=line.deleted,
        )
        self.open_card(subject, global_pos, pane)

    def _card_for_held(self, item: HeldItem) -> None:
        self.open_card(CardSubject(item.user.id, item.user.name, tuple(item.user.badges)), None)

    def _card_for_log_entry(self, entry: LogEntry) -> None:
        if entry.target_user_id:
            name = entry.target_name or entry.target_user_id
            self.open_card(CardSubject(entry.target_user_id, name), None)

    def open_card(
        self, subject: CardSubject, global_pos: QPoint | None, beside: QWidget | None = None
    ) -> None:
        window = self.console.window
        near = window.mapFromGlobal(global_pos) if global_pos is not None else None
        area = None
        if beside is not None and beside.window() is window:
            area = QRect(beside.mapTo(window, QPoint(0, 0)), beside.size())
        self._card_page = window.pages.currentWidget()
        self.card.show_user(subject, self.statuses.status(subject.user_id), near, area)
        self.tasks.spawn(self._fill_card(subject.user_id))

    def _page_changed(self) -> None:
        if (
            self.card.isVisible()
            and self.console.window.pages.currentWidget() is not self._card_page
        ):
            self.card.dismiss()

    async def _fill_card(self, user_id: str) -> None:
        store = self.console.store_service
        messages = await store.read(lambda s: s.search_messages(user=user_id, limit=CARD_MESSAGES))
        note = await store.read(lambda s: s.kv_get(NOTE_KEY + user_id))
        subject = self.card.subject
        if subject is not None and subject.user_id == user_id and not self._closed:
            self.card.set_messages(messages)
            self.card.set_note(user_id, note or "")

    def save_note(self, user_id: str, text: str) -> None:
        # Queued in order on the store thread: the console drains it before the store closes,
        # so a note typed while the window closes is kept (a failure is logged there).
        self.console.store_service.write(lambda s: s.kv_set(NOTE_KEY + user_id, text))

    async def note_of(self, user_id: str) -> str:
        return await self.console.store_service.read(lambda s: s.kv_get(NOTE_KEY + user_id)) or ""

    # --- what the server says --------------------------------------------------------

    def _on_ready(self, ready: Ready) -> None:
        self._names[ready.account.id] = ready.account.name
        for room_state in ready.snapshot.rooms:
            controls = self.room_controls.rooms[room_state.room]
            controls.set_state(room_state.slow_mode_s, room_state.members_only)
            controls.set_pinned(room_state.pinned_text, room_state.pinned_user)
        self._racing = []
        self.tasks.spawn(self._load_moderation_state())

    def _unreadable(self, reasons: list[str]) -> None:
        """Parts of the moderation state this version cannot read: left out (they stay on
        the server), every other part is shown; each reason is logged."""
        for reason in reasons:
            log.warning("moderation: %s", reason)
        text = self.tr(
            "Moderation entries the console could not read: {count} (kept on the server)"
        ).replace("{count}", str(len(reasons)))
        self.console.window.session_bar.show_problem(text, 30.0)

    async def _load_moderation_state(self) -> None:
        try:
            result = await self.console.client.request(GetModeration(), REQUEST_TIMEOUT_S)
        except TimeoutError:
            result = None
        racing, self._racing = self._racing or [], None
        if result is None or not result.ok or result.result is None or self._closed:
            log.warning("moderation state not loaded: %s", result.message if result else "timeout")
            return
        state = result.result
        refused = self.held.reset(state.get("held", []))
        refused += self.statuses.reset(state.get("bans", []), state.get("timeouts", []))
        for event in racing:  # newer than the answer, or already in it: applying is safe
            self.held.apply(event)
            self.statuses.apply(event)
        terms, bad_terms = convert_rows(state.get("blocked_terms", []), BlockedTerm)
        refused += [f"a blocked term: {reason}" for _term, reason in bad_terms]
        self.blocked_terms = terms
        if refused:
            self._unreadable(refused)
        self.terms_editor.set_terms(self.blocked_terms)
        self._held_changed()

    def _on_events(self, events: list[Event]) -> None:
        held_changed = log_changed = False
        for event in events:
            data = event.data
            if self._racing is not None:
                self._racing.append(event)
            if isinstance(data, MessageHeld | HeldResolved):
                held_changed |= self.held.apply(event)
            elif isinstance(data, AuditEntry):
                self._names[data.actor.id] = data.actor.name
                log_changed = True
            elif isinstance(data, BlockedTermsChanged):
                self.blocked_terms = list(data.terms)
                self.terms_editor.set_terms(self.blocked_terms, self._names.get(data.by, ""))
            elif isinstance(data, _USER_EVENTS):
                self.statuses.apply(event)
                self._refresh_card_status(data.user_id)
            elif isinstance(data, RoomModeChanged):
                self.room_controls.rooms[data.room].set_state(data.slow_mode_s, data.members_only)
            elif isinstance(data, MessagePinned):
                self.room_controls.rooms[data.room].set_pinned(data.text, data.user.name)
            elif isinstance(data, MessageUnpinned):
                self.room_controls.rooms[data.room].set_pinned(None, None)
            elif isinstance(data, MessageDeleted):
                self.card.mark_message_deleted(data.message_id)
        if log_changed and self.log.add(events):
            self.log_panel.refresh()
        if held_changed:
            self._held_changed()

    async def _load_stored_log(self) -> None:
        store = self.console.store_service
        last = (await store.read(lambda s: s.last_seqs())).get("mod", 0)
        stored = await store.read(
            lambda s: s.events("mod", max(0, last - STORED_LOG_EVENTS), STORED_LOG_EVENTS)
        )
        for event in stored:
            if isinstance(event.data, AuditEntry):
                self._names.setdefault(event.data.actor.id, event.data.actor.name)
        if not self._closed and self.log.add(stored):
            self.log_panel.refresh()

    def _refresh_card_status(self, user_id: str) -> None:
        subject = self.card.subject
        if subject is not None and subject.user_id == user_id and self.card.isVisible():
            self.card.set_status(self.statuses.status(user_id))

    def _held_changed(self) -> None:
        self.held_panel.set_items(self.held.items())
        self._set_held_title()
        self.held_count_changed.emit(len(self.held))

    def _set_held_title(self) -> None:
        count = len(self.held)
        title = self.tr("Held ({0})").format(count) if count else self.tr("Held")
        self.review.setTabText(self.review.indexOf(self.held_panel), title)

    def close(self) -> None:
        """Save a note being typed and stop updating widgets (the window is closing)."""
        if self._closed:
            return
        self.card.flush_note()
        self._closed = True
        self.tasks.cancel()

    def _window_closing(self) -> None:
        if self.column is not None:  # saved with the window's layout (it syncs next)
            self.console.settings.set_layout_blob(COLUMN_LAYOUT, self.column.saveState())
        self.close()
