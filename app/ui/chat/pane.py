"""ChatPane: room header, the chat list, "N new messages", filter line and compose box."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.protocol.payloads import Room
from app.ui.chat.batcher import ChatBatcher
from app.ui.chat.delegate import ChatDelegate
from app.ui.chat.filter import ChatFilterProxy, parse_filter
from app.ui.chat.listview import ChatView
from app.ui.chat.model import ChatLine, ChatModel
from app.ui.safetext import isolated

__all__ = ["ChatPane", "ChatView"]

MAX_MESSAGE_CHARS = 500
TIMEOUTS_S = (60, 600, 3600, 86_400)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


class ChatPane(QWidget):
    """Public chat or Below Room: everything one room needs, over plain ChatLines.

    Feed lines with `push_lines`/`append_lines` at any rate (they reach the model once per
    frame through `batcher`); change flags with `model.mark_deleted` & co. The pane never
    talks to the network: user actions leave as signals. While `send_requested` is being
    emitted, `replying_to` is the id of the message the text answers (or None).
    """

    send_requested = Signal(str)
    history_requested = Signal(int)  # seq of the oldest line shown; load what came before
    reply_started = Signal(str)  # message id
    pin_requested = Signal(str)  # message id
    delete_requested = Signal(str)  # message id
    timeout_requested = Signal(str, int)  # user id, seconds
    ban_requested = Signal(str)  # user id
    answer_on_camera_requested = Signal(str)  # message id
    retry_requested = Signal(str)  # local id of a failed own message
    unpin_requested = Signal(str)  # room
    line_clicked = Signal(object, QPoint)  # ChatLine, global position (e.g. open a user card)
    text_copied = Signal(str)

    def __init__(
        self,
        room: Room = "public",
        *,
        below: bool | None = None,
        title: str = "",
        max_rows: int = 2000,
        font_size_pt: float = 11.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.room: Room = room
        self.below = room == "below" if below is None else below
        self.replying_to: str | None = None
        self._reply_prefix = ""
        self._own_user_id = ""
        self.model = ChatModel(max_rows, self)
        self.batcher = ChatBatcher(self.model, parent=self)
        self.delegate = ChatDelegate(font_size_pt, self)
        self.view = ChatView(self.delegate, self)
        self.view.setModel(self.model)
        self.batcher.paint_ms = lambda: self.view.last_paint_ms
        self.batcher.screen_lines = self.view.rows_on_screen
        self._proxy: ChatFilterProxy | None = None
        default_title = self.tr("Below Room") if self.below else self.tr("Public chat")
        self._build(title or default_title)
        self._connect()

    # --- construction ----------------------------------------------------------------

    def _build(self, title: str) -> None:
        self.title_label = _label(title, "roomTitle")
        self.slow_chip = _label("", "modeChip")
        self.members_chip = _label(self.tr("Members only"), "modeChip")
        self.member_count_label = _label("", "memberCount")
        for chip in (self.slow_chip, self.members_chip, self.member_count_label):
            chip.hide()
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 6)
        header.setSpacing(6)
        for widget in (self.title_label, self.slow_chip, self.members_chip):
            header.addWidget(widget)
        header.addStretch(1)
        header.addWidget(self.member_count_label)

        self.pinned_label = ElidedLabel()
        self.pinned_label.setObjectName("pinnedMessage")
        self.pinned_label.setToolTip(self.tr("Right-click to unpin"))
        self.pinned_label.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pinned_label.customContextMenuRequested.connect(self._pinned_menu)
        self.pinned_label.hide()

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("chatFilter")
        self.filter_edit.setPlaceholderText(
            self.tr("Filter: words, from:name, badge:mod, badge:member, is:first, is:deleted")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.hide()
        self.filter_edit.installEventFilter(self)

        self.new_button = QPushButton(self.view)
        self.new_button.setObjectName("newMessagesButton")
        self.new_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_button.hide()
        self._button_timer = QTimer(self)
        self._button_timer.setSingleShot(True)
        self._button_timer.setInterval(250)
        self._button_timer.timeout.connect(
            lambda: self._update_new_button(self.batcher.pending_count)
        )
        self.view.resized.connect(self._place_new_button)

        self.compose = QLineEdit(self)
        self.compose.setObjectName("compose")
        self.compose.setMaxLength(MAX_MESSAGE_CHARS)
        self.compose.setPlaceholderText(self.tr("Send a message"))
        self.compose.installEventFilter(self)  # Ctrl+End: newest messages, while typing
        self.counter_label = _label("", "composeCounter")
        self.counter_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.pinned_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        compose_row = QHBoxLayout()
        compose_row.setContentsMargins(8, 6, 8, 8)
        compose_row.setSpacing(6)
        compose_row.addWidget(self.compose, 1)
        compose_row.addWidget(self.counter_label)
        layout.addLayout(compose_row)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.show_filter)

    def _connect(self) -> None:
        self.view.following_changed.connect(self._on_following_changed)
        self.view.top_reached.connect(self._on_top_reached)
        self.view.line_menu_requested.connect(self._on_line_menu)
        self.view.retry_clicked.connect(self.retry_requested)
        self.view.line_clicked.connect(self.line_clicked)
        self.view.text_typed.connect(self._type_into_compose)
        self.batcher.pending_changed.connect(self._on_pending_changed)
        self.new_button.clicked.connect(self.jump_to_newest)
        self.compose.returnPressed.connect(self._send)
        self.compose.textChanged.connect(self._on_compose_changed)
        self.filter_edit.textChanged.connect(self.set_filter_text)

    # --- lines -----------------------------------------------------------------------

    @property
    def max_rows(self) -> int:
        return self.model.max_rows

    def push_lines(self, lines: Iterable[ChatLine]) -> None:
        """New lines, oldest first, at any rate: they show within one frame."""
        self.batcher.push(lines)

    append_lines = push_lines

    def prepend_history(self, lines: Iterable[ChatLine]) -> None:
        """Older lines from the store (any order) go above the oldest line shown."""
        self.model.prepend_history(sorted(lines, key=lambda line: line.seq))

    # What the console tells a pane about its lines; the model stays the pane's own.

    def mark_sent(self, local_id: str, message_id: str, echo: ChatLine | None = None) -> bool:
        return self.model.mark_sent(local_id, message_id, echo)

    def mark_failed(self, local_id: str, reason: str = "") -> bool:
        return self.model.mark_failed(local_id, reason)

    def mark_deleted(self, message_id: str) -> bool:
        return self.model.mark_deleted(message_id)

    def mark_answered(self, message_id: str) -> bool:
        return self.model.mark_answered(message_id)

    def take_line(self, message_id: str) -> ChatLine | None:
        """Remove a line and return it (a failed send about to be sent again)."""
        line = self.model.line_by_id(message_id)
        if line is not None:
            self.model.remove_line(message_id)
        return line

    def set_max_rows(self, max_rows: int) -> None:
        self.model.set_max_rows(max_rows)

    # --- header ----------------------------------------------------------------------

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)

    def set_modes(self, slow_mode_s: int, members_only: bool) -> None:
        self.set_slow_mode(slow_mode_s)
        self.set_members_only(members_only)

    def set_slow_mode(self, seconds: int) -> None:
        self.slow_chip.setText(self.tr("Slow %1s").replace("%1", str(seconds)))
        self.slow_chip.setVisible(seconds > 0)

    def set_members_only(self, on: bool) -> None:
        self.members_chip.setVisible(on)

    def set_member_count(self, count: int | None) -> None:
        if count is None:
            self.member_count_label.hide()
            return
        self.member_count_label.setText(self.tr("%Ln member(s)", "", count))
        self.member_count_label.show()

    def set_pinned(self, text: str | None, user_name: str | None = None) -> None:
        """Show the pinned message above the chat (None: nothing pinned)."""
        if not text:
            self.pinned_label.hide()
            return
        pinned = self.tr("Pinned")
        # Viewers' name and text are isolated: right-to-left text cannot reorder the label.
        name, text = isolated(user_name or ""), isolated(text)
        shown = f"{pinned} · {name}: {text}" if user_name else f"{pinned} · {text}"
        self.pinned_label.set_full_text(_CONTROL_CHARS.sub(" ", shown))
        self.pinned_label.show()

    def _pinned_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Unpin"), lambda: self.unpin_requested.emit(self.room))
        menu.popup(self.pinned_label.mapToGlobal(pos))

    def set_own_user_id(self, user_id: str) -> None:
        """Whose lines are the creator's own: no timeout or ban on them."""
        self._own_user_id = user_id

    def set_font_size(self, points: float) -> None:
        self.delegate.set_font_size(points)

    def focus_compose(self) -> None:
        self.compose.setFocus()

    # --- following and "N new messages" ----------------------------------------------

    def jump_to_newest(self) -> None:
        self.view.jump_to_newest()

    def _on_following_changed(self, following: bool) -> None:
        self.batcher.set_following(following)
        self._update_new_button(self.batcher.pending_count)

    def _on_pending_changed(self, count: int) -> None:
        # At chat speed the count changes every frame; a readable number changes ~4 times
        # a second (and repainting the button repaints the list behind it).
        if count <= 0 or not self.new_button.isVisible():
            self._update_new_button(count)
        elif not self._button_timer.isActive():
            self._button_timer.start()

    def _update_new_button(self, count: int) -> None:
        if count <= 0 or self.view.following:
            self.new_button.hide()
            return
        self.new_button.setText(self.tr("▼ %Ln new message(s)", "", count))
        self._place_new_button()
        self.new_button.show()
        self.new_button.raise_()

    def _place_new_button(self) -> None:
        area = self.view.viewport().geometry()
        size = self.new_button.sizeHint()
        self.new_button.resize(size)
        x = area.center().x() - size.width() // 2
        self.new_button.move(QPoint(x, area.bottom() - size.height() - 10))

    def _on_top_reached(self) -> None:
        oldest = self.model.oldest_seq()
        if oldest > 1:
            self.history_requested.emit(oldest)

    # --- compose ---------------------------------------------------------------------

    def _send(self) -> None:
        text = self.compose.text().strip()
        if not text:
            return
        if self._reply_prefix and not text.startswith(self._reply_prefix.strip()):
            self.replying_to = None
        self.send_requested.emit(text)
        self.replying_to, self._reply_prefix = None, ""
        self.compose.clear()
        self.view.jump_to_newest()  # your own message should be in sight

    def _type_into_compose(self, text: str) -> None:
        self.compose.setFocus()
        self.compose.insert(text)

    def _on_compose_changed(self, text: str) -> None:
        near_limit = len(text) >= MAX_MESSAGE_CHARS - 100
        self.counter_label.setVisible(near_limit)
        if near_limit:
            self.counter_label.setText(f"{len(text)}/{MAX_MESSAGE_CHARS}")

    def reply_to(self, line: ChatLine) -> None:
        self.replying_to = line.message_id
        self._reply_prefix = f"@{line.user_name} "
        self.compose.setText(self._reply_prefix)
        self.compose.setFocus()
        self.compose.end(False)
        self.reply_started.emit(line.message_id)

    # --- filter ----------------------------------------------------------------------

    def show_filter(self) -> None:
        self.filter_edit.show()
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def hide_filter(self) -> None:
        self.filter_edit.clear()
        self.filter_edit.hide()
        self.compose.setFocus()

    def set_filter_text(self, text: str) -> None:
        """Show only matching lines (empty: all), newest matches in sight."""
        chat_filter = parse_filter(text)
        if chat_filter.is_empty:
            if self._proxy is not None:
                self.view.setModel(self.model)
                self._proxy.deleteLater()
                self._proxy = None
                self.view.set_empty_text(self.tr("No messages yet — chat will appear here"))
        elif self._proxy is None:
            # A proxy only while filtering: unfiltered, the view reads the model directly.
            self._proxy = ChatFilterProxy(self.model, self)
            self._proxy.set_filter(chat_filter)
            self.view.setModel(self._proxy)
            self.view.set_empty_text(self.tr("No messages match this filter"))
        else:
            self._proxy.set_filter(chat_filter)
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)
        self.view.jump_to_newest()

    # --- context menu ----------------------------------------------------------------

    def _on_line_menu(self, line: ChatLine, global_pos: QPoint) -> None:
        menu = self.build_context_menu(line)
        menu.aboutToHide.connect(lambda: self.view.set_menu_row(-1))
        menu.popup(global_pos)

    def build_context_menu(self, line: ChatLine) -> QMenu:
        """The menu for one line; its actions have object names (tests, automation)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        unsent = line.pending or line.failed

        def add(name: str, text: str, slot: Callable[[], object], on: bool = True) -> QAction:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.setEnabled(on)
            action.triggered.connect(slot)
            return action

        mid, uid = line.message_id, line.user_id
        if not unsent:
            add("replyAction", self.tr("Reply"), lambda: self.reply_to(line))
        add("copyAction", self.tr("Copy text"), lambda: self._copy(line))
        if line.failed:
            local_id = line.local_id or mid
            add(
                "retryAction", self.tr("Retry sending"), lambda: self.retry_requested.emit(local_id)
            )
        if unsent:
            return menu
        menu.addSeparator()
        add("pinAction", self.tr("Pin"), lambda: self.pin_requested.emit(mid), not line.deleted)
        if self.below:
            add(
                "answerOnCameraAction",
                self.tr("Answer on camera"),
                lambda: self.answer_on_camera_requested.emit(mid),
                not line.answered_on_camera and not line.deleted,
            )
        add(
            "deleteAction",
            self.tr("Delete"),
            lambda: self.delete_requested.emit(mid),
            not line.deleted,
        )
        if uid and uid != self._own_user_id:
            menu.addSeparator()
            timeout = menu.addMenu(self.tr("Timeout"))
            timeout.setObjectName("timeoutMenu")
            labels = (
                self.tr("1 minute"),
                self.tr("10 minutes"),
                self.tr("1 hour"),
                self.tr("24 hours"),
            )
            for seconds, label in zip(TIMEOUTS_S, labels, strict=True):
                action = timeout.addAction(label)
                action.setObjectName(f"timeout{seconds}Action")
                action.triggered.connect(
                    lambda _=False, s=seconds: self.timeout_requested.emit(uid, s)
                )
            ban_text = self.tr("Ban %1").replace("%1", _menu_text(line.user_name))
            add("banAction", ban_text, lambda: self.ban_requested.emit(uid))
        return menu

    def _copy(self, line: ChatLine) -> None:
        QGuiApplication.clipboard().setText(line.text)
        self.text_copied.emit(line.text)

    # --- events ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.hide_filter()
            return True
        elif (
            watched is self.compose
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_End
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # In a one-line box Ctrl+End would only repeat End: it jumps the chat instead.
            self.jump_to_newest()
            return True
        return super().eventFilter(watched, event)


class ElidedLabel(QLabel):
    """One line of plain text that shrinks with an ellipsis instead of widening the pane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(20, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(20, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # room titles and pins come from users
    return label


def _menu_text(text: str) -> str:
    """Untrusted text for a menu item: "&" would become a shortcut mark, tabs a column."""
    return _CONTROL_CHARS.sub(" ", text).replace("&", "&&")
