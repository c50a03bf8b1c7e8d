"""Notifications: who is told what, written in one bulk insert per event.

Each event function works out its recipients with ONE query and writes their rows with ONE
bulk insert, however many people follow the project (never one query per follower). The
actor of an event is never told about it. Deactivated accounts are never told anything.

| kind             | who is told                                                             |
|------------------|-------------------------------------------------------------------------|
| `stage_changed`  | the project's partners, and its followers while it stands in public     |
| `comment`        | the project's partners and followers (not the author)                   |
| `reply`          | the author of the comment replied to (instead of `comment`)             |
| `flag_decided`   | the author of the comment a moderator decided on                        |
| `review_waiting` | reviewers whose regions cover the project, outside its organisation     |
| `update`         | the project's followers                                                 |
| `milestone`      | the project's followers (a new milestone, or one marked done)           |

The ids written in a transaction are remembered on the session and handed over once it commits
(app.services.notification_delivery, which also says which ones to e-mail).
"""

from sqlalchemy import func, insert, or_, select, update

from app.extensions import db
from app.models import (
    Comment,
    CommentStatus,
    Follow,
    Membership,
    MembershipStatus,
    Milestone,
    Notification,
    PostStatus,
    Project,
    ProjectEvent,
    ProjectUpdate,
    ReviewerRegion,
    Stage,
    User,
    UserRole,
)
from app.models.base import utcnow
from app.services import notification_delivery as delivery

STAGE_CHANGED = "stage_changed"
COMMENT = "comment"
REPLY = "reply"
FLAG_DECIDED = "flag_decided"
REVIEW_WAITING = "review_waiting"
UPDATE = "update"
MILESTONE = "milestone"
KINDS = (STAGE_CHANGED, COMMENT, REPLY, FLAG_DECIDED, REVIEW_WAITING, UPDATE, MILESTONE)

REVIEW_STAGES = frozenset({Stage.SUBMITTED, Stage.LAUNCH_REVIEW, Stage.COMPLETION_REVIEW})
FLAG_ACTIONS = ("hide", "restore", "dismiss", "publish")
EXCERPT_LENGTH = 160



# Events -------------------------------------------------------------------------------------------


def stage_changed(project: Project, stage_event: ProjectEvent) -> list[int]:
    """Tell the project's partners, and its followers if the new stage is public, of a stage change."""
    from app.services.workflow import PUBLIC_STAGES

    recipients = _audience(
        project, followers=stage_event.to_stage in PUBLIC_STAGES, exclude=(stage_event.actor_id,)
    )
    data = {"title": project.title, "from": _value(stage_event.from_stage), "to": stage_event.to_stage.value}
    return _fan_out({uid: STAGE_CHANGED for uid in recipients}, project, stage_event.actor_id, data)


def review_waiting(project: Project, stage_event: ProjectEvent) -> list[int]:
    """Tell the reviewers who may review the project (a region covering its country, no membership of
    its organisation, pending or active) that it entered a review stage. Nothing for other stages."""
    from app.reference import region_of

    if stage_event.to_stage not in REVIEW_STAGES:
        return []
    members = select(Membership.user_id).where(Membership.organisation_id == project.organisation_id)
    query = (
        select(User.id)
        .join(ReviewerRegion, ReviewerRegion.user_id == User.id)
        .where(
            User.role == UserRole.REVIEWER,
            User.active.is_(True),
            ReviewerRegion.region_key == region_of(project.country_code),
            User.id.not_in(members),
        )
    )
    if stage_event.actor_id is not None:
        query = query.where(User.id != stage_event.actor_id)
    recipients = db.session.scalars(query.order_by(User.id)).all()
    data = {"title": project.title, "to": stage_event.to_stage.value}
    return _fan_out({uid: REVIEW_WAITING for uid in recipients}, project, stage_event.actor_id, data)


def comment_posted(comment: Comment) -> list[int]:
    """Tell the project's partners and followers of a new published comment, and the author of the
    comment it answers of the reply (a `reply` instead of a `comment`). Never the comment's author;
    nothing while the comment is not published (held comments are announced when published)."""
    if comment.status != CommentStatus.PUBLISHED:
        return []
    project = comment.project
    parent = comment.parent if comment.parent_id is not None else None
    replied_to = parent.author_id if parent is not None and parent.status != CommentStatus.DELETED else None
    recipients = _audience(project, exclude=(comment.author_id,), also=replied_to)
    kinds = {uid: REPLY if uid == replied_to else COMMENT for uid in recipients}
    return _fan_out(kinds, project, comment.author_id, _comment_data(comment, project), comment_id=comment.id)


