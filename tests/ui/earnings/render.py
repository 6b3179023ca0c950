"""Writes PNGs of the earnings page with a scripted week of data, both themes, to artifacts/.

Run: .venv/bin/python -m tests.ui.earnings.render   (offscreen; look at the PNGs after)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.server.backend import Backend
from app.ui.earnings.feature import EarningsFeature
from app.ui.eventloop import ConsoleLoop
from app.ui.settings import ConsoleSettings
from app.ui.theme import apply_theme
from tests.ui.earnings.week import LAST_DAY, Clock, play_week

OUT = Path(__file__).resolve().parents[3] / "artifacts" / "screens"


async def render_all(app: QApplication, out: Path = OUT) -> list[Path]:
    """The page over the scripted week, per day and per live session, light and dark."""
    tmp = Path(tempfile.mkdtemp())
    clock = Clock()
    backend = Backend(tmp / "server", clock=clock)
    await backend.start()
    written: list[Path] = []
    try:
        week = await play_week(backend, clock)
        settings = ConsoleSettings(tmp / "s.ini")
        for mode in ("light", "dark"):
            apply_theme(app, mode)
            feature = EarningsFeature(settings, week.request, today=lambda: LAST_DAY)
            await feature.start_load()
            for period, grouping, name in (
                ("7d", "day", "week_by_day"),
                ("7d", "session", "week_by_session"),
            ):
                feature.set_period(period)
                feature.set_grouping(grouping)
                page = feature.page
                page.resize(1280, 760)
                page.show()
                QApplication.processEvents()
                out.mkdir(parents=True, exist_ok=True)
                path = out / f"earnings_{name}_{mode}.png"
                page.grab().save(str(path))
                written.append(path)
            feature.page.deleteLater()
            QApplication.processEvents()
    finally:
        await backend.close()
    return written


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # closing a page must not stop the loop
    loop = ConsoleLoop(app)
    try:
        for path in loop.run_until_complete(render_all(app)):
            print(path)
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
