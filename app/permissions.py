"""Every permission rule of the lab, in one place.

Each rule is a plain function of (user, obj) that answers True or False and
denies by default: anonymous visitors (None or Flask-Login's anonymous user)
and deactivated accounts never pass a rule that needs an account. Views check
a rule at the top; services check the same rule again where a refusal matters
to the domain. Later features add their own section (projects, reviews,
comments...) reusing the helpers below.
"""

from sqlalchemy import and_, false, or_, select, true

from app.accounts.models import UserRole
from app.community.models import CommentStatus, PostStatus
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from app.projects.models import DECISION_STAGES, EDITABLE_STAGES, NEED_STAGES, PUBLIC_STAGES, Project, Stage
from app.reference.names import COUNTRIES, region_of
from app.resources.models import NeedStatus, PledgeStatus

# Helpers ------------------------------------------------------------------------------------------


def _is_signed_in(user) -> bool:
    """A real, active account (not None, not anonymous, not deactivated)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "active", False))


def _is_verified(user) -> bool:
    return _is_signed_in(user) and user.email_verified_at is not None


def _membership(user, org: Organisation) -> Membership | None:
    """The user's membership of `org` in any status, or None."""
    if not _is_signed_in(user) or org is None:
        return None
    return next((m for m in user.memberships if m.organisation_id == org.id), None)


def _is_active_member(user, org: Organisation) -> bool:
    membership = _membership(user, org)
    return membership is not None and membership.status == MembershipStatus.ACTIVE


def _is_active_owner(user, org: Organisation) -> bool:
    membership = _membership(user, org)
    return (
        membership is not None
        and membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.OWNER
    )


# Accounts -----------------------------------------------------------------------------------------


def is_admin(user) -> bool:
    """Platform staff. Refuses anonymous visitors, deactivated accounts and every other role."""
    return _is_signed_in(user) and user.role == UserRole.ADMIN


def is_reviewer(user) -> bool:
    """Programme reviewers (whatever their regions). Refuses anonymous, deactivated and other roles."""
    return _is_signed_in(user) and user.role == UserRole.REVIEWER


def can_manage_users(user) -> bool:
    """The admin pages for people, roles and reviewer regions. Refuses everyone but admins."""
    return is_admin(user)


# Organisations ------------------------------------------------------------------------------------


def is_partner_of(user, org: Organisation) -> bool:
    """An active owner or member of a *verified* organisation.

    Refuses anonymous visitors, deactivated accounts, pending requests to join,
    and everyone while the organisation is not verified.
    """
    return org is not None and bool(org.verified) and _is_active_member(user, org)


def is_member_of(user, org: Organisation) -> bool:
    """Any membership of `org`, pending or active, whatever the organisation's status.

    Used for conflicts of interest. Refuses anonymous visitors and deactivated accounts.
    """
    return _membership(user, org) is not None


def can_view_organisation(user, org: Organisation) -> bool:
    """Verified organisations are public. An unverified one is seen only by its active
    members and by admins; everyone else (anonymous, pending requests included) is refused."""
    if org is None:
        return False
    if org.verified:
        return True
    return is_admin(user) or _is_active_member(user, org)


def can_manage_organisation(user, org: Organisation) -> bool:
    """Edit the organisation and decide on its memberships: its active owners and admins.

    Refuses plain members, pending requests, owners of other organisations,
    reviewers, anonymous visitors and deactivated accounts.
    """
    return org is not None and (is_admin(user) or _is_active_owner(user, org))


def can_view_members(user, org: Organisation) -> bool:
    """See who belongs to the organisation: its active members (any role) and admins.

    Refuses visitors, community members, pending requests and other organisations' people.
    """
    return org is not None and (is_admin(user) or _is_active_member(user, org))


def can_create_organisation(user) -> bool:
    """Register a new organisation: any active account whose e-mail address is confirmed.

    Refuses anonymous visitors, deactivated accounts and unconfirmed addresses.
    """
    return _is_verified(user)


def can_request_to_join(user, org: Organisation) -> bool:
    """Ask to join a verified organisation: an active account with a confirmed e-mail address
    that has no membership (pending or active) there yet.

    Refuses anonymous visitors, deactivated accounts, unconfirmed addresses, people who
    already belong or already asked, and organisations that are not verified.
    """
    return org is not None and bool(org.verified) and _is_verified(user) and _membership(user, org) is None


def can_verify_organisation(user, org: Organisation) -> bool:
    """Mark an organisation verified or not: admins only."""
    return is_admin(user) and org is not None


# Projects ---------------------------------------------------------------


def can_view_project(user, project) -> bool:
    """Public stages for everyone; draft for the organisation and admins; rejected and withdrawn
    also for reviewers. Refuses everyone else."""

    if project.stage in PUBLIC_STAGES:
        return True
    if not _is_signed_in(user):
        return False
    if user.is_admin or _is_active_member(user, project.organisation):
        return True
    return project.stage != Stage.DRAFT and user.is_reviewer


