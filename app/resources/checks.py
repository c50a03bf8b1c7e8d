"""The checks that needs, pledges and offers share: the fields a person types, their limits and the
safeguarding screen, on whose behalf they act, who manages a project's needs, a need's status read again
under the project's lock, and one row for a form that arrived twice at the same moment.
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.accounts.models import User
from app.community import safeguarding
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.core.text import check_text, is_blank
from app.organisations.models import Membership, MembershipStatus, Organisation
from app.projects.locking import lock_project
from app.projects.models import Project
from app.resources import money
from app.resources.models import Need, NeedKind, NeedStatus
from app.resources.refusals import PledgingClosed, ResourceInvalid

TITLE_MAX = 200
DESCRIPTION_MAX = 5_000
MESSAGE_MAX = 2_000
SUBMISSION_KEY_MAX = 64


def need_fields(kind, title, description, quantity, unit, locale) -> dict:
    """The checked fields of a need (or an offer): kind, title, description, quantity, unit.
    Refuses ResourceInvalid with every problem found; a title or description that may identify or let
    someone contact a child (the safeguarding screen) is refused with the screen's advice, since needs
    and offers are public and have no moderation queue."""
    errors = {}
    try:
        kind = NeedKind(kind)
    except ValueError:
        kind = None
        errors["kind"] = _("Choose a kind of resource from the list.")
    title = " ".join((title or "").split())
    if is_blank(title):
        errors["title"] = _("Enter a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title can be at most %(max)d characters long.", max=TITLE_MAX)
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = _("The description can be at most %(max)d characters long.", max=DESCRIPTION_MAX)
    check_text(errors, "title", title, TITLE_MAX)
    check_text(errors, "description", description, DESCRIPTION_MAX, multiline=True)
    for field, text in (("title", title), ("description", description)):
        if field not in errors:
            findings = safeguarding.screen(text)
            if findings:
                errors[field] = safeguarding.advice(findings)
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


def clean_message(message: str, errors: dict[str, str]) -> str:
    """The message to the other side, trimmed; too long a message adds its refusal to `errors`."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        errors["message"] = _("The message can be at most %(max)d characters long.", max=MESSAGE_MAX)
    check_text(errors, "message", message, MESSAGE_MAX, multiline=True)
    return message


def check_submission_key(submission_key: str | None, errors: dict[str, str]) -> None:
    """Too long a submission key adds its refusal to `errors`."""
    if submission_key is not None and len(submission_key) > SUBMISSION_KEY_MAX:
        errors["submission_key"] = _("The submission key can be at most %(max)d characters long.",
                                     max=SUBMISSION_KEY_MAX)


def acting_for(user: User, organisation, errors: dict[str, str], refusal: str) -> Organisation | None:
    """The organisation `user` acts on behalf of (an Organisation or its slug), None for themselves. One
    they are not an active member of adds `refusal` to `errors`."""
    if organisation in (None, ""):
        return None
    org = own_organisation(user, organisation)
    if org is None:
        errors["organisation"] = refusal
    return org


def own_organisation(user: User, organisation) -> Organisation | None:
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


def check_manage_needs(actor, project: Project) -> None:
    """Refuses PledgingClosed for the project's partners at a stage without needs (not NEED_STAGES),
    NotPermitted for everyone else who may not manage its needs (permissions.can_manage_needs)."""
    if permissions.can_manage_needs(actor, project):
        return
    if permissions.is_partner_of(actor, project.organisation):
        raise PledgingClosed(_("Needs are added and changed only while the initiative is incubating, in launch "
                               "review or active."))
    raise NotPermitted(_("Only the partners of the initiative's organisation can manage its needs."))


def check_need_of(need: Need, project: Project) -> None:
    """Refuses NotPermitted when the need belongs to another project."""
    if need.project_id != project.id:
        raise NotPermitted(_("This need belongs to another initiative."))


def lock_open_need(need: Need, project: Project, actor, closed: str) -> None:
    """Before a partner's write on an open need: who may manage the project's needs, the need is the
    project's, the project's lock taken and the need still open. Refuses NotPermitted, and PledgingClosed
    (the message `closed` when the need was closed meanwhile)."""
    check_manage_needs(actor, project)
    check_need_of(need, project)
    lock_project(project)
    refresh_status(need)
    if need.status != NeedStatus.OPEN:
        raise PledgingClosed(closed)


def refresh_status(need: Need) -> None:
    """Read the need's status again (after taking the project's lock) without marking it changed."""
    if need.id is not None:
        set_committed_value(need, "status", db.session.scalar(select(Need.status).where(Need.id == need.id)))


def insert_once(row, made_first):
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
