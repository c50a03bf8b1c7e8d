"""Updates and milestones of a project, kept by its partners.

An update's Markdown is sanitized on write (app.core.sanitize.render_markdown) and screened by the
child-safeguarding screen: text that may identify a child holds the update for moderation
instead of publishing it, and the partner is told why. Followers are told of every published
update, of every new milestone and of every milestone marked done.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from app import permissions
from app.accounts.models import User
from app.community import notifications, safeguarding
from app.community.models import Milestone, PostStatus, ProjectUpdate
from app.core.columns import utcnow
from app.core.errors import FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.sanitize import render_markdown
from app.core.text import check_text, is_blank
from app.projects.models import Project

TITLE_MAX = 200
BODY_MAX = 20_000
LATEST = 3
MODERATION_ACTIONS = ("publish", "hide")


class PostInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names to messages."""


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


# Updates ------------------------------------------------------------------------------------------


def post_update(project: Project, author: User, title: str, body: str) -> tuple[ProjectUpdate, str]:
    """Post an update; answers it with the safeguarding advice ("" when it was published).

    Refuses NotPermitted (see permissions.can_post_update) and PostInvalid (a missing or too long
    title or text). Held updates are not announced until a moderator publishes them.
    """
    if not permissions.can_post_update(author, project):
        raise NotPermitted(_("Only the partners of this initiative's organisation can post its updates."))
    title, body = _clean_post(title, body)
    advice = _screen(title, body)
    post = ProjectUpdate(
        project_id=project.id,
        author_id=author.id,
        title=title,
        body=body,
        body_html=str(render_markdown(body)),
        status=PostStatus.HELD if advice else PostStatus.PUBLISHED,
    )
    db.session.add(post)
    db.session.flush()
    notifications.update_posted(post, project)
    return post, advice


def edit_update(post: ProjectUpdate, project: Project, editor: User, title: str, body: str) -> str:
    """Change an update's title and text; answers the safeguarding advice ("" when none).

    A published update whose new text may identify a child is held again; a held or hidden one
    stays so until a moderator decides. Refuses NotPermitted and PostInvalid like post_update.
    """
    if not permissions.can_post_update(editor, project) or post.project_id != project.id:
        raise NotPermitted(_("Only the partners of this initiative's organisation can edit its updates."))
    title, body = _clean_post(title, body)
    advice = _screen(title, body)
    post.title, post.body, post.body_html = title, body, str(render_markdown(body))
    post.edited_at = utcnow()
    if advice and post.status == PostStatus.PUBLISHED:
        post.status = PostStatus.HELD
    db.session.flush()
    return advice


def moderate_update(post: ProjectUpdate, project: Project, moderator: User, action: str) -> None:
    """Publish (`publish`) or hide (`hide`) an update. Publishing a held one announces it to the
    followers. Refuses NotPermitted (see permissions.can_moderate_update) and ValueError for
    another action."""
    if action not in MODERATION_ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    if not permissions.can_moderate_update(moderator, project) or post.project_id != project.id:
        raise NotPermitted(_("You cannot moderate this initiative's updates."))
    was = post.status
    post.status = PostStatus.PUBLISHED if action == "publish" else PostStatus.HIDDEN
    db.session.flush()
    if was == PostStatus.HELD and post.status == PostStatus.PUBLISHED:
        notifications.update_posted(post, project)


def latest_updates(project: Project, limit: int = LATEST) -> list[ProjectUpdate]:
    """The newest published updates of the project (without their authors): one query."""
    return list(
        db.session.scalars(
            select(ProjectUpdate)
            .options(lazyload(ProjectUpdate.author))
            .where(ProjectUpdate.project_id == project.id, ProjectUpdate.status == PostStatus.PUBLISHED)
            .order_by(ProjectUpdate.created_at.desc(), ProjectUpdate.id.desc())
            .limit(limit)
        )
    )


def updates_query(project: Project, include_unpublished: bool):
    """The project's updates, newest first, as a statement (for db.paginate)."""
    query = select(ProjectUpdate).where(ProjectUpdate.project_id == project.id)
    if not include_unpublished:
        query = query.where(ProjectUpdate.status == PostStatus.PUBLISHED)
    return query.order_by(ProjectUpdate.created_at.desc(), ProjectUpdate.id.desc())


