"""The pool of offers: resources offered by people and organisations, tied to no project, until they
expire or become a pledge; the open offers by kind and place, the offers that match a need, and the
moves of an open offer and of the requests for it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import case, exists, func, select, update
from sqlalchemy.orm import joinedload

from app import permissions
from app.accounts.models import User
from app.core.columns import utcnow
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.organisations.models import Membership, Organisation
from app.projects.models import NEED_STAGES, Project
from app.reference.models import Country
from app.reference.names import COUNTRIES, REGIONS, region_of
from app.resources.checks import acting_for, check_submission_key, insert_once, need_fields
from app.resources.models import (
    Need,
    NeedKind,
    NeedStatus,
    Offer,
    OfferRequest,
    OfferRequestStatus,
    OfferStatus,
    offer_countries,
)
from app.resources.refusals import PledgingClosed, ResourceInvalid, one_writer

OFFER_MAX_DAYS = 731  # two years ahead, a leap day included


@dataclass(frozen=True)
class OfferFilters:
    kind: str | None = None
    country: str | None = None
    region: str | None = None

    def problems(self) -> dict[str, str]:
        """Field → message for filter values that are not valid keys."""
        problems = {}
        if self.kind and self.kind not in {k.value for k in NeedKind}:
            problems["kind"] = _("Choose a kind of resource from the list.")
        if self.country and self.country not in COUNTRIES:
            problems["country"] = _("Choose a country from the list.")
        if self.region and self.region not in REGIONS:
            problems["region"] = _("Choose a region from the list.")
        return problems


@dataclass(frozen=True)
class OfferPage:
    items: list[Offer]
    total: int


_OFFER_OPTIONS = (
    joinedload(Offer.countries),
    joinedload(Offer.offerer).lazyload(User.reviewer_regions),
    joinedload(Offer.offerer).lazyload(User.memberships),
    joinedload(Offer.organisation).lazyload(Organisation.themes),
)


@one_writer
def make_offer(
    offerer: User,
    *,
    kind: str,
    title: str,
    description: str = "",
    quantity,
    unit: str = "",
    countries: list[str],
    expires_on: date | str,
    organisation: Organisation | str | None = None,
    submission_key: str | None = None,
    locale=None,
) -> tuple[Offer, bool]:
    """Offer a resource to the pool. Answers (offer, created); the same submission_key answers the first
    offer. Refuses NotPermitted (permissions.can_offer) and ResourceInvalid (kind, title, quantity,
    unit, countries: at least one of the lab's ISO codes, expires_on: a date from today to two years
    ahead, organisation)."""
    if not permissions.can_offer(offerer):
        raise NotPermitted(_("Confirm your e-mail address before offering resources."))
    if submission_key:
        existing = db.session.scalar(
            select(Offer).where(Offer.offerer_id == offerer.id, Offer.submission_key == submission_key)
        )
        if existing is not None:
            return existing, False
    errors = {}
    try:
        fields = need_fields(kind, title, description, quantity, unit, locale)
    except ResourceInvalid as error:
        errors.update(error.errors)
        fields = None
    codes = _country_codes(countries)
    if not codes or any(code not in COUNTRIES for code in codes):
        errors["countries"] = _("Choose at least one of the programme's countries.")
    expiry = _expiry(expires_on)
    if isinstance(expiry, str):
        errors["expires_on"] = expiry
    org = acting_for(offerer, organisation, errors,
                     _("You can offer only on behalf of an organisation you are an active member of."))
    check_submission_key(submission_key, errors)
    if errors:
        raise ResourceInvalid(errors)
    offer = Offer(
        offerer_id=offerer.id,
        organisation_id=org.id if org is not None else None,
        expires_on=expiry,
        status=OfferStatus.OPEN,
        submission_key=submission_key or None,
        countries=list(db.session.scalars(select(Country).where(Country.code.in_(codes)).order_by(Country.code))),
        **fields,
    )
    made = insert_once(offer, lambda: db.session.scalar(
        select(Offer).where(Offer.offerer_id == offerer.id, Offer.submission_key == submission_key)
    ))
    return made, made is offer


@one_writer
def withdraw_offer(offer: Offer, actor: User) -> None:
    """The offerer takes an open offer back; its asked requests close. Refuses NotPermitted and
    PledgingClosed (not open any more)."""
    if not permissions.can_manage_offer(actor, offer):
        raise NotPermitted(_("Only the person who made this offer can withdraw it."))
    changed = move_open_offer(offer, OfferStatus.WITHDRAWN)
    db.session.refresh(offer)
    if not changed:
        raise PledgingClosed(_("This offer is no longer open."))
    close_requests(OfferRequest.offer_id == offer.id)


def move_open_offer(offer: Offer, status: OfferStatus) -> bool:
    """Move an open offer to `status` (withdrawn, or pledged when a request is confirmed) through one
    conditional UPDATE; False when it was no longer open (someone else moved it first)."""
    return bool(
        db.session.execute(
            update(Offer)
            .where(Offer.id == offer.id, Offer.status == OfferStatus.OPEN)
            .values(status=status, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def close_requests(condition) -> int:
    """Close the asked offer requests matching `condition`; answers how many."""
    return db.session.execute(
        update(OfferRequest)
        .where(condition, OfferRequest.status == OfferRequestStatus.ASKED)
        .values(status=OfferRequestStatus.CLOSED, decided_at=utcnow())
        .execution_options(synchronize_session="fetch")
    ).rowcount


def open_offers(filters: OfferFilters, *, page: int = 1, per_page: int = 20, today: date | None = None) -> OfferPage:
    """Open, unexpired offers (expires_on >= today), soonest expiry first, filtered by kind and by a
    country (or a region: any of its countries); two queries whatever the page size."""
    today = today or date.today()
    page, per_page = max(int(page), 1), max(int(per_page), 1)
    conditions = _offer_conditions(filters, today)
    rows = db.session.execute(
        select(Offer, func.count().over().label("total"))
        .options(*_OFFER_OPTIONS)
        .where(*conditions)
        .order_by(Offer.expires_on, Offer.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).unique().all()
    if rows:
        return OfferPage(items=[offer for offer, _total in rows], total=rows[0][1])
    if page == 1:
        return OfferPage(items=[], total=0)
    # Past the last page: the count alone.
    return OfferPage(items=[], total=db.session.scalar(select(func.count(Offer.id)).where(*conditions)))


def offers_by(user: User) -> list[Offer]:
    """The user's own offers, every status, newest first, with their requests loaded."""
    offers = list(
        db.session.scalars(
            select(Offer)
            .options(*_OFFER_OPTIONS)
            .where(Offer.offerer_id == user.id)
            .order_by(Offer.created_at.desc(), Offer.id.desc())
        ).unique()
    )
    requests: dict[int, list[OfferRequest]] = {offer.id: [] for offer in offers}
    if offers:
        found = db.session.scalars(
            select(OfferRequest)
            .options(joinedload(OfferRequest.need).joinedload(Need.project))
            .where(OfferRequest.offer_id.in_(list(requests)))
            .order_by(OfferRequest.created_at.desc(), OfferRequest.id.desc())
        )
        for offer_request in found:
            requests[offer_request.offer_id].append(offer_request)
    for offer in offers:
        # A plain attribute (the model has no relationship for it): the requests made for this offer.
        offer.requests = requests[offer.id]
    return offers


