"""History search page over the real local store, and unpin from the pinned banner."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.protocol.frames import Ack
from app.protocol.payloads import PinMessage, SendMessage, Subscribe
from app.ui.historysearch import HIGHLIGHT_ROLE, HistoryContextDialog, HistoryModel
from tests.ui.consolekit import running_console, wait_until

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)


def test_history_model_none_keeps_refcount(qtbot: QtBot) -> None:
    """The model answers None for roles it does not serve; on the pinned PySide6 that must
    not leak references to None (PySide6 6.12 + Python 3.11 does, see pyproject.toml)."""
    import sys

    from PySide6.QtCore import QSortFilterProxyModel

    from app.store.history import StoredMessage

    model = HistoryModel()
    message = StoredMessage(
        "m1", "e1", "public", 1, 0, "public", "u1", "A", (), "hi", None, False, False
    )
    model.set_rows([message])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 1)
    assert proxy.data(index, Qt.ItemDataRole.CheckStateRole) is None
    before = sys.getrefcount(None)
    for n in range(3000):
        proxy.data(index, 300 + n % 40)
    assert before - sys.getrefcount(None) < 50


def test_history_search_finds_past_messages_by_text_user_and_room(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            mia, _ = backend.create_account("Mia", "viewer")
            bo, _ = backend.create_account("Bo", "viewer")
            assert isinstance(await backend.execute(mia, "s1", Subscribe(tier=1)), Ack)
            for rid, who, room, text in [
                ("a", mia, "public", "what is the price of coaching?"),
                ("b", bo, "public", "price check <b>pls</b>"),
                ("c", mia, "below", "members price question"),
                ("d", bo, "public", "unrelated"),
            ]:
                await backend.execute(who, rid, SendMessage(room=room, text=text))
            await wait_until(lambda: c.below_pane.model.rowCount() >= 1, what="messages synced")
            await wait_until(lambda: c.public_pane.model.rowCount() >= 3, what="public synced")
            page = c.history
            found: list[int] = []
            page.searched.connect(found.append)

            async def search(query: str) -> list[str]:
                found.clear()
                page.query.setText(query)
                page.run_search()
                await wait_until(lambda: bool(found), what=f"results for {query!r}")
                return [page.model.row(i).text for i in range(page.model.rowCount())]

            assert sorted(await search("price")) == sorted(
                [
                    "what is the price of coaching?",
                    "price check <b>pls</b>",
                    "members price question",
                ]
            )
            assert await search("price from:mia in:below") == ["members price question"]
            assert await search('price "AND (') == []
            # markup is shown as the literal characters
            results = await search("from:Bo check")
            assert results == ["price check <b>pls</b>"]
            index = page.model.index(0, 3)
            assert page.model.data(index) == "price check <b>pls</b>"

    qloop.run_until_complete(scenario())


def test_history_results_have_columns_highlights_reasons_and_open_in_context(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, qtbot: QtBot
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            theo, _ = backend.create_account("the.bo", "viewer")
            mia, _ = backend.create_account("Mia", "viewer")
            lines = [
                (theo, "LOL"),
                (mia, "before one"),
                (mia, "before two"),
                (mia, "what is the price?"),
                (theo, "after one"),
                (mia, "after two"),
            ]
            for n, (who, text) in enumerate(lines):
                await backend.execute(who, f"r{n}", SendMessage(room="public", text=text))
            await wait_until(lambda: c.public_pane.model.rowCount() >= 6, what="synced")
            page = c.history
            c.window.resize(1280, 720)
            c.window.pages.setCurrentWidget(page)
            found: list[int] = []
            page.searched.connect(found.append)
            page.query.setText("the")
            page.run_search()
            await wait_until(lambda: bool(found), what="results")
            model = page.model
            # A word never matches a hidden sender name ("the.bo" said "LOL").
            assert [model.row(r).text for r in range(model.rowCount())] == ["what is the price?"]
            assert page.status.text().startswith("1 message found")
            headers = [model.headerData(col, Qt.Orientation.Horizontal) for col in range(5)]
            assert headers == ["When", "Room", "From", "Message", "Matched"]
            row = [model.data(model.index(0, col)) for col in range(5)]
            assert row[1:] == ["Public", "Mia", "what is the price?", "words in message"]
            assert row[0] and row[0][0].isdigit()  # a date, not empty
            # Roles it does not serve answer None: no check boxes drawn in every cell.
            for col in range(5):
                assert model.data(model.index(0, col), Qt.ItemDataRole.CheckStateRole) is None
            assert model.data(model.index(0, 3), HIGHLIGHT_ROLE) == [(8, 11)]
            c.window.grab().save(str(ARTIFACTS / "history-search.png"))
            # from: searches the sender, and says so.
            found.clear()
            page.query.setText("from:the.bo")
            page.run_search()
            await wait_until(lambda: bool(found), what="from: results")
            assert model.rowCount() == 2 and page.status.text().startswith("2 messages found")
            assert model.data(model.index(0, 4)) == "sender (from:)"

            # Enter on a result opens it among the lines around it.
            found.clear()
            page.query.setText("price")
            page.run_search()
            await wait_until(lambda: bool(found), what="price results")
            shown: list[object] = []
            page.context_shown.connect(shown.append)
            page.table.setFocus()
            page.table.setCurrentIndex(model.index(0, 3))
            qtbot.keyClick(page.table, Qt.Key.Key_Return)
            await wait_until(lambda: bool(shown), what="context dialog")
            dialog = shown[0]
            assert isinstance(dialog, HistoryContextDialog)
            texts = [dialog.model.row(r).text for r in range(dialog.model.rowCount())]
            assert texts == [text for _, text in lines]
            assert dialog.model.row(dialog.target_row).text == "what is the price?"
            assert dialog.table.selectionModel().isRowSelected(dialog.target_row)
            dialog.grab().save(str(ARTIFACTS / "history-context.png"))
            dialog.close()
            # and so does a double-click
            shown.clear()
            rect = page.table.visualRect(model.index(0, 2))
            # A real double-click: Qt reports it only after the press on the same cell.
            qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            await wait_until(lambda: bool(shown), what="context dialog on double-click")
            assert isinstance(shown[0], HistoryContextDialog)
            shown[0].close()

    qloop.run_until_complete(scenario())


def test_unpin_from_the_pinned_banner(qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            fan, _ = backend.create_account("Fan", "viewer")
            ack = await backend.execute(fan, "m1", SendMessage(room="public", text="pin me"))
            message_id = ack.result["message_id"]  # type: ignore[union-attr]
            assert (await c.client.request(PinMessage(message_id=message_id))).ok
            await wait_until(lambda: c.public_pane.pinned_label.isVisibleTo(c.public_pane))
            assert "pin me" in c.public_pane.pinned_label.full_text()
            c.public_pane.unpin_requested.emit("public")
            await wait_until(
                lambda: not c.public_pane.pinned_label.isVisibleTo(c.public_pane),
                what="banner gone after unpin",
            )

    qloop.run_until_complete(scenario())
