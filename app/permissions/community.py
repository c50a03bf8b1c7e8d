"""Who may do what in a project's community: supports and follows, updates and milestones, comments
and their moderation."""

from app.community.models import CommentStatus, PostStatus
from app.permissions import accounts as account_rules
from app.permissions import projects as project_rules
from app.permissions.base import is_confirmed, is_signed_in
from app.projects.models import PUBLIC_STAGES

# Community: supports, follows, updates, milestones ----------------------------------------------


def can_support(user, project) -> bool:
    """Support or follow a project: an active account with a confirmed e-mail address, on a project it
    may view that stands in a public stage. Refuses anonymous visitors, deactivated accounts,
    unconfirmed addresses, and projects in draft, rejected or withdrawn."""

    return is_confirmed(user) and project.stage in PUBLIC_STAGES and project_rules.can_view_project(user, project)


def can_post_update(user, project) -> bool:
    """Post and edit a project's updates: partners of its (verified) organisation, while the project
    stands in a public stage. Refuses everyone else: community members, other organisations,
    reviewers, admins who are not partners, and projects in draft, rejected or withdrawn."""

    return project.stage in PUBLIC_STAGES and account_rules.is_partner_of(user, project.organisation)


def can_manage_milestones(user, project) -> bool:
    """Add, edit, mark done and delete a project's milestones: the same people and stages as
    can_post_update."""
    return can_post_update(user, project)


def can_moderate_update(user, project) -> bool:
    """Publish or hide an update held for moderation: reviewers who may review the project (their
    regions, no conflict of interest) and admins. Refuses the organisation itself and everyone else."""
    return project_rules.can_review_project(user, project)


def can_see_held_updates(user) -> bool:
    """Open the list of updates held by the safeguarding screen: reviewers (it lists the projects of
    their regions) and admins. Refuses anonymous visitors, deactivated accounts, community members
    and partners."""
    return account_rules.is_reviewer(user) or account_rules.is_admin(user)


def can_view_update(user, update, project) -> bool:
    """A published update is seen by whoever may view its project; one held or hidden by moderation
    only by the project's partners and by those who may moderate it. Refuses everyone else."""

    if not project_rules.can_view_project(user, project) or update.project_id != project.id:
        return False
    if update.status == PostStatus.PUBLISHED:
        return True
    return account_rules.is_partner_of(user, project.organisation) or can_moderate_update(user, project)


# Community: comments and their moderation ---------------------------------------------------------


def can_comment(user, project) -> bool:
    """Post a comment or a reply: an active account with a confirmed e-mail address, on a project it
    may view that stands in a public stage. Refuses anonymous visitors, deactivated accounts,
    unconfirmed addresses, and projects in draft, rejected or withdrawn."""

    return is_confirmed(user) and project.stage in PUBLIC_STAGES and project_rules.can_view_project(user, project)


def can_moderate_comments(user, project) -> bool:
    """Hide, restore, publish a held comment and dismiss reports on a project's comments: reviewers
    who may review the project (their regions, no conflict of interest) and admins. Refuses the
    organisation itself, reviewers of other regions and everyone else."""
    return project_rules.can_review_project(user, project)


def can_use_moderation_queue(user) -> bool:
    """Open the moderation queue: reviewers (it lists the projects of their regions) and admins.
    Refuses anonymous visitors, deactivated accounts, community members and partners."""
    return account_rules.is_reviewer(user) or account_rules.is_admin(user)


def can_edit_comment(user, comment, project) -> bool:
    """Change a comment's text: its author (active, confirmed address), while the project stands in a
    public stage and the comment is published or held by the safeguarding screen. Refuses everyone
    else, and comments that are deleted, hidden by a moderator or hidden after reports."""

    return (
        comment.author_id is not None
        and is_confirmed(user)
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
        and is_signed_in(user)
        and comment.author_id == user.id
        and comment.status != CommentStatus.DELETED
        and project_rules.can_view_project(user, project)
    )


def can_flag_comment(user, comment, project) -> bool:
    """Report a comment to the moderators: an active account with a confirmed e-mail address, on a
    published comment of a project it may view, not written by itself. Refuses anonymous visitors,
    deactivated accounts, unconfirmed addresses, one's own comments and comments that are not
    published (held, hidden, deleted: nobody sees their text)."""

    return (
        is_confirmed(user)
        and comment.status == CommentStatus.PUBLISHED
        and comment.author_id != user.id
        and project_rules.can_view_project(user, project)
    )


def can_read_comment(user, comment, project) -> bool:
    """See a comment's text: anyone who may view the project when it is published; its author and the
    project's moderators when it is held, hidden after reports or hidden by a moderator. Refuses
    everyone for a deleted comment (its text is gone) and everyone else otherwise."""

    if not project_rules.can_view_project(user, project) or comment.status == CommentStatus.DELETED:
        return False
    if comment.status == CommentStatus.PUBLISHED:
        return True
    is_author = is_signed_in(user) and comment.author_id is not None and comment.author_id == user.id
    return is_author or can_moderate_comments(user, project)
