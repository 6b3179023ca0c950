"""Translations: the system language by default, or the one chosen in settings."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

# Language names are shown in their own language; only "System language" is translated.
LANGUAGES = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "System language"),
    "en": "English",
    "de": "Deutsch",
}


def resources_dir() -> Path:
    """resources/ of a source checkout, or of a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load livedesk_<lang>.qm (for English, the source language, only its plural forms)
    and make the language's QLocale the default, so numbers and dates follow it."""
    if language == "system":
        language = QLocale.system().name().split("_")[0]
    system, wanted = QLocale.system(), QLocale(language)
    if wanted.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        wanted = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)  # unknown
    QLocale.setDefault(system if system.language() == wanted.language() else wanted)
    if not (translations_dir() / f"livedesk_{language}.qm").exists():
        # A language LiveDesk has no translation for (or the C locale): the text is English,
        # so English's plural forms ("1 gift", not "1 gift(s)") must still be loaded.
        language = "en"
    translator = QTranslator(app)
    if not translator.load(f"livedesk_{language}", str(translations_dir())):
        return None
    app.installTranslator(translator)
    if language == "en":
        return translator
    # Qt's own strings (standard buttons, file dialogs, context menus of text fields) from
    # the translations PySide6 ships; a child of ours, so both come and go together.
    qt_strings = QTranslator(translator)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_strings.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_strings)
    return translator


def remove_translator(app: QCoreApplication, translator: QTranslator) -> None:
    """Undo install_translator: the app is English again (numbers and dates too)."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for child in translator.findChildren(QTranslator):
        app.removeTranslator(child)
    app.removeTranslator(translator)
