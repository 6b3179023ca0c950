"""Row heights of a chat list: estimated when rows arrive, measured when they are seen."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

Anchor = tuple[int, int]  # (row at the top edge of the viewport, pixels scrolled into it)
MAX_SETTLE_ROUNDS = 8


class RowHeights:
    """One height per row, in model order, plus whether it was measured or only estimated.

    Chat rows arrive far faster than anyone can read them; laying out text costs ~50 µs a
    row, so rows get a cheap estimate on arrival and are measured only when they come into
    view. Prefix sums (row tops) are rebuilt lazily, in C, after a change.
    """

    def __init__(self) -> None:
        self._heights: list[int] = []
        self._measured = bytearray()
        self._tops: list[int] | None = None

    def __len__(self) -> int:
        return len(self._heights)

    def reset(self, estimates: list[int]) -> None:
        self._heights = list(estimates)
        self._measured = bytearray(len(estimates))
        self._tops = None

    def insert(self, start: int, estimates: list[int]) -> None:
        self._heights[start:start] = estimates
        self._measured[start:start] = bytes(len(estimates))
        self._tops = None

    def remove(self, first: int, last: int) -> None:
        del self._heights[first : last + 1]
        del self._measured[first : last + 1]
        self._tops = None

    def estimate(self, row: int, height: int) -> None:
        """Forget a measurement (the row changed); `height` is the new estimate."""
        self._measured[row] = 0
        if self._heights[row] != height:
            self._heights[row] = height
            self._tops = None

    def measure(self, row: int, height: int) -> int:
        """Record a row's real height; returns how much it differs from before."""
        self._measured[row] = 1
        delta = height - self._heights[row]
        if delta:
            self._heights[row] = height
            self._tops = None
        return delta

    def is_measured(self, row: int) -> bool:
        return bool(self._measured[row])

    def unmeasured(self, first: int, last: int) -> list[int]:
        part = self._measured[first : last + 1]
        if 0 not in part:
            return []
        return [first + i for i, done in enumerate(part) if not done]

    def height(self, row: int) -> int:
        return self._heights[row]

    def tops(self) -> list[int]:
        if self._tops is None:
            self._tops = list(itertools.accumulate(self._heights, initial=0))
        return self._tops

    def top(self, row: int) -> int:
        return self.tops()[row]

    def total(self) -> int:
        return self.tops()[-1]

    def row_at(self, y: int) -> int:
        """The row covering content position y, or -1 outside the content."""
        tops = self.tops()
        if y < 0 or y >= tops[-1]:
            return -1
        return bisect.bisect_right(tops, y) - 1

    def sum(self, first: int, last: int) -> int:
        tops = self.tops()
        return tops[last + 1] - tops[first]

    # --- what a viewport shows --------------------------------------------------------

    def max_value(self, page: int) -> int:
        """Largest scroll position for a viewport `page` pixels high."""
        return max(0, self.total() - page)

    def visible(self, value: int, page: int) -> tuple[int, int]:
        """First and last row a viewport at scroll position `value` shows (rows exist)."""
        first = max(0, self.row_at(value))
        last = self.row_at(value + page)
        return first, len(self._heights) - 1 if last < 0 else last

    def anchor_at(self, value: int) -> Anchor:
        row = max(0, self.row_at(value))
        return row, value - self.top(row)

    def measure_visible(
        self, value: int, page: int, measure: Callable[[int], int]
    ) -> tuple[int, int]:
        """Measure the unmeasured rows in view. Returns (rows measured, height change above
        the first row in view that was measured before): scrolling by that much keeps what
        the reader was looking at in place."""
        if not self._heights:
            return 0, 0
        first, last = self.visible(value, page)
        todo = self.unmeasured(first, last)
        if not todo:
            return 0, 0
        seen = next((r for r in range(first, last + 1) if self._measured[r]), last + 1)
        shift = 0
        for row in todo:
            delta = self.measure(row, measure(row))
            if row < seen:
                shift += delta
        return len(todo), shift

    def settle(
        self,
        value: int,
        page: int,
        anchor: Anchor | None,
        at_bottom: bool,
        measure: Callable[[int], int],
    ) -> int:
        """The scroll position after a change: the anchor row where it was (or the bottom),
        with every row in view measured. Measuring can bring more rows into view, so this
        repeats until nothing in view is an estimate any more."""
        if anchor is not None and anchor[0] >= len(self._heights):
            anchor = None
        for _ in range(MAX_SETTLE_ROUNDS):
            if anchor is not None:
                row, offset = anchor
                value = self.top(row) + min(offset, self._heights[row])
            elif at_bottom:
                value = self.max_value(page)
            value = min(max(0, value), self.max_value(page))
            measured, _shift = self.measure_visible(value, page, measure)
            if not measured:
                break
        return min(max(0, value), self.max_value(page))
