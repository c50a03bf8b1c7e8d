"""Notifications: who is told what, written in one bulk insert per event.

Each event function works out its recipients with ONE query and writes their rows with ONE
bulk insert, however many people follow the project (never one query per follower). The
actor of an event is never told about it. Deactivated accounts are never told anything.

| kind               | who is told                                                             |
|--------------------|-------------------------------------------------------------------------|
| `stage_changed`    | the project's partners, and its followers while it stands in public     |
| `comment`          | the project's partners and followers (not the author)                   |
| `reply`            | the author of the comment replied to (instead of `comment`)             |
| `flag_decided`     | the author of the comment a moderator decided on                        |
| `review_waiting`   | reviewers whose regions cover the project, outside its organisation     |
| `update`           | the project's followers                                                 |
| `milestone`        | the project's followers (a new milestone, or one marked done)           |
| `pledge_made`      | the project's partners (not the pledger)                                |
| `pledge_status`    | the pledger (accepted, declined, fulfilled); the partners on withdrawal |
| `pledge_closed`    | the pledger, when the need or the project closed a pledge still open    |
| `offer_requested`  | the offerer, when a project's partners ask for their offer              |
| `request_answered` | the project's partners, when the offerer confirms or declines           |
| `idea_adopted`     | the idea's author and supporters, when an organisation adopts it        |

The ids written in a transaction are remembered on the session and handed over once it commits
(app.community.notification_delivery, which also says which ones to e-mail).
"""

from sqlalchemy import func, insert, or_, select, update

from app import permissions
from app.accounts.models import User
from app.community import notification_delivery as delivery
from app.community.models import Comment, CommentStatus, Follow, Milestone, Notification, PostStatus, ProjectUpdate
from app.core.columns import utcnow
from app.core.extensions import db
from app.organisations.models import Membership, MembershipStatus
from app.projects.models import PUBLIC_STAGES, REVIEW_STAGES, Project, ProjectEvent, Stage
from app.resources.models import PledgeStatus

STAGE_CHANGED = "stage_changed"
COMMENT = "comment"
REPLY = "reply"
FLAG_DECIDED = "flag_decided"
REVIEW_WAITING = "review_waiting"
UPDATE = "update"
MILESTONE = "milestone"
PLEDGE_MADE = "pledge_made"
PLEDGE_STATUS = "pledge_status"
PLEDGE_CLOSED = "pledge_closed"
OFFER_REQUESTED = "offer_requested"
REQUEST_ANSWERED = "request_answered"
IDEA_ADOPTED = "idea_adopted"
RESOURCE_KINDS = (PLEDGE_MADE, PLEDGE_STATUS, PLEDGE_CLOSED, OFFER_REQUESTED, REQUEST_ANSWERED)
KINDS = (STAGE_CHANGED, COMMENT, REPLY, FLAG_DECIDED, REVIEW_WAITING, UPDATE, MILESTONE, *RESOURCE_KINDS, IDEA_ADOPTED)

FLAG_ACTIONS = ("hide", "restore", "dismiss", "publish")
EXCERPT_LENGTH = 160



# Events -------------------------------------------------------------------------------------------


def stage_changed(project: Project, stage_event: ProjectEvent) -> list[int]:
    """Tell the project's partners, and its followers if the new stage is public, of a stage change."""

    recipients = _audience(
        project, followers=stage_event.to_stage in PUBLIC_STAGES, exclude=(stage_event.actor_id,)
    )
    data = {"title": project.title, "from": _value(stage_event.from_stage), "to": stage_event.to_stage.value}
    return _fan_out({uid: STAGE_CHANGED for uid in recipients}, project, stage_event.actor_id, data)


def idea_adopted(project: Project, idea_id: int, idea_title: str, user_ids, actor_id: int | None) -> list[int]:
    """Tell the idea's author and supporters (`user_ids`) that an organisation adopted it into the
    initiative `project` (a draft: the notification opens the idea's page)."""
    recipients = _active(user_ids, exclude=(actor_id,))
    data = {"title": idea_title, "idea_id": idea_id, "project_title": project.title,
            "organisation": project.organisation.name}
    return _fan_out({uid: IDEA_ADOPTED for uid in recipients}, project, actor_id, data)


def review_waiting(project: Project, stage_event: ProjectEvent) -> list[int]:
    """Tell the reviewers who may review the project (a region covering its country, no membership of
    its organisation, pending or active: permissions.reviewers_who_may_review) that it entered a review
    stage. Nothing for other stages."""
    if stage_event.to_stage not in REVIEW_STAGES:
        return []
    query = select(User.id).where(permissions.reviewers_who_may_review(project))
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