def matching_offers(need: Need, project: Project, *, limit: int = 5, today: date | None = None) -> list[Offer]:
    """Open, unexpired offers of the need's kind available in the project's country, then in another
    country of its region, soonest expiry next; never the offers of the project's own partners. One query."""
    return matching_offers_of([need], project, limit=limit, today=today).get(need.id, [])


def matching_offers_of(needs: list[Need], project: Project, *, limit: int = 5,
                       today: date | None = None) -> dict[int, list[Offer]]:
    """need id → its matching offers (as `matching_offers` chooses them, at most `limit` each), for the
    open needs of `needs`, in one query whatever their number; a need not open has none."""
    today = today or date.today()
    if project.stage not in NEED_STAGES:
        return {}
    open_needs = [n for n in needs if n.status == NeedStatus.OPEN and n.project_id == project.id]
    kinds = sorted({n.kind for n in open_needs}, key=lambda kind: kind.value)
    if not kinds:
        return {}
    in_country = exists().where(offer_countries.c.offer_id == Offer.id,
                                offer_countries.c.country_code == project.country_code)
    in_region = exists().where(
        offer_countries.c.offer_id == Offer.id,
        offer_countries.c.country_code == Country.code,
        Country.region_key == region_of(project.country_code),
    )
    partners = select(Membership.user_id).where(Membership.organisation_id == project.organisation_id)
    # The needs of one kind match the same offers: rank them within each kind, keep the first `limit`.
    ranked = (
        select(
            Offer.id.label("offer_id"),
            func.row_number().over(
                partition_by=Offer.kind, order_by=(case((in_country, 0), else_=1), Offer.expires_on, Offer.id)
            ).label("rank"),
        )
        .where(
            Offer.status == OfferStatus.OPEN,
            Offer.expires_on >= today,
            Offer.kind.in_(kinds),
            in_region,
            Offer.offerer_id.is_not(None),
            Offer.offerer_id.not_in(partners),
            (Offer.organisation_id.is_(None)) | (Offer.organisation_id != project.organisation_id),
        )
        .subquery()
    )
    query = (
        select(Offer)
        .options(*_OFFER_OPTIONS)
        .join(ranked, ranked.c.offer_id == Offer.id)
        .where(ranked.c.rank <= limit)
        .order_by(Offer.kind, ranked.c.rank)
    )
    by_kind: dict[NeedKind, list[Offer]] = {}
    for offer in db.session.scalars(query).unique():
        by_kind.setdefault(offer.kind, []).append(offer)
    return {need.id: list(by_kind.get(need.kind, [])) for need in open_needs}


def _offer_conditions(filters: OfferFilters, today: date) -> list:
    conditions = [Offer.status == OfferStatus.OPEN, Offer.expires_on >= today]
    if filters.kind and filters.kind in {k.value for k in NeedKind}:
        conditions.append(Offer.kind == NeedKind(filters.kind))
    if filters.country and filters.country in COUNTRIES:
        conditions.append(
            Offer.id.in_(select(offer_countries.c.offer_id).where(offer_countries.c.country_code == filters.country))
        )
    if filters.region and filters.region in REGIONS:
        conditions.append(
            Offer.id.in_(
                select(offer_countries.c.offer_id)
                .join(Country, Country.code == offer_countries.c.country_code)
                .where(Country.region_key == filters.region)
            )
        )
    return conditions


def _country_codes(countries) -> list[str]:
    if isinstance(countries, str):
        countries = countries.replace(";", ",").split(",")
    codes = []
    for code in countries or ():
        code = str(code or "").strip().upper()
        if code and code not in codes:
            codes.append(code)
    return codes


def _expiry(value) -> date | str:
    """The expiry date, or the message saying what is wrong with it."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return _("Enter a date such as 2026-06-30.")
    if not isinstance(value, date):
        return _("Enter a date such as 2026-06-30.")
    today = date.today()
    if value < today:
        return _("The offer must last at least until today.")
    if value > today + timedelta(days=OFFER_MAX_DAYS):
        return _("An offer can last at most two years.")
    return value
