"""The Service bio page: eligibility, the list of services, and the form that edits one."""

from __future__ import annotations

import msgspec
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.service_bio import CATEGORIES, CURRENCIES, BioDraft, bio_problems
from app.protocol.payloads import CreatorProfile, Service
from app.ui.inbox.eligibility import EligibilityPanel
from app.ui.inbox.look import category_label, money, plain_label

MAX_DESCRIPTION = 2000


class ServiceBioPage(QWidget):
    """Edits a BioDraft; `save_requested(services)` sends them, the feature reports back."""

    save_requested = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceBioPage")
        self.draft = BioDraft()
        self.profile: CreatorProfile | None = None
        self._filling = False

        self.eligibility = EligibilityPanel(self)

        self.list = QListWidget(self)
        self.list.setObjectName("serviceList")
        self.list.setStyleSheet("QListWidget#serviceList::item { padding: 6px 8px; }")
        self.add_button = QPushButton(self.tr("Add a service"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(plain_label(self.tr("Your services"), left, "panelTitle"))
        left_column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left_column.addLayout(buttons)

        self.form = QWidget(self)
        self.title = QLineEdit(self.form)
        self.title.setMaxLength(120)
        self.category = QComboBox(self.form)
        for category in CATEGORIES:
            self.category.addItem(category_label(category), category)
        self.description = QPlainTextEdit(self.form)
        self.description.setPlaceholderText(self.tr("What the client gets, how it works"))
        self.description.setFixedHeight(90)
        self.price = QDoubleSpinBox(self.form)
        self.price.setDecimals(2)
        self.price.setRange(0.0, 1_000_000.0)
        self.on_request = QCheckBox(self.tr("Price on request"), self.form)
        self.currency = QComboBox(self.form)
        self.currency.addItems(list(CURRENCIES))
        self.duration = QSpinBox(self.form)
        self.duration.setRange(0, 100_000)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setSpecialValueText(self.tr("not set"))
        self.license = QCheckBox(self.tr("This service needs no license in my region"), self.form)
        license_help = plain_label(
            self.tr(
                "Service+ only allows services that need no license where you offer them. "
                "Anything that needs one (for example medical, legal or financial advice) "
                "cannot be listed."
            ),
            self.form,
            "ruleDetail",
        )
        license_help.setWordWrap(True)
        # A price and a number of minutes are short: fields sized for them, not the column.
        for field in (self.price, self.duration):
            field.setMinimumWidth(120)
            field.setMaximumWidth(170)
        price_row = QHBoxLayout()
        price_row.addWidget(self.price)
        price_row.addWidget(self.currency)
        price_row.addWidget(self.on_request)
        price_row.addStretch(1)
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration)
        duration_row.addStretch(1)
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addRow(self.tr("Title"), self.title)
        layout.addRow(self.tr("Category"), self.category)
        layout.addRow(self.tr("Description"), self.description)
        layout.addRow(self.tr("Price"), price_row)
        layout.addRow(self.tr("Duration"), duration_row)
        license_box = QWidget(self.form)
        license_column = QVBoxLayout(license_box)
        license_column.setContentsMargins(0, 4, 0, 0)
        license_column.setSpacing(2)
        license_column.addWidget(self.license)
        license_column.addWidget(license_help)
        layout.addRow("", license_box)
        form_column = QVBoxLayout(self.form)
        form_column.setContentsMargins(8, 0, 0, 0)
        form_column.addLayout(layout)
        form_column.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([300, 600])

        self.save_button = QPushButton(self.tr("Save service bio"), self)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Undo changes"), self)
        self.state = plain_label("", self, "bioState")
        self.state.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)

        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(14, 12, 14, 12)
        column.setSpacing(12)
        column.addWidget(self.eligibility)
        column.addWidget(splitter, 1)
        column.addLayout(bottom)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.list.currentRowChanged.connect(self._show_service)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.save_button.clicked.connect(self._save)
        self.revert_button.clicked.connect(self._revert)
        for signal in (self.title.textEdited, self.description.textChanged):
            signal.connect(self._edited)
        for box in (self.category, self.currency):
            box.currentIndexChanged.connect(self._edited)
        self.price.valueChanged.connect(self._edited)
        self.duration.valueChanged.connect(self._edited)
        for check in (self.on_request, self.license):
            check.toggled.connect(self._edited)
        self._refill(0)

    # --- from the server -----------------------------------------------------------------

    def set_services(self, services: tuple[Service, ...]) -> None:
        followed = self.draft.load(services)
        self._refill(self.list.currentRow())
        if not followed:
            self.state.setText(
                self.tr(
                    "The saved services changed elsewhere; your edits are kept. "
                    "“Undo changes” loads the saved ones."
                )
            )

    def set_profile(self, profile: CreatorProfile | None) -> None:
        self.profile = profile
        self._show_eligibility()

    def save_finished(self, ok: bool, message: str = "") -> None:
        self.save_button.setEnabled(True)
        if ok:
            self.state.setText(self.tr("Saved. Viewers see these services now."))
        else:
            self.state.setText(self.tr("Not saved: {why}").replace("{why}", message))

    # --- editing -------------------------------------------------------------------------

    def _refill(self, row: int) -> None:
        self._filling = True
        self.list.clear()
        for service in self.draft.services:
            self.list.addItem(self._list_text(service))
        self._filling = False
        if self.draft.services:
            self.list.setCurrentRow(min(max(row, 0), len(self.draft.services) - 1))
        self._show_service(self.list.currentRow())
        self._show_eligibility()

    def _list_text(self, service: Service) -> str:
        flag = "" if service.license_free_confirmed else "  ⚠"
        price = money(service.price_cents, service.currency)
        return f"{service.title}{flag}\n{category_label(service.category)} · {price}"

    def _show_service(self, row: int) -> None:
        if self._filling:
            return
        service = self.draft.services[row] if 0 <= row < len(self.draft.services) else None
        self.form.setEnabled(service is not None)
        self.remove_button.setEnabled(service is not None)
        if service is None:
            return
        self._filling = True
        self.title.setText(service.title)
        self.category.setCurrentIndex(max(0, self.category.findData(service.category)))
        self.description.setPlainText(service.description)
        self.on_request.setChecked(service.price_cents is None)
        self.price.setValue((service.price_cents or 0) / 100)
        self.price.setEnabled(service.price_cents is not None)
        if self.currency.findText(service.currency) < 0:
            self.currency.addItem(service.currency)
        self.currency.setCurrentText(service.currency)
        self.duration.setValue(service.duration_min or 0)
        self.license.setChecked(service.license_free_confirmed)
        self._filling = False

    def _edited(self, *_args: object) -> None:
        row = self.list.currentRow()
        if self._filling or not 0 <= row < len(self.draft.services):
            return
        self.price.setEnabled(not self.on_request.isChecked())
        old = self.draft.services[row]
        new = msgspec.structs.replace(
            old,
            title=self.title.text().strip() or old.title,
            category=self.category.currentData(),
            description=self.description.toPlainText()[:MAX_DESCRIPTION],
            price_cents=None if self.on_request.isChecked() else round(self.price.value() * 100),
            currency=self.currency.currentText(),
            duration_min=self.duration.value() or None,
            license_free_confirmed=self.license.isChecked(),
        )
        if new == old:
            return
        self.draft.replace(row, new)
        item = self.list.item(row)
        if item is not None:
            item.setText(self._list_text(new))
        self._show_eligibility()

    def _add(self) -> None:
        row = self.draft.add(self.tr("New service"))
        self._refill(row)
        self.title.setFocus()
        self.title.selectAll()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.draft.services):
            self.draft.remove(row)
            self._refill(row)

    def _revert(self) -> None:
        self.draft.revert()
        self._refill(self.list.currentRow())

    def _save(self) -> None:
        problems = bio_problems(self.draft.services)
        if problems:
            self.state.setText("\n".join(problems))
            return
        self.save_button.setEnabled(False)
        self.state.setText(self.tr("Saving…"))
        self.save_requested.emit(tuple(self.draft.services))

    def _show_eligibility(self) -> None:
        self.eligibility.show_state(self.profile, list(self.draft.services))
        dirty = self.draft.dirty
        self.revert_button.setEnabled(dirty)
        if dirty and not self.state.text().startswith(self.tr("Saving…")):
            self.state.setText(self.tr("Unsaved changes."))
        elif not dirty and self.state.text() == self.tr("Unsaved changes."):
            self.state.setText("")
