"""Signing in to a remote backend: a token is taken, anything else is refused with directions."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.server.backend import Backend
from app.ui.signin import SignInDialog


def test_a_real_token_signs_in_and_an_invite_code_gets_directions(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        backend = Backend(tmp_path / "server")
        await backend.start()
        try:
            _, token = backend.demo_creator()
            _, invite = backend.accounts.mint_invite("for Sam")
            dialog = SignInDialog("wss://live.example:8765/ws")
            qtbot.addWidget(dialog)
            answer = asyncio.ensure_future(dialog.ask())
            await asyncio.sleep(0)
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            dialog.token.setText(str(invite))
            ok.click()
            assert not answer.done() and dialog.isVisible()
            assert "--moderator --server wss://live.example:8765/ws" in dialog.problem.text()
            dialog.token.setText(f"  {token}  ")
            ok.click()
            assert await asyncio.wait_for(answer, 2) == token
        finally:
            await backend.close()

    qloop.run_until_complete(scenario())
