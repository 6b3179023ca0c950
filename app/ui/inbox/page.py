"""The Inbox page: filters and search, the inquiry list, the open thread, keyboard navigation."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.inbox import VIEWS, InboxFilter
from app.core.inbox_thread import InboxInquiry
from app.protocol.payloads import Service
from app.ui.inbox.listmodel import ID_ROLE, InboxListModel, InboxRowDelegate
from app.ui.inbox.look import plain_label, view_label
from app.ui.inbox.threadview import ThreadView
from app.ui.steadysplit import hold_widths
from app.ui.theme import Theme
from app.ui.themedsheet import ThemedSheet

# Single keys that act on the list or the open thread (not while typing in a text field).
NAV_KEYS = {
    Qt.Key.Key_J: "next",
    Qt.Key.Key_K: "previous",
    Qt.Key.Key_R: "reply",
    Qt.Key.Key_S: "status",
    Qt.Key.Key_Q: "quote",
    Qt.Key.Key_Z: "snooze",
    Qt.Key.Key_U: "unread",
    Qt.Key.Key_Slash: "search",
}


class InboxPage(QWidget):
    """Widgets only: the feature feeds rows and the open inquiry, and handles the requests."""

    filter_changed = Signal()
    selection_changed = Signal(str)  # inquiry id, "" for none
    reply_requested = Signal(str, str)  # inquiry id, text
    # id, status, price_cents, when (snooze: wake-up; booking: appointment; UTC ms)
    status_requested = Signal(str, str, object, object)
    mark_unread_requested = Signal(str)
    retry_requested = Signal(str, str)  # inquiry id, local message id
    discard_requested = Signal(str, str)
    quick_replies_requested = Signal()
    bio_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxPage")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.view_combo = QComboBox(self)
        self.view_combo.setObjectName("inboxView")
        for view in VIEWS:
            self.view_combo.addItem(view_label(view), view)
        self.view_combo.insertSeparator(4)
        self.service_combo = QComboBox(self)
        self.service_combo.setObjectName("inboxService")
        self.service_combo.addItem(self.tr("All services"), "")
        self.search = QLineEdit(self)
        self.search.setObjectName("chatFilter")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search names, services and messages ( / )"))
        self.templates_button = QPushButton(self.tr("Quick replies…"), self)
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 6)
        bar.setSpacing(8)
        bar.addWidget(self.view_combo)
        bar.addWidget(self.service_combo)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.templates_button)

        self.banner = QWidget(self)
        self.banner.setObjectName("inboxBanner")
        self.banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.banner_text = plain_label("", self.banner, "inboxBannerText")
        self.banner_text.setWordWrap(True)
        self.banner_button = QPushButton(self.tr("Open the service bio"), self.banner)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(12, 6, 12, 6)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_button)
        self.banner.hide()

        self.model = InboxListModel(self)
        self.delegate = InboxRowDelegate(self)
        self.list = QListView(self)
        self.list.setObjectName("inboxList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMouseTracking(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.installEventFilter(self)
        self.list_empty = plain_label("", self, "inboxEmpty")
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_empty.setWordWrap(True)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.list_empty)
        self.list_stack.setMinimumWidth(300)

        self.thread_view = ThreadView(self)
        self.thread_empty = plain_label(
            self.tr("Pick an inquiry on the left.\nJ / K move through the list, R replies."),
            self,
            "inboxEmpty",
        )
        self.thread_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thread_empty.setWordWrap(True)
        self.thread_stack = QStackedWidget(self)
        self.thread_stack.addWidget(self.thread_empty)
        self.thread_stack.addWidget(self.thread_view)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.thread_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([420, 640])
        # A new row of status buttons must not move the divider: only a drag does.
        hold_widths(self.splitter, (300, 440))

        self.footer = plain_label(
            self.tr(
                "J / K or Ctrl+↓ / Ctrl+↑ next / previous · R reply · S status · Q quote · "
                "Z snooze · U mark unread · / search · Esc back to the list"
            ),
            self,
            "inboxHint",
        )
        self.footer.setContentsMargins(10, 4, 10, 6)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
        column.addWidget(self.footer)

        self.view_combo.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.service_combo.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.search.textChanged.connect(lambda _t: self.filter_changed.emit())
        self.templates_button.clicked.connect(self.quick_replies_requested.emit)
        self.banner_button.clicked.connect(self.bio_requested.emit)
        selection = self.list.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        self.thread_view.reply_requested.connect(self._reply)
        self.thread_view.back_requested.connect(self.focus_list)
        self.thread_view.retry_requested.connect(
            lambda mid: self._with_id(self.retry_requested, mid)
        )
        self.thread_view.discard_requested.connect(
            lambda mid: self._with_id(self.discard_requested, mid)
        )
        self.thread_view.status_actions.status_requested.connect(self._status)
        self.thread_view.status_actions.mark_unread_requested.connect(self._mark_unread)
        for keys, slot in (
            ("Ctrl+Down", self.select_next),
            ("Ctrl+Up", self.select_previous),
            ("Ctrl+F", self.focus_search),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._restoring = False
        self.set_empty_text(self.tr("Loading inquiries…"))
        self._sheet = ThemedSheet(self, self._style_sheet)

    # --- what the feature tells the page -------------------------------------------------

    def current_filter(self) -> InboxFilter:
        return InboxFilter(
            view=str(self.view_combo.currentData() or "active"),
            service_id=str(self.service_combo.currentData() or "") or None,
            text=self.search.text(),
        )

    def set_services(self, services: list[tuple[str, str]]) -> None:
        """(service id, title) pairs for the service filter; the choice is kept if possible."""
        current = self.service_combo.currentData()
        self.service_combo.blockSignals(True)
        self.service_combo.clear()
        self.service_combo.addItem(self.tr("All services"), "")
        for service_id, title in services:
            self.service_combo.addItem(title, service_id)
        index = max(0, self.service_combo.findData(current))
        self.service_combo.setCurrentIndex(index)
        self.service_combo.blockSignals(False)

    def set_empty_text(self, text: str) -> None:
        self.list_empty.setText(text)

    def show_rows(self, rows: list[InboxInquiry], unread: frozenset[str], now_ms: int) -> None:
        keep = self.selected_id()
        self._restoring = True
        try:
            if self.model.set_rows(rows, unread, now_ms) and keep:
                row = self.model.row_of(keep)
                if row >= 0:
                    self.list.selectionModel().setCurrentIndex(
                        self.model.index(row),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect,
                    )
        finally:
            self._restoring = False
        # A row filtered out of view keeps its thread open: the creator may be acting on it.
        self.list_stack.setCurrentIndex(0 if rows else 1)

    def show_thread(self, item: InboxInquiry | None, service: Service | None, now_ms: int) -> None:
        if item is None:
            self.thread_stack.setCurrentIndex(0)
            self.thread_view.item = None
            return
        self.thread_view.show_item(item, service, now_ms)
        self.thread_stack.setCurrentIndex(1)

    def show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.setVisible(bool(text))

    def selected_id(self) -> str | None:
        index = self.list.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else ""
        return str(value) if value else None

    def select(self, inquiry_id: str) -> bool:
        row = self.model.row_of(inquiry_id)
        if row < 0:
            return False
        self.list.setCurrentIndex(self.model.index(row))
        self.list.scrollTo(self.model.index(row))
        return True

    # --- keyboard ------------------------------------------------------------------------

    def select_next(self) -> None:
        self._step(1)

    def select_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.list.currentIndex().row()
        row = 0 if current < 0 else min(max(current + delta, 0), count - 1)
        self.list.setCurrentIndex(self.model.index(row))
        self.list.scrollTo(self.model.index(row))

    def focus_list(self) -> None:
        if self.list.currentIndex().isValid():
            self.list.setFocus()
        else:
            # A focused list opens its first row by itself, marking it read unseen; the page
            # takes the keys instead until J / K (or a click) picks a row.
            self.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_key(self, action: str) -> bool:
        if action == "next":
            self.select_next()
        elif action == "previous":
            self.select_previous()
        elif action == "search":
            self.focus_search()
        elif self.thread_view.item is None or self.thread_stack.currentIndex() != 1:
            return False
        elif action == "reply":
            self.thread_view.focus_reply()
        elif action == "status":
            self.thread_view.status_actions.open_menu()
        elif action == "quote":
            return self.thread_view.status_actions.begin("quoted")
        elif action == "snooze":
            return self.thread_view.status_actions.begin("snoozed")
        elif action == "unread":
            self._mark_unread()
        return True

    def _key_action(self, event: QKeyEvent) -> str | None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return None
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.hasFocus():
            return "reply"
        return NAV_KEYS.get(Qt.Key(event.key()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The list would take letters for its type-ahead search; here they navigate.
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            action = self._key_action(event)
            if action is not None:
                self.run_key(action)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._key_action(event)
        if action is not None and self.run_key(action):
            return
        if event.key() == Qt.Key.Key_Escape:
            self.focus_list()
            return
        super().keyPressEvent(event)

    # --- theme ---------------------------------------------------------------------------

    def _style_sheet(self, t: Theme) -> str:
        warn_bg, warn_fg = ("#3a2a10", "#ffd08a") if t.is_dark else ("#fff4e0", "#7a4a00")
        return f"""
            #inboxBanner {{ background: {warn_bg}; border-bottom: 1px solid {t.separator.name()}; }}
            #inboxBannerText {{ color: {warn_fg}; font-weight: 600; }}
            #inboxEmpty {{ color: {t.dim_text.name()}; font-size: 12pt; padding: 24px; }}
            #inboxHint {{ color: {t.dim_text.name()}; }}
            """

    # --- requests ------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        value = current.data(ID_ROLE) if current.isValid() else ""
        self.selection_changed.emit(str(value or ""))

    def _with_id(self, signal: SignalInstance, message_id: str) -> None:
        if self.thread_view.item is not None:
            signal.emit(self.thread_view.item.inquiry_id, message_id)

    def _reply(self, text: str) -> None:
        if self.thread_view.item is not None:
            self.reply_requested.emit(self.thread_view.item.inquiry_id, text)

    def _status(self, status: str, price: object, snooze: object) -> None:
        if self.thread_view.item is not None:
            self.thread_view.status_actions.set_busy()
            self.status_requested.emit(self.thread_view.item.inquiry_id, status, price, snooze)

    def _mark_unread(self) -> None:
        if self.thread_view.item is not None:
            self.mark_unread_requested.emit(self.thread_view.item.inquiry_id)
