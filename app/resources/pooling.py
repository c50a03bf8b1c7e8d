"""Resource pooling: needs, pledges, the pool of offers, matching and progress.

The lab records commitments; it processes no payments. Every write checks its rule in
app.permissions again, takes the project's row lock where a stage matters, and records what it
changed: a pledge's status changes through one conditional UPDATE, so two partners deciding the
same pledge at once make one change and one event; the other gets ChangedMeanwhile.

Stages: needs are listed, edited and pledged to in NEED_STAGES; pledges are still decided during
completion_review; when the project ends (completed, rejected, withdrawn) its open needs close, its
pledged and accepted pledges close, and their pledgers are told.

Pledge lifecycle (PLEDGE_MOVES): pledged → accepted → fulfilled by the project's partners;
pledged → declined by the partners; pledged or accepted → withdrawn by the pledger.
"""

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.core.columns import utcnow
from app.core.conflicts import changed_meanwhile_on_conflict
from app.core.errors import ChangedMeanwhile, DomainError, NotPermitted
from app.core.extensions import db
from app.organisations.models import Membership, MembershipStatus, Organisation
from app.projects.locking import lock_project
from app.projects.models import NEED_STAGES, Project
from app.reference.models import Country
from app.reference.names import COUNTRIES, REGIONS, region_of
from app.resources import money
from app.resources.models import (
    Need,
    NeedKind,
    NeedStatus,
    Offer,
    OfferRequest,
    OfferRequestStatus,
    OfferStatus,
    Pledge,
    PledgeEvent,
    PledgeStatus,
    offer_countries,
)

OPEN_PLEDGE_STATUSES = frozenset({PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED})
# (from, to) → who may make the move: "partner" (permissions.can_decide_pledges) or "pledger".
PLEDGE_MOVES = {
    (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED): "partner",
    (PledgeStatus.PLEDGED, PledgeStatus.DECLINED): "partner",
    (PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED): "partner",
    (PledgeStatus.PLEDGED, PledgeStatus.WITHDRAWN): "pledger",
    (PledgeStatus.ACCEPTED, PledgeStatus.WITHDRAWN): "pledger",
}
TITLE_MAX = 200
DESCRIPTION_MAX = 5_000
MESSAGE_MAX = 2_000
SUBMISSION_KEY_MAX = 64
OFFER_MAX_DAYS = 731  # two years ahead, a leap day included
COMMITTED_STATUSES = frozenset({PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED})
# The pledges that count in a need's progress (declined, withdrawn and closed ones do not).
LIVE_STATUSES = (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED)
QUANTUM = Decimal("0.001")
STATUS_NAMES = {
    PledgeStatus.PLEDGED: _l("pledged"),
    PledgeStatus.ACCEPTED: _l("accepted"),
    PledgeStatus.FULFILLED: _l("fulfilled"),
    PledgeStatus.DECLINED: _l("declined"),
    PledgeStatus.WITHDRAWN: _l("withdrawn"),
    PledgeStatus.CLOSED: _l("closed"),
}


class ResourceInvalid(DomainError):
    """Some fields are wrong; `errors` maps field names to messages (HTTP 422 `invalid`)."""

    def __init__(self, errors: dict[str, str]):
        from flask_babel import gettext as _

        super().__init__(_("Some fields need correcting."))
        self.errors = errors


class PledgingClosed(DomainError):
    """The need is closed or the project does not take pledges at its stage (HTTP 409 `pledging_closed`)."""


class InvalidPledgeStatus(DomainError):
    """No such move from the pledge's current status (HTTP 409 `invalid_status`)."""


@dataclass(frozen=True)
class NeedProgress:
    """A need's progress: `committed` is accepted + fulfilled, `fulfilled` alone, `waiting` is pledged
    and not yet decided; `over` is how far committed exceeds the target (0 when it does not)."""

    need_id: int
    target: Decimal
    committed: Decimal
    fulfilled: Decimal
    waiting: Decimal
    pledge_count: int

    @property
    def over(self) -> Decimal:
        return max(self.committed - self.target, Decimal(0))

    @property
    def percent(self) -> int:
        """Committed against the target, 0–100 (capped; `over` says by how much it went past)."""
        if self.target <= 0:
            return 0
        return int(min(self.committed * 100 / self.target, Decimal(100)))