def can_edit_project(user, project) -> bool:
    """Partners of the project's (verified) organisation, in the stages where the project is edited;
    refused while a review is under way and after the project has ended."""

    return project.stage in EDITABLE_STAGES and is_partner_of(user, project.organisation)


def can_review_project(user, project) -> bool:
    """Reviewers whose regions include the project's country, and admins; never someone who belongs
    to (or asked to join) the project's organisation."""

    if not _is_signed_in(user) or is_member_of(user, project.organisation):
        return False
    if user.is_admin:
        return True
    return user.is_reviewer and region_of(project.country_code) in user.region_keys


def can_see_reviewer_notes(user, project) -> bool:
    """Reviewers who may review the project, and admins; never the organisation."""
    return can_review_project(user, project)


def can_see_private_side(user, project) -> bool:
    """The organisation's active members, reviewers who may review the project, and admins: they see
    the notes of stage changes and the assessments. Refuses visitors, community members, other
    organisations and reviewers of other regions."""
    if not _is_signed_in(user):
        return False
    return user.is_admin or _is_active_member(user, project.organisation) or can_review_project(user, project)


def viewable_projects(user):
    """can_view_project as an SQL condition on projects, for lists that paginate in the database:
    public stages for everyone; everything for admins; the organisation's projects for its active
    members; every stage but draft for reviewers."""


    public = Project.stage.in_(sorted(PUBLIC_STAGES))
    if not _is_signed_in(user):
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


def reviewable_projects(user):
    """can_review_project as an SQL condition on projects, for the review queue: every project for
    admins, the projects of their regions' countries for reviewers, never a project of an
    organisation the user belongs to (or asked to join). Refuses everyone else (always false)."""


    if not _is_signed_in(user) or not (user.is_admin or user.is_reviewer):
        return false()
    not_member = Project.organisation_id.not_in(
        select(Membership.organisation_id).where(Membership.user_id == user.id)
    )
    if user.is_admin:
        return not_member
    countries = sorted(code for code, (region, _name) in COUNTRIES.items() if region in user.region_keys)
    return and_(not_member, Project.country_code.in_(countries))


# Community: supports, follows, updates, milestones ----------------------------------------------


def can_support(user, project) -> bool:
    """Support or follow a project: an active account with a confirmed e-mail address, on a project it
    may view that stands in a public stage. Refuses anonymous visitors, deactivated accounts,
    unconfirmed addresses, and projects in draft, rejected or withdrawn."""

    return _is_verified(user) and project.stage in PUBLIC_STAGES and can_view_project(user, project)


def can_post_update(user, project) -> bool:
    """Post and edit a project's updates: partners of its (verified) organisation, while the project
    stands in a public stage. Refuses everyone else: community members, other organisations,
    reviewers, admins who are not partners, and projects in draft, rejected or withdrawn."""

    return project.stage in PUBLIC_STAGES and is_partner_of(user, project.organisation)


def can_manage_milestones(user, project) -> bool:
    """Add, edit, mark done and delete a project's milestones: the same people and stages as
    can_post_update."""
    return can_post_update(user, project)


def can_moderate_update(user, project) -> bool:
    """Publish or hide an update held for moderation: reviewers who may review the project (their
    regions, no conflict of interest) and admins. Refuses the organisation itself and everyone else."""
    return can_review_project(user, project)


def can_view_update(user, update, project) -> bool:
    """A published update is seen by whoever may view its project; one held or hidden by moderation
    only by the project's partners and by those who may moderate it. Refuses everyone else."""

    if not can_view_project(user, project) or update.project_id != project.id:
        return False
    if update.status == PostStatus.PUBLISHED:
        return True
    return is_partner_of(user, project.organisation) or can_moderate_update(user, project)


# Community: comments and their moderation ---------------------------------------------------------


def can_comment(user, project) -> bool:
    """Post a comment or a reply: an active account with a confirmed e-mail address, on a project it
    may view that stands in a public stage. Refuses anonymous visitors, deactivated accounts,
    unconfirmed addresses, and projects in draft, rejected or withdrawn."""

    return _is_verified(user) and project.stage in PUBLIC_STAGES and can_view_project(user, project)


def can_moderate_comments(user, project) -> bool:
    """Hide, restore, publish a held comment and dismiss reports on a project's comments: reviewers
    who may review the project (their regions, no conflict of interest) and admins. Refuses the
    organisation itself, reviewers of other regions and everyone else."""
    return can_review_project(user, project)


def can_use_moderation_queue(user) -> bool:
    """Open the moderation queue: reviewers (it lists the projects of their regions) and admins.
    Refuses anonymous visitors, deactivated accounts, community members and partners."""
    return is_reviewer(user) or is_admin(user)


def can_edit_comment(user, comment, project) -> bool:
    """Change a comment's text: its author (active, confirmed address), while the project stands in a
    public stage and the comment is published or held by the safeguarding screen. Refuses everyone
    else, and comments that are deleted, hidden by a moderator or hidden after reports."""

    return (
        comment.author_id is not None
        and _is_verified(user)
        and comment.author_id == user.id
        and comment.status in (CommentStatus.PUBLISHED, CommentStatus.HELD)
        and can_comment(user, project)
    )


