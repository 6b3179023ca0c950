"""install_inbox(console): the creator's Service+ inbox and service bio, wired to the console."""

from __future__ import annotations

import itertools
import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.core import quick_replies as qr
from app.core.inbox import Inbox
from app.core.inbox_read import READ_MARKS_KEY, ReadMarks
from app.core.service_bio import is_eligible
from app.protocol.codec import ProtocolError
from app.protocol.frames import Event, Ready
from app.protocol.payloads import (
    CommandData,
    CreatorProfile,
    GetInquiryThread,
    InquiryCreated,
    InquiryMessage,
    InquiryStatus,
    ListInquiries,
    ProfileChanged,
    ReplyInquiry,
    Service,
    ServicesChanged,
    SetInquiryStatus,
    SetProfile,
    SetServices,
    UserRef,
)
from app.ui.inbox.look import money
from app.ui.inbox.page import InboxPage
from app.ui.inbox.quickreplies import QuickRepliesEditor
from app.ui.inbox.servicebio import ServiceBioPage
from app.ui.steadysplit import RememberedSplitter
from app.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from app.client.state import CommandResult
    from app.ui.console import Console

log = logging.getLogger(__name__)

LIST_LIMIT = 1000
REQUEST_TIMEOUT_S = 20.0
_keys = itertools.count(1)


def _now_ms() -> int:
    return int(time.time() * 1000)


