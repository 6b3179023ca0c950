"""Status buttons of a thread: only the moves the state machine allows, with inline price, booking
date and time, and snooze."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.inbox_thread import InboxInquiry
from app.core.inquiries import TRANSITIONS
from app.protocol.payloads import InquiryStatus, Service
from app.ui.inbox.composer import install_escape
from app.ui.inbox.look import appointment_format, money, plain_label

# "", "price" (a quote), "booking" (a price and a date and time), "when" (the date and time of
# a booking at the quoted price, or of moving one), "snooze"
Needs = str


@dataclass(frozen=True)
class StatusAction:
    status: InquiryStatus
    label: str
    needs: Needs = ""


# The order buttons appear in: the likely next step first.
_ORDER: tuple[InquiryStatus, ...] = (
    "open", "quoted", "booked", "completed", "declined", "closed", "snoozed",
)  # fmt: skip
_ORDER_WHEN_QUOTED: tuple[InquiryStatus, ...] = (
    "booked", "quoted", "open", "declined", "closed", "snoozed",
)  # fmt: skip
_ORDER_WHEN_BOOKED: tuple[InquiryStatus, ...] = ("completed", "booked", "closed")


def actions_for(item: InboxInquiry) -> list[StatusAction]:
    """The moves allowed from the inquiry's status, labelled for what they do from there."""
    old = item.status
    allowed = TRANSITIONS.get(old, frozenset())
    actions: list[StatusAction] = []
    order = {"quoted": _ORDER_WHEN_QUOTED, "booked": _ORDER_WHEN_BOOKED}.get(old, _ORDER)
    for new in order:
        if new not in allowed:
            continue
        if new == "open":
            label = {
                "new": QCoreApplication.translate("Inbox", "Open"),
                "quoted": QCoreApplication.translate("Inbox", "Withdraw quote"),
                "snoozed": QCoreApplication.translate("Inbox", "Wake up"),
            }.get(old, QCoreApplication.translate("Inbox", "Reopen"))
            actions.append(StatusAction("open", label))
        elif new == "quoted":
            label = (
                QCoreApplication.translate("Inbox", "New quote…")
                if old == "quoted"
                else QCoreApplication.translate("Inbox", "Quote a price…")
            )
            actions.append(StatusAction("quoted", label, "price"))
        elif new == "booked":
            # Every booking gets a date and time; "booked" again moves it.
            if old == "booked":
                label = QCoreApplication.translate("Inbox", "Move booking…")
                actions.append(StatusAction("booked", label, "when"))
            elif item.price_cents is not None and old == "quoted":
                label = QCoreApplication.translate("Inbox", "Book at the quoted price…")
                actions.append(StatusAction("booked", label, "when"))
            else:
                label = QCoreApplication.translate("Inbox", "Book…")
                actions.append(StatusAction("booked", label, "booking"))
        elif new == "completed":
            actions.append(
                StatusAction("completed", QCoreApplication.translate("Inbox", "Mark completed"))
            )
        elif new == "declined":
            actions.append(StatusAction("declined", QCoreApplication.translate("Inbox", "Decline")))
        elif new == "closed":
            actions.append(StatusAction("closed", QCoreApplication.translate("Inbox", "Close")))
        elif new == "snoozed":
            label = (
                QCoreApplication.translate("Inbox", "Snooze longer…")
                if old == "snoozed"
                else QCoreApplication.translate("Inbox", "Snooze…")
            )
            actions.append(StatusAction("snoozed", label, "snooze"))
    return actions


def default_appointment(now: QDateTime) -> QDateTime:
    """Tomorrow at the next full hour: a starting point the creator adjusts."""
    hour = QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600)
    return hour.addDays(1)


def snooze_presets(now: QDateTime) -> list[tuple[str, QDateTime]]:
    tomorrow = QDateTime(now.date().addDays(1), QTime(9, 0))
    return [
        (QCoreApplication.translate("Inbox", "30 min"), now.addSecs(30 * 60)),
        (QCoreApplication.translate("Inbox", "1 hour"), now.addSecs(3600)),
        (QCoreApplication.translate("Inbox", "3 hours"), now.addSecs(3 * 3600)),
        (QCoreApplication.translate("Inbox", "Tomorrow 9:00"), tomorrow),
    ]


