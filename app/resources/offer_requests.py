"""Requests for offers: a project's partners ask an offerer for an offer to meet one of its needs; the
offerer confirms (the offer becomes an accepted pledge) or declines.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.core.columns import utcnow
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.projects.locking import lock_project
from app.projects.models import NEED_STAGES, Project
from app.resources import money
from app.resources.checks import clean_message, lock_open_need, refresh_status
from app.resources.models import (
    Need,
    NeedStatus,
    Offer,
    OfferRequest,
    OfferRequestStatus,
    OfferStatus,
    Pledge,
    PledgeEvent,
    PledgeStatus,
)
from app.resources.offers import close_requests, move_open_offer
from app.resources.refusals import PledgingClosed, ResourceInvalid, one_writer


@one_writer
def ask_offer(offer: Offer, need: Need, project: Project, actor: User, *, quantity=None, message: str = "",
              locale=None) -> OfferRequest:
    """The project's partners ask the offerer for an offer to meet a need (`quantity` in the need's unit,
    the offer's own quantity by default). Tells the offerer. Refuses NotPermitted
    (permissions.can_manage_needs), PledgingClosed (need closed, offer not open or expired),
    ResourceInvalid (kind differs, bad quantity, already asked)."""
    lock_open_need(need, project, actor, _("This need is closed."))
    today = date.today()
    if offer.status != OfferStatus.OPEN or offer.expires_on < today:
        raise PledgingClosed(_("This offer is no longer open."))
    errors = {}
    if offer.kind != need.kind:
        errors["offer"] = _("This offer is not of the need's kind.")
    elif offer.offerer_id is None or permissions.is_member_of(offer.offerer, project.organisation) or (
        offer.organisation_id is not None and offer.organisation_id == project.organisation_id
    ):
        errors["offer"] = _("This offer comes from the initiative's own organisation.")
    elif db.session.scalar(
        select(OfferRequest.id).where(OfferRequest.offer_id == offer.id, OfferRequest.need_id == need.id)
    ):
        errors["offer"] = _("This offer was already asked for this need.")
    try:
        amount = money.parse_quantity(offer.quantity if quantity in (None, "") else quantity, need.kind, need.unit,
                                      locale=locale)
    except money.QuantityError as error:
        errors["quantity"] = str(error)
    message = clean_message(message, errors)
    if errors:
        raise ResourceInvalid(errors)
    offer_request = OfferRequest(offer_id=offer.id, need_id=need.id, requested_by_id=actor.id, quantity=amount,
                                 message=message, status=OfferRequestStatus.ASKED)
    try:
        with db.session.begin_nested():
            db.session.add(offer_request)
            db.session.flush()
    except IntegrityError:
        raise ResourceInvalid({"offer": _("This offer was already asked for this need.")}) from None
    notifications.offer_requested(offer_request, offer, need, project, actor)
    return offer_request


@one_writer
def answer_request(offer_request: OfferRequest, actor: User, *, confirm: bool) -> Pledge | None:
    """The offerer answers a request. Confirming turns the offer into an accepted pledge of the
    request's quantity against the need (events: pledged, then accepted), marks the offer pledged and
    closes its other requests; declining closes this request. Tells the partners. Refuses NotPermitted
    (permissions.can_manage_offer), PledgingClosed (the need, project stage or offer moved on) and
    ChangedMeanwhile (answered already)."""
    offer = offer_request.offer
    if not permissions.can_manage_offer(actor, offer):
        raise NotPermitted(_("Only the person who made this offer can answer the requests for it."))
    need = offer_request.need
    project = need.project
    if not confirm:
        _settle_request(offer_request, OfferRequestStatus.DECLINED)
        notifications.request_answered(offer_request, need, project, actor, confirmed=False)
        return None
    lock_project(project)
    refresh_status(need)
    if offer_request.status != OfferRequestStatus.ASKED:
        raise ChangedMeanwhile(_("This request was answered meanwhile."))
    if need.status != NeedStatus.OPEN or project.stage not in NEED_STAGES:
        raise PledgingClosed(_("This need no longer takes pledges."))
    if offer.expires_on < date.today():
        raise PledgingClosed(_("This offer has expired."))
    if permissions.is_member_of(actor, project.organisation) or not permissions.can_offer(actor):
        raise NotPermitted(_("You cannot pledge to this initiative."))
    with db.session.begin_nested():  # a refusal below leaves nothing written
        pledge = _confirm(offer_request, offer, need, project, actor)
    notifications.request_answered(offer_request, need, project, actor, confirmed=True)
    return pledge


def requests_for(user: User) -> list[OfferRequest]:
    """Requests waiting for the user's answer (status asked) on their offers, newest first."""
    return list(
        db.session.scalars(
            select(OfferRequest)
            .join(Offer, Offer.id == OfferRequest.offer_id)
            .options(joinedload(OfferRequest.offer), joinedload(OfferRequest.need).joinedload(Need.project))
            .where(Offer.offerer_id == user.id, OfferRequest.status == OfferRequestStatus.ASKED)
            .order_by(OfferRequest.created_at.desc(), OfferRequest.id.desc())
        )
    )



def _settle_request(offer_request: OfferRequest, status: OfferRequestStatus, **values) -> None:
    changed = db.session.execute(
        update(OfferRequest)
        .where(OfferRequest.id == offer_request.id, OfferRequest.status == OfferRequestStatus.ASKED)
        .values(status=status, decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise ChangedMeanwhile(_("This request was answered meanwhile."))
    db.session.refresh(offer_request)


def _confirm(offer_request: OfferRequest, offer: Offer, need: Need, project: Project, actor: User) -> Pledge:
    """The writes of a confirmed request: the request settled, the offer taken, the accepted pledge and its
    two events, the offer's other requests closed."""
    _settle_request(offer_request, OfferRequestStatus.CONFIRMED)
    if not move_open_offer(offer, OfferStatus.PLEDGED):
        raise PledgingClosed(_("This offer is no longer open."))
    set_committed_value(offer, "status", OfferStatus.PLEDGED)
    pledge = Pledge(
        need_id=need.id,
        project_id=project.id,
        pledger_id=actor.id,
        organisation_id=offer.organisation_id,
        offer_id=offer.id,
        quantity=offer_request.quantity,
        message=offer_request.message or "",
        status=PledgeStatus.ACCEPTED,
    )
    db.session.add(pledge)
    db.session.flush()
    db.session.add_all([
        PledgeEvent(pledge_id=pledge.id, actor_id=actor.id, from_status=None, to_status=PledgeStatus.PLEDGED),
        PledgeEvent(pledge_id=pledge.id, actor_id=offer_request.requested_by_id, from_status=PledgeStatus.PLEDGED,
                    to_status=PledgeStatus.ACCEPTED),
    ])
    offer_request.pledge_id = pledge.id
    close_requests(OfferRequest.offer_id == offer.id)
    db.session.flush()
    return pledge
