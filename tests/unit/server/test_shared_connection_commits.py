"""Only the event log and ServerState.commit may commit or roll back the server's shared
SQLite connection: a commit elsewhere would take the log's pending events along without its
knowledge, and `with conn:` also rolls back every other command's writes on an error."""

from __future__ import annotations

import ast
from pathlib import Path

SERVER = Path(__file__).resolve().parents[3] / "app" / "server"
# Receivers that name a sqlite3 connection in app/server.
CONNECTION_NAMES = {"db", "_db", "conn", "connection", "writer", "_writer"}
# (file, function) allowed to commit the shared connection, and why.
ALLOWED = {
    ("hub.py", "create_table"),  # at start, before any command
    ("hub.py", "merge_old_event_log"),  # at start, before any command
    ("hub.py", "_commit_connection"),  # the one commit of the running server
    ("state.py", "commit_through"),  # ServerState's own, replaced by the hub's when it runs
}
# Files whose connection is not the shared one.
OWN_CONNECTION = {"tiktok/seen.py"}  # tiktok.db


def _receiver_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def offences(source: str, rel: str) -> list[str]:
    found = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        where = f"{rel}:{getattr(node, 'lineno', 0)} in {function}"
        if (rel, function) not in ALLOWED:
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("commit", "rollback")
                and _receiver_name(node.func.value) in CONNECTION_NAMES
            ):
                found.append(f"{where}: .{node.func.attr}()")
            if isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if _receiver_name(item.context_expr) in CONNECTION_NAMES:
                        found.append(f"{where}: with <connection>:")
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(source), "<module>")
    return found


def test_nothing_in_the_server_commits_the_shared_connection_behind_the_hubs_back() -> None:
    found = []
    for path in sorted(SERVER.rglob("*.py")):
        rel = path.relative_to(SERVER).as_posix()
        if rel not in OWN_CONNECTION:
            found += offences(path.read_text(encoding="utf-8"), rel)
    assert found == []


def test_the_check_finds_each_way_of_committing() -> None:
    source = (
        "def f(self, db):\n"
        "    with self.db:\n        pass\n"
        "    with db:\n        pass\n"
        "    self._db.commit()\n"
        "    writer.rollback()\n"
        "    self.state.commit()\n"  # ServerState.commit: allowed
    )
    assert len(offences(source, "fans.py")) == 4


def test_a_fans_sign_up_and_sign_out_are_stored_through_the_event_log(tmp_path: Path) -> None:
    """Both commit through the hub now: the events pending with them go along and are
    published, nothing fails, and both survive a restart."""
    import asyncio

    from app.protocol.payloads import SendMessage
    from app.server.backend import Backend
    from app.server.fan_http import FanGateway

    async def main() -> None:
        backend = Backend(tmp_path)
        await backend.start()
        try:
            viewer, _ = backend.create_account("Vic", "viewer")
            # A command waiting for its commit while the fan signs up and another signs out.
            sent = asyncio.create_task(
                backend.execute(viewer, "r1", SendMessage(room="public", text="hi"))
            )
            await asyncio.sleep(0)
            fan, token = backend.fans.sign_up("Fay")
            _, leaving = backend.fans.sign_up("Lee")
            assert FanGateway(backend, tls=False)._sign_out_token(leaving)
            assert (await sent).__class__.__name__ == "Ack"
            assert not backend.failed.is_set()
        finally:
            await backend.close()
        again = Backend(tmp_path)
        await again.start()
        try:
            assert again.authenticate(token) == fan and again.fans.is_fan(fan.id)
            assert again.authenticate(leaving) is None
        finally:
            await again.close()

    asyncio.run(main())
