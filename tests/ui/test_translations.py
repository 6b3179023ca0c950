"""The German translation: up to date with the sources, complete, placeholders intact, loaded."""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.ui.i18n import install_translator, remove_translator, translations_dir
from app.ui.mainwindow import ConsoleWindow
from app.ui.sessionbar import SessionBar
from app.ui.settings import ConsoleSettings

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "livedesk_de.ts"
QM = TS.with_suffix(".qm")
HOW_TO_FIX = (
    "run `.venv/bin/python packaging/translations.py update`, translate the new entries in "
    'resources/translations/livedesk_de.ts (remove type="unfinished"), then '
    "`.venv/bin/python packaging/translations.py release`"
)
# {0}, {name}, %n, %Ln, %1, %L1: what str.format / QString::arg / Qt's plurals fill in.
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}|%L?n|%L?\d+")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form (numerus="yes")
    unfinished: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.source)


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    tuple(texts),
                    translation.get("type") in ("unfinished", "vanished", "obsolete"),
                )
            )
    return messages


def _translations_tool() -> ModuleType:
    """packaging/ is no package (it would shadow PyPI's `packaging`): load the script by path."""
    path = ROOT / "packaging" / "translations.py"
    spec = importlib.util.spec_from_file_location("livedesk_translations_tool", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def committed() -> list[Message]:
    return read_ts(TS)


@pytest.fixture
def german(qapp: QApplication) -> Iterator[QTranslator]:
    translator = install_translator(qapp, "de")
    assert translator is not None, f"{QM.name} missing or unreadable in {translations_dir()}"
    yield translator
    remove_translator(qapp, translator)


def _listing(keys: set[tuple[str, str]]) -> str:
    return "\n".join(f"  [{context}] {source!r}" for context, source in sorted(keys))


# --- the .ts against the sources -------------------------------------------------------


def test_ts_is_up_to_date_with_the_sources(committed: list[Message], tmp_path: Path) -> None:
    fresh = _translations_tool().update(target=tmp_path / TS.name)
    extracted = {m.key for m in read_ts(fresh)}
    have = {m.key for m in committed}
    new, gone = extracted - have, have - extracted
    assert not new, f"UI strings not in {TS.name} yet:\n{_listing(new)}\n{HOW_TO_FIX}"
    assert not gone, (
        f"{TS.name} holds strings the sources no longer have:\n{_listing(gone)}\n{HOW_TO_FIX}"
    )


def test_every_message_is_translated(committed: list[Message]) -> None:
    assert len(committed) > 300
    missing = {
        m.key for m in committed if m.unfinished or not all(t.strip() for t in m.translations)
    }
    assert not missing, f"untranslated in {TS.name}:\n{_listing(missing)}\n{HOW_TO_FIX}"


def test_placeholders_mnemonics_and_edges_match(committed: list[Message]) -> None:
    problems = []
    for m in committed:
        for text in m.translations:
            if Counter(PLACEHOLDER.findall(m.source)) != Counter(PLACEHOLDER.findall(text)):
                problems.append(f"[{m.context}] {m.source!r}: placeholders differ in {text!r}")
            if m.source.replace("&&", "").count("&") != text.replace("&&", "").count("&"):
                problems.append(f"[{m.context}] {m.source!r}: & mnemonic differs in {text!r}")
            for edge in (str.startswith, str.endswith):
                if edge(m.source, " ") != edge(text, " "):
                    problems.append(f"[{m.context}] {m.source!r}: edge space differs in {text!r}")
    assert not problems, "\n".join(problems)


def test_no_message_sits_in_a_context_qt_never_asks_for(committed: list[Message]) -> None:
    """lupdate files tr() calls it cannot place (module-level `tr = obj.tr`) under ""."""
    orphans = {m.key for m in committed if not m.context.isidentifier()}
    assert not orphans, (
        "these strings are looked up under another context at run time; use self.tr() in the "
        f"class, or QCoreApplication.translate('<Class>', ...):\n{_listing(orphans)}"
    )


# --- lookups in the code against the .ts -----------------------------------------------


@dataclass(frozen=True)
class Lookup:
    where: str
    context: str | None  # None: lupdate cannot tell which context Qt will use
    source: str | None  # None: a dynamic text (needs QT_TRANSLATE_NOOP markers)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _lookups(path: Path) -> Iterator[Lookup]:
    """Every tr()/translate() call, with the context Qt will look it up under."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT)

    def visit(node: ast.AST, cls: str | None, params: set[str]) -> Iterator[Lookup]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from visit(child, child.name, set())
                continue
            inner = params
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = {a.arg for a in child.args.args + child.args.kwonlyargs}
            if isinstance(child, ast.Call):
                yield from call(child, cls, params)
            yield from visit(child, cls, inner)

    def call(node: ast.Call, cls: str | None, params: set[str]) -> Iterator[Lookup]:
        func, where = node.func, f"{rel}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id in {"tr", "_tr", "_t", "_"}:
            yield Lookup(where, None, None)  # an alias or wrapper lupdate does not see
        elif isinstance(func, ast.Attribute) and func.attr == "tr" and node.args:
            owner = isinstance(func.value, ast.Name) and func.value.id == "self"
            text = _literal(node.args[0])
            if not owner:
                yield Lookup(where, None, text)  # lupdate takes the variable name as context
            elif isinstance(node.args[0], ast.Name) and node.args[0].id in params:
                yield Lookup(where, None, None)  # a wrapper method around self.tr
            else:
                yield Lookup(where, cls, text)
        elif isinstance(func, ast.Attribute) and func.attr == "translate" and len(node.args) >= 2:
            context = _literal(node.args[0])
            text = _literal(node.args[1])
            if isinstance(node.args[1], ast.Name) and node.args[1].id in params:
                yield Lookup(where, None, None)  # a wrapper function around translate()
            elif context is not None:
                yield Lookup(where, context, text)

    yield from visit(tree, None, set())


def _noop_contexts(paths: list[Path]) -> set[str]:
    """Contexts with QT_TRANSLATE_NOOP / QT_TR_NOOP markers (for dynamic lookups)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
                and node.args
            ):
                context = _literal(node.args[0])
                if context:
                    found.add(context)
    return found


