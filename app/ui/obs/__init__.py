"""OBS Studio in the creator's console: session bar strip, Settings rows, side panel, rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout

from app.obs.overlaysources import overlay_sources
from app.overlay.server import PAGES
from app.protocol.payloads import StartLive
from app.ui.obs.feature import ObsFeature
from app.ui.obs.panel import ObsPanel
from app.ui.obs.settingsbox import ObsSettingsBox
from app.ui.obs.strip import ObsStrip

if TYPE_CHECKING:
    from app.ui.console import Console
    from app.ui.overlay.feature import OverlayFeature
    from app.ui.settingsdialog import SettingsDialog

__all__ = ["ObsFeature", "ObsSettingsBox", "add_settings_rows", "install_obs"]


def install_obs(console: Console, overlay: OverlayFeature | None) -> ObsFeature:
    """The strip goes into the session bar beside the connection state, the panel into the
    side column; both show only while OBS is turned on in Settings."""
    window = console.window
    bar = window.session_bar
    feature = ObsFeature(
        console.settings,
        queue_size=lambda: len(window.oncamera.queued_ids()),
        parent=window,
    )
    strip = ObsStrip(bar)
    bar_layout = bar.layout()
    assert isinstance(bar_layout, QHBoxLayout)
    bar_layout.insertWidget(bar_layout.indexOf(bar.connection), strip)  # beside the connection
    panel = ObsPanel(feature)
    window.add_side_panel(panel)

    def show_enabled() -> None:
        strip.setVisible(feature.enabled)
        panel.setVisible(feature.enabled)

    feature.status_changed.connect(lambda s: strip.set_status(s, s.detail))
    feature.health_changed.connect(strip.set_health)
    feature.offer_changed.connect(strip.set_offer)
    feature.problem.connect(bar.show_problem)
    strip.go_live_clicked.connect(lambda: console.act(StartLive(title="")))
    console.settings.changed.connect(lambda key: show_enabled() if key == "obs_enabled" else None)
    show_enabled()

    def add_overlay() -> None:
        if overlay is None or not overlay.server.listening:
            text = QCoreApplication.translate(
                "ObsFeature", "The stream overlay is not running, so there is nothing to add."
            )
            panel.show_result(False, text)
            bar.show_problem(text, seconds=20)
            return
        pages = ((page, width, height) for page, (_, width, height) in PAGES.items())
        sources = overlay_sources(pages, overlay.url)

        async def run() -> None:
            done, text = await feature.add_overlay(sources)
            panel.show_result(done, text)
            if not done:  # also where the creator looks when the panel is hidden
                bar.show_problem(text, seconds=20)

        feature.spawn(run())

    panel.add_overlay_clicked.connect(add_overlay)
    window.add_menu_action(
        QCoreApplication.translate("ObsFeature", "Add overlay pages to OBS"),
        None,
        add_overlay,
        menu="file",
    )
    console.add_event_listener(feature.on_events)
    console.add_ready_listener(feature.on_ready)
    console.add_closer(feature.close)
    window.add_menu_action(
        QCoreApplication.translate("ObsFeature", "OBS: question scene on / off"),
        "Ctrl+Shift+Q",
        feature.toggle_question,
    )
    window.add_help(
        (
            "Ctrl+Shift+Q",
            QCoreApplication.translate("ObsFeature", "OBS: switch to the question scene, or back"),
        )
    )
    feature.spawn(feature.start())
    return feature


def add_settings_rows(dialog: SettingsDialog, feature: ObsFeature) -> ObsSettingsBox:
    """The OBS rows of the Settings window; OK keeps them with the rest."""
    box = ObsSettingsBox(feature, dialog)
    dialog.form.addRow(QCoreApplication.translate("ObsFeature", "OBS Studio"), box)
    dialog.accepted.connect(box.apply)
    return box
