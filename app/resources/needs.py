"""A project's needs: adding, changing and closing them, and closing what is left open when the project ends.

Needs are listed, edited and pledged to while the project is in NEED_STAGES; when the project ends
(completed, rejected, withdrawn) its open needs close, its pledged and accepted pledges close, and their
pledgers are told.
"""

from flask_babel import gettext as _
from sqlalchemy import case, exists, select, update
from sqlalchemy.orm import joinedload

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.core.columns import utcnow
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.projects.locking import lock_project
from app.projects.models import Project
from app.resources.checks import check_manage_needs, check_need_of, lock_open_need, need_fields
from app.resources.models import Need, NeedStatus, OfferRequest, Pledge, PledgeStatus
from app.resources.offers import close_requests
from app.resources.pledges import OPEN_PLEDGE_STATUSES, close_pledges
from app.resources.refusals import ResourceInvalid, one_writer


@one_writer
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
    app.resources.money.parse_quantity) or a Decimal. Refuses NotPermitted (permissions.can_manage_needs),
    PledgingClosed (a partner, but the project is not in NEED_STAGES) and ResourceInvalid (field →
    message: kind, title, description, quantity, unit)."""
    check_manage_needs(actor, project)
    lock_project(project)
    fields = need_fields(kind, title, description, quantity, unit, locale)
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


@one_writer
def edit_need(need: Need, project: Project, actor: User, *, title: str, description: str, quantity, unit: str,
              required: bool, kind: str | None = None, locale=None) -> Need:
    """Change an open need. Its kind and unit are fixed once it has pledges (ResourceInvalid otherwise).
    Refuses NotPermitted, PledgingClosed (a closed need, or the project not in NEED_STAGES) and ResourceInvalid."""
    lock_open_need(need, project, actor, _("This need is closed: it can no longer be changed."))
    kind = need.kind if kind is None or kind == "" else kind
    try:
        fields, errors = need_fields(kind, title, description, quantity, unit, locale), {}
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


@one_writer
def close_need(need: Need, project: Project, actor: User) -> list[Pledge]:
    """Close a need: no more pledges. Its `pledged` pledges close and their pledgers are told; accepted
    ones stay (they can still be fulfilled or withdrawn); asked offer requests close. Answers the
    pledges closed (none when it was closed already). Refuses NotPermitted, and PledgingClosed for a
    partner when the project is not in NEED_STAGES."""
    check_manage_needs(actor, project)
    check_need_of(need, project)
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
    done = close_pledges(pledges, actor)
    close_requests(OfferRequest.need_id == need.id)
    notifications.pledges_closed(done, project, actor, reason="need")
    return done


def close_for_project(project: Project, actor: User | None) -> list[Pledge]:
    """The project ended (completed, rejected, withdrawn): close its open needs, its pledged and
    accepted pledges (one event each) and its asked offer requests; tell each pledger. Called by
    app.gate.workflow.transition() inside the same transaction. Answers the pledges closed."""
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
    done = close_pledges(pledges, actor)
    close_requests(OfferRequest.need_id.in_(select(Need.id).where(Need.project_id == project.id)))
    notifications.pledges_closed(done, project, actor, reason="project")
    return done


def viewable_need(need_id: int, user) -> Need | None:
    """The need if `user` may view its project (then loaded: `need.project`); None when there is no such
    need or `user` may not see its project."""
    need = db.session.get(Need, need_id) if is_valid_id(need_id) else None
    if need is None or not permissions.can_view_project(user, need.project):
        return None
    return need


def needs_of(project: Project) -> list[Need]:
    """The project's needs, open first, then by creation (one query)."""
    open_first = case((Need.status == NeedStatus.OPEN, 0), else_=1)
    return list(
        db.session.scalars(
            select(Need).where(Need.project_id == project.id).order_by(open_first, Need.created_at, Need.id)
        )
    )


def _has_pledges(need: Need) -> bool:
    return db.session.scalar(select(exists().where(Pledge.need_id == need.id)))