def pledge_made(pledge, need, project: Project) -> list[int]:
    """Tell the project's partners (not the pledger) of a new pledge to one of its needs."""
    recipients = _audience(project, followers=False, exclude=(pledge.pledger_id,))
    data = _pledge_data(pledge, need, project)
    return _fan_out({uid: PLEDGE_MADE for uid in recipients}, project, pledge.pledger_id, data)


def pledge_status_changed(pledge, project: Project, pledge_event) -> list[int]:
    """Tell the pledger that the partners accepted, declined or marked their pledge fulfilled; tell the
    partners when the pledger withdrew it. Never the actor; nobody when the account is gone."""

    actor_id = pledge_event.actor_id
    if pledge_event.to_status == PledgeStatus.WITHDRAWN:
        recipients = _audience(project, followers=False, exclude=(actor_id,))
    else:
        recipients = _active([pledge.pledger_id], exclude=(actor_id,))
    data = _pledge_data(pledge, pledge.need, project)
    data["from"] = _value(pledge_event.from_status)
    return _fan_out({uid: PLEDGE_STATUS for uid in recipients}, project, actor_id, data)


def pledges_closed(pledges: list, project: Project, actor, reason: str = "project") -> list[int]:
    """Tell each pledger of these pledges (one notification per pledge) that it closed because the
    need (`reason` "need") or the project ("project") closed; one query and one bulk insert."""
    actor_id = actor.id if actor is not None else None
    active = set(_active([p.pledger_id for p in pledges], exclude=(actor_id,)))
    now = utcnow()
    rows = [
        {
            "user_id": pledge.pledger_id,
            "kind": PLEDGE_CLOSED,
            "project_id": project.id,
            "comment_id": None,
            "actor_id": actor_id,
            "data": {**_pledge_data(pledge, pledge.need, project), "reason": reason, "stage": project.stage.value},
            "created_at": now,
        }
        for pledge in pledges
        if pledge.pledger_id in active
    ]
    return _insert(rows)


def offer_requested(offer_request, offer, need, project: Project, actor: User) -> list[int]:
    """Tell the offerer that a project's partners ask for their offer to meet one of its needs."""
    recipients = _active([offer.offerer_id], exclude=(actor.id,))
    data = {
        "title": project.title,
        "need_id": need.id,
        "need_title": need.title,
        "offer_id": offer.id,
        "offer_title": offer.title,
        "request_id": offer_request.id,
        "quantity": str(offer_request.quantity),
        "kind": _value(need.kind),
        "unit": need.unit,
    }
    return _fan_out({uid: OFFER_REQUESTED for uid in recipients}, project, actor.id, data)


def request_answered(offer_request, need, project: Project, actor: User, confirmed: bool) -> list[int]:
    """Tell the project's partners (not the offerer) that the offerer confirmed or declined their request."""
    recipients = _audience(project, followers=False, exclude=(actor.id,))
    data = {
        "title": project.title,
        "need_id": need.id,
        "need_title": need.title,
        "offer_id": offer_request.offer_id,
        "offer_title": offer_request.offer.title,
        "request_id": offer_request.id,
        "pledge_id": offer_request.pledge_id,
        "confirmed": bool(confirmed),
        "quantity": str(offer_request.quantity),
        "kind": _value(need.kind),
        "unit": need.unit,
    }
    return _fan_out({uid: REQUEST_ANSWERED for uid in recipients}, project, actor.id, data)


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
    return _insert(rows)


def _insert(rows: list[dict]) -> list[int]:
    """Write the rows in ONE bulk insert; remember their ids for e-mail delivery after the commit."""
    if not rows:
        return []
    ids = list(db.session.scalars(insert(Notification).returning(Notification.id), rows))
    delivery.remember(ids)
    return ids


def _active(user_ids, exclude=()) -> list[int]:
    """Those of `user_ids` whose account is active, minus `exclude` (one query)."""
    wanted = {uid for uid in user_ids if uid is not None} - {uid for uid in exclude if uid is not None}
    if not wanted:
        return []
    return list(db.session.scalars(select(User.id).where(User.id.in_(wanted), User.active.is_(True)).order_by(User.id)))


def _pledge_data(pledge, need, project: Project) -> dict:
    return {
        "title": project.title,
        "need_id": need.id,
        "need_title": need.title,
        "pledge_id": pledge.id,
        "quantity": str(pledge.quantity),
        "kind": _value(need.kind),
        "unit": need.unit,
        "status": _value(pledge.status),
    }


def _comment_data(comment: Comment, project: Project) -> dict:
    return {"title": project.title, "excerpt": excerpt(comment.body), "update_id": comment.update_id}


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _value(stage: Stage | None) -> str | None:
    return stage.value if stage is not None else None