@dataclass(frozen=True)
class Total:
    """The sum over a project's needs of one (kind, unit): one per currency for funding, never mixed."""

    kind: NeedKind
    unit: str
    target: Decimal
    committed: Decimal
    fulfilled: Decimal


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


def _one_writer(function):
    """SQLite lets one writer in at a time: a write that meets another's commit fails ("database is
    locked"). That becomes ChangedMeanwhile: nothing is half-written, and the person tries again.
    (PostgreSQL waits for the other transaction instead.)"""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with changed_meanwhile_on_conflict(_("This changed meanwhile. Reload the page and try again.")):
            return function(*args, **kwargs)

    return wrapper


# Needs --------------------------------------------------------------------------------------------


@_one_writer
def add_need(
    project: Project,
    actor: User,
    *,
    kind: str,
    title: str,
    description: str = "",
    quantity,
    unit: str = "",
    required: bool = True,
    locale=None,
) -> Need:
    """Add an open need. `quantity` is what the person typed (parsed in `locale`, see
    app.services.money.parse_quantity) or a Decimal. Refuses NotPermitted (permissions.can_manage_needs),
    PledgingClosed (a partner, but the project is not in NEED_STAGES) and ResourceInvalid (field →
    message: kind, title, description, quantity, unit)."""
    _check_manage_needs(actor, project)
    lock_project(project)
    fields = _need_fields(kind, title, description, quantity, unit, locale)
    need = Need(
        project_id=project.id,
        created_by_id=actor.id,
        required=bool(required),
        status=NeedStatus.OPEN,
        **fields,
    )
    db.session.add(need)
    db.session.flush()
    return need


@_one_writer
def edit_need(need: Need, project: Project, actor: User, *, title: str, description: str, quantity, unit: str,
              required: bool, kind: str | None = None, locale=None) -> Need:
    """Change an open need. Its kind and unit are fixed once it has pledges (ResourceInvalid otherwise).
    Refuses NotPermitted, PledgingClosed (a closed need, or the project not in NEED_STAGES) and ResourceInvalid."""
    _check_manage_needs(actor, project)
    _check_need_of(need, project)
    lock_project(project)
    _refresh_status(need)
    if need.status != NeedStatus.OPEN:
        raise PledgingClosed(_("This need is closed: it can no longer be changed."))
    kind = need.kind if kind is None or kind == "" else kind
    try:
        fields, errors = _need_fields(kind, title, description, quantity, unit, locale), {}
    except ResourceInvalid as refused:
        fields, errors = None, dict(refused.errors)
    changes_kind = str(kind) != need.kind
    changes_unit = fields is not None and fields["unit"] != need.unit
    if (changes_kind or changes_unit) and _has_pledges(need):
        if changes_kind:
            errors["kind"] = _("This need has pledges: its kind can no longer change.")
            errors.pop("unit", None)
        else:
            errors["unit"] = _("This need has pledges: its unit can no longer change.")
    if errors:
        raise ResourceInvalid(errors)
    for name, value in fields.items():
        setattr(need, name, value)
    need.required = bool(required)
    db.session.flush()
    return need


