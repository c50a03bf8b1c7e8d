"""Pledges: making one, moving it along PLEDGE_MOVES, and the lists of a project's and a person's pledges.

Pledge lifecycle (PLEDGE_MOVES): pledged → accepted → fulfilled by the project's partners;
pledged → declined by the partners; pledged or accepted → withdrawn by the pledger. A pledge's status
changes through one conditional UPDATE, so two partners deciding the same pledge at once make one
change and one event; the other gets ChangedMeanwhile. Pledges are made while the project is in
NEED_STAGES and still decided during completion_review.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.core.columns import utcnow
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.organisations.models import Organisation
from app.projects.locking import lock_project
from app.projects.models import Project
from app.resources import money
from app.resources.checks import acting_for, check_submission_key, clean_message, insert_once, refresh_status
from app.resources.models import Need, NeedStatus, Pledge, PledgeEvent, PledgeStatus
from app.resources.refusals import InvalidPledgeStatus, PledgingClosed, ResourceInvalid, one_writer

OPEN_PLEDGE_STATUSES = frozenset({PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED})
# (from, to) → who may make the move: "partner" (permissions.can_decide_pledges) or "pledger".
PLEDGE_MOVES = {
    (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED): "partner",
    (PledgeStatus.PLEDGED, PledgeStatus.DECLINED): "partner",
    (PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED): "partner",
    (PledgeStatus.PLEDGED, PledgeStatus.WITHDRAWN): "pledger",
    (PledgeStatus.ACCEPTED, PledgeStatus.WITHDRAWN): "pledger",
}
STATUS_NAMES = {
    PledgeStatus.PLEDGED: _l("pledged"),
    PledgeStatus.ACCEPTED: _l("accepted"),
    PledgeStatus.FULFILLED: _l("fulfilled"),
    PledgeStatus.DECLINED: _l("declined"),
    PledgeStatus.WITHDRAWN: _l("withdrawn"),
    PledgeStatus.CLOSED: _l("closed"),
}


@one_writer
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
    refresh_status(need)
    _check_may_pledge(pledger, need, project)
    errors = {}
    try:
        amount = money.parse_quantity(quantity, need.kind, need.unit, locale=locale)
    except money.QuantityError as error:
        errors["quantity"] = str(error)
    message = clean_message(message, errors)
    org = acting_for(pledger, organisation, errors,
                     _("You can pledge only on behalf of an organisation you are an active member of."))
    check_submission_key(submission_key, errors)
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
    made = insert_once(pledge, lambda: _same_need(_pledge_by_key(pledger, submission_key), need))
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


@one_writer
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


def visible_pledge(pledge_id: int, user) -> Pledge | None:
    """The pledge, with its need and project, if `user` may see it (permissions.can_see_pledge); None when
    there is no such pledge or, to `user`, it does not exist."""
    if not is_valid_id(pledge_id):
        return None
    pledge = db.session.get(Pledge, pledge_id, options=[joinedload(Pledge.project), joinedload(Pledge.need)])
    if pledge is None or not permissions.can_see_pledge(user, pledge, pledge.project):
        return None
    return pledge


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


def _pledge_by_key(pledger: User, submission_key: str) -> Pledge | None:
    if pledger is None or getattr(pledger, "id", None) is None:
        return None
    return db.session.scalar(
        select(Pledge).where(Pledge.pledger_id == pledger.id, Pledge.submission_key == submission_key)
    )


def _same_need(pledge: Pledge | None, need: Need) -> Pledge | None:
    return pledge if pledge is not None and pledge.need_id == need.id else None


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


def close_pledges(pledges: list[Pledge], actor) -> list[Pledge]:
    """Close each pledge (one conditional UPDATE and one event each); those moved meanwhile are left."""
    closed = []
    for pledge in pledges:
        try:
            _move(pledge, PledgeStatus(pledge.status), PledgeStatus.CLOSED, actor)
        except ChangedMeanwhile:
            continue
        closed.append(pledge)
    return closed
