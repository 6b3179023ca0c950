"""One inquiry thread: who asked about what, when in the stream; status moves, messages, reply."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.inbox_thread import Booking, InboxInquiry, StatusStep, ThreadMessage
from app.protocol.payloads import Service
from app.ui.inbox.composer import Composer
from app.ui.inbox.look import (
    appointment_time,
    category_label,
    clock_time,
    money,
    plain_label,
    service_summary,
    status_color,
    status_of,
    stream_moment,
)
from app.ui.inbox.statusactions import StatusActions
from app.ui.theme import Theme
from app.ui.themedsheet import ThemedSheet


class _Bubble(QFrame):
    """One message: author and time over the text; own replies sit on the right."""

    retry_requested = Signal(str)
    discard_requested = Signal(str)

    def __init__(self, message: ThreadMessage, now_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own = message.author == "creator"
        self.setObjectName("creatorBubble" if own else "viewerBubble")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        meta = f"{message.user.name} · {clock_time(message.ts_ms, now_ms)}"
        if message.delivery == "sending":
            sending = QCoreApplication.translate("Inbox", "sending…")
            meta = f"{message.user.name} · {sending}"
        self.meta = plain_label(meta, self, "bubbleMeta")
        self.text = plain_label(message.text, self, "bubbleText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 10)
        column.setSpacing(3)
        column.addWidget(self.meta)
        column.addWidget(self.text)
        if message.delivery == "failed":
            row = QHBoxLayout()
            error = plain_label(
                QCoreApplication.translate("Inbox", "Not sent: {why}").replace(
                    "{why}", message.error
                ),
                self,
            )
            error.setObjectName("inboxError")
            error.setWordWrap(True)
            retry = QPushButton(QCoreApplication.translate("Inbox", "Retry"), self)
            discard = QPushButton(QCoreApplication.translate("Inbox", "Discard"), self)
            retry.clicked.connect(lambda: self.retry_requested.emit(message.message_id))
            discard.clicked.connect(lambda: self.discard_requested.emit(message.message_id))
            row.addWidget(error, 1)
            row.addWidget(retry)
            row.addWidget(discard)
            column.addLayout(row)


def _row(widget: QWidget, own: bool) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    if own:
        row.addStretch(1)
    row.addWidget(widget, 4)
    if not own:
        row.addStretch(1)
    return row


class ThreadView(QWidget):
    """Shows one InboxInquiry; emits what the creator asks for. Holds no inbox data itself."""

    reply_requested = Signal(str)
    retry_requested = Signal(str)
    discard_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxThread")
        self.item: InboxInquiry | None = None
        # What the timeline shows: (inquiry id, thread loaded) and one key per entry.
        self._timeline_key: tuple[tuple[str, bool], list[tuple[str, str, str]]] | None = None

        self.name = plain_label("", self, "threadName")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.chip = plain_label("", self, "statusChip")
        self.price = plain_label("", self, "threadPrice")
        self.about = plain_label("", self, "threadAbout")
        self.about.setWordWrap(True)
        self.moment = plain_label("", self, "threadMoment")
        self.moment.setWordWrap(True)
        self.status_actions = StatusActions(self)

        header = QWidget(self)
        header.setObjectName("threadHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(14, 12, 14, 10)
        head.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.price)
        top.addWidget(self.chip)
        head.addLayout(top)
        head.addWidget(self.about)
        head.addWidget(self.moment)
        head.addSpacing(4)
        head.addWidget(self.status_actions)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("threadScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline = QWidget()
        self.timeline.setObjectName("threadTimeline")
        self.timeline_layout = QVBoxLayout(self.timeline)
        self.timeline_layout.setContentsMargins(14, 12, 14, 12)
        self.timeline_layout.setSpacing(10)
        self.scroll_area.setWidget(self.timeline)

        self.composer = Composer(self)
        self.composer.setObjectName("threadComposer")
        line = QFrame(self)
        line.setObjectName("threadRule")
        line.setFixedHeight(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addWidget(self.scroll_area, 1)
        column.addWidget(line)
        column.addWidget(self.composer)

        self.composer.send_requested.connect(self.reply_requested.emit)
        self.composer.box.escape_pressed.connect(self.back_requested.emit)
        self._sheet = ThemedSheet(self, self._style_sheet)

    # --- showing -------------------------------------------------------------------------

    def show_item(self, item: InboxInquiry, service: Service | None, now_ms: int) -> None:
        switched = self.item is None or self.item.inquiry_id != item.inquiry_id
        self.item = item
        self.name.setText(item.user.name)
        self.chip.setText(" " + status_of(item.status, item, now_ms) + " ")
        self.chip.setStyleSheet(
            f"background: {status_color(item.status).name()}; color: white; border-radius: 9px;"
            " padding: 2px 8px; font-weight: 600;"
        )
        currency = service.currency if service else "USD"
        if item.price_cents is not None and item.status in ("quoted", "booked", "completed"):
            price = money(item.price_cents, currency)
            if item.booked_for_ms is not None and item.status in ("booked", "completed"):
                price = f"{price} · {appointment_time(item.booked_for_ms)}"
            self.price.setText(price)
        else:
            self.price.setText("")
        about = service_summary(service, item.service_title)
        if service is not None:
            about = f"{about} · {category_label(service.category)}"
        self.about.setText(
            QCoreApplication.translate("Inbox", "About: {service}").replace("{service}", about)
        )
        asked = QCoreApplication.translate("Inbox", "Asked {moment} · {time}")
        self.moment.setText(
            asked.replace("{moment}", stream_moment(item)).replace(
                "{time}", clock_time(item.created_ms, now_ms)
            )
        )
        self.status_actions.show_for(item, service)
        self.composer.set_recipient(item.user.name)
        if switched:
            self.composer.box.clear()
        self._show_timeline(item, service, now_ms, switched)

    def _show_timeline(
        self, item: InboxInquiry, service: Service | None, now_ms: int, switched: bool
    ) -> None:
        entries = item.timeline()
        keys = [(type(e).__name__, _entry_id(e), getattr(e, "delivery", "")) for e in entries]
        head = (item.inquiry_id, item.thread_loaded)
        old_head, old_keys = self._timeline_key or (None, [])
        if head == old_head and keys == old_keys:
            return
        bar = self.scroll_area.verticalScrollBar()
        at_bottom = switched or bar.value() >= bar.maximum() - 8
        layout = self.timeline_layout
        currency = service.currency if service else "USD"
        if head == old_head and keys[: len(old_keys)] == old_keys:
            # New messages at the end (the common case): add only those, before the stretch.
            stretch = layout.takeAt(layout.count() - 1)
            del stretch
            new_entries = entries[len(old_keys) :]
        else:
            _clear(layout)
            question = ThreadMessage("question", "viewer", item.user, item.text, item.created_ms)
            layout.addLayout(_row(_Bubble(question, now_ms, self.timeline), own=False))
            if not item.thread_loaded:
                note = plain_label(
                    QCoreApplication.translate("Inbox", "Loading the thread…"),
                    self.timeline,
                    "threadNote",
                )
                layout.addWidget(note)
            new_entries = entries
        self._timeline_key = (head, keys)
        for entry in new_entries:
            if isinstance(entry, ThreadMessage):
                bubble = _Bubble(entry, now_ms, self.timeline)
                bubble.retry_requested.connect(self.retry_requested.emit)
                bubble.discard_requested.connect(self.discard_requested.emit)
                layout.addLayout(_row(bubble, own=entry.author == "creator"))
            elif isinstance(entry, StatusStep):
                layout.addWidget(self._step_label(entry, item, currency, now_ms))
            elif isinstance(entry, Booking):
                layout.addWidget(self._booking_label(entry, item, now_ms))
        layout.addStretch(1)
        if at_bottom:
            QTimer.singleShot(0, lambda: bar.setValue(bar.maximum()))

    def _step_label(
        self, step: StatusStep, item: InboxInquiry, currency: str, now_ms: int
    ) -> QLabel:
        text = {
            "open": QCoreApplication.translate("Inbox", "Opened"),
            "completed": QCoreApplication.translate("Inbox", "Marked completed"),
            "declined": QCoreApplication.translate("Inbox", "Declined"),
            "closed": QCoreApplication.translate("Inbox", "Closed"),
        }.get(step.status, status_of(step.status, None, now_ms))
        if step.status == "quoted" and step.price_cents is not None:
            text = QCoreApplication.translate("Inbox", "Quoted {price}").replace(
                "{price}", money(step.price_cents, currency)
            )
        elif step.status == "booked" and step.booked_for_ms is not None and _moved(item, step):
            text = QCoreApplication.translate("Inbox", "Booking moved to {when}").replace(
                "{when}", appointment_time(step.booked_for_ms)
            )
        elif step.status == "booked" and step.booked_for_ms is not None:
            text = (
                QCoreApplication.translate("Inbox", "Booked for {when} at {price}")
                .replace("{when}", appointment_time(step.booked_for_ms))
                .replace("{price}", money(step.price_cents, currency))
            )
        elif step.status == "booked" and step.price_cents is not None:
            text = QCoreApplication.translate("Inbox", "Booked at {price}").replace(
                "{price}", money(step.price_cents, currency)
            )
        elif step.status == "snoozed" and step.snooze_until_ms is not None:
            text = QCoreApplication.translate("Inbox", "Snoozed until {time}").replace(
                "{time}", clock_time(step.snooze_until_ms, now_ms)
            )
        label = plain_label(
            f"{text} · {clock_time(step.ts_ms, now_ms)}", self.timeline, "threadStep"
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _booking_label(self, booking: Booking, item: InboxInquiry, now_ms: int) -> QLabel:
        when = item.booked_for_ms
        if booking.cents < 0:
            text = QCoreApplication.translate(
                "Inbox", "{price} taken back from your earnings (booking cancelled) · {time}"
            )
        elif when is not None:
            text = QCoreApplication.translate(
                "Inbox", "{price} added to your earnings (Service+ booking for {when}) · {time}"
            ).replace("{when}", appointment_time(when))
        else:
            text = QCoreApplication.translate(
                "Inbox", "{price} added to your earnings (Service+ booking) · {time}"
            )
        label = plain_label(
            text.replace("{price}", money(abs(booking.cents), booking.currency)).replace(
                "{time}", clock_time(booking.ts_ms, now_ms)
            ),
            self.timeline,
            "threadBooking",
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def focus_reply(self) -> None:
        self.composer.box.setFocus()

    # --- theme ---------------------------------------------------------------------------

    def _style_sheet(self, t: Theme) -> str:
        mine = t.accent.lighter(175) if not t.is_dark else t.accent.darker(260)
        # The dark accent is too light for white text (4.2:1): buttons use it darker (5.3:1).
        primary = t.accent.darker(115) if t.is_dark else t.accent
        booking_bg = "#e6f4ea" if not t.is_dark else "#16301f"
        booking_fg = "#1e6b33" if not t.is_dark else "#8fd6a3"
        return f"""
            #threadHeader {{ background: {t.raised.name()};
                border-bottom: 1px solid {t.separator.name()}; }}
            #threadTimeline, #threadScroll {{ background: {t.base.name()}; }}
            #threadRule {{ background: {t.separator.name()}; }}
            #threadAbout {{ color: {t.text.name()}; }}
            #threadMoment, #threadNote, #inboxHint {{ color: {t.dim_text.name()}; }}
            #threadPrice {{ color: {t.text.name()}; font-weight: 600; padding-right: 6px; }}
            #viewerBubble {{ background: {t.raised.name()};
                border: 1px solid {t.separator.name()}; border-radius: 10px; }}
            #creatorBubble {{ background: {mine.name()}; border-radius: 10px; }}
            #bubbleMeta {{ color: {t.dim_text.name()}; }}
            #bubbleText {{ color: {t.text.name()}; }}
            #threadStep {{ color: {t.dim_text.name()}; }}
            #threadBooking {{ background: {booking_bg}; color: {booking_fg};
                border-radius: 8px; padding: 6px 10px; font-weight: 600; }}
            #inboxError {{ color: {t.failed.name()}; }}
            QPushButton#inboxPrimary {{ background: {primary.name()};
                color: {t.accent_text.name()}; border: 1px solid {primary.darker(130).name()};
                border-radius: 5px; padding: 5px 14px; font-weight: 600; }}
            QPushButton#inboxPrimary:hover {{ background: {primary.darker(108).name()}; }}
            QPushButton#inboxPrimary:disabled, QPushButton#inboxAction:disabled {{
                color: {t.dim_text.name()}; background: {t.raised.name()}; }}
            QPushButton#inboxAction, QPushButton#inboxUnread {{ background: {t.base.name()};
                color: {t.text.name()}; border: 1px solid {t.separator.darker(115).name()};
                border-radius: 5px; padding: 5px 12px; }}
            QPushButton#inboxAction:hover, QPushButton#inboxUnread:hover {{
                border-color: {t.accent.name()}; }}
            """


def _entry_id(entry: ThreadMessage | StatusStep | Booking) -> str:
    if isinstance(entry, ThreadMessage):
        return entry.message_id
    if isinstance(entry, StatusStep):
        return entry.event_id
    return entry.entry_id


def _clear(layout: QLayout) -> None:
    while layout.count():
        child = layout.takeAt(0)
        if child is None:
            continue
        widget = child.widget()
        if widget is not None:
            widget.deleteLater()
        else:
            inner = child.layout()
            if inner is not None:
                _clear(inner)


def _moved(item: InboxInquiry, step: StatusStep) -> bool:
    """A "booked" step right after another "booked" one moved the appointment."""
    steps = sorted(item.history.values(), key=lambda s: (s.ts_ms, s.event_id))
    before = [s for s in steps if (s.ts_ms, s.event_id) < (step.ts_ms, step.event_id)]
    return bool(before) and before[-1].status == "booked"
