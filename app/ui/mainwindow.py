"""The creator console window: session bar, public chat | Below Room | on-camera queue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.ui.actions import FEATURE, FIRST, LAST, Action, ActionRegistry
from app.ui.confirm import confirm_end_live, confirm_quit_while_live
from app.ui.firstrun import FirstRunHint
from app.ui.helpoverlay import HelpOverlay
from app.ui.oncamera import OnCameraPanel
from app.ui.sessionbar import SessionBar
from app.ui.settings import ConsoleSettings
from app.ui.steadysplit import hold_widths
from app.ui.steadytabs import QuietTabs
from app.ui.tearoff import PaneDock

# Smallest widths of public chat, Below Room and the side column (1280 px windows fit).
CHAT_COLUMN_MINIMUMS = (280, 240, 300)


class ConsoleWindow(QMainWindow):
    """Lays out the panes it is given; remembers sizes and torn-off panes between runs."""

    settings_requested = Signal()
    sign_out_requested = Signal()
    moderator_window_requested = Signal()
    # The window is closing (emitted first thing in closeEvent, before the layout is saved):
    # features save what they keep and stop. A signal rather than event filters on the
    # window: a Python event filter on it is called for each of its events (a frame's
    # UpdateRequest among them), dozens a second with a new Python object for each.
    closing = Signal()

    def __init__(
        self,
        public_pane: QWidget,
        below_pane: QWidget,
        settings: ConsoleSettings,
        *,
        role: str = "creator",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.role = role
        self._guarding_close = False
        self._closing = False
        self.setWindowTitle(self.tr("LiveDesk"))
        self.setObjectName("consoleWindow")

        self.session_bar = SessionBar(self)
        if role == "creator":
            self.session_bar.confirm_end = lambda: confirm_end_live(self, settings)
        self.public_dock = PaneDock(public_pane, self.tr("Public chat"), self)
        self.below_dock = PaneDock(below_pane, self.tr("Below Room"), self)
        self.oncamera = OnCameraPanel(self)

        # Right-hand column of the live page: alert area, on-camera queue, ...
        self.side_column = QSplitter(Qt.Orientation.Vertical, self)
        self.side_column.setObjectName("sideColumn")
        self.side_column.setChildrenCollapsible(False)
        self.side_column.addWidget(self.oncamera)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("roomsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.public_dock)
        self.splitter.addWidget(self.below_dock)
        self.splitter.addWidget(self.side_column)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        # Only a drag moves these dividers, never a longer line in a column (steadysplit).
        hold_widths(self.splitter, CHAT_COLUMN_MINIMUMS)

        # Pages: "Live" (the chat) first; other features add theirs with add_page().
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.splitter, self.tr("Live"))
        self.pages.tabBar().setVisible(False)
        # A figure's new text inside must not repaint every page (steadytabs).
        self.quiet_pages = QuietTabs(self.pages)

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.session_bar)
        if role == "creator":
            self.first_run = FirstRunHint(self.session_bar, settings, central)
            column.addWidget(self.first_run)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.help = HelpOverlay(central, [])
        # Every menu entry and F1 line of this window comes from this registry.
        self.action_registry = ActionRegistry(self)
        self.action_registry.on_change.append(self._show_help_lines)
        self._build_menus()
        self.resize(1280, 780)
        self._restore_layout()

    # --- extension points for features (alerts, inbox, earnings, ...) -------------------

    def add_page(self, widget: QWidget, title: str) -> int:
        """Add a top-level page (tab) beside "Live"; returns its index."""
        index = self.pages.addTab(widget, title)
        self.pages.tabBar().setVisible(self.pages.count() > 1)
        return index

    def set_page_title(self, widget: QWidget, title: str) -> None:
        """Retitle a page, e.g. with an unread count: "Inbox (3)"."""
        index = self.pages.indexOf(widget)
        if index >= 0:
            self.pages.setTabText(index, title)

    def add_side_panel(self, widget: QWidget, *, first: bool = False) -> None:
        """Add a panel to the live page's right-hand column (above the on-camera queue)."""
        if first:
            self.side_column.insertWidget(0, widget)
        else:
            self.side_column.addWidget(widget)

    def add_help(self, *entries: tuple[str, str]) -> None:
        """Add (keys, what) lines to the F1 help for keys a widget handles itself."""
        for keys, what in entries:
            self.action_registry.add(Action(f"help:{keys}:{what}", what, keys=keys, help=what))

    def add_action(self, action: Action) -> QAction | None:
        """Register one of this window's actions (menus and F1 are built from them)."""
        return self.action_registry.add(action)

    def add_menu_action(
        self,
        text: str,
        shortcut: str | None,
        slot: Callable[[], object],
        menu: str = "view",
        *,
        name: str | None = None,
        order: int = FEATURE,
    ) -> QAction:
        """Add an action to a menu ("file", "view", "help") with a window shortcut; in the
        File menu a feature's entries go above Sign out and Quit."""
        action = Action(name or f"{menu}:{text}", text, shortcut, slot, menu, order)
        made = self.action_registry.add(action)
        assert made is not None
        return made

    # --- menus and shortcuts --------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.action_registry.menus.update(
            file=bar.addMenu(self.tr("&File")),
            view=bar.addMenu(self.tr("&View")),
            help=bar.addMenu(self.tr("&Help")),
        )
        # Registered in the order F1 lists them; `order` places each in its menu.
        for action in (
            Action(
                "view.compose_public",
                self.tr("Public chat: compose"),
                "Ctrl+1",
                self._focus_public,
                "view",
                10,
                self.tr("Write in public chat"),
            ),
            Action(
                "view.compose_below",
                self.tr("Below Room: compose"),
                "Ctrl+2",
                self._focus_below,
                "view",
                11,
                self.tr("Write in Below Room"),
            ),
            Action(
                "pane.send", self.tr("Send the message"), "Enter", help=self.tr("Send the message")
            ),
            Action(
                "pane.filter",
                self.tr("Search / filter the focused pane"),
                "Ctrl+F",
                help=self.tr("Search / filter the focused pane"),
            ),
            Action(
                "pane.newest",
                self.tr("Jump to the newest messages (Ctrl+End also while typing)"),
                "End",
                keys="End / Ctrl+End",
                help=self.tr("Jump to the newest messages (Ctrl+End also while typing)"),
            ),
            Action(
                "oncamera.answered",
                self.tr("Mark the on-camera question answered"),
                "Ctrl+Return",
                help=self.tr("Mark the on-camera question answered"),
            ),
            Action(
                "view.tear_public",
                self.tr("Tear off / dock public chat"),
                "Ctrl+Shift+1",
                self.public_dock.toggle,
                "view",
                12,
                self.tr("Tear off or dock a chat pane"),
                "Ctrl+Shift+1 / 2",
            ),
            Action(
                "view.tear_below",
                self.tr("Tear off / dock Below Room"),
                "Ctrl+Shift+2",
                self.below_dock.toggle,
                "view",
                13,
            ),
            Action(
                "file.settings",
                self.tr("Settings…"),
                "Ctrl+,",
                self.settings_requested.emit,
                "file",
                FIRST,
                self.tr("Settings"),
            ),
            Action(
                "help.shortcuts",
                self.tr("Keyboard shortcuts"),
                "F1",
                self.help.toggle,
                "help",
                FIRST,
                self.tr("Show or hide this help"),
            ),
        ):
            self.action_registry.add(action)
        if self.role == "creator":
            self.action_registry.add(
                Action(
                    "file.moderator_window",
                    self.tr("Open moderator window"),
                    "Ctrl+Shift+M",
                    self.moderator_window_requested.emit,
                    "file",
                    FIRST + 10,
                )
            )
        self.action_registry.add(
            Action(
                "file.sign_out",
                self.tr("Sign out"),
                None,
                self.sign_out_requested.emit,
                "file",
                LAST,
            )
        )
        self.action_registry.add(
            Action("file.quit", self.tr("Quit"), "Ctrl+Q", self.request_quit, "file", LAST + 5)
        )

    def _show_help_lines(self) -> None:
        self.help.shortcuts = self.action_registry.help_lines()

    def _focus_public(self) -> None:
        self._focus_compose(self.public_dock)

    def _focus_below(self) -> None:
        self._focus_compose(self.below_dock)

    @staticmethod
    def _focus_compose(dock: PaneDock) -> None:
        focus = getattr(dock.pane, "focus_compose", None)
        if callable(focus):
            if dock.is_torn:
                dock.tear_off()  # raises the torn-off window
            focus()

    # --- layout memory --------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.layout_blob("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.layout_blob("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def restore_side_column(self) -> None:
        """Restore the side column's sizes once features have added their panels."""
        state = self.settings.layout_blob("side_column")
        if state is not None:
            self.side_column.restoreState(state)

    def restore_torn_panes(self) -> None:
        """Reopen panes that were torn off when the console last closed (after show())."""
        for name, dock in (("public", self.public_dock), ("below", self.below_dock)):
            if self.settings.layout_flag(f"{name}_torn"):
                dock.tear_off(self.settings.layout_blob(f"{name}_geometry"))

    def save_layout(self) -> None:
        self.settings.set_layout_blob("geometry", self.saveGeometry())
        self.settings.set_layout_blob("splitter", self.splitter.saveState())
        self.settings.set_layout_blob("side_column", self.side_column.saveState())
        for name, dock in (("public", self.public_dock), ("below", self.below_dock)):
            self.settings.set_layout_flag(f"{name}_torn", dock.is_torn)
            self.settings.set_layout_blob(f"{name}_geometry", dock.torn_geometry())
        self.settings.sync()

    def _may_quit(self) -> bool:
        """While live, the creator confirms before the console goes away."""
        if self.role != "creator" or not self.session_bar.is_live:
            return True
        return confirm_quit_while_live(self, demo=self.session_bar.demo)

    def request_quit(self) -> None:
        """File → Quit: asks first while live."""
        if self._may_quit():
            self.close()

    def close(self) -> bool:
        """A close by the program (File → Quit once confirmed, sign-out, the self-test) does
        not ask; only the window's own close button does (eventFilter)."""
        self._closing = True
        try:
            return super().close()
        finally:
            self._closing = False

    def showEvent(self, event: QShowEvent) -> None:
        handle = self.windowHandle()
        if handle is not None and not self._guarding_close:
            # The window's close button reaches the native window first: asking there, a
            # "Stay" is never seen by the features that watch this window close.
            handle.installEventFilter(self)
            self._guarding_close = True
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.windowHandle()
            and event.type() == QEvent.Type.Close
            and not self._closing
            and not self._may_quit()
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A close by the program (sign-out, the self-test, tests) does not ask.
        self.closing.emit()
        self.save_layout()
        for dock in (self.public_dock, self.below_dock):
            dock.dock()
        super().closeEvent(event)