class StatusActions(QWidget):
    """Emits `status_requested(status, price_cents or None, when_ms or None)`; `when_ms` is the
    wake-up time of a snooze or the appointment of a booking."""

    status_requested = Signal(str, object, object)
    mark_unread_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: InboxInquiry | None = None
        self._service: Service | None = None
        self._pending: StatusAction | None = None
        self._actions: list[StatusAction] = []
        self._shown: tuple[object, ...] = ()
        self._menu = QMenu(self)

        self.buttons_row = QHBoxLayout()
        self.buttons_row.setSpacing(6)
        self.unread_button = QPushButton(QCoreApplication.translate("Inbox", "Mark unread"), self)
        self.unread_button.setToolTip(QCoreApplication.translate("Inbox", "Mark unread (U)"))
        self.unread_button.setObjectName("inboxUnread")
        self.unread_button.clicked.connect(self.mark_unread_requested.emit)
        self.error = plain_label("", self, "inboxError")
        self.error.setWordWrap(True)
        self.error.hide()

        # Inline price editor (a quote, or a booking without a quote).
        self.price_panel = QWidget(self)
        self.price_label = plain_label("", self.price_panel)
        self.price = QDoubleSpinBox(self.price_panel)
        self.price.setDecimals(2)
        self.price.setRange(0.0, 1_000_000.0)
        self.price.setMinimumWidth(130)
        # A booking's date and time, beside its price (alone when the price is settled).
        self.when_label = plain_label(QCoreApplication.translate("Inbox", "on"), self.price_panel)
        self.when = QDateTimeEdit(self.price_panel)
        self.when.setObjectName("bookingWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(appointment_format())
        self.price_ok = QPushButton(self.price_panel)
        self.price_ok.setDefault(True)
        price_cancel = QPushButton(QCoreApplication.translate("Inbox", "Cancel"), self.price_panel)
        row = QHBoxLayout(self.price_panel)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (
            self.price_label, self.price, self.when_label, self.when, self.price_ok, price_cancel
        ):
            row.addWidget(w)
        row.addStretch(1)
        self.price.lineEdit().returnPressed.connect(self._confirm_price)
        self.when.lineEdit().returnPressed.connect(self._confirm_price)
        self.price_ok.clicked.connect(self._confirm_price)
        price_cancel.clicked.connect(self.cancel_inline)
        install_escape(self.price, self.cancel_inline)
        install_escape(self.when, self.cancel_inline)
        self.price_panel.hide()

        # Inline snooze editor.
        self.snooze_panel = QWidget(self)
        snooze_row = QHBoxLayout(self.snooze_panel)
        snooze_row.setContentsMargins(0, 0, 0, 0)
        snooze_row.addWidget(
            plain_label(QCoreApplication.translate("Inbox", "Snooze until"), self.snooze_panel)
        )
        self.preset_buttons: list[QPushButton] = []
        for index in range(4):
            button = QPushButton(self.snooze_panel)
            button.clicked.connect(lambda _=False, i=index: self._snooze_preset(i))
            self.preset_buttons.append(button)
            snooze_row.addWidget(button)
        self.snooze_time = QDateTimeEdit(self.snooze_panel)
        self.snooze_time.setCalendarPopup(True)
        self.snooze_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        snooze_ok = QPushButton(QCoreApplication.translate("Inbox", "Snooze"), self.snooze_panel)
        snooze_cancel = QPushButton(
            QCoreApplication.translate("Inbox", "Cancel"), self.snooze_panel
        )
        snooze_row.addWidget(self.snooze_time)
        snooze_row.addWidget(snooze_ok)
        snooze_row.addWidget(snooze_cancel)
        snooze_row.addStretch(1)
        snooze_ok.clicked.connect(lambda: self._snooze_at(self.snooze_time.dateTime()))
        snooze_cancel.clicked.connect(self.cancel_inline)
        install_escape(self.snooze_time, self.cancel_inline)
        self.snooze_panel.hide()

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        top = QHBoxLayout()
        top.addLayout(self.buttons_row)
        top.addStretch(1)
        top.addWidget(self.unread_button)
        column.addLayout(top)
        column.addWidget(self.price_panel)
        column.addWidget(self.snooze_panel)
        column.addWidget(self.error)

    # --- showing -------------------------------------------------------------------------

    def show_for(self, item: InboxInquiry, service: Service | None) -> None:
        # The same InboxInquiry object changes in place: compare with what was shown.
        shown = (item.inquiry_id, item.status, item.price_cents)
        self._item, self._service = item, service
        if shown == self._shown:
            return
        self._shown = shown
        self.cancel_inline()
        self.error.hide()
        self._actions = actions_for(item)
        for old in self.action_buttons():
            self.buttons_row.removeWidget(old)
            old.deleteLater()
        for i, action in enumerate(self._actions):
            button = QPushButton(action.label, self)
            button.setObjectName("inboxPrimary" if i == 0 else "inboxAction")
            button.clicked.connect(lambda _=False, a=action: self.trigger(a))
            self.buttons_row.addWidget(button)

    def action_buttons(self) -> list[QPushButton]:
        found = []
        for i in range(self.buttons_row.count()):
            entry = self.buttons_row.itemAt(i)
            widget = entry.widget() if entry is not None else None
            if isinstance(widget, QPushButton):
                found.append(widget)
        return found

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        for button in self.action_buttons():
            button.setEnabled(True)

    def set_busy(self) -> None:
        for button in self.action_buttons():
            button.setEnabled(False)

    def open_menu(self) -> QMenu:
        """The allowed moves as a keyboard-driven menu (the S key)."""
        menu = self._menu
        menu.clear()
        for action in self._actions:
            menu.addAction(action.label).triggered.connect(
                lambda _=False, a=action: self.trigger(a)
            )
        buttons = self.action_buttons()
        anchor = buttons[0] if buttons else self
        menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        if menu.actions():
            menu.setActiveAction(menu.actions()[0])
        return menu

    # --- acting --------------------------------------------------------------------------

    def trigger(self, action: StatusAction) -> None:
        self.cancel_inline()
        self.error.hide()
        if action.needs in ("price", "booking", "when"):
            self._pending = action
            self._open_price(action)
        elif action.needs == "snooze":
            self._pending = action
            self._open_snooze()
        else:
            self.status_requested.emit(action.status, None, None)

    def begin(self, status: InquiryStatus) -> bool:
        """Start the action for `status` if it is allowed now (keyboard: Q quote, Z snooze)."""
        action = next((a for a in self._actions if a.status == status), None)
        if action is None:
            return False
        self.trigger(action)
        return True

    def cancel_inline(self) -> None:
        self._pending = None
        self.price_panel.hide()
        self.snooze_panel.hide()

    def _open_price(self, action: StatusAction) -> None:
        item, service = self._item, self._service
        currency = service.currency if service else "USD"
        cents = item.price_cents if item and item.price_cents is not None else None
        if cents is None and service is not None:
            cents = service.price_cents
        self.price.setValue((cents or 0) / 100)
        self.price.setSuffix(f" {currency}")
        quote = action.status == "quoted"
        booking = action.needs in ("booking", "when")
        settled = action.needs == "when"  # the quoted (or booked) price stays
        self.price_label.setVisible(not settled)
        self.price.setVisible(not settled)
        self.when_label.setVisible(booking)
        self.when.setVisible(booking)
        if booking:
            now = QDateTime.currentDateTime()
            current = self._item.booked_for_ms if self._item else None
            self.when.setMinimumDateTime(now)
            self.when.setDateTime(
                QDateTime.fromMSecsSinceEpoch(current)
                if current is not None and current > now.toMSecsSinceEpoch()
                else default_appointment(now)
            )
        self.price_label.setText(
            QCoreApplication.translate("Inbox", "Quote")
            if quote
            else QCoreApplication.translate("Inbox", "Book for")
        )
        self.price_ok.setText(
            QCoreApplication.translate("Inbox", "Send quote")
            if quote
            else QCoreApplication.translate("Inbox", "Move")
            if action.status == self._item_status()
            else QCoreApplication.translate("Inbox", "Book")
        )
        if service is not None:
            self.price.setToolTip(
                QCoreApplication.translate("Inbox", "Listed price: {price}").replace(
                    "{price}", money(service.price_cents, service.currency)
                )
            )
        self.price_panel.show()
        if settled:
            self.when.setFocus()
        else:
            self.price.setFocus()
            self.price.selectAll()

    def _item_status(self) -> str:
        return self._item.status if self._item is not None else ""

    def _confirm_price(self) -> None:
        action = self._pending
        if action is None or action.needs not in ("price", "booking", "when"):
            return
        cents = None if action.needs == "when" else round(self.price.value() * 100)
        when_ms: int | None = None
        if action.needs in ("booking", "when"):
            when_ms = self.when.dateTime().toMSecsSinceEpoch()
            if when_ms <= int(time.time() * 1000):
                self.set_error(QCoreApplication.translate("Inbox", "Pick a time in the future."))
                return
        self.cancel_inline()
        self.status_requested.emit(action.status, cents, when_ms)

    def _open_snooze(self) -> None:
        now = QDateTime.currentDateTime()
        for button, (label, _when) in zip(self.preset_buttons, snooze_presets(now), strict=True):
            button.setText(label)
        self.snooze_time.setMinimumDateTime(now)
        self.snooze_time.setDateTime(now.addSecs(3600))
        self.snooze_panel.show()
        self.preset_buttons[1].setFocus()

    def _snooze_preset(self, index: int) -> None:
        self._snooze_at(snooze_presets(QDateTime.currentDateTime())[index][1])

    def _snooze_at(self, when: QDateTime) -> None:
        until_ms = when.toMSecsSinceEpoch()
        if until_ms <= int(time.time() * 1000):
            self.set_error(QCoreApplication.translate("Inbox", "Pick a time in the future."))
            return
        self.cancel_inline()
        self.status_requested.emit("snoozed", None, until_ms)
