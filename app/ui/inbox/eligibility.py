"""The Service+ eligibility panel: the platform's four rules, where the creator stands, and why."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.inquiries import MIN_AGE, MIN_FOLLOWERS
from app.core.service_bio import RuleCheck, checklist, is_eligible
from app.protocol.payloads import CreatorProfile, Service
from app.ui import formatting
from app.ui.inbox.look import plain_label
from app.ui.theme import Theme
from app.ui.themedsheet import ThemedSheet

_MARKS = {"met": "✓", "unmet": "✗", "unknown": "?", "self_check": "•"}


def rule_title(check: RuleCheck) -> str:
    return {
        "age": QCoreApplication.translate("Inbox", "Aged {age} or older").replace(
            "{age}", str(MIN_AGE)
        ),
        "followers": QCoreApplication.translate("Inbox", "At least {n} followers").replace(
            "{n}", formatting.number(MIN_FOLLOWERS)
        ),
        "license_free": QCoreApplication.translate(
            "Inbox", "Only services that need no license in your region"
        ),
        "competence": QCoreApplication.translate(
            "Inbox", "Able to show competence in what you offer"
        ),
    }[check.rule]


def rule_detail(check: RuleCheck) -> str:
    if check.rule == "age":
        return (
            QCoreApplication.translate("Inbox", "Confirmed by you.")
            if check.verdict == "met"
            else QCoreApplication.translate(
                "Inbox", "Confirm below that you are {age} or older."
            ).replace("{age}", str(MIN_AGE))
        )
    if check.rule == "followers":
        if check.followers is None:
            return QCoreApplication.translate(
                "Inbox",
                "The server has not reported your follower count; the platform checks it "
                "when you apply.",
            )
        text = QCoreApplication.translate(
            "Inbox", "{n} followers, as the platform reports them."
        ).replace("{n}", formatting.number(check.followers))
        if check.verdict == "unmet":
            text += " " + QCoreApplication.translate("Inbox", "Service+ opens at {min}.").replace(
                "{min}", formatting.number(MIN_FOLLOWERS)
            )
        return text
    if check.rule == "license_free":
        if not check.unlicensed:
            return QCoreApplication.translate("Inbox", "Every service is confirmed license-free.")
        names = ", ".join(f"“{name}”" for name in check.unlicensed)
        return QCoreApplication.translate("Inbox", "Confirm or remove: {names}.").replace(
            "{names}", names
        )
    return QCoreApplication.translate(
        "Inbox",
        "The platform may ask for proof: certificates, a portfolio, years of experience. "
        "Note below how you can show it.",
    )


class EligibilityPanel(QFrame):
    """Shows the checklist; emits the creator's own declarations to save."""

    adult_changed = Signal(bool)
    competence_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eligibilityPanel")
        self.verdict = plain_label("", self, "eligibilityVerdict")
        font = QFont(self.verdict.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.verdict.setFont(font)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.marks: list[tuple[QLabel, QLabel, QLabel]] = []
        for row in range(4):
            mark = plain_label("", self, "ruleMark")
            mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
            mark.setFixedWidth(26)
            title = plain_label("", self, "ruleTitle")
            detail = plain_label("", self, "ruleDetail")
            detail.setWordWrap(True)
            self.grid.addWidget(mark, row * 2, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(title, row * 2, 1)
            self.grid.addWidget(detail, row * 2 + 1, 1)
            self.marks.append((mark, title, detail))
        self.grid.setColumnStretch(1, 1)
        self.adult = QCheckBox(
            self.tr("I confirm that I am {age} or older").replace("{age}", str(MIN_AGE)), self
        )
        self.competence = QLineEdit(self)
        self.competence.setMaxLength(500)
        self.competence.setPlaceholderText(
            self.tr("How you can show competence, e.g. “Certified trainer since 2019”")
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 12, 14, 12)
        column.setSpacing(8)
        column.addWidget(plain_label(self.tr("Service+ eligibility"), self, "panelTitle"))
        column.addWidget(self.verdict)
        column.addLayout(self.grid)
        column.addWidget(self.adult)
        column.addWidget(self.competence)
        self.adult.toggled.connect(self.adult_changed.emit)
        self.competence.editingFinished.connect(
            lambda: self.competence_changed.emit(self.competence.text().strip())
        )
        self._checks: list[RuleCheck] = []
        self._eligible = False
        self._sheet = ThemedSheet(self, self._style_sheet)

    def show_state(self, profile: CreatorProfile | None, services: list[Service]) -> None:
        checks = checklist(profile, services)
        self._checks = checks
        self._eligible = is_eligible(profile, services)
        if self._eligible:
            self.verdict.setText(self.tr("You can offer Service+."))
        else:
            self.verdict.setText(self.tr("Not eligible for Service+ yet — see what is missing:"))
        for (mark, title, detail), check in zip(self.marks, checks, strict=True):
            mark.setText(_MARKS[check.verdict])
            mark.setProperty("verdict", check.verdict)
            title.setText(rule_title(check))
            detail.setText(rule_detail(check))
        self.adult.blockSignals(True)
        self.adult.setChecked(bool(profile and profile.adult_confirmed))
        self.adult.blockSignals(False)
        if not self.competence.hasFocus():
            self.competence.setText(profile.competence_note if profile else "")
        self._sheet.apply()  # the verdict's colour

    @property
    def eligible(self) -> bool:
        return self._eligible

    def reasons(self) -> list[str]:
        """One line per unmet rule (for the inbox banner)."""
        return [
            f"{rule_title(c)}: {rule_detail(c)}"
            for c in self._checks
            if c.verdict in ("unmet", "unknown")
        ]

    def _style_sheet(self, t: Theme) -> str:
        ok = "#2b7a3b" if not t.is_dark else "#69db7c"
        bad = t.failed.name()
        return f"""
            #eligibilityPanel {{ background: {t.raised.name()};
                border: 1px solid {t.separator.name()}; border-radius: 8px; }}
            #panelTitle {{ color: {t.dim_text.name()}; font-weight: 600; }}
            #eligibilityVerdict {{ color: {ok if self._eligible else bad}; }}
            #ruleTitle {{ color: {t.text.name()}; font-weight: 600; }}
            #ruleDetail {{ color: {t.dim_text.name()}; }}
            #ruleMark {{ font-weight: 700; font-size: 15pt; }}
            #ruleMark[verdict="met"] {{ color: {ok}; }}
            #ruleMark[verdict="unmet"] {{ color: {bad}; }}
            #ruleMark[verdict="unknown"], #ruleMark[verdict="self_check"] {{
                color: {t.dim_text.name()}; }}
            """
