"""PNGs of the moderator window with a user card open, light and dark (artifacts/screens)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.theme import apply_theme
from tests.ui.moderation.harness import desk
from tests.ui.moderation.render import render, render_creator_side


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_moderator_window_screenshot(
    qloop: asyncio.AbstractEventLoop, qapp: QApplication, tmp_path: Path, theme: str
) -> None:
    async def scenario() -> None:
        apply_theme(qapp, theme)
        try:
            async with desk(tmp_path) as d:
                path = await render(d, theme)
                assert path.stat().st_size > 50_000
                card = d.feature(d.moderator).card
                assert card.isVisible() and card.name.text() == "Marta"
                assert "Regular since spring" in await d.feature(d.moderator).note_of(
                    card.subject.user_id  # type: ignore[union-attr]
                )
                for extra in await render_creator_side(d, theme):
                    assert extra.stat().st_size > 10_000
        finally:
            apply_theme(qapp, "light")

    qloop.run_until_complete(scenario())
