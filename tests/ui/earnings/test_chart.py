"""The painted earnings chart: round grid steps, bars under the pointer, click selects a row."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.ui.earnings.chart import Bar, EarningsChart, nice_step
from app.ui.earnings.page import EarningsPage


def test_grid_steps_are_round() -> None:
    assert nice_step(0) == 100
    assert nice_step(400) == 100
    assert nice_step(1_000) == 250
    assert nice_step(37_123) == 10_000
    for top in (1, 99, 12_345, 9_999_999):
        step = nice_step(top)
        assert step * 4 >= top
        assert str(step).rstrip("0") in ("1", "2", "25", "5")


def bars(n: int) -> list[Bar]:
    return [Bar(f"D{i}", f"day {i}", 100 * i, 50, 25 * (i % 2)) for i in range(n)]


def test_clicking_a_bar_selects_its_table_row(qtbot: QtBot, tmp_path: Path) -> None:
    page = EarningsPage()
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.table_model.set_rows([[f"row {i}", "", "", "", "", ""] for i in range(7)])
    page.chart.set_bars(bars(7), "USD")
    rects = page.chart._bar_rects()
    assert len(rects) == 7 and all(a.right() < b.left() for a, b in itertools.pairwise(rects))
    target = rects[3].center().toPoint()
    assert page.chart.bar_at(target.x()) == 3
    qtbot.mouseClick(page.chart, Qt.MouseButton.LeftButton, pos=target)
    assert page.chart.selected == 3
    assert page.table.selectionModel().selectedRows()[0].row() == 3
    assert page.chart.bar_at(2) == -1  # the money axis is not a bar


def test_an_empty_chart_says_so(qtbot: QtBot) -> None:
    chart = EarningsChart()
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.set_bars([Bar("x", "x", 0, 0, 0)], "USD", "Nothing yet")
    assert not chart.grab().toImage().isNull()
    qtbot.mouseMove(chart, QPoint(5, 5))  # no bar under the pointer: no tooltip, no error