def test_every_lookup_in_the_code_finds_its_string(committed: list[Message]) -> None:
    """What lupdate cannot see (wrappers, aliases, f-strings, obj.tr) stays English at run time."""
    sources = _translations_tool().sources()
    have = {m.key for m in committed}
    marked = _noop_contexts(sources)
    problems = []
    for path in sources:
        for lookup in _lookups(path):
            if lookup.context is None:
                problems.append(
                    f"{lookup.where}: lupdate cannot extract this lookup; call self.tr('...') "
                    "in the class or QCoreApplication.translate('<Context>', '...') with literals"
                )
            elif lookup.source is None:
                if lookup.context not in marked:
                    problems.append(
                        f"{lookup.where}: dynamic text in context {lookup.context!r}; mark the "
                        f"possible texts with QT_TRANSLATE_NOOP({lookup.context!r}, '...')"
                    )
            elif (lookup.context, lookup.source) not in have:
                problems.append(
                    f"{lookup.where}: [{lookup.context}] {lookup.source!r} is not in {TS.name} "
                    f"(inside an f-string?); {HOW_TO_FIX}"
                )
    assert not problems, "\n".join(problems)


# --- the built .qm and the running UI ---------------------------------------------------


def test_qm_matches_the_ts(committed: list[Message]) -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}; {HOW_TO_FIX}"
    assert translator.translate("SessionBar", "Go live") == "Live gehen"
    assert translator.translate("ConsoleWindow", "&File") == "&Datei"
    assert translator.translate("ChatPane", "Members only") == "Nur Mitglieder"
    stale = {
        m.key
        for m in committed
        if len(m.translations) == 1 and translator.translate(*m.key) != m.translations[0]
    }
    assert not stale, f"{QM.name} is older than {TS.name}:\n{_listing(stale)}\n{HOW_TO_FIX}"


def test_forced_german_shows_german_widgets(
    german: QTranslator, qtbot: QtBot, tmp_path: Path
) -> None:
    bar = SessionBar()
    qtbot.addWidget(bar)
    assert bar.live_button.text() == "Live gehen"
    assert bar.viewers.caption.text() == "Zuschauer"
    bar.set_live(1_763_780_000_000)
    assert bar.live_button.text() == "Live beenden"
    settings = ConsoleSettings(tmp_path / "livedesk.ini")
    window = ConsoleWindow(QWidget(), QWidget(), settings)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Datei", "&Ansicht", "&Hilfe"]
    assert window.session_bar.live_button.text() == "Live gehen"
    assert window.public_dock.title == "Öffentlicher Chat"
    assert window.below_dock.title == "Below Room"  # the product name stays
    assert QCoreApplication.translate("ChatPane", "Ban %1") == "%1 sperren"
    # Qt's own strings too (standard dialog buttons).
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None and cancel.text() == "Abbrechen"


def test_english_installs_only_its_plural_forms(qapp: QApplication, qtbot: QtBot) -> None:
    english = install_translator(qapp, "en")
    assert english is not None, "livedesk_en.qm (English plural forms) missing"
    try:
        bar = SessionBar()
        qtbot.addWidget(bar)
        assert bar.live_button.text() == "Go live"
        found = "%Ln message(s) found"
        assert QCoreApplication.translate("HistorySearchPage", found, None, 1) == "1 message found"
        many = QCoreApplication.translate("HistorySearchPage", found, None, 1200)
        assert many == "1,200 messages found"
    finally:
        remove_translator(qapp, english)


@pytest.mark.parametrize("lang", ["C.UTF-8", "fr_FR.UTF-8"])
def test_a_system_language_without_a_translation_reads_english_with_its_plurals(
    lang: str,
) -> None:
    """A bare Linux session (C locale) or a language LiveDesk is not translated into: the
    text is English and so are its plurals ("1 gift", never "1 gift(s)")."""
    import os
    import subprocess
    import sys

    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.ui.i18n import install_translator\n"
        "app = QApplication([])\n"
        "install_translator(app, 'system')\n"
        "print(QCoreApplication.translate('HistorySearchPage', '%Ln message(s) found', None, 1))\n"
    )
    env = {**os.environ, "LANG": lang, "LC_ALL": lang, "LANGUAGE": ""}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
        cwd=ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1 message found"