def held_updates_query(condition):
    """Updates held for moderation on the projects matching `condition` (permissions.reviewable_projects),
    oldest first, as a statement."""
    return (
        select(ProjectUpdate, Project)
        .join(Project, Project.id == ProjectUpdate.project_id)
        .where(ProjectUpdate.status == PostStatus.HELD, condition)
        .order_by(ProjectUpdate.created_at, ProjectUpdate.id)
    )


def _clean_post(title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if is_blank(title):
        errors["title"] = _("Please give the update a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title can have at most %(max)d characters.", max=TITLE_MAX)
    if is_blank(body):
        errors["body"] = _("Please write the update.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("The update can have at most %(max)d characters.", max=BODY_MAX)
    check_text(errors, "title", title, TITLE_MAX)
    check_text(errors, "body", body, BODY_MAX, multiline=True)
    if errors:
        raise PostInvalid(errors)
    return title, body


def _screen(title: str, body: str) -> str:
    """The safeguarding advice for this text, or "" when nothing in it may identify a child."""
    findings = safeguarding.screen(f"{title}\n\n{body}")
    return str(safeguarding.advice(findings)) if findings else ""


# Milestones ---------------------------------------------------------------------------------------


def add_milestone(
    project: Project, user: User, title: str, planned: date | None, done: date | None = None
) -> Milestone:
    """Add a milestone and tell the followers. Refuses NotPermitted (see
    permissions.can_manage_milestones) and PostInvalid (no title, a title the safeguarding screen
    finds something in, no planned date, a done date in the future)."""
    _may_manage(user, project)
    title = _clean_milestone(title, planned, done)
    milestone = Milestone(project_id=project.id, title=title, planned_date=planned, done_date=done)
    db.session.add(milestone)
    db.session.flush()
    notifications.milestone_news(milestone, project, user)
    return milestone


def edit_milestone(
    milestone: Milestone, project: Project, user: User, title: str, planned: date | None, done: date | None
) -> None:
    """Change a milestone; marking it done here tells the followers. Refuses like add_milestone."""
    _may_manage(user, project, milestone)
    title = _clean_milestone(title, planned, done)
    newly_done = milestone.done_date is None and done is not None
    milestone.title, milestone.planned_date, milestone.done_date = title, planned, done
    db.session.flush()
    if newly_done:
        notifications.milestone_news(milestone, project, user)


def complete_milestone(milestone: Milestone, project: Project, user: User, on: date | None = None) -> bool:
    """Mark a milestone done (today unless `on`) and tell the followers; answers False when it was
    done already (nothing changes). Refuses NotPermitted like add_milestone."""
    _may_manage(user, project, milestone)
    if milestone.done_date is not None:
        return False
    milestone.done_date = on or utcnow().date()
    db.session.flush()
    notifications.milestone_news(milestone, project, user)
    return True


def delete_milestone(milestone: Milestone, project: Project, user: User) -> None:
    """Delete a milestone. Refuses NotPermitted like add_milestone."""
    _may_manage(user, project, milestone)
    db.session.delete(milestone)
    db.session.flush()


def milestones_of(project: Project) -> list[Milestone]:
    """The project's milestones by planned date: one query."""
    return list(
        db.session.scalars(
            select(Milestone)
            .where(Milestone.project_id == project.id)
            .order_by(Milestone.planned_date, Milestone.id)
        )
    )


def progress(milestones: list[Milestone]) -> Progress:
    return Progress(done=sum(1 for m in milestones if m.done_date is not None), total=len(milestones))


def _may_manage(user: User, project: Project, milestone: Milestone | None = None) -> None:
    if not permissions.can_manage_milestones(user, project) or (
        milestone is not None and milestone.project_id != project.id
    ):
        raise NotPermitted(_("Only the partners of this initiative's organisation can keep its milestones."))


def _clean_milestone(title: str, planned: date | None, done: date | None) -> str:
    title = (title or "").strip()
    errors = {}
    if is_blank(title):
        errors["title"] = _("Please give the milestone a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title can have at most %(max)d characters.", max=TITLE_MAX)
    check_text(errors, "title", title, TITLE_MAX)
    if "title" not in errors and (findings := safeguarding.screen(title)):
        errors["title"] = safeguarding.advice(findings)  # public at once, and no moderation queue
    if planned is None:
        errors["planned_date"] = _("Please give the planned date.")
    if done is not None and done > utcnow().date() + timedelta(days=1):  # a day ahead: time zones
        errors["done_date"] = _("A milestone cannot be done in the future.")
    if errors:
        raise PostInvalid(errors)
    return title
