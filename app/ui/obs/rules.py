"""The scene rules editor: a short table of "when → scene for how long" rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.obs.connection import ObsUnavailable
from app.obs.scenerules import MAX_HOLD_S, MAX_RULES, SceneRule
from app.ui.obs.feature import ObsFeature

COLUMNS = 4


class SceneRulesDialog(QDialog):
    """Edits the rule list; OK keeps it. Scenes OBS does not have are marked."""

    def __init__(self, feature: ObsFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature = feature
        self.setWindowTitle(self.tr("OBS scene rules — LiveDesk"))
        self.setMinimumWidth(560)
        self.obs_scenes: list[str] = []
        how = QLabel(
            self.tr(
                "A gift worth at least the diamonds shown switches OBS to the scene for the "
                "seconds shown, then back. An on-camera question (or Ctrl+Shift+Q) switches to "
                "its scene until it is answered. Rules only react to LiveDesk, never to OBS, so "
                "they cannot loop; switching by hand in OBS ends a rule's hold."
            ),
            self,
        )
        how.setTextFormat(Qt.TextFormat.PlainText)
        how.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("From"), self.tr("Scene"), self.tr("Seconds")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 170)
        self.table.setColumnWidth(3, 80)
        self.problems = QLabel(self)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setObjectName("errorText")
        self.add = QPushButton(self.tr("Add rule"), self)
        self.add.clicked.connect(lambda: self._add_row(SceneRule("gift", "", 10, 1000)))
        self.remove = QPushButton(self.tr("Remove rule"), self)
        self.remove.clicked.connect(self._remove_row)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(how)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def load(self) -> None:
        self.table.setRowCount(0)
        for rule in self.feature.rules():
            self._add_row(rule)
        self._check()
        if self.feature.link.connected:
            self.feature.spawn(self._load_scenes())

    async def _load_scenes(self) -> None:
        try:
            self.obs_scenes = await self.feature.scene_names()
        except ObsUnavailable:
            return
        for r in range(self.table.rowCount()):
            combo = self._scene(r)
            text = combo.currentText()
            combo.clear()
            combo.addItems(self.obs_scenes)
            combo.setCurrentText(text)
        self._check()

    def _add_row(self, rule: SceneRule) -> None:
        if self.table.rowCount() >= MAX_RULES:
            return
        r = self.table.rowCount()
        self.table.insertRow(r)
        when = QComboBox()
        when.addItem(self.tr("Gift of at least"), "gift")
        when.addItem(self.tr("On-camera question"), "question")
        when.setCurrentIndex(max(0, when.findData(rule.trigger)))
        diamonds = QSpinBox()
        diamonds.setRange(1, 10_000_000)
        diamonds.setGroupSeparatorShown(True)
        diamonds.setSuffix(" 💎")
        diamonds.setValue(max(1, rule.min_diamonds))
        scene = QComboBox()
        scene.setEditable(True)
        scene.addItems(self.obs_scenes)
        scene.setCurrentText(rule.scene)
        seconds = QSpinBox()
        seconds.setRange(1, MAX_HOLD_S)
        seconds.setValue(rule.hold_s)
        when.currentIndexChanged.connect(self._check)
        scene.currentTextChanged.connect(self._check)
        for column, widget in enumerate((when, diamonds, scene, seconds)):
            self.table.setCellWidget(r, column, widget)
        self.add.setEnabled(self.table.rowCount() < MAX_RULES)
        self._check()

    def _remove_row(self) -> None:
        r = self.table.currentRow()
        self.table.removeRow(r if r >= 0 else self.table.rowCount() - 1)
        self.add.setEnabled(True)
        self._check()

    def _scene(self, r: int) -> QComboBox:
        widget = self.table.cellWidget(r, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def rules(self) -> list[SceneRule]:
        out = []
        for r in range(self.table.rowCount()):
            when, diamonds, scene, seconds = (self.table.cellWidget(r, c) for c in range(COLUMNS))
            assert isinstance(when, QComboBox) and isinstance(scene, QComboBox)
            assert isinstance(diamonds, QSpinBox) and isinstance(seconds, QSpinBox)
            trigger = str(when.currentData())
            diamonds.setEnabled(trigger == "gift")
            out.append(
                SceneRule(
                    "gift" if trigger == "gift" else "question",
                    scene.currentText().strip(),
                    seconds.value(),
                    diamonds.value() if trigger == "gift" else 0,
                )
            )
        return out

    def _check(self) -> None:
        lines = []
        for n, rule in enumerate(self.rules(), 1):
            if not rule.scene:
                lines.append(self.tr("Rule {0}: choose a scene.").format(n))
            elif self.obs_scenes and rule.scene not in self.obs_scenes:
                lines.append(
                    self.tr("Rule {0}: OBS has no scene “{1}” (yet).").format(n, rule.scene)
                )
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    def accept(self) -> None:
        self.feature.set_rules([r for r in self.rules() if r.scene])
        super().accept()