def can_delete_comment(user, comment, project) -> bool:
    """Delete a comment (a placeholder keeps its replies): its author (active), whatever the comment's
    status, on a project the author may still view. Refuses everyone else, moderators included (they
    hide), and comments already deleted."""

    return (
        comment.author_id is not None
        and _is_signed_in(user)
        and comment.author_id == user.id
        and comment.status != CommentStatus.DELETED
        and can_view_project(user, project)
    )


def can_flag_comment(user, comment, project) -> bool:
    """Report a comment to the moderators: an active account with a confirmed e-mail address, on a
    published comment of a project it may view, not written by itself. Refuses anonymous visitors,
    deactivated accounts, unconfirmed addresses, one's own comments and comments that are not
    published (held, hidden, deleted: nobody sees their text)."""

    return (
        _is_verified(user)
        and comment.status == CommentStatus.PUBLISHED
        and comment.author_id != user.id
        and can_view_project(user, project)
    )


def can_read_comment(user, comment, project) -> bool:
    """See a comment's text: anyone who may view the project when it is published; its author and the
    project's moderators when it is held, hidden after reports or hidden by a moderator. Refuses
    everyone for a deleted comment (its text is gone) and everyone else otherwise."""

    if not can_view_project(user, project) or comment.status == CommentStatus.DELETED:
        return False
    if comment.status == CommentStatus.PUBLISHED:
        return True
    is_author = _is_signed_in(user) and comment.author_id is not None and comment.author_id == user.id
    return is_author or can_moderate_comments(user, project)


# Resource pooling: needs, pledges, offers -----------------------------------------------------------


def can_manage_needs(user, project) -> bool:
    """Add, edit and close a project's needs, and ask offerers for their offers: partners of its
    (verified) organisation while the project stands in incubating, launch_review or active. Refuses
    everyone else: community members, other organisations, reviewers, admins who are not partners,
    and every other stage."""

    return project.stage in NEED_STAGES and is_partner_of(user, project.organisation)


def can_decide_pledges(user, project) -> bool:
    """Accept, decline or mark fulfilled the pledges made to a project's needs: its partners while the
    project takes pledges, and during completion_review (pledges accepted earlier may still arrive).
    Refuses everyone else and every other stage."""

    return project.stage in DECISION_STAGES and is_partner_of(user, project.organisation)


def can_view_pledges(user, project) -> bool:
    """See who pledged and their messages: the project's partners (any stage) and admins. Everyone
    else who may view the project sees the needs, their progress and the pledge counts only."""
    return _is_signed_in(user) and (user.is_admin or is_partner_of(user, project.organisation))


def can_see_pledge(user, pledge, project) -> bool:
    """See one pledge: its pledger, and those who see the project's pledges (can_view_pledges). To
    everyone else it does not exist."""
    own = pledge.pledger_id is not None and pledge.pledger_id == getattr(user, "id", None)
    return own or (can_view_pledges(user, project) and can_view_project(user, project))


def can_pledge(user, need, project) -> bool:
    """Pledge against a need: an active account with a confirmed e-mail address, on an open need of a
    project it may view that stands in incubating, launch_review or active, and that is not run by
    one of its own organisations (those change the need instead). Refuses anonymous visitors,
    deactivated accounts, unconfirmed addresses, closed needs and every other stage."""

    return (
        _is_verified(user)
        and need.project_id == project.id
        and need.status == NeedStatus.OPEN
        and project.stage in NEED_STAGES
        and can_view_project(user, project)
        and not is_member_of(user, project.organisation)
    )


def can_withdraw_pledge(user, pledge) -> bool:
    """Withdraw a pledge: its pledger (active account), while it is pledged or accepted. Refuses
    everyone else, the project's partners included (they decline), and settled pledges."""

    return (
        _is_signed_in(user)
        and pledge.pledger_id is not None
        and pledge.pledger_id == user.id
        and pledge.status in (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED)
    )


def can_offer(user) -> bool:
    """Offer a resource to the pool: an active account with a confirmed e-mail address."""
    return _is_verified(user)


def can_manage_offer(user, offer) -> bool:
    """Withdraw an offer and answer the requests made for it: its offerer (active account)."""
    return _is_signed_in(user) and offer.offerer_id is not None and offer.offerer_id == user.id


# Reporting: dashboards and exports ---------------------------------------------------------------


def can_see_review_stats(user) -> bool:
    """The reviewers' dashboard (GE codes, girls-focused share, time in review, resources,
    participation) and the same figures in the API: reviewers and admins. Refuses anonymous visitors,
    deactivated accounts, community members and partners (everyone sees the public figures)."""
    return is_reviewer(user) or is_admin(user)


def can_export(user) -> bool:
    """Download the CSV exports of projects, assessments, needs, pledges and comments: reviewers and
    admins. Refuses everyone else (the public statistics CSV needs no rule)."""
    return is_reviewer(user) or is_admin(user)
