"""What the earnings page shows, as plain data: the feature builds it, the page renders it."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.ui.earnings.chart import Bar


@dataclass(frozen=True)
class CardView:
    value: str  # the big figure ("$12.50")
    detail: str  # the line under it


@dataclass(frozen=True)
class EarningsView:
    """Every text and number of the page for one report; nothing in it refers to a widget."""

    cards: dict[str, CardView]  # by the page's card keys: total, gifts, subscriptions, services
    other_money: str  # money in other currencies ("" hides the line)
    payout_fraction: float  # 0..1 of the payout threshold
    payout_text: str
    payout_tip: str
    currency: str
    bars: list[Bar] = field(default_factory=list)
    chart_empty: str = ""  # what the chart says with no bars
    table: list[list[str]] = field(default_factory=list)  # rows, the total last
    gifters: list[list[str]] = field(default_factory=list)
    gifts: list[list[str]] = field(default_factory=list)
