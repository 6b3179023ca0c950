"""The earnings page: period and grouping, summary cards, payout progress, chart, table, tops."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.earnings import EarningsSettings
from app.ui.earnings.chart import KIND_COLORS, EarningsChart
from app.ui.earnings.table import TextTableModel
from app.ui.earnings.view import EarningsView

PERIODS = ("live", "today", "7d", "30d", "12w", "all")


def _plain(text: str = "", name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class SummaryCard(QFrame):
    """Money big, a detail line small; a colour mark says which kind it is."""

    def __init__(self, title: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earningsCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = _plain(title, "cardTitle", self)
        self.value = _plain("–", "cardValue", self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = _plain("", "cardDetail", self)
        self.detail.setWordWrap(True)
        mark = QFrame(self)
        mark.setFixedWidth(5)
        mark.setStyleSheet(f"background: {QColor(color).name()}; border-radius: 2px;")
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.value)
        column.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 10, 8)
        row.addWidget(mark)
        row.addLayout(column, 1)

    def show_figures(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class ConversionForm(QFrame):
    """Diamonds per dollar, platform share, payout threshold: edited here, applied at once."""

    edited = Signal(object)  # EarningsSettings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversionForm")
        self.per_usd = QSpinBox(self)
        self.per_usd.setRange(1, 100_000)
        self.per_usd.setSuffix(self.tr(" 💎 per USD"))
        self.share = QSpinBox(self)
        self.share.setRange(0, 100)
        self.share.setSuffix(" %")
        self.threshold = QSpinBox(self)
        self.threshold.setRange(0, 1_000_000)
        self.threshold.setPrefix("USD ")
        self.reset = QPushButton(self.tr("Reset to defaults"), self)
        self.source = source = _plain(self.defaults_source(), "hintText", self)
        source.setWordWrap(True)
        source.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Where the defaults come from is long: it scrolls at 1280 x 720 rather than being cut.
        self.source_scroll = QScrollArea(self)
        self.source_scroll.setObjectName("defaultsSource")
        self.source_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.source_scroll.setWidgetResizable(True)
        self.source_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.source_scroll.setWidget(source)
        title = _plain(self.tr("Conversion"), "sectionTitle", self)
        form = QFormLayout()
        form.addRow(self.tr("Diamonds"), self.per_usd)
        form.addRow(self.tr("Platform share"), self.share)
        form.addRow(self.tr("Payout threshold"), self.threshold)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(title)
        column.addLayout(form)
        column.addWidget(self.reset, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.source_scroll, 1)
        for box in (self.per_usd, self.share, self.threshold):
            box.valueChanged.connect(self._emit)
        self.reset.clicked.connect(lambda: self.show_settings(EarningsSettings(), emit=True))

    def defaults_source(self) -> str:
        """The defaults and the public text they come from (shown under the form)."""
        return self.tr(
            "Defaults are publicly reported figures, not facts: check your own payout page.\n"
            "• About 200 diamonds per US dollar, i.e. 1 diamond ≈ USD 0.005 (widely reported "
            "conversion of TikTok LIVE diamonds). Gift diamonds are already your side of a gift.\n"
            "• Platform share of Below Room subscriptions and Service+ bookings: reports "
            "range from about 20% (“TikTok Live Business Model”) to 50% (a TikTok "
            "spokesperson: creators keep "
            "“their full 50% share … after deducting fees from app stores, payment processors”). "
            "Default 50%, the cautious end.\n"
            "• Payouts open above a threshold (“Diamonds can be converted into real money once a "
            "certain threshold is met”); USD 10 is an illustrative default."
        )

    def show_settings(self, settings: EarningsSettings, *, emit: bool = False) -> None:
        for box in (self.per_usd, self.share, self.threshold):
            box.blockSignals(True)
        self.per_usd.setValue(settings.diamonds_per_usd)
        self.share.setValue(round(settings.platform_share * 100))
        self.threshold.setValue(settings.payout_threshold_usd)
        for box in (self.per_usd, self.share, self.threshold):
            box.blockSignals(False)
        if emit:
            self._emit()

    def settings(self) -> EarningsSettings:
        return EarningsSettings(
            diamonds_per_usd=self.per_usd.value(),
            platform_share=self.share.value() / 100,
            payout_threshold_usd=self.threshold.value(),
        )

    def _emit(self) -> None:
        self.edited.emit(self.settings())


def _table(model: TextTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class EarningsPage(QWidget):
    """Shows what the controller computed; its signals ask for changes."""

    period_changed = Signal(str)
    grouping_changed = Signal(str)
    refresh_requested = Signal()
    shown = Signal()  # (the report is rebuilt on showing if it changed while hidden)
    export_requested = Signal(str)  # "figures" or "ledger"
    row_opened = Signal(int)  # a table row double-clicked (per session: open that live)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earningsPage")
        self.period = QComboBox(self)
        for key, label in (
            ("live", self.tr("This live")),
            ("today", self.tr("Today")),
            ("7d", self.tr("Last 7 days")),
            ("30d", self.tr("Last 30 days")),
            ("12w", self.tr("Last 12 weeks")),
            ("all", self.tr("All time")),
        ):
            self.period.addItem(label, key)
        self.grouping = QComboBox(self)
        for key, label in (
            ("day", self.tr("per day")),
            ("week", self.tr("per week")),
            ("session", self.tr("per live session")),
        ):
            self.grouping.addItem(label, key)
        self.status = _plain("", "hintText", self)
        self.refresh = QPushButton(self.tr("Refresh"), self)
        self.export = QToolButton(self)
        self.export.setText(self.tr("Export CSV…"))
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.export)
        figures = QAction(self.tr("The table (figures per row)…"), menu)
        ledger = QAction(self.tr("Every ledger line of the period…"), menu)
        menu.addAction(figures)
        menu.addAction(ledger)
        self.export.setMenu(menu)
        self.export.clicked.connect(lambda: self.export_requested.emit("figures"))
        figures.triggered.connect(lambda: self.export_requested.emit("figures"))
        ledger.triggered.connect(lambda: self.export_requested.emit("ledger"))

        bar = QHBoxLayout()
        bar.addWidget(_plain(self.tr("Period"), parent=self))
        bar.addWidget(self.period)
        bar.addWidget(self.grouping)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.refresh)
        bar.addWidget(self.export)

        self.cards = {
            "total": SummaryCard(self.tr("You keep"), "#2f9e44", self),
            "gifts": SummaryCard(self.tr("Gifts"), KIND_COLORS["gifts"], self),
            "subscriptions": SummaryCard(self.tr("Below Room"), KIND_COLORS["subscriptions"], self),
            "services": SummaryCard(self.tr("Service+ bookings"), KIND_COLORS["services"], self),
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)

        # Bookings priced in another currency than the earnings currency: summed apart, never
        # converted (LiveDesk has no exchange rates), so they are never lost from view either.
        self.other_money = _plain("", "otherMoney", self)
        self.other_money.setWordWrap(True)
        self.other_money.hide()

        self.payout_bar = QProgressBar(self)
        self.payout_bar.setRange(0, 1000)
        self.payout_bar.setTextVisible(False)
        self.payout_bar.setFixedHeight(12)
        self.payout_text = _plain("", "payoutText", self)
        payout = QHBoxLayout()
        payout.addWidget(_plain(self.tr("Payout"), "sectionTitle", self))
        payout.addWidget(self.payout_bar, 1)
        payout.addWidget(self.payout_text)

        self.chart = EarningsChart(self)
        self.table_model = TextTableModel(
            [
                self.tr("Period"),
                self.tr("Gifts 💎"),
                self.tr("Gifts"),
                self.tr("Below Room"),
                self.tr("Service+"),
                self.tr("Total"),
            ],
            self,
        )
        self.table = _table(self.table_model, self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.table.setMinimumWidth(460)

        self.gifters_model = TextTableModel([self.tr("Top gifters"), "💎", self.tr("Gifts")], self)
        self.gifts_model = TextTableModel([self.tr("Top gifts"), self.tr("Sent"), "💎"], self)
        self.conversion = ConversionForm(self)
        lower = QGridLayout()
        lower.addWidget(_table(self.gifters_model, self), 0, 0)
        lower.addWidget(_table(self.gifts_model, self), 0, 1)
        lower.addWidget(self.conversion, 0, 2)
        lower.setColumnStretch(0, 3)
        lower.setColumnStretch(1, 3)
        lower.setColumnStretch(2, 3)

        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 10)
        column.setSpacing(8)
        column.addLayout(bar)
        column.addLayout(cards)
        column.addWidget(self.other_money)
        column.addLayout(payout)
        column.addWidget(split, 3)
        column.addLayout(lower, 2)

        self.period.currentIndexChanged.connect(
            lambda _i: self.period_changed.emit(self.period.currentData())
        )
        self.grouping.currentIndexChanged.connect(
            lambda _i: self.grouping_changed.emit(self.grouping.currentData())
        )
        self.refresh.clicked.connect(self.refresh_requested)
        self.chart.bar_clicked.connect(self.table.selectRow)
        self.table.clicked.connect(lambda index: self.chart.select(index.row()))
        self.table.doubleClicked.connect(lambda index: self.row_opened.emit(index.row()))

    def showEvent(self, event: QShowEvent) -> None:
        self.shown.emit()  # before the first paint: what it paints is current
        super().showEvent(event)

    def show_view(self, view: EarningsView) -> None:
        """Render one report's view model (the feature builds it; the page only shows it)."""
        for key, card in view.cards.items():
            self.cards[key].show_figures(card.value, card.detail)
        self.other_money.setText(view.other_money)
        self.other_money.setVisible(bool(view.other_money))
        self.payout_bar.setValue(int(view.payout_fraction * 1000))
        self.payout_text.setText(view.payout_text)
        self.payout_text.setToolTip(view.payout_tip)
        self.chart.set_bars(view.bars, view.currency, view.chart_empty)
        self.table_model.set_rows(view.table, bold_last=True)
        self.gifters_model.set_rows(view.gifters)
        self.gifts_model.set_rows(view.gifts)

    def set_live_label(self, text: str) -> None:
        """The "live" period's name: "This live", or the past live session opened."""
        self.period.setItemText(max(self.period.findData("live"), 0), text)

    def set_choice(self, period: str, grouping: str) -> None:
        for combo, key in ((self.period, period), (self.grouping, grouping)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(key), 0))
            combo.blockSignals(False)
