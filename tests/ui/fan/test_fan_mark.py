"""What a fan does carries one mark in the console: the "FAN PAGE" pill (badge `fan`)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.protocol.payloads import UserRef
from app.ui.chat.delegate import ChatDelegate
from app.ui.chat.line import ChatLine
from app.ui.moderation.usercard import badge_text


def test_a_fans_line_shows_the_fan_page_pill_after_the_member_pill(qapp: QApplication) -> None:
    fan = UserRef(id="u1", name="Mia", badges=("member:2", "fan"))
    line = ChatLine.local_pending("r1", "below", fan, "hi")
    assert ChatDelegate().pill_labels(line) == [("member:2", "MEMBER 2"), ("fan", "FAN PAGE")]
    viewer = UserRef(id="u2", name="Sim", badges=("member:2",))
    plain = ChatLine.local_pending("r2", "below", viewer, "hi")
    assert ChatDelegate().pill_labels(plain) == [("member:2", "MEMBER 2")]
    assert badge_text("fan") == "Fan page"
