"""What the needs of a project look like to a reader: the section of the project page and the needs
page, built from app.resources in a fixed number of queries.

Everyone who may view the project sees its needs, their progress and the totals; the project's
partners and admins (permissions.can_view_pledges) also see who pledged, with what message.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from babel.numbers import get_currency_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import permissions
from app.core.extensions import db
from app.organisations.models import Membership, MembershipStatus, Organisation
from app.projects.models import NEED_STAGES, Project
from app.projects.web.pages import add_page_section
from app.resources import money
from app.resources import needs as need_service
from app.resources import offers as offer_service
from app.resources import pledges as pledge_service
from app.resources import progress as progress_service
from app.resources.models import Need, NeedKind, NeedStatus, OfferRequest, OfferRequestStatus, OfferStatus, Pledge
from app.resources.pledges import STATUS_NAMES
from app.resources.progress import NeedProgress

REQUEST_STATUS_NAMES = {
    OfferRequestStatus.ASKED: _l("waiting for an answer"),
    OfferRequestStatus.CONFIRMED: _l("confirmed: now a pledge"),
    OfferRequestStatus.DECLINED: _l("declined"),
    OfferRequestStatus.CLOSED: _l("closed before an answer"),
}
OFFER_STATUS_NAMES = {
    OfferStatus.OPEN: _l("open"),
    OfferStatus.PLEDGED: _l("given: now a pledge"),
    OfferStatus.WITHDRAWN: _l("withdrawn"),
}
# Why a reader sees no pledge form under an open need.
LOG_IN, CONFIRM = "log_in", "confirm"


@dataclass
class NeedView:
    """One need as the page shows it: formatted quantities and the progress in words and as a bar."""

    need: Need
    kind_name: str
    quantity: str
    progress: NeedProgress
    summary: str  # "120 of 200 hours committed, 40 fulfilled"
    waiting: str | None  # pledges not yet answered by the partners
    over: str | None  # committed beyond the target, in words
    bar_value: str
    bar_max: str
    unit_name: str  # the unit a pledge is counted in, for the pledge form's hint
    may_pledge: bool = False
    why_no_form: str | None = None  # LOG_IN, CONFIRM or None
    pledges: list = field(default_factory=list)
    offers: list = field(default_factory=list)


def amount(value: Decimal, need) -> str:
    """A quantity in the need's (or offer's) unit, for the reader's language."""
    return money.format_quantity(value, need.kind, need.unit)


def number(value: Decimal, need) -> str:
    return money.format_number(value, need.kind, need.unit)


def unit_label(kind: NeedKind, unit: str) -> str:
    if kind == NeedKind.VOLUNTEER_TIME:
        return _("hours")
    return unit


def unit_name(kind: NeedKind, unit: str) -> str:
    """The unit in words: "XOF (West African CFA franc)", "hours", "books"."""
    if kind == NeedKind.FUNDING:
        return f"{unit} ({get_currency_name(unit, locale=money.locale_name())})"
    return unit_label(kind, unit)


def plain(value: Decimal) -> str:
    """A number for an HTML attribute (a <progress> element's value or max)."""
    return format(value.normalize(), "f") if value else "0"


def need_view(need: Need, progress: NeedProgress, project: Project, user) -> NeedView:
    summary = _("%(committed)s of %(target)s committed, %(fulfilled)s fulfilled",
                committed=number(progress.committed, need), target=amount(progress.target, need),
                fulfilled=number(progress.fulfilled, need))
    waiting = None
    if progress.waiting:
        waiting = _("%(waiting)s more pledged, waiting for the partners' answer.",
                    waiting=amount(progress.waiting, need))
    over = None
    if progress.over:
        over = _("Over-committed: %(over)s more than needed is committed.", over=amount(progress.over, need))
    view = NeedView(
        need=need,
        kind_name=str(money.KIND_NAMES[need.kind]),
        quantity=amount(need.quantity, need),
        progress=progress,
        summary=summary,
        waiting=waiting,
        over=over,
        bar_value=plain(min(progress.committed, progress.target)),
        bar_max=plain(progress.target),
        unit_name=unit_name(need.kind, need.unit),
    )
    if need.status == NeedStatus.OPEN and project.stage in NEED_STAGES:
        if permissions.can_pledge(user, need, project):
            view.may_pledge = True
        elif not getattr(user, "is_authenticated", False):
            view.why_no_form = LOG_IN
        elif not permissions.can_offer(user) and not permissions.is_member_of(user, project.organisation):
            view.why_no_form = CONFIRM
    return view