def flag_decided(comment: Comment, action: str) -> list[int]:
    """Tell a comment's author what a moderator decided (`hide`, `restore`, `dismiss` or `publish`).

    `publish` releases a held comment: its audience is then told of it as a new comment too
    (callers do not call comment_posted again). Refuses (ValueError) an unknown action.
    """
    if action not in FLAG_ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    project = comment.project
    author = comment.author
    ids = []
    if author is not None and author.active:
        data = {**_comment_data(comment, project), "action": action, "reason": comment.moderation_reason or ""}
        ids = _fan_out({author.id: FLAG_DECIDED}, project, None, data, comment_id=comment.id)
    if action == "publish":
        ids += comment_posted(comment)
    return ids


def update_posted(project_update: ProjectUpdate, project: Project) -> list[int]:
    """Tell the project's followers of a published update (not its author)."""
    if project_update.status != PostStatus.PUBLISHED:
        return []
    recipients = _audience(project, owners=False, exclude=(project_update.author_id,))
    data = {"title": project.title, "update_id": project_update.id, "update_title": project_update.title}
    return _fan_out({uid: UPDATE for uid in recipients}, project, project_update.author_id, data)


def milestone_news(milestone: Milestone, project: Project, actor: User) -> list[int]:
    """Tell the project's followers (not the actor) of a new milestone, or of one marked done."""
    recipients = _audience(project, owners=False, exclude=(actor.id,))
    data = {
        "title": project.title,
        "milestone_title": milestone.title,
        "planned": milestone.planned_date.isoformat(),
        "done": milestone.done_date.isoformat() if milestone.done_date else None,
    }
    return _fan_out({uid: MILESTONE for uid in recipients}, project, actor.id, data)


# Reading ------------------------------------------------------------------------------------------


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (one query)."""
    return db.session.scalar(
        select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def newest_first(user: User):
    """The user's notifications as a statement, newest first (for db.paginate)."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def actor_names(notifications: list[Notification]) -> dict[int, str]:
    """The names of the people who caused these notifications, in one query."""
    ids = {n.actor_id for n in notifications if n.actor_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).tuples().all())


def get_own(user: User, notification_id: int) -> Notification | None:
    """The notification if it is the user's; None otherwise (someone else's looks missing)."""
    return db.session.scalar(
        select(Notification).where(Notification.id == notification_id, Notification.user_id == user.id)
    )


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the user read; answers how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


# Writing ------------------------------------------------------------------------------------------


def _audience(project: Project, *, owners: bool = True, followers: bool = True, exclude=(), also=None) -> list[int]:
    """Active people among the project's partners and/or followers (and `also`), minus `exclude`:
    one query."""
    sources = []
    if owners and project.organisation.verified:
        sources.append(
            User.id.in_(
                select(Membership.user_id).where(
                    Membership.organisation_id == project.organisation_id,
                    Membership.status == MembershipStatus.ACTIVE,
                )
            )
        )
    if followers:
        sources.append(User.id.in_(select(Follow.user_id).where(Follow.project_id == project.id)))
    if also is not None:
        sources.append(User.id == also)
    if not sources:
        return []
    query = select(User.id).where(User.active.is_(True), or_(*sources))
    excluded = [uid for uid in exclude if uid is not None]
    if excluded:
        query = query.where(User.id.not_in(excluded))
    return list(db.session.scalars(query.order_by(User.id)))


def _fan_out(kinds: dict[int, str], project: Project, actor_id: int | None, data: dict, comment_id=None) -> list[int]:
    """Write one notification per recipient (`kinds` maps each to its kind) in ONE bulk insert."""
    if not kinds:
        return []
    now = utcnow()
    rows = [
        {
            "user_id": uid,
            "kind": kind,
            "project_id": project.id,
            "comment_id": comment_id,
            "actor_id": actor_id,
            "data": data,
            "created_at": now,
        }
        for uid, kind in kinds.items()
    ]
    ids = list(db.session.scalars(insert(Notification).returning(Notification.id), rows))
    delivery.remember(ids)
    return ids


def _comment_data(comment: Comment, project: Project) -> dict:
    return {"title": project.title, "excerpt": excerpt(comment.body), "update_id": comment.update_id}


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _value(stage: Stage | None) -> str | None:
    return stage.value if stage is not None else None
