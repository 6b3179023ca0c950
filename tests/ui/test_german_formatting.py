"""The main pages rendered in German carry no English formatting: numbers, money, dates,
durations and counts all come out the German way (QLocale and Qt's plural forms)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.service_bio import RuleCheck
from app.obs.connection import ObsStatus
from app.obs.health import ObsHealth
from app.obs.scenerules import SceneRule
from app.protocol.payloads import (
    CreatorProfile,
    MemberJoined,
    TikTokActivity,
    TikTokConnection,
    UserRef,
)
from app.store.history import StoredMessage
from app.ui import formatting
from app.ui.alerts.feature import AlertsFeature
from app.ui.alerts.sound import AlertSound
from app.ui.chat.pane import ChatPane
from app.ui.historysearch import HistoryModel
from app.ui.i18n import install_translator, remove_translator
from app.ui.inbox.eligibility import rule_detail, rule_title
from app.ui.inbox.servicebio import ServiceBioPage
from app.ui.moderation.describe import duration_text
from app.ui.obs.feature import ObsFeature
from app.ui.obs.panel import ObsPanel
from app.ui.obs.strip import ObsStrip
from app.ui.sessionbar import SessionBar
from app.ui.settings import ConsoleSettings
from app.ui.tiktok.chip import TikTokChip
from tests.ui.alerts.alertkit import T0, ended, ev
from tests.ui.earnings.week import Week, feature_for, with_week
from tests.ui.germankit import english_in, model_texts, texts_of

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translator = install_translator(qapp, "de")
    assert translator is not None
    yield
    remove_translator(qapp, translator)


def test_the_checker_finds_english_formatting() -> None:
    # The test below must be able to fail: the English of the creator's first evening.
    seen = [
        "Mindestens 1,000 Follower",
        "$35.00",
        "41.7K",
        "Fri 27 Nov",
        "1 Buchungen",
        "1 bookings",
        "1 messages found",
        "Timeout für 10 Min..",
        "verloren 3.0 %",
    ]
    assert len(english_in(seen)) >= len(seen)
    assert english_in(["1.000 Follower", "35,00 $", "41,7 Tsd.", "Fr. 27. Nov.", "1 Buchung"]) == []


def test_formatting_follows_the_german_locale(german: None) -> None:
    assert formatting.number(1000) == "1.000"
    assert formatting.format_cents(3500) == "35,00\xa0$"  # a space that does not break
    assert formatting.format_cents(-123456, "EUR", code=True) == "-1.234,56\xa0€ EUR"
    assert formatting.compact(41_700) == "41,7 Tsd."
    assert formatting.compact(2_000_000) == "2 Mio."
    assert formatting.day(T0).startswith(("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."))
    assert formatting.duration(600) == "10 Min." and formatting.duration(86_400 * 2) == "2 Tage"
    assert formatting.sentence("Timeout für 10 Min..") == "Timeout für 10 Min."
    assert formatting.shortcut_text("Ctrl+Return") == "Strg+Return"
    assert formatting.shortcut_text("J / K") == "J / K"


def test_main_pages_in_german_show_no_english_formatting(
    german: None, qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shown: list[str] = []

    # The session bar with a big audience.
    bar = SessionBar()
    qtbot.addWidget(bar)
    bar.set_viewers(41_700)
    bar.set_diamonds(1_234_567)
    shown += texts_of(bar)
    assert "41,7 Tsd." in shown

    # The alert area after a busy live: a Lion, a long rose streak, members.
    settings = ConsoleSettings(tmp_path / "settings.ini")
    sound = AlertSound(tmp_path / "cache")
    alerts = AlertsFeature(settings, sound, clock=lambda: 10.0, wall_ms=lambda: T0 + 5000)
    sound.setParent(alerts)
    qtbot.addWidget(alerts.area)
    joined = MemberJoined(
        user=ended("x", "rose", 1).data.user,  # type: ignore[union-attr]
        tier=2,
        months=1,
        renewed=False,
        price_cents=999,
        member_count=3,
    )
    alerts.on_events(
        [ended("lion", "lion", 1, who=1), ended("roses", "rose", 1200, who=2), ev(joined)]
    )
    alerts.pump()
    alerts._show_lists()
    alerts.area.resize(380, 700)
    alerts.area.show()
    shown += texts_of(alerts.area)
    alerts.area.grab().save(str(ARTIFACTS / "de-alerts.png"))
    alerts.close()

    # A chat pane's member count and its "new messages" button.
    pane = ChatPane("below")
    qtbot.addWidget(pane)
    pane.set_member_count(1)
    pane._update_new_button(1)  # the count as the batcher reports it
    shown += [pane.member_count_label.text(), pane.new_button.text()]
    assert pane.member_count_label.text() == "1 Mitglied"

    # History results.
    history = HistoryModel()
    history.set_rows(
        [
            StoredMessage(
                "m1", "e1", "public", 1, T0, "public", "u1", "Mia", (), "hallo", None, False, False
            )
        ]
    )
    shown += model_texts(history)

    # Service+ eligibility and the Service bio page.
    shown += [rule_title(RuleCheck("followers", "unmet", followers=640))]
    shown += [rule_detail(RuleCheck("followers", "unmet", followers=640))]
    bio = ServiceBioPage()
    qtbot.addWidget(bio)
    bio.set_profile(CreatorProfile(followers=12_400, adult_confirmed=True))
    bio.resize(1100, 800)
    bio.show()
    shown += texts_of(bio)
    bio.grab().save(str(ARTIFACTS / "de-servicebio.png"))
    assert any("1.000" in text for text in shown)

    # Moderation: a timeout's confirmation.
    shown.append(formatting.sentence(f"Timeout für {duration_text(600)}."))

    # The earnings page over a real backend's scripted week.
    async def earnings(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        feature.set_period("all")
        await asyncio.gather(*feature.tasks)
        feature.page.resize(1280, 720)
        feature.page.show()
        QApplication.processEvents()
        shown.extend(texts_of(feature.page))
        feature.page.grab().save(str(ARTIFACTS / "de-earnings.png"))
        for grouping in ("day", "week"):
            feature.set_grouping(grouping)
            await asyncio.gather(*feature.tasks)
            shown.extend(texts_of(feature.page))

    with_week(qloop, tmp_path, earnings)
    assert any("$" in text for text in shown)  # money was shown (the German way)
    problems = english_in(shown)
    assert not problems, "\n".join(problems)


def test_the_obs_strip_rules_and_the_tiktok_chip_in_german(
    german: None, qtbot: QtBot, tmp_path: Path
) -> None:
    strip = ObsStrip()
    qtbot.addWidget(strip)
    strip.set_status(ObsStatus("connected", obs_version="29.0.2", websocket_version="5.1.0"))
    strip.set_health(
        ObsHealth(
            streaming=True,
            bitrate_kbps=2480.4,
            dropped_frames=30,
            total_frames=1000,
            cpu_pct=12.4,
            dropping=True,
        )
    )
    shown = texts_of(strip)
    assert "2.480 kbit/s" in strip.label.text() and "3,0 %" in strip.label.text()

    obs = ObsFeature(ConsoleSettings(tmp_path / "settings.ini"))
    rule = obs.describe_rule(SceneRule("gift", "Großes Geschenk", 10, 5000))
    assert "5.000" in rule
    shown.append(rule)

    chip = TikTokChip()
    qtbot.addWidget(chip)
    chip.set_state(TikTokConnection(state="connected", username="mia.draws"))
    fan = UserRef(id="t1", name="Mia")
    for kind, count in (("like", 12_345), ("follow", 1_200), ("share", 3), ("join", 4_000)):
        chip.add_activity(TikTokActivity(kind=kind, user=fan, count=count))  # type: ignore[arg-type]
    assert "12.345" in chip.text() and "1.200" in chip.text()
    assert "4.000" in chip.toolTip()
    shown += texts_of(chip)
    problems = english_in(shown)
    assert not problems, "\n".join(problems)


def test_the_obs_feed_writes_the_languages_clock(qtbot: QtBot, tmp_path: Path) -> None:
    """US English writes "2:05:09 PM": the OBS panel's lines follow the UI language."""
    obs = ObsFeature(ConsoleSettings(tmp_path / "settings.ini"))
    panel = ObsPanel(obs)
    qtbot.addWidget(panel)
    obs.add_feed("OBS → “Big gift” (hotkey)")
    line = panel.list.item(0).text()
    assert re.match(r"\d{1,2}:\d\d:\d\d\s(AM|PM)  OBS → ", line), line


def test_the_chat_time_column_fits_the_languages_clock() -> None:
    """English writes "10:58 PM": the time column is as wide as this language's clock."""
    from PySide6.QtCore import QDate, QDateTime, QTime
    from PySide6.QtGui import QFontMetricsF

    from app.ui.chat.delegate import ChatDelegate

    delegate = ChatDelegate(11.0)
    evening = QDateTime(QDate(2026, 3, 3), QTime(22, 58)).toMSecsSinceEpoch()
    shown = formatting.time_of_day(evening)
    assert shown.endswith("PM")  # the tests run in US English
    width = QFontMetricsF(delegate.small_font).horizontalAdvance(shown)
    assert delegate._time_width >= width
