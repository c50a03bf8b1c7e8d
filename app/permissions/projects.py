"""Who may do what with projects and their review: seeing and editing projects, reviewing them, the
private side of a project, and the reviewers' dashboard and exports."""

from sqlalchemy import and_, event, exists, false, func, literal, or_, select, true
from sqlalchemy.orm import Session, object_session

from app.accounts.models import ReviewerRegion, User, UserRole
from app.organisations.models import FormerMembership, Membership, MembershipStatus, Organisation
from app.permissions import accounts as account_rules
from app.permissions.base import is_active_member, is_signed_in
from app.projects.models import (
    EDITABLE_STAGES,
    PUBLIC_STAGES,
    REVIEW_STAGES,
    Project,
    ProjectEditor,
    ProjectEvent,
    Stage,
)
from app.reference.names import COUNTRIES, region_of

# Projects ---------------------------------------------------------------


def can_view_project(user, project) -> bool:
    """Public stages for everyone; draft for the organisation and admins; rejected and withdrawn
    also for reviewers. Refuses everyone else."""

    if project.stage in PUBLIC_STAGES:
        return True
    if not is_signed_in(user):
        return False
    if user.is_admin or is_active_member(user, project.organisation):
        return True
    return project.stage != Stage.DRAFT and user.is_reviewer


def can_edit_project(user, project) -> bool:
    """Partners of the project's (verified) organisation, in the stages where the project is edited;
    refused while a review is under way and after the project has ended."""

    return project.stage in EDITABLE_STAGES and account_rules.is_partner_of(user, project.organisation)


# Conflicts of interest ---------------------------------------------------------------------------

# A partner submits a project by moving it into a review stage.
SUBMISSION_STAGES = REVIEW_STAGES


def conflict_of_interest(user_id, project_id, organisation_id, created_by_id, as_of=None):
    """The conflict-of-interest rule as an SQL condition: the user (`user_id`) created the project,
    submitted it, edited it or its assessments (app.projects.editors), belongs to (or asked to join)
    its organisation, or was a member of it when the project was submitted (a former membership whose
    dates span a submission).

    Each argument is a column or a plain value, so that one rule serves a list of projects for one
    user (reviewable_projects), a list of users for one project (reviewers_who_may_review) and one
    pair. With `as_of` (a time), only what had happened by then counts: `flask check-gates` asks
    whether someone who decided on a project had a conflict of interest when they did.
    """
    submissions = select(ProjectEvent.id).where(
        ProjectEvent.project_id == project_id, ProjectEvent.to_stage.in_(sorted(SUBMISSION_STAGES))
    )
    edits = select(ProjectEditor.user_id).where(
        ProjectEditor.project_id == project_id, ProjectEditor.user_id == user_id
    )
    membership = select(Membership.id).where(
        Membership.user_id == user_id, Membership.organisation_id == organisation_id
    )
    former = select(FormerMembership.id).where(
        FormerMembership.user_id == user_id, FormerMembership.organisation_id == organisation_id
    )
    if as_of is not None:
        submissions = submissions.where(ProjectEvent.created_at <= as_of)
        edits = edits.where(ProjectEditor.first_edited_at <= as_of)
        membership = membership.where(Membership.created_at <= as_of)
        former = former.where(FormerMembership.joined_at <= as_of)
    belonged_when_submitted = former.where(
        exists(
            submissions.where(
                ProjectEvent.created_at >= FormerMembership.joined_at,
                ProjectEvent.created_at <= FormerMembership.left_at,
            )
        )
    )
    ties = [
        func.coalesce(created_by_id, -1) == user_id,
        exists(submissions.where(ProjectEvent.actor_id == user_id)),
        exists(edits),
        exists(membership),
        exists(belonged_when_submitted),
    ]
    if as_of is not None:  # a member then, who has left since
        ties.append(exists(former.where(FormerMembership.left_at >= as_of)))
    return or_(*ties)


def has_conflict_of_interest(user, project) -> bool:
    """Whether `user` may never decide on `project` (validate its assessments, move it through a
    review, reopen it): they created, submitted or edited it, belong to (or asked to join) its
    organisation, or belonged to it when it was submitted. The rule is conflict_of_interest; true for
    anyone who is not signed in."""
    if not is_signed_in(user):
        return True
    if account_rules.is_member_of(user, project.organisation) or project.created_by_id == user.id:
        return True
    session = object_session(project)
    if session is None or project.id is None:
        return False
    # Asked once per person and project until the session writes: a page asks it for every held
    # comment and update (see _forget_conflicts).
    known = session.info.setdefault(_CONFLICTS, {})
    if (user.id, project.id) not in known:
        condition = conflict_of_interest(user.id, project.id, project.organisation_id, project.created_by_id)
        known[user.id, project.id] = session.scalar(select(literal(True)).where(condition)) is not None
    return known[user.id, project.id]


_CONFLICTS = "permissions.conflicts_of_interest"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_conflicts(session, *_args) -> None:
    """A write (an edit, a membership, a submission) may make a new conflict: answer anew after it."""
    session.info.pop(_CONFLICTS, None)