def total_rows(project: Project) -> list[SimpleNamespace]:
    """The project's totals, one row per kind and unit (one per currency: never added together)."""
    rows = []
    for total in progress_service.totals_of(project):
        rows.append(SimpleNamespace(
            kind_name=str(money.KIND_NAMES[total.kind]),
            unit=unit_label(total.kind, total.unit),
            target=amount(total.target, total),
            committed=amount(total.committed, total),
            fulfilled=amount(total.fulfilled, total),
        ))
    return rows


@add_page_section
def needs_section(project: Project, user) -> dict:
    """Context for templates/resources/_project_needs.html under one key (`needs_section`): the needs
    with their progress and the totals, in three queries whatever the number of needs and pledges."""
    needs = need_service.needs_of(project)
    progress = progress_service.progress_of(needs)
    return {
        "needs_section": SimpleNamespace(
            needs=[need_view(need, progress[need.id], project, user) for need in needs],
            totals=total_rows(project) if needs else [],
            takes_pledges=project.stage in NEED_STAGES,
            can_manage=permissions.can_manage_needs(user, project),
        )
    }


def needs_page_context(project: Project, user) -> dict:
    """Everything the needs page shows to `user`: the section above, plus the pledges (partners and
    admins), the pledge forms' organisations, and for the partners the matching offers of each open need
    with the requests already made."""
    context = needs_section(project, user)
    section = context["needs_section"]
    views = section.needs
    can_view_pledges = permissions.can_view_pledges(user, project)
    if can_view_pledges and views:
        by_need: dict[int, list] = {}
        for pledge in pledge_service.pledges_of(project):
            by_need.setdefault(pledge.need_id, []).append(pledge_row(pledge, project, user))
        for view in views:
            view.pledges = by_need.get(view.need.id, [])
    if section.can_manage:
        asked = requests_of([v.need.id for v in views if v.need.status == NeedStatus.OPEN])
        matching = offer_service.matching_offers_of([v.need for v in views], project)
        for view in views:
            if view.need.status == NeedStatus.OPEN:
                view.offers = [offer_row(offer, view.need, asked.get((offer.id, view.need.id)))
                               for offer in matching.get(view.need.id, [])]
    section.can_view_pledges = can_view_pledges
    section.organisations = organisations_of(user) if any(v.may_pledge for v in views) else []
    return context


def pledge_row(pledge: Pledge, project: Project, user) -> SimpleNamespace:
    need = pledge.need
    return SimpleNamespace(
        pledge=pledge,
        quantity=amount(pledge.quantity, need),
        status_name=str(STATUS_NAMES[pledge.status]),
        moves=[move.value for move in pledge_service.pledge_moves(pledge, project, user)],
    )


def offer_row(offer, need: Need, asked: OfferRequest | None) -> SimpleNamespace:
    return SimpleNamespace(
        offer=offer,
        kind_name=str(money.KIND_NAMES[offer.kind]),
        quantity=amount(offer.quantity, offer),
        default_quantity=number(offer.quantity, need) if offer.unit == need.unit else "",
        same_unit=offer.unit == need.unit,
        asked=asked,
    )


def requests_of(need_ids: list[int]) -> dict[tuple[int, int], OfferRequest]:
    """(offer id, need id) → the request made, for the given needs (one query)."""
    if not need_ids:
        return {}
    found = db.session.scalars(select(OfferRequest).where(OfferRequest.need_id.in_(need_ids)))
    return {(r.offer_id, r.need_id): r for r in found}


def organisations_of(user) -> list[Organisation]:
    """The organisations `user` is an active member of, by name: those one may pledge or offer for."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = db.session.scalars(
        select(Membership)
        .options(joinedload(Membership.organisation))
        .where(Membership.user_id == user.id, Membership.status == MembershipStatus.ACTIVE)
    )
    return sorted((m.organisation for m in memberships), key=lambda org: org.name.lower())
