"""File → Fan page…: the link and QR code fans open, who can reach it, who is signed in,
and the Below Room passes (make, renew, revoke).

The page itself is served by the backend (`app/server/fan_http.py`, PROTOCOL.md "Fans"); this
window only shows its address and manages passes with the creator's own commands.
"""

from __future__ import annotations

import ipaddress
import urllib.parse
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QHideEvent,
    QImage,
    QPainter,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.client.state import CommandResult
from app.overlay.state import qr_rows
from app.protocol.fanlink import fan_page_url
from app.protocol.payloads import CommandData, ListPasses, MintPass, RenewPass, RevokePass
from app.ui import formatting
from app.ui.moderation.network import OK_STYLE, WARNING_STYLE, ServerAddress
from app.ui.overlay.feature import OverlayFeature
from app.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from app.ui.console import Console

REQUEST_TIMEOUT_S = 10.0
REFRESH_MS = 10_000  # while the window is open: who signed in, passes redeemed
CURRENCIES = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD")


def qr_pixmap(text: str, side_px: int) -> QPixmap:
    """A black-on-white QR code about `side_px` square, each module a whole pixel block."""
    rows = qr_rows(text)
    scale = max(1, side_px // len(rows))
    image = QImage(len(rows) * scale, len(rows) * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(rows):
        for x, cell in enumerate(row):
            if cell == "1":
                painter.fillRect(x * scale, y * scale, scale, scale, QColor("black"))
    painter.end()
    return QPixmap.fromImage(image)


def fan_link(address: ServerAddress) -> tuple[str, str, str]:
    """(the fan page URL to share, how far it reaches: "local" | "network" | "tls", why)."""
    plan = address.plan
    if plan is not None and plan.on_network:
        urls = plan.network_urls(address.port)
        url = fan_page_url(urls[0]) if urls else fan_page_url(address.local_url)
    else:
        url = fan_page_url(address.local_url)
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if loopback:
        return (
            url,
            "local",
            QCoreApplication.translate(
                "FanPage",
                "Only on this computer: phones cannot open this link. In Settings, let "
                "moderators on the network connect (the same switch opens the fan page to "
                "your network), or run the backend on a server.",
            ),
        )
    if url.startswith("https:"):
        return (
            url,
            "tls",
            QCoreApplication.translate("FanPage", "Reachable on the network, encrypted (TLS)."),
        )
    return (
        url,
        "network",
        QCoreApplication.translate(
            "FanPage",
            "Reachable on your network, not encrypted: anyone on this network can read what "
            "fans send. Add a TLS certificate in Settings for anything beyond a trusted network.",
        ),
    )


class FanPageFeature(QObject):
    """Passes and fans, kept current while the window is open."""

    changed = Signal()

    def __init__(self, console: Console, address: ServerAddress) -> None:
        super().__init__(console.window)
        self.console = console
        self.address = address
        self.passes: list[dict[str, Any]] = []
        self.fans: list[dict[str, Any]] = []
        self.error = ""
        self.last_code: tuple[str, str] | None = None  # (pass id, code) just made
        self._tasks = BackgroundTasks("fan page")

    def link(self) -> tuple[str, str, str]:
        return fan_link(self.address)

    def pass_link(self, code: str) -> str:
        return f"{self.link()[0]}#pass={urllib.parse.quote(code, safe='')}"

    async def request(self, cmd: CommandData) -> CommandResult | None:
        try:
            return await self.console.client.request(cmd, timeout=REQUEST_TIMEOUT_S)
        except TimeoutError:
            return None

    async def refresh(self) -> None:
        result = await self.request(ListPasses())
        if result is not None and result.ok and result.result is not None:
            self.passes = result.result.get("passes", [])
            self.fans = result.result.get("fans", [])
            self.error = ""
        else:
            self.error = self._why(result)
        self.changed.emit()

    async def mint(
        self, tier: int, days: int, price_cents: int | None, currency: str, label: str
    ) -> str | None:
        cmd = MintPass(
            tier=tier, days=days, price_cents=price_cents, currency=currency, label=label
        )
        result = await self.request(cmd)
        code = None
        if result is not None and result.ok and result.result and "code" in result.result:
            code = str(result.result["code"])
            self.last_code = (str(result.result["pass_id"]), code)
            self.error = ""
            self.changed.emit()  # the code at once; the list follows
        else:
            self.error = self._why(result)
        await self.refresh()
        return code

    async def renew(self, pass_id: str, days: int, price_cents: int | None) -> bool:
        result = await self.request(RenewPass(pass_id=pass_id, days=days, price_cents=price_cents))
        return await self._after(result)

    async def revoke(self, pass_id: str) -> bool:
        return await self._after(await self.request(RevokePass(pass_id=pass_id)))

    async def _after(self, result: CommandResult | None) -> bool:
        ok = result is not None and result.ok
        self.error = "" if ok else self._why(result)
        await self.refresh()
        return ok

    def _why(self, result: CommandResult | None) -> str:
        if result is None:
            return QCoreApplication.translate(
                "FanPage", "Not confirmed yet: it is applied once the connection is back."
            )
        return result.message or str(result.error_code)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coro)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text: names come from fans
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _date(ms: int | None) -> str:
    return formatting.short_date(ms) if ms else "–"


def _money(cents: int | None, currency: str) -> str:
    return formatting.format_cents(cents, currency) if cents else "–"


class FanPageWindow(QDialog):
    """The fan page's link, QR code, reach, fans and passes."""

    def __init__(self, feature: FanPageFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature = feature
        self.setObjectName("FanPageWindow")
        self.setWindowTitle(self.tr("Fan page"))
        self.resize(900, 680)
        self._armed_revoke: str | None = None
        url, reach, why = feature.link()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.qr = QLabel(self)
        self.qr.setPixmap(qr_pixmap(url, 200))
        self.qr.setAccessibleName(self.tr("QR code of the fan page link"))
        top.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        intro = QLabel(
            self.tr(
                "Fans open this link (or scan the code, also available as an overlay page for "
                "OBS), pick a name and join. Below Room needs a pass from you; payment for a "
                "pass happens outside LiveDesk."
            ),
            self,
        )
        intro.setWordWrap(True)
        side.addWidget(intro)
        row = QHBoxLayout()
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setReadOnly(True)
        self.url_edit.setAccessibleName(self.tr("Fan page link"))
        copy = QPushButton(self.tr("Copy link"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.url_edit.text()))
        row.addWidget(self.url_edit, 1)
        row.addWidget(copy)
        side.addLayout(row)
        self.reach = QLabel(why, self)
        self.reach.setObjectName(f"reach-{reach}")
        self.reach.setWordWrap(True)
        self.reach.setStyleSheet(OK_STYLE if reach == "tls" else WARNING_STYLE)
        side.addWidget(self.reach)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout.addLayout(top)

        make = QGroupBox(self.tr("Make a Below Room pass"), self)
        form = QHBoxLayout(make)
        self.tier = QSpinBox(make)
        self.tier.setRange(1, 3)
        self.tier.setPrefix(self.tr("Tier "))
        self.days = QSpinBox(make)
        self.days.setRange(1, 366)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.price = QDoubleSpinBox(make)
        self.price.setRange(0, 10_000)
        self.price.setDecimals(2)
        self.price.setSpecialValueText(self.tr("free"))
        self.price.setAccessibleName(self.tr("Price (paid outside LiveDesk)"))
        self.currency = QComboBox(make)
        self.currency.addItems(CURRENCIES)
        self.label = QLineEdit(make)
        self.label.setMaxLength(200)
        self.label.setPlaceholderText(self.tr("Note, e.g. who bought it"))
        self.make_button = QPushButton(self.tr("Make pass"), make)
        self.make_button.clicked.connect(self._make)
        for widget in (self.tier, self.days, self.price, self.currency):
            form.addWidget(widget)
        form.addWidget(self.label, 1)
        form.addWidget(self.make_button)
        layout.addWidget(make)
        self.code_line = QLineEdit(self)
        self.code_line.setReadOnly(True)
        self.code_line.setAccessibleName(self.tr("The new pass's link (shown once)"))
        self.code_line.setVisible(False)
        layout.addWidget(self.code_line)

        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Note"),
                self.tr("Tier"),
                self.tr("Days"),
                self.tr("Price"),
                self.tr("Status"),
                self.tr("Fan"),
                self.tr("Until"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Passes"))
        layout.addWidget(self.table, 2)
        actions = QHBoxLayout()
        self.renew_button = QPushButton(self.tr("Renew selected (+days above)"), self)
        self.renew_button.clicked.connect(self._renew)
        self.revoke_button = QPushButton(self.tr("Revoke selected…"), self)
        self.revoke_button.clicked.connect(self._revoke)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        actions.addWidget(self.renew_button)
        actions.addWidget(self.revoke_button)
        actions.addWidget(self.error, 1)
        layout.addLayout(actions)

        fans_box = QGroupBox(self.tr("Fans"), self)
        fans_layout = QVBoxLayout(fans_box)
        self.fans = QTableWidget(0, 3, fans_box)
        self.fans.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Signed in"), self.tr("Below Room")]
        )
        self.fans.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.fans.verticalHeader().setVisible(False)
        self.fans.setAccessibleName(self.tr("Fans"))
        self.fans_empty = QLabel(self.tr("No fan has signed up yet."), fans_box)
        fans_layout.addWidget(self.fans_empty)
        fans_layout.addWidget(self.fans)
        layout.addWidget(fans_box, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(lambda: feature.spawn(feature.refresh()))
        feature.changed.connect(self.update_view)
        self.update_view()

    # --- showing -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.feature.spawn(self.feature.refresh())
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def update_view(self) -> None:
        feature = self.feature
        statuses = {
            "unused": self.tr("not redeemed"),
            "active": self.tr("active"),
            "expired": self.tr("expired"),
            "revoked": self.tr("revoked"),
        }
        self.table.setRowCount(len(feature.passes))
        for row, item in enumerate(feature.passes):
            holder = item.get("redeemed_by") or {}
            cells = [
                item.get("label") or "–",
                str(item["tier"]),
                str(item["days"]),
                _money(item.get("price_cents"), item.get("currency", "USD")),
                statuses.get(item["status"], item["status"]),
                holder.get("name", "–"),
                _date(item.get("expires_ms")),
            ]
            for column, text in enumerate(cells):
                cell = _item(text)
                cell.setData(Qt.ItemDataRole.UserRole, item["pass_id"])
                self.table.setItem(row, column, cell)
        self.fans.setRowCount(len(feature.fans))
        for row, fan in enumerate(feature.fans):
            member = fan.get("member")
            self.fans.setItem(row, 0, _item(fan["name"]))
            self.fans.setItem(row, 1, _item(self.tr("yes") if fan["signed_in"] else self.tr("no")))
            below = (
                self.tr("tier %1 until %2")
                .replace("%1", str(member["tier"]))
                .replace("%2", _date(member["expires_ms"]))
                if member
                else "–"
            )
            self.fans.setItem(row, 2, _item(below))
        self.fans_empty.setVisible(not feature.fans)
        self.fans.setVisible(bool(feature.fans))
        self.error.setText(feature.error)
        if feature.last_code is not None:
            self.code_line.setText(feature.pass_link(feature.last_code[1]))
            self.code_line.setVisible(True)

    # --- actions -----------------------------------------------------------------------

    def selected_pass(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _price_cents(self) -> int | None:
        cents = round(self.price.value() * 100)
        return cents or None

    def _make(self) -> None:
        self.feature.spawn(
            self.feature.mint(
                self.tier.value(),
                self.days.value(),
                self._price_cents(),
                self.currency.currentText(),
                self.label.text().strip(),
            )
        )

    def _renew(self) -> None:
        pass_id = self.selected_pass()
        if pass_id is not None:
            self.feature.spawn(self.feature.renew(pass_id, self.days.value(), self._price_cents()))

    def _revoke(self) -> None:
        """Click twice: the first click arms the button (revoking takes the room at once)."""
        pass_id = self.selected_pass()
        if pass_id is None:
            return
        if self._armed_revoke != pass_id:
            self._armed_revoke = pass_id
            self.revoke_button.setText(self.tr("Click again to revoke"))
            return
        self._armed_revoke = None
        self.revoke_button.setText(self.tr("Revoke selected…"))
        self.feature.spawn(self.feature.revoke(pass_id))


def install_fanpage(
    console: Console, address: ServerAddress, overlay: object | None = None
) -> FanPageFeature:
    """File → Fan page… in the creator's console; the link's QR code also goes to the
    stream overlay's "fan" page when the overlay is installed."""
    feature = FanPageFeature(console, address)
    url, reach, _ = feature.link()
    # A link only this computer can open would be a useless code on stream: the overlay's
    # "fan" page stays empty until the fan page is reachable from viewers' phones.
    if isinstance(overlay, OverlayFeature) and reach != "local":
        overlay.set_fan_link(url)
    window: list[FanPageWindow] = []

    def show_window() -> None:
        if not window:
            window.append(FanPageWindow(feature, console.window))
        window[0].show()
        window[0].raise_()

    console.window.add_menu_action(
        QCoreApplication.translate("FanPage", "Fan page…"), None, show_window, menu="file"
    )
    return feature