def can_review_project(user, project) -> bool:
    """Reviewers whose regions include the project's country, and admins; never someone with a
    conflict of interest (has_conflict_of_interest: they belong to, or asked to join, the project's
    organisation, created, submitted or edited the project, or belonged to the organisation when it
    was submitted)."""

    if not is_signed_in(user):
        return False
    if not (user.is_admin or (user.is_reviewer and region_of(project.country_code) in user.region_keys)):
        return False
    return not has_conflict_of_interest(user, project)


def can_see_reviewer_notes(user, project) -> bool:
    """Reviewers who may review the project, and admins; never the organisation."""
    return can_review_project(user, project)


def can_see_private_side(user, project) -> bool:
    """The organisation's active members, reviewers who may review the project, and admins: they see
    the notes of stage changes and the assessments. Refuses visitors, community members, other
    organisations and reviewers of other regions."""
    if not is_signed_in(user):
        return False
    return (
        user.is_admin
        or is_active_member(user, project.organisation)
        or can_review_project(user, project)
    )


def viewable_projects(user):
    """can_view_project as an SQL condition on projects, for lists that paginate in the database:
    public stages for everyone; everything for admins; the organisation's projects for its active
    members; every stage but draft for reviewers."""


    public = Project.stage.in_(sorted(PUBLIC_STAGES))
    if not is_signed_in(user):
        return public
    if user.is_admin:
        return true()
    own = Project.organisation_id.in_(
        select(Membership.organisation_id).where(
            Membership.user_id == user.id, Membership.status == MembershipStatus.ACTIVE
        )
    )
    conditions = [public, own]
    if user.is_reviewer:
        conditions.append(Project.stage != Stage.DRAFT)
    return or_(*conditions)


def partner_organisation_ids(user):
    """accounts.is_partner_of as an SQL query: the ids of the verified organisations `user` is an
    active owner or member of (none for anyone not signed in)."""
    ids = (
        select(Membership.organisation_id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.status == MembershipStatus.ACTIVE, Organisation.verified.is_(True))
    )
    return ids.where(Membership.user_id == user.id) if is_signed_in(user) else ids.where(false())


def partner_projects(user):
    """accounts.is_partner_of as an SQL condition on projects: the projects of the organisations
    `user` is a partner of (partner_organisation_ids). Refuses everyone else (always false)."""
    return Project.organisation_id.in_(partner_organisation_ids(user))


def reviewable_projects(user):
    """can_review_project as an SQL condition on projects, for the review queue: every project for
    admins, the projects of their regions' countries for reviewers, never a project the user has a
    conflict of interest with (conflict_of_interest). Refuses everyone else (always false)."""


    if not is_signed_in(user) or not (user.is_admin or user.is_reviewer):
        return false()
    no_conflict = ~conflict_of_interest(user.id, Project.id, Project.organisation_id, Project.created_by_id)
    if user.is_admin:
        return no_conflict
    countries = sorted(code for code, (region, _name) in COUNTRIES.items() if region in user.region_keys)
    return and_(no_conflict, Project.country_code.in_(countries))


def reviewers_who_may_review(project):
    """can_review_project for reviewers, as an SQL condition on users (those told that the project
    waits for review): active reviewers whose regions include the project's country, with no
    conflict of interest (conflict_of_interest). Admins, who may review every project, are
    not reviewers: the condition leaves them out, and everyone else."""
    return and_(
        User.role == UserRole.REVIEWER,
        User.active.is_(True),
        User.id.in_(
            select(ReviewerRegion.user_id).where(ReviewerRegion.region_key == region_of(project.country_code))
        ),
        ~conflict_of_interest(User.id, project.id, project.organisation_id, project.created_by_id),
    )


# Reviews: the queue and the gate's settings --------------------------------------------------------


def can_use_review_queue(user) -> bool:
    """Open the review queue: reviewers (it lists the projects of their regions) and admins (every
    region). Refuses anonymous visitors, deactivated accounts, community members and partners."""
    return account_rules.is_reviewer(user) or account_rules.is_admin(user)


def reviews_every_region(user) -> bool:
    """Whether what `user` may review spans every region (admins) rather than the regions they were
    given (reviewers). False for everyone else, reviewers included."""
    return account_rules.is_admin(user)


def can_change_gate_settings(user) -> bool:
    """Set the requirements to move on (the minimum gender-equality codes, the minimum answer length,
    the number of reports that hides a comment): admins only. Refuses everyone else, reviewers
    included."""
    return account_rules.is_admin(user)


# Reporting: dashboards and exports ---------------------------------------------------------------


def can_see_review_stats(user) -> bool:
    """The reviewers' dashboard (GE codes, girls-focused share, time in review, resources,
    participation) and the same figures in the API: reviewers and admins. Refuses anonymous visitors,
    deactivated accounts, community members and partners (everyone sees the public figures)."""
    return account_rules.is_reviewer(user) or account_rules.is_admin(user)


def can_export(user) -> bool:
    """Download the CSV exports of projects, assessments, needs, pledges and comments: reviewers and
    admins. Refuses everyone else (the public statistics CSV needs no rule)."""
    return account_rules.is_reviewer(user) or account_rules.is_admin(user)


def projects_with_exportable_assessments(user):
    """The projects whose assessments `user` may export, as an SQL condition on projects: every
    project for admins; for reviewers, the projects they may review (reviewable_projects: their
    regions, no conflict of interest). None for everyone else (always false)."""
    return true() if account_rules.is_admin(user) else reviewable_projects(user)