@_one_writer
def close_need(need: Need, project: Project, actor: User) -> list[Pledge]:
    """Close a need: no more pledges. Its `pledged` pledges close and their pledgers are told; accepted
    ones stay (they can still be fulfilled or withdrawn); asked offer requests close. Answers the
    pledges closed (none when it was closed already). Refuses NotPermitted, and PledgingClosed for a
    partner when the project is not in NEED_STAGES."""
    _check_manage_needs(actor, project)
    _check_need_of(need, project)
    lock_project(project)
    closed = db.session.execute(
        update(Need)
        .where(Need.id == need.id, Need.status == NeedStatus.OPEN)
        .values(status=NeedStatus.CLOSED, closed_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if not closed:
        return []
    pledges = list(
        db.session.scalars(
            select(Pledge)
            .options(joinedload(Pledge.need))
            .where(Pledge.need_id == need.id, Pledge.status == PledgeStatus.PLEDGED)
            .order_by(Pledge.id)
            .execution_options(populate_existing=True)
        )
    )
    done = _close_pledges(pledges, actor)
    _close_requests(OfferRequest.need_id == need.id)
    notifications.pledges_closed(done, project, actor, reason="need")
    return done


def close_for_project(project: Project, actor: User | None) -> list[Pledge]:
    """The project ended (completed, rejected, withdrawn): close its open needs, its pledged and
    accepted pledges (one event each) and its asked offer requests; tell each pledger. Called by
    app.services.workflow.transition() inside the same transaction. Answers the pledges closed."""
    now = utcnow()
    db.session.execute(
        update(Need)
        .where(Need.project_id == project.id, Need.status == NeedStatus.OPEN)
        .values(status=NeedStatus.CLOSED, closed_at=now, updated_at=now)
        .execution_options(synchronize_session="fetch")
    )
    pledges = list(
        db.session.scalars(
            select(Pledge)
            .options(joinedload(Pledge.need))
            .where(Pledge.project_id == project.id, Pledge.status.in_(OPEN_PLEDGE_STATUSES))
            .order_by(Pledge.id)
            .execution_options(populate_existing=True)
        )
    )
    done = _close_pledges(pledges, actor)
    _close_requests(OfferRequest.need_id.in_(select(Need.id).where(Need.project_id == project.id)))
    notifications.pledges_closed(done, project, actor, reason="project")
    return done


def needs_of(project: Project) -> list[Need]:
    """The project's needs, open first, then by creation (one query)."""
    open_first = case((Need.status == NeedStatus.OPEN, 0), else_=1)
    return list(
        db.session.scalars(
            select(Need).where(Need.project_id == project.id).order_by(open_first, Need.created_at, Need.id)
        )
    )


# Pledges ------------------------------------------------------------------------------------------


@_one_writer
def make_pledge(
    need: Need,
    project: Project,
    pledger: User,
    *,
    quantity,
    message: str = "",
    organisation: Organisation | str | None = None,
    submission_key: str | None = None,
    locale=None,
) -> tuple[Pledge, bool]:
    """Pledge `quantity` of the need's unit, optionally on behalf of an organisation the pledger is an
    active member of (an Organisation or its slug). Answers (pledge, created): the same
    `submission_key` from the same pledger answers the pledge it made the first time, created False
    (a double-click, a resent form, a retried API call). Tells the project's partners.

    Refuses NotPermitted (unconfirmed account, a member of the project's organisation...),
    PledgingClosed (closed need, project not in NEED_STAGES) and ResourceInvalid (quantity: zero,
    negative, not a number, too many decimals for the currency, absurdly large; message too long;
    organisation not one of the pledger's)."""
    if submission_key:
        existing = _pledge_by_key(pledger, submission_key)
        if existing is not None:
            if existing.need_id != need.id:
                raise ResourceInvalid({"submission_key": _("This form was already used for another need.")})
            return existing, False
    _check_may_pledge(pledger, need, project)
    lock_project(project)
    _refresh_status(need)
    _check_may_pledge(pledger, need, project)
    errors = {}
    try:
        amount = money.parse_quantity(quantity, need.kind, need.unit, locale=locale)
    except money.QuantityError as error:
        errors["quantity"] = str(error)
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        errors["message"] = _("The message can be at most %(max)d characters long.", max=MESSAGE_MAX)
    org = None
    if organisation not in (None, ""):
        org = _own_organisation(pledger, organisation)
        if org is None:
            errors["organisation"] = _("You can pledge only on behalf of an organisation you are an active member of.")
    if submission_key is not None and len(submission_key) > SUBMISSION_KEY_MAX:
        errors["submission_key"] = _("The submission key can be at most %(max)d characters long.",
                                     max=SUBMISSION_KEY_MAX)
    if errors:
        raise ResourceInvalid(errors)
    pledge = Pledge(
        need_id=need.id,
        project_id=project.id,
        pledger_id=pledger.id,
        organisation_id=org.id if org is not None else None,
        quantity=amount,
        message=message,
        status=PledgeStatus.PLEDGED,
        submission_key=submission_key or None,
    )
    made = _insert_once(pledge, lambda: _same_need(_pledge_by_key(pledger, submission_key), need))
    if made is not pledge:
        return made, False
    db.session.add(PledgeEvent(pledge_id=pledge.id, actor_id=pledger.id, from_status=None,
                               to_status=PledgeStatus.PLEDGED))
    db.session.flush()
    notifications.pledge_made(pledge, need, project)
    return pledge, True


def pledge_moves(pledge: Pledge, project: Project, user) -> list[PledgeStatus]:
    """The statuses `user` may move this pledge to now (for buttons and the API)."""
    if pledge.project_id != project.id:
        return []
    return [
        target
        for (source, target), who in PLEDGE_MOVES.items()
        if source == pledge.status and _may_move(who, user, pledge, project)
    ]


@_one_writer
def set_pledge_status(pledge: Pledge, project: Project, actor: User, status: str) -> PledgeEvent:
    """Move a pledge along PLEDGE_MOVES, by the right person only, through one conditional UPDATE (two
    people deciding at once: one wins, the other gets ChangedMeanwhile). Records a PledgeEvent and
    tells the pledger (or, on withdrawal, the partners).

    Refuses InvalidPledgeStatus (no such status, or no such move from the current one), NotPermitted
    (not the partner or pledger the move needs, or the project's stage) and ChangedMeanwhile."""
    try:
        target = PledgeStatus(status)
    except ValueError:
        raise InvalidPledgeStatus(_("'%(status)s' is not a status of a pledge.", status=status)) from None
    current = PledgeStatus(pledge.status)
    who = PLEDGE_MOVES.get((current, target))
    if who is None:
        raise InvalidPledgeStatus(
            _("A pledge cannot move from '%(source)s' to '%(target)s'.", source=STATUS_NAMES[current],
              target=STATUS_NAMES[target])
        )
    if pledge.project_id != project.id or not _may_move(who, actor, pledge, project):
        if who == "pledger":
            raise NotPermitted(_("Only the person who made this pledge can withdraw it."))
        if permissions.is_partner_of(actor, project.organisation):
            raise NotPermitted(_("Pledges are no longer decided at this initiative's stage."))
        raise NotPermitted(_("Only the partners of the initiative's organisation can decide on its pledges."))
    # Every move takes the project's lock first, the pledger's too: the notification it writes refers to
    # the project, and a pledge locked before the project would deadlock with a partner deciding it.
    lock_project(project)
    event = _move(pledge, current, target, actor)
    notifications.pledge_status_changed(pledge, project, event)
    return event


# A pledge's pledger and organisation come in the same query; their collections load only if read.
_PERSON_OPTIONS = (
    joinedload(Pledge.pledger).lazyload(User.reviewer_regions),
    joinedload(Pledge.pledger).lazyload(User.memberships),
    joinedload(Pledge.organisation).lazyload(Organisation.themes),
)


_OFFER_OPTIONS = (
    joinedload(Offer.countries),
    joinedload(Offer.offerer).lazyload(User.reviewer_regions),
    joinedload(Offer.offerer).lazyload(User.memberships),
    joinedload(Offer.organisation).lazyload(Organisation.themes),
)


def pledges_of(project: Project) -> list[Pledge]:
    """All pledges to the project's needs, with their pledgers, newest first (one query)."""
    return list(
        db.session.scalars(
            select(Pledge)
            .options(*_PERSON_OPTIONS)
            .where(Pledge.project_id == project.id)
            .order_by(Pledge.created_at.desc(), Pledge.id.desc())
        )
    )


def pledges_by(user: User) -> list[Pledge]:
    """The user's own pledges with their needs and projects, newest first (one query)."""
    return list(
        db.session.scalars(
            select(Pledge)
            .options(joinedload(Pledge.need), joinedload(Pledge.project).lazyload("*"), *_PERSON_OPTIONS)
            .where(Pledge.pledger_id == user.id)
            .order_by(Pledge.created_at.desc(), Pledge.id.desc())
        )
    )


# Progress -----------------------------------------------------------------------------------------


def progress_of(needs: list[Need]) -> dict[int, NeedProgress]:
    """need id → NeedProgress, for all the given needs in ONE grouped query."""
    needs = list(needs)
    if not needs:
        return {}
    rows = db.session.execute(
        select(Pledge.need_id, Pledge.status, func.sum(Pledge.quantity), func.count(Pledge.id))
        .where(Pledge.need_id.in_([need.id for need in needs]), Pledge.status.in_(LIVE_STATUSES))
        .group_by(Pledge.need_id, Pledge.status)
    ).all()
    sums: dict[int, dict[PledgeStatus, tuple[Decimal, int]]] = {}
    for need_id, status, amount, count in rows:
        sums.setdefault(need_id, {})[PledgeStatus(status)] = (_decimal(amount), count)
    answer = {}
    for need in needs:
        found = sums.get(need.id, {})
        amount = {status: found.get(status, (Decimal(0), 0))[0] for status in LIVE_STATUSES}
        answer[need.id] = NeedProgress(
            need_id=need.id,
            target=_decimal(need.quantity),
            committed=amount[PledgeStatus.ACCEPTED] + amount[PledgeStatus.FULFILLED],
            fulfilled=amount[PledgeStatus.FULFILLED],
            waiting=amount[PledgeStatus.PLEDGED],
            pledge_count=sum(count for _amount, count in found.values()),
        )
    return answer


def totals_of(project: Project) -> list[Total]:
    """Per (kind, unit) sums over the project's needs (closed ones included), funding currencies each
    on their own line, in one query."""
    committed = case((Pledge.status.in_(COMMITTED_STATUSES), Pledge.quantity), else_=0)
    fulfilled = case((Pledge.status == PledgeStatus.FULFILLED, Pledge.quantity), else_=0)
    per_need = (
        select(Pledge.need_id, func.sum(committed).label("committed"), func.sum(fulfilled).label("fulfilled"))
        .where(Pledge.project_id == project.id)
        .group_by(Pledge.need_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Need.kind,
            Need.unit,
            func.sum(Need.quantity),
            func.sum(func.coalesce(per_need.c.committed, 0)),
            func.sum(func.coalesce(per_need.c.fulfilled, 0)),
        )
        .outerjoin(per_need, per_need.c.need_id == Need.id)
        .where(Need.project_id == project.id)
        .group_by(Need.kind, Need.unit)
    ).all()
    order = list(NeedKind)
    totals = [
        Total(kind=NeedKind(kind), unit=unit, target=_decimal(target), committed=_decimal(done),
              fulfilled=_decimal(full))
        for kind, unit, target, done, full in rows
    ]
    return sorted(totals, key=lambda t: (order.index(t.kind), t.unit))


# The resource pool --------------------------------------------------------------------------------


@_one_writer
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
        fields = _need_fields(kind, title, description, quantity, unit, locale)
    except ResourceInvalid as error:
        errors.update(error.errors)
        fields = None
    codes = _country_codes(countries)
    if not codes or any(code not in COUNTRIES for code in codes):
        errors["countries"] = _("Choose at least one of the programme's countries.")
    expiry = _expiry(expires_on)
    if isinstance(expiry, str):
        errors["expires_on"] = expiry
    org = None
    if organisation not in (None, ""):
        org = _own_organisation(offerer, organisation)
        if org is None:
            errors["organisation"] = _("You can offer only on behalf of an organisation you are an active member of.")
    if submission_key is not None and len(submission_key) > SUBMISSION_KEY_MAX:
        errors["submission_key"] = _("The submission key can be at most %(max)d characters long.",
                                     max=SUBMISSION_KEY_MAX)
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
    made = _insert_once(offer, lambda: db.session.scalar(
        select(Offer).where(Offer.offerer_id == offerer.id, Offer.submission_key == submission_key)
    ))
    return made, made is offer


@_one_writer
def withdraw_offer(offer: Offer, actor: User) -> None:
    """The offerer takes an open offer back; its asked requests close. Refuses NotPermitted and
    PledgingClosed (not open any more)."""
    if not permissions.can_manage_offer(actor, offer):
        raise NotPermitted(_("Only the person who made this offer can withdraw it."))
    changed = db.session.execute(
        update(Offer)
        .where(Offer.id == offer.id, Offer.status == OfferStatus.OPEN)
        .values(status=OfferStatus.WITHDRAWN, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(offer)
    if not changed:
        raise PledgingClosed(_("This offer is no longer open."))
    _close_requests(OfferRequest.offer_id == offer.id)


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
    today = today or date.today()
    if need.status != NeedStatus.OPEN or need.project_id != project.id or project.stage not in NEED_STAGES:
        return []
    in_country = exists().where(offer_countries.c.offer_id == Offer.id,
                                offer_countries.c.country_code == project.country_code)
    in_region = exists().where(
        offer_countries.c.offer_id == Offer.id,
        offer_countries.c.country_code == Country.code,
        Country.region_key == region_of(project.country_code),
    )
    partners = select(Membership.user_id).where(Membership.organisation_id == project.organisation_id)
    query = (
        select(Offer)
        .options(*_OFFER_OPTIONS)
        .where(
            Offer.status == OfferStatus.OPEN,
            Offer.expires_on >= today,
            Offer.kind == need.kind,
            in_region,
            Offer.offerer_id.is_not(None),
            Offer.offerer_id.not_in(partners),
            (Offer.organisation_id.is_(None)) | (Offer.organisation_id != project.organisation_id),
        )
        .order_by(case((in_country, 0), else_=1), Offer.expires_on, Offer.id)
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


@_one_writer
def ask_offer(offer: Offer, need: Need, project: Project, actor: User, *, quantity=None, message: str = "",
              locale=None) -> OfferRequest:
    """The project's partners ask the offerer for an offer to meet a need (`quantity` in the need's unit,
    the offer's own quantity by default). Tells the offerer. Refuses NotPermitted
    (permissions.can_manage_needs), PledgingClosed (need closed, offer not open or expired),
    ResourceInvalid (kind differs, bad quantity, already asked)."""
    _check_manage_needs(actor, project)
    _check_need_of(need, project)
    lock_project(project)
    _refresh_status(need)
    if need.status != NeedStatus.OPEN:
        raise PledgingClosed(_("This need is closed."))
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
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        errors["message"] = _("The message can be at most %(max)d characters long.", max=MESSAGE_MAX)
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


@_one_writer
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
    _refresh_status(need)
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


# Helpers ------------------------------------------------------------------------------------------


def _need_fields(kind, title, description, quantity, unit, locale) -> dict:
    """The checked fields of a need (or an offer): kind, title, description, quantity, unit.
    Refuses ResourceInvalid with every problem found."""
    errors = {}
    try:
        kind = NeedKind(kind)
    except ValueError:
        kind = None
        errors["kind"] = _("Choose a kind of resource from the list.")
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = _("Enter a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title can be at most %(max)d characters long.", max=TITLE_MAX)
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = _("The description can be at most %(max)d characters long.", max=DESCRIPTION_MAX)
    amount = None
    if kind is not None:
        try:
            unit = money.check_unit(kind, unit)
        except money.QuantityError as error:
            errors["unit"] = str(error)
        else:
            try:
                amount = money.parse_quantity(quantity, kind, unit, locale=locale)
            except money.QuantityError as error:
                errors["quantity"] = str(error)
    if errors:
        raise ResourceInvalid(errors)
    return {"kind": kind, "title": title, "description": description, "quantity": amount, "unit": unit}


def _check_manage_needs(actor, project: Project) -> None:
    if permissions.can_manage_needs(actor, project):
        return
    if permissions.is_partner_of(actor, project.organisation):
        raise PledgingClosed(_("Needs are added and changed only while the initiative is incubating, in launch "
                               "review or active."))
    raise NotPermitted(_("Only the partners of the initiative's organisation can manage its needs."))


def _check_need_of(need: Need, project: Project) -> None:
    if need.project_id != project.id:
        raise NotPermitted(_("This need belongs to another initiative."))


def _check_may_pledge(user, need: Need, project: Project) -> None:
    """NotPermitted for who may not pledge here at all; PledgingClosed when the need or stage does not
    take pledges now."""
    if permissions.can_pledge(user, need, project):
        return
    if not permissions.can_offer(user):  # an active account with a confirmed address
        raise NotPermitted(_("Sign in with a confirmed e-mail address to pledge."))
    if need.project_id != project.id or not permissions.can_view_project(user, project):
        raise NotPermitted(_("You cannot pledge to this initiative."))
    if permissions.is_member_of(user, project.organisation):
        raise NotPermitted(_("You belong to this initiative's organisation: change the need instead of pledging."))
    if need.status != NeedStatus.OPEN:
        raise PledgingClosed(_("This need is closed: it no longer takes pledges."))
    raise PledgingClosed(_("This initiative takes pledges only while it is incubating, in launch review or active."))


def _refresh_status(need: Need) -> None:
    """Read the need's status again (after taking the project's lock) without marking it changed."""
    if need.id is not None:
        set_committed_value(need, "status", db.session.scalar(select(Need.status).where(Need.id == need.id)))


def _has_pledges(need: Need) -> bool:
    return db.session.scalar(select(exists().where(Pledge.need_id == need.id)))


def _insert_once(row, made_first):
    """Add `row` (a pledge or an offer with a submission key) and flush. When the same form arrived twice
    at the same moment, the unique key refuses the second copy: answer the row the first one made
    (`made_first()`), or raise when there is none."""
    if row.submission_key is None:
        db.session.add(row)
        db.session.flush()
        return row
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        existing = made_first()
        if existing is None:
            raise
        return existing
    return row


def _same_need(pledge: Pledge | None, need: Need) -> Pledge | None:
    return pledge if pledge is not None and pledge.need_id == need.id else None


def _pledge_by_key(pledger: User, submission_key: str) -> Pledge | None:
    if pledger is None or getattr(pledger, "id", None) is None:
        return None
    return db.session.scalar(
        select(Pledge).where(Pledge.pledger_id == pledger.id, Pledge.submission_key == submission_key)
    )


def _own_organisation(user: User, organisation) -> Organisation | None:
    """The organisation (an Organisation or a slug) if `user` is an active member of it, else None."""
    slug = organisation.slug if isinstance(organisation, Organisation) else str(organisation).strip()
    return db.session.scalar(
        select(Organisation)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(
            Organisation.slug == slug,
            Membership.user_id == user.id,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )


def _may_move(who: str, user, pledge: Pledge, project: Project) -> bool:
    if who == "partner":
        return permissions.can_decide_pledges(user, project)
    return permissions.can_withdraw_pledge(user, pledge)


def _move(pledge: Pledge, current: PledgeStatus, target: PledgeStatus, actor) -> PledgeEvent:
    """One conditional UPDATE from `current` to `target` and its event; ChangedMeanwhile when the
    pledge is no longer `current` (someone else moved it first)."""
    now = utcnow()
    changed = db.session.execute(
        update(Pledge)
        .where(Pledge.id == pledge.id, Pledge.status == current)
        .values(status=target, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise ChangedMeanwhile(_("This pledge changed meanwhile. Reload the page and try again."))
    set_committed_value(pledge, "status", target)
    set_committed_value(pledge, "updated_at", now)  # the answer is drawn before the request's commit
    event = PledgeEvent(pledge_id=pledge.id, actor_id=actor.id if actor is not None else None,
                        from_status=current, to_status=target)
    db.session.add(event)
    db.session.flush()
    return event


def _close_pledges(pledges: list[Pledge], actor) -> list[Pledge]:
    """Close each pledge (one conditional UPDATE and one event each); those moved meanwhile are left."""
    closed = []
    for pledge in pledges:
        try:
            _move(pledge, PledgeStatus(pledge.status), PledgeStatus.CLOSED, actor)
        except ChangedMeanwhile:
            continue
        closed.append(pledge)
    return closed


def _close_requests(condition) -> int:
    """Close the asked offer requests matching `condition`; answers how many."""
    return db.session.execute(
        update(OfferRequest)
        .where(condition, OfferRequest.status == OfferRequestStatus.ASKED)
        .values(status=OfferRequestStatus.CLOSED, decided_at=utcnow())
        .execution_options(synchronize_session="fetch")
    ).rowcount


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
    taken = db.session.execute(
        update(Offer)
        .where(Offer.id == offer.id, Offer.status == OfferStatus.OPEN)
        .values(status=OfferStatus.PLEDGED, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
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
    _close_requests(OfferRequest.offer_id == offer.id)
    db.session.flush()
    return pledge


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


def _decimal(value) -> Decimal:
    """A sum read from the database as an exact Decimal (SQLite may answer a float or None)."""
    if value is None:
        return Decimal(0)
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(QUANTUM)
