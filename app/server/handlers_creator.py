"""Handlers for the creator's own business: Service+ inquiries, services, live sessions, invites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import roles
from app.core.inquiries import InvalidTransition, check_status_change, is_booking
from app.protocol.inquiry import Inquiry
from app.protocol.payloads import (
    CommandData,
    CreateInquiry,
    EndLive,
    InquiryCreated,
    InquiryMessage,
    InquiryStatus,
    InquiryStatusChanged,
    LedgerEntry,
    ListInquiries,
    ListInvites,
    LiveEnded,
    LiveStarted,
    MintInvite,
    ReplyInquiry,
    RevokeInvite,
    ServicesChanged,
    SetInquiryStatus,
    SetServices,
    StartLive,
)
from app.server.commands import AckResult, Handler, Refused
from app.server.handlers_earnings import add_ledger_entry
from app.server.state import LiveSession

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

# Statuses the viewer is told about; the others ("open", "snoozed") are the creator's triage.
VIEWER_VISIBLE_STATUSES: frozenset[InquiryStatus] = frozenset(
    {"quoted", "booked", "completed", "declined", "closed"}
)


def _inquiry(b: Backend, inquiry_id: str) -> Inquiry:
    inquiry = b.state.inquiries.get(inquiry_id)
    if inquiry is None:
        raise Refused("not_found", "No such inquiry.")
    return inquiry


def create_inquiry(b: Backend, account: Account, rid: str, cmd: CreateInquiry) -> AckResult:
    service = next((s for s in b.state.services if s.id == cmd.service_id), None)
    if service is None:
        raise Refused("not_found", "The creator does not offer this service (any more).")
    now_ms = b.now_ms()
    live = b.state.live
    session_id = live.session_id if live else None
    elapsed_s = max(0, (now_ms - live.started_ms) // 1000) if live else None
    inquiry = Inquiry(
        inquiry_id=b.new_id("q"),
        user=b.user_ref(account.id),
        service_id=service.id,
        service_title=service.title,
        text=cmd.text,
        status="new",
        price_cents=None,
        snooze_until_ms=None,
        created_ms=now_ms,
        updated_ms=now_ms,
        session_id=session_id,
        elapsed_s=elapsed_s,
    )
    b.state.inquiries.add(inquiry)
    event = InquiryCreated(
        inquiry_id=inquiry.inquiry_id,
        user=inquiry.user,
        service_id=service.id,
        service_title=service.title,
        text=cmd.text,
        session_id=session_id,
        elapsed_s=elapsed_s,
    )
    b.emit(roles.CREATOR, event, rid)
    b.emit(roles.user_channel(account.id), event, rid)
    return {"inquiry_id": inquiry.inquiry_id}


def reply_inquiry(b: Backend, account: Account, rid: str, cmd: ReplyInquiry) -> AckResult:
    inquiry = _inquiry(b, cmd.inquiry_id)
    owner = inquiry.user.id
    if account.role == "viewer" and account.id != owner:
        raise Refused("forbidden", "Only the viewer who asked can reply in this inquiry.")
    now_ms = b.now_ms()
    b.state.inquiries.update(inquiry, updated_ms=now_ms)
    message = InquiryMessage(
        inquiry_id=inquiry.inquiry_id,
        message_id=b.new_id("r"),
        author="creator" if account.role == "creator" else "viewer",
        user=b.user_ref(account.id),
        text=cmd.text,
    )
    b.state.inquiries.add_message(
        inquiry.inquiry_id, message.message_id, message.author, message.user, cmd.text, now_ms
    )
    b.emit(roles.CREATOR, message, rid)
    b.emit(roles.user_channel(owner), message, rid)
    return {"message_id": message.message_id}


def set_inquiry_status(
    b: Backend, account: Account, rid: str, cmd: SetInquiryStatus
) -> AckResult:
    inquiry = _inquiry(b, cmd.inquiry_id)
    now_ms = b.now_ms()
    old, new = inquiry.status, cmd.status
    try:
        check_status_change(
            old,
            new,
            price_cents=cmd.price_cents,
            snooze_until_ms=cmd.snooze_until_ms,
            booked_for_ms=cmd.booked_for_ms,
            now_ms=now_ms,
        )
    except InvalidTransition as exc:
        raise Refused("invalid_state", str(exc)) from None
    price = cmd.price_cents if cmd.price_cents is not None else inquiry.price_cents
    if new == "booked" and price is None:
        raise Refused("bad_request", "A booking needs a price (price_cents).")
    if old == new == "booked" and price != inquiry.price_cents:
        # The ledger line holds the booked price: moving a booking keeps it.
        raise Refused(
            "invalid_state", "Moving a booking keeps its price; close it and quote again."
        )
    updated = b.state.inquiries.update(
        inquiry,
        status=new,
        price_cents=price,
        snooze_until_ms=cmd.snooze_until_ms if new == "snoozed" else None,
        # Kept once completed or closed: the thread still says when the appointment was.
        booked_for_ms=cmd.booked_for_ms if new == "booked" else inquiry.booked_for_ms,
        updated_ms=now_ms,
    )
    event = InquiryStatusChanged(
        inquiry_id=inquiry.inquiry_id,
        status=new,
        by=account.id,
        price_cents=price,
        snooze_until_ms=updated.snooze_until_ms,
        booked_for_ms=updated.booked_for_ms if new == "booked" else None,
    )
    emitted = b.emit(roles.CREATOR, event, rid)
    b.state.inquiries.add_history(
        emitted.id,
        inquiry.inquiry_id,
        new,
        account.id,
        price,
        updated.snooze_until_ms,
        now_ms,
        event.booked_for_ms,
    )
    if new in VIEWER_VISIBLE_STATUSES:
        b.emit(roles.user_channel(inquiry.user.id), event, rid)
    if is_booking(old, new) and price is not None:
        # The price is in the booked service's currency: the inbox shows the creator that
        # currency beside the price they enter. An inquiry and its status changes record no
        # currency, so for a service no longer offered this is USD, which is also what the
        # inbox shows then.
        service = next((s for s in b.state.services if s.id == inquiry.service_id), None)
        _add_service_line(b, inquiry, price, service.currency if service else "USD", rid)
    elif old == "booked" and new == "closed":
        # A booking cancelled before it was completed was never earned: a line of the
        # opposite amount takes it out of the earnings, in the same session and currency.
        booking = b.state.open_booking(inquiry.inquiry_id)
        if booking is not None:
            cents, currency = booking
            _add_service_line(b, inquiry, -cents, currency, rid)
    return {
        "inquiry_id": inquiry.inquiry_id,
        "status": new,
        "price_cents": price,
        "booked_for_ms": event.booked_for_ms,
    }


def _add_service_line(b: Backend, inquiry: Inquiry, cents: int, currency: str, rid: str) -> None:
    """A Service+ ledger line of an inquiry, counted in the session the inquiry came from:
    that is where the money was earned."""
    entry = LedgerEntry(
        entry_id=b.new_id("l"),
        kind="service",
        diamonds=0,
        cents=cents,
        user=inquiry.user,
        ref=inquiry.inquiry_id,
        session_id=inquiry.session_id,
        label=inquiry.service_title[:200],
        currency=currency,
    )
    add_ledger_entry(b, entry, rid)


def list_inquiries(b: Backend, account: Account, rid: str, cmd: ListInquiries) -> AckResult:
    inquiries = b.state.inquiries.newest(cmd.status, cmd.limit)
    return {"inquiries": b.state.inquiries.list_items(inquiries)}


def set_services(b: Backend, account: Account, rid: str, cmd: SetServices) -> AckResult:
    ids = [service.id for service in cmd.services]
    if len(set(ids)) != len(ids):
        raise Refused("bad_request", "Two services have the same id.")
    b.state.set_services(cmd.services)
    b.emit(roles.PUBLIC, ServicesChanged(services=cmd.services), rid)
    b.audit(account, "services.set", rid, reason=f"{len(ids)} services")
    return {"count": len(ids)}


def start_live(b: Backend, account: Account, rid: str, cmd: StartLive) -> AckResult:
    if b.state.live is not None:
        raise Refused("invalid_state", "A live session is already running.")
    session = LiveSession(b.new_id("live"), cmd.title, b.now_ms())
    b.state.start_live(session)
    b.badges_changed()
    b.emit(
        roles.PUBLIC,
        LiveStarted(
            session_id=session.session_id, started_ms=session.started_ms, title=session.title
        ),
        rid,
    )
    b.audit(account, "live.start", rid, reason=cmd.title)
    return {"session_id": session.session_id, "started_ms": session.started_ms}


def end_live(b: Backend, account: Account, rid: str, cmd: EndLive) -> AckResult:
    if b.state.live is None:
        raise Refused("invalid_state", "No live session is running.")
    ended_ms = b.now_ms()
    session = b.state.end_live(ended_ms)
    b.badges_changed()
    b.emit(
        roles.PUBLIC,
        LiveEnded(session_id=session.session_id, started_ms=session.started_ms, ended_ms=ended_ms),
        rid,
    )
    b.audit(account, "live.end", rid)
    return {"session_id": session.session_id, "ended_ms": ended_ms}


def mint_invite(b: Backend, account: Account, rid: str, cmd: MintInvite) -> AckResult:
    invite_id, code = b.accounts.mint_invite(cmd.label)
    b.audit(account, "invite.mint", rid, reason=cmd.label)
    return {"invite_id": invite_id, "code": code}


def revoke_invite(b: Backend, account: Account, rid: str, cmd: RevokeInvite) -> AckResult:
    try:
        moderator_id = b.accounts.revoke_invite(cmd.invite_id)
    except KeyError:
        raise Refused("not_found", "No such invite.") from None
    except ValueError:
        raise Refused("invalid_state", "This invite was already revoked.") from None
    b.audit(account, "invite.revoke", rid, target_user_id=moderator_id)
    if moderator_id is not None:
        b.badges_changed(moderator_id)
        b.call_hook(b.on_account_revoked, moderator_id)
    return {"invite_id": cmd.invite_id, "revoked_account_id": moderator_id}


def list_invites(b: Backend, account: Account, rid: str, cmd: ListInvites) -> AckResult:
    return {"invites": b.accounts.list_invites()}


HANDLERS: dict[type[CommandData], Handler] = {
    CreateInquiry: create_inquiry,
    ReplyInquiry: reply_inquiry,
    SetInquiryStatus: set_inquiry_status,
    ListInquiries: list_inquiries,
    SetServices: set_services,
    StartLive: start_live,
    EndLive: end_live,
    MintInvite: mint_invite,
    RevokeInvite: revoke_invite,
    ListInvites: list_invites,
}
