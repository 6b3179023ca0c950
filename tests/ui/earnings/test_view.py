"""The earnings page renders a view model: no presenter writes into its widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.earnings.chart import Bar
from app.ui.earnings.page import EarningsPage
from app.ui.earnings.view import CardView, EarningsView


def test_the_page_shows_exactly_what_its_view_model_says(qtbot: QtBot) -> None:
    page = EarningsPage()
    qtbot.addWidget(page)
    view = EarningsView(
        cards={key: CardView(f"${n}.00", f"detail {key}") for n, key in enumerate(page.cards)},
        other_money="€4.00 in EUR",
        payout_fraction=0.25,
        payout_text="$2.50 of $10.00 — $7.50 to go",
        payout_tip="tip",
        currency="USD",
        bars=[Bar("Mon", "Monday\n$2.50", 250, 0, 0)],
        chart_empty="",
        table=[["Mon", "50", "$2.50", "$0.00", "$0.00", "$2.50"], ["Total"] + ["x"] * 5],
        gifters=[["Mia", "50", "1"]],
        gifts=[["Rose", "50", "50"]],
    )
    page.show_view(view)
    for n, (key, card) in enumerate(page.cards.items()):
        assert (card.value.text(), card.detail.text()) == (f"${n}.00", f"detail {key}")
    assert page.other_money.text() == "€4.00 in EUR" and not page.other_money.isHidden()
    assert page.payout_bar.value() == 250 and page.payout_text.toolTip() == "tip"
    assert page.chart.bars == view.bars
    model = page.table_model
    cell = model.data(model.index(1, 0), Qt.ItemDataRole.DisplayRole)
    assert model.rowCount() == 2 and cell == "Total"
    assert page.gifters_model.data(page.gifters_model.index(0, 0)) == "Mia"
    page.show_view(EarningsView({}, "", 0.0, "", "", "USD"))
    assert page.other_money.isHidden()