class InboxFeature(QObject):
    """Holds the Inbox (data) and its pages; `unread_count` and `unread_changed` are for the
    window title. For a moderator nothing is built: `page` and `bio_page` stay None."""

    unread_changed = Signal(int)

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.console = console
        self.page: InboxPage | None = None
        self.bio_page: ServiceBioPage | None = None
        self.inbox = Inbox()
        self.services: tuple[Service, ...] = ()
        self.profile: CreatorProfile | None = None
        self.me: UserRef | None = None
        self.replies: tuple[qr.QuickReply, ...] = qr.DEFAULT_QUICK_REPLIES
        self.editor: QuickRepliesEditor | None = None
        self._unread = 0
        self._selected: str | None = None
        self._keep_unread: str | None = None  # marked unread while open: not "seen" again
        self._heads: dict[str, int] = {}
        self.tasks = BackgroundTasks("inbox")
        self._loading_threads: set[str] = set()
        self._closed = False  # the window closed: widgets may be gone, nothing is shown
        if console.role != "creator":
            return  # the inbox is the creator's alone; the backend refuses it to moderators
        self._build()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.console.add_starter(self._load_local)
        window = self.console.window
        self.page = page = InboxPage()
        RememberedSplitter(page.splitter, self.console.settings, "inbox_splitter")
        self.bio_page = bio = ServiceBioPage()
        window.add_page(page, QCoreApplication.translate("Inbox", "Inbox"))
        window.add_page(bio, QCoreApplication.translate("Inbox", "Service bio"))
        window.add_menu_action(
            QCoreApplication.translate("Inbox", "Service+ inbox"), "Ctrl+I", self.show_inbox
        )
        window.add_menu_action(
            QCoreApplication.translate("Inbox", "Service bio"), None, self.show_bio
        )
        page.thread_view.composer.box.replies = self.replies
        page.thread_view.composer.box.fields = self._template_fields

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(30)  # coalesce bursts of events into one repaint
        self._refresh_timer.timeout.connect(self.refresh)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self._save_marks_soon)
        self._wake_timer = QTimer(self)
        self._wake_timer.setSingleShot(True)
        self._wake_timer.timeout.connect(self.refresh)

        page.filter_changed.connect(self.refresh)
        page.selection_changed.connect(self._selection_changed)
        page.reply_requested.connect(self.reply)
        page.status_requested.connect(self.set_status)
        page.mark_unread_requested.connect(self.mark_unread)
        page.retry_requested.connect(self._retry)
        page.discard_requested.connect(self._discard)
        page.quick_replies_requested.connect(self.edit_quick_replies)
        page.bio_requested.connect(self.show_bio)
        bio.save_requested.connect(self.save_services)
        bio.eligibility.adult_changed.connect(
            lambda adult: self._save_profile(SetProfile(adult_confirmed=adult))
        )
        bio.eligibility.competence_changed.connect(self._competence_changed)
        window.pages.currentChanged.connect(lambda _i: self.refresh())
        window.closing.connect(self.close)

        self.console.add_ready_listener(self._on_ready)
        self.console.add_event_listener(self._on_events)
        if self.console.client.ready is not None:  # installed after the console connected
            self._on_ready(self.console.client.ready)
        self.refresh()

    @property
    def unread_count(self) -> int:
        return self._unread

    def show_inbox(self) -> None:
        if self.page is not None:
            self.console.window.pages.setCurrentWidget(self.page)
            self.page.focus_list()

    def show_bio(self) -> None:
        if self.bio_page is not None:
            self.console.window.pages.setCurrentWidget(self.bio_page)

    # --- from the sync client ------------------------------------------------------------

    def _on_ready(self, ready: Ready) -> None:
        if ready.account.role != "creator" or self._closed:
            return
        self.me = UserRef(id=ready.account.id, name=ready.account.name, badges=("creator",))
        self._heads = dict(ready.heads)
        snap = ready.snapshot
        if snap.live is not None:
            self.inbox.note_session(snap.live.session_id, snap.live.title, snap.live.started_ms)
        self._set_services(snap.services)
        self._set_profile(snap.profile)
        self.tasks.spawn(self._load_list())

    def _on_events(self, events: list[Event]) -> None:
        if self._closed:
            return
        change = self.inbox.apply(events)
        live_news = False
        for event in events:
            data = event.data
            if isinstance(data, ServicesChanged):
                self._set_services(data.services)
            elif isinstance(data, ProfileChanged):
                self._set_profile(data.profile)
            elif isinstance(data, InquiryCreated | InquiryMessage):
                is_live = event.seq > self._heads.get(event.ch, 0)
                from_viewer = isinstance(data, InquiryCreated) or data.author == "viewer"
                live_news = live_news or (is_live and from_viewer)
        for inquiry_id in change.missing:
            self.tasks.spawn(self._load_thread(inquiry_id))
        if live_news:
            self.console.attention()
        if change:
            self._refresh_timer.start()

    # --- loading -------------------------------------------------------------------------

    async def _load_list(self) -> None:
        result = await self._request(ListInquiries(limit=LIST_LIMIT))
        if result is None or self.page is None or self._closed:
            return
        if not result.ok:
            self.page.set_empty_text(
                QCoreApplication.translate("Inbox", "Could not load the inbox: {why}").replace(
                    "{why}", result.message
                )
            )
            return
        loaded = self.inbox.load_list((result.result or {}).get("inquiries", []))
        self.refresh()
        if loaded.refused:
            self._unreadable(loaded.refused)

    async def _load_thread(self, inquiry_id: str) -> None:
        if inquiry_id in self._loading_threads:
            return
        self._loading_threads.add(inquiry_id)
        try:
            result = await self._request(GetInquiryThread(inquiry_id=inquiry_id))
        finally:
            self._loading_threads.discard(inquiry_id)
        if result is not None and result.ok and result.result:
            try:
                loaded = self.inbox.load_thread(result.result)
            except ProtocolError as exc:
                self._unreadable([exc.message])
                return
            self.refresh()
            if loaded.refused:
                self._unreadable(loaded.refused, in_thread=True)

    def _unreadable(self, reasons: list[str], *, in_thread: bool = False) -> None:
        """Inquiries the backend listed (or parts of a thread: messages, status steps,
        bookings) that this console cannot read: the rest is shown, these stay on the server
        (read again by the next list or thread); every reason is logged."""
        if self._closed:
            return
        for reason in reasons:
            log.warning("inbox: %s", reason)
        if in_thread:
            text = QCoreApplication.translate(
                "Inbox",
                "Parts of an inquiry's thread the inbox could not read: {count} (kept on the server)",  # noqa: E501
            )
        else:
            text = QCoreApplication.translate(
                "Inbox", "Inquiries the inbox could not read: {count} (kept on the server)"
            )
        self.console.window.session_bar.show_problem(
            text.replace("{count}", str(len(reasons))), 30.0
        )

    async def _request(self, cmd: CommandData) -> CommandResult | None:
        try:
            return await self.console.client.request(cmd, timeout=REQUEST_TIMEOUT_S)
        except TimeoutError:
            return None  # still queued: it is delivered (and applied) after a reconnect

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the pages in step with the inbox data (cheap: hundreds of rows at most)."""
        page = self.page
        if page is None or self._closed:
            return
        self._refresh_timer.stop()
        now = _now_ms()
        item = self.inbox.items.get(self._selected or "")
        seen = item is not None and page.isVisible() and self._keep_unread != item.inquiry_id
        if seen and item is not None and self.inbox.mark_seen(item.inquiry_id, now):
            self._save_timer.start()
        rows = self.inbox.visible(page.current_filter(), now)
        unread = frozenset(i for i, it in self.inbox.items.items() if self.inbox.is_unread(it, now))
        page.show_rows(rows, unread, now)
        if not self.inbox.items:
            page.set_empty_text(
                QCoreApplication.translate(
                    "Inbox",
                    "No inquiries yet.\nWhen viewers ask about your services during a live, "
                    "they show up here.",
                )
            )
        elif not rows:
            page.set_empty_text(
                QCoreApplication.translate("Inbox", "Nothing here with these filters.")
            )
        page.show_thread(item, self._service(item.service_id) if item else None, now)
        self._set_unread(len(unread))
        wake = self.inbox.next_wake_ms(now)
        if wake is not None:
            self._wake_timer.start(max(0, min(wake - now + 50, 2**31 - 1)))

    def _set_unread(self, count: int) -> None:
        if self.page is not None:
            title = (
                QCoreApplication.translate("Inbox", "Inbox ({n})").replace("{n}", str(count))
                if count
                else QCoreApplication.translate("Inbox", "Inbox")
            )
            self.console.window.set_page_title(self.page, title)
        if count != self._unread:
            self._unread = count
            self.unread_changed.emit(count)

    def _service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def _set_services(self, services: tuple[Service, ...]) -> None:
        self.services = tuple(services)
        if self.page is not None and self.bio_page is not None:
            known = {s.id: s.title for s in self.services}
            for item in self.inbox.items.values():
                known.setdefault(item.service_id, item.service_title)
            self.page.set_services(sorted(known.items(), key=lambda kv: kv[1].casefold()))
            self.bio_page.set_services(self.services)
            self._show_banner()
            self._refresh_timer.start()

    def _set_profile(self, profile: CreatorProfile | None) -> None:
        self.profile = profile
        if self.bio_page is not None:
            self.bio_page.set_profile(profile)
            self._show_banner()

    def _show_banner(self) -> None:
        if self.page is None or self.bio_page is None:
            return
        if is_eligible(self.profile, self.services):
            self.page.show_banner("")
            return
        reasons = self.bio_page.eligibility.reasons()
        self.page.show_banner(
            QCoreApplication.translate("Inbox", "Service+ is not open to you yet. ")
            + " ".join(reasons[:2])
        )

    def _template_fields(self) -> dict[str, str]:
        item = self.inbox.items.get(self._selected or "")
        service = self._service(item.service_id) if item else None
        return {
            "name": item.user.name if item else "",
            "service": item.service_title if item else "",
            "price": money(service.price_cents, service.currency) if service else "",
            "creator": self.me.name if self.me else "",
        }

    # --- what the creator does -----------------------------------------------------------

    def _selection_changed(self, inquiry_id: str) -> None:
        self._selected = inquiry_id or None
        if self._keep_unread != self._selected:
            self._keep_unread = None
        item = self.inbox.items.get(inquiry_id)
        if item is not None and not item.thread_loaded:
            self.tasks.spawn(self._load_thread(inquiry_id))
        self.refresh()

    def reply(self, inquiry_id: str, text: str) -> None:
        item = self.inbox.items.get(inquiry_id)
        if item is None or self.me is None:
            return
        key = f"reply-{next(_keys)}"
        self.inbox.add_pending_reply(inquiry_id, key, self.me, text, _now_ms())
        self.tasks.spawn(self._send_reply(key, ReplyInquiry(inquiry_id=inquiry_id, text=text)))
        if item.status == "new":  # answering an inquiry opens it
            self.set_status(inquiry_id, "open", None, None)
        self.refresh()

    async def _send_reply(self, key: str, cmd: ReplyInquiry) -> None:
        result = await self._request(cmd)
        if result is None:
            return  # still "sending": its echo confirms it after a reconnect
        if result.ok:
            self.inbox.reply_confirmed(key)
        else:
            self.inbox.reply_failed(key, result.message or result.error_code or "")
        self.refresh()

    def _retry(self, inquiry_id: str, message_id: str) -> None:
        failed = self.inbox.drop_failed_reply(inquiry_id, message_id)
        if failed is not None:
            self.reply(inquiry_id, failed.text)

    def _discard(self, inquiry_id: str, message_id: str) -> None:
        if self.inbox.drop_failed_reply(inquiry_id, message_id) is not None:
            self.refresh()

    def set_status(self, inquiry_id: str, status: str, price_cents: object, when: object) -> None:
        """`when`: the wake-up time of a snooze, the appointment of a booking (UTC ms)."""
        when_ms = when if isinstance(when, int) else None
        cmd = SetInquiryStatus(
            inquiry_id=inquiry_id,
            status=status,  # type: ignore[arg-type]
            price_cents=price_cents if isinstance(price_cents, int) else None,
            snooze_until_ms=when_ms if status == "snoozed" else None,
            booked_for_ms=when_ms if status == "booked" else None,
        )
        self.tasks.spawn(self._send_status(cmd))

    async def _send_status(self, cmd: SetInquiryStatus) -> None:
        result = await self._request(cmd)
        page = self.page
        if (
            page is None
            or self._closed
            or page.thread_view.item is None
            or page.thread_view.item.inquiry_id != cmd.inquiry_id
        ):
            return
        if result is None:
            page.thread_view.status_actions.set_error(
                QCoreApplication.translate(
                    "Inbox", "Not confirmed yet: it is applied once the connection is back."
                )
            )
        elif not result.ok:
            page.thread_view.status_actions.set_error(result.message or str(result.error_code))
        else:
            page.thread_view.status_actions.set_error("")

    def mark_unread(self, inquiry_id: str) -> None:
        if self.inbox.mark_unread(inquiry_id):
            self._keep_unread = inquiry_id
            self._save_timer.start()
            self.refresh()

    def status_of(self, inquiry_id: str) -> InquiryStatus | None:
        item = self.inbox.items.get(inquiry_id)
        return item.status if item else None

    def edit_quick_replies(self) -> None:
        if self.editor is None:
            self.editor = QuickRepliesEditor(self.replies, self.console.window)
            self.editor.saved.connect(self._replies_saved)
        self.editor.show()
        self.editor.raise_()

    def _replies_saved(self, replies: tuple[qr.QuickReply, ...]) -> None:
        self.replies = replies
        if self.page is not None:
            self.page.thread_view.composer.box.replies = replies
        self._kv_set(qr.QUICK_REPLIES_KEY, qr.to_json(replies))

    def save_services(self, services: tuple[Service, ...]) -> None:
        self.tasks.spawn(self._send_services(SetServices(services=services)))

    async def _send_services(self, cmd: SetServices) -> None:
        result = await self._request(cmd)
        if self.bio_page is None or self._closed:
            return
        if result is None:
            self.bio_page.save_finished(
                False,
                QCoreApplication.translate("Inbox", "no connection; it is saved once it is back"),
            )
        else:
            self.bio_page.save_finished(result.ok, result.message)

    def _competence_changed(self, note: str) -> None:
        if self.profile is None or note != self.profile.competence_note:
            self._save_profile(SetProfile(competence_note=note))

    def _save_profile(self, cmd: SetProfile) -> None:
        async def send() -> None:
            result = await self._request(cmd)
            if result is not None and not result.ok and self.bio_page and not self._closed:
                self.bio_page.state.setText(result.message)

        self.tasks.spawn(send())

    # --- read marks on this device -------------------------------------------------------

    def _save_marks_soon(self) -> None:
        if self.inbox.marks.dirty:
            self.inbox.marks.dirty = False
            self._kv_set(READ_MARKS_KEY, self.inbox.marks.to_json())

    async def _load_local(self) -> None:
        """This device's read marks and quick replies, before the first event arrives."""
        store = self.console.store_service
        marks = await store.read(lambda s: s.kv_get(READ_MARKS_KEY))
        replies = await store.read(lambda s: s.kv_get(qr.QUICK_REPLIES_KEY))
        self.inbox.marks = ReadMarks.from_json(marks)
        self.replies = qr.from_json(replies)
        if self.page is not None:
            self.page.thread_view.composer.box.replies = self.replies

    def _kv_set(self, key: str, value: str) -> None:
        # Queued on the store thread, in order; a failure is logged (the marks and replies
        # are a convenience: a lost write costs a re-read, not data).
        self.console.store_service.write(lambda s: s.kv_set(key, value))

    def save_now(self) -> None:
        """Queue unsaved read marks at once (the window is closing; the console drains the
        store queue before it closes the store)."""
        if self.inbox.marks.dirty:
            self.inbox.marks.dirty = False
            self._kv_set(READ_MARKS_KEY, self.inbox.marks.to_json())

    def close(self) -> None:
        """Save what is unsaved and stop waiting for answers (the console is going away)."""
        self.save_now()
        self._closed = True
        for timer in (self._refresh_timer, self._save_timer, self._wake_timer):
            timer.stop()
        self.tasks.cancel()


def install_inbox(console: Console) -> InboxFeature:
    """Build the Service+ inbox and service bio pages (creator only) and wire them up."""
    return InboxFeature(console)
