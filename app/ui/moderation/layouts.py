"""Where the moderation widgets go: the moderator's side column, or a page for the creator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.ui.console import Console
from app.ui.moderation.feature import COLUMN_LAYOUT, ModerationFeature
from app.ui.steadysplit import hold_widths

MODERATOR_WINDOW_SIZE = (1600, 900)


def _help(console: Console) -> None:
    console.window.add_help(
        (
            QCoreApplication.translate("Moderation", "Click a name"),
            QCoreApplication.translate("Moderation", "Open the user card (Esc closes it)"),
        ),
        (
            QCoreApplication.translate("Moderation", "Move the pointer on the chat"),
            QCoreApplication.translate(
                "Moderation", "The chat holds still; it moves on when the pointer rests (Settings)"
            ),
        ),
    )


def place_for_moderator(console: Console) -> ModerationFeature:
    """The moderation layout: chat panes, and beside them room modes, the review queue and
    blocked terms, the on-camera queue and the moderation log. No money, no inbox."""
    feature = ModerationFeature(console)
    window = console.window
    window.session_bar.live_button.hide()  # going live is the creator's
    chip = QLabel(QCoreApplication.translate("Moderation", "Moderator"), window.session_bar)
    chip.setObjectName("moderatorChip")
    chip.setTextFormat(Qt.TextFormat.PlainText)
    chip.setStyleSheet(
        "QLabel#moderatorChip { background: #2a7d3b; color: #ffffff; border-radius: 9px;"
        " padding: 2px 10px; font-weight: 700; }"
    )
    bar_layout = window.session_bar.layout()
    if isinstance(bar_layout, QBoxLayout):
        bar_layout.insertWidget(0, chip)
    # A column of its own between the rooms and the side column (alerts, on-camera queue):
    # on a second monitor the held queue and the log must not be squeezed to a few rows.
    column = QSplitter(Qt.Orientation.Vertical, window.splitter)
    column.setObjectName("moderationColumn")
    column.setChildrenCollapsible(False)
    for widget in (feature.room_controls, feature.review, feature.log_panel):
        column.addWidget(widget)
    column.setStretchFactor(1, 3)
    column.setStretchFactor(2, 2)
    window.splitter.insertWidget(2, column)
    # Public, Below Room, this column, the side column: only a drag moves their dividers.
    hold_widths(window.splitter, (280, 240, 320, 300))
    feature.column = column
    saved = window.settings.layout_blob("splitter")
    if saved is None or not window.splitter.restoreState(saved):
        width, height = MODERATOR_WINDOW_SIZE
        window.resize(width, height)
        # At 1600 px: gift rows in the side column and the log's columns fit whole.
        window.splitter.setSizes([390, 300, 480, 430])
        column.setSizes([150, 430, 320])
    column_state = window.settings.layout_blob(COLUMN_LAYOUT)
    if column_state is not None:
        column.restoreState(column_state)
    window.restore_side_column()

    def retitle(held: int) -> None:
        me = console.me.name if console.me is not None else ""
        if me:
            chip.setText(QCoreApplication.translate("Moderation", "Moderator · {0}").format(me))
        _title_moderator(console, me, held)

    feature.held_count_changed.connect(retitle)
    console.add_ready_listener(lambda _ready: retitle(len(feature.held)))
    _help(console)
    return feature


def _title_moderator(console: Console, me: str, held: int) -> None:
    title = QCoreApplication.translate("Moderation", "LiveDesk — Moderator") + (
        f" · {me}" if me else ""
    )
    if held:
        title = QCoreApplication.translate("Moderation", "({0} held) {1}").format(held, title)
    console.window.setWindowTitle(title)


def place_for_creator(console: Console) -> ModerationFeature:
    """A "Moderation" page beside "Live": room modes on top, the review queue and the log
    side by side. The user card opens over the live page when a chat line is clicked."""
    feature = ModerationFeature(console)
    window = console.window
    page = QWidget()
    page.setObjectName("moderationPage")
    lower = QSplitter(Qt.Orientation.Horizontal, page)
    lower.setChildrenCollapsible(False)
    lower.addWidget(feature.review)
    lower.addWidget(feature.log_panel)
    lower.setSizes([520, 680])
    column = QVBoxLayout(page)
    column.setContentsMargins(8, 8, 8, 8)
    column.addWidget(feature.room_controls)
    column.addWidget(lower, 1)
    window.add_page(page, QCoreApplication.translate("Moderation", "Moderation"))

    def retitle(held: int) -> None:
        title = (
            QCoreApplication.translate("Moderation", "Moderation ({0})").format(held)
            if held
            else QCoreApplication.translate("Moderation", "Moderation")
        )
        window.set_page_title(page, title)

    def show_page() -> None:
        window.pages.setCurrentWidget(page)

    feature.held_count_changed.connect(retitle)
    window.add_menu_action(
        QCoreApplication.translate("Moderation", "Moderation"), "Ctrl+Shift+R", show_page
    )
    feature.page = page
    _help(console)
    return feature
