"""A discussion as one person sees it: the comments of a project (or of one of its updates) as a
tree, each with what this person may see and do. Two queries, however many comments there are:
the comments with their authors, and the ones this person has reported.

What each comment shows (see permissions.can_read_comment):

| status    | its author and the project's moderators | everyone else                                 |
|-----------|------------------------------------------|-----------------------------------------------|
| published | the text                                 | the text                                      |
| held      | the text, with why it is held            | nothing (a placeholder if it has replies)     |
| pending   | the text, with a notice                  | "hidden until a moderator decides"           |
| hidden    | the text, with the moderator's reason    | the moderator's reason                        |
| deleted   | "This comment was deleted."              | "This comment was deleted."                   |
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from app import permissions
from app.extensions import db
from app.models import Comment, CommentFlag, CommentStatus, Project, ProjectUpdate
from app.models.community import MAX_COMMENT_DEPTH
from app.services.comments import screen
from app.services.moderation import actions_for
from app.services.workflow import PUBLIC_STAGES


@dataclass
class CommentNode:
    comment: Comment
    readable: bool  # the viewer sees the text (otherwise a placeholder)
    mine: bool
    can_reply: bool
    can_edit: bool
    can_delete: bool
    can_flag: bool
    flagged: bool  # the viewer has reported it already
    advice: str = ""  # why a held comment is held (for its author and the moderators)
    moderation_actions: list[str] = field(default_factory=list)  # what the viewer may decide on it
    children: list["CommentNode"] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.comment.id

    @property
    def status(self) -> str:
        return self.comment.status.value


@dataclass
class Thread:
    project: Project
    update: ProjectUpdate | None
    nodes: list[CommentNode]  # the top-level comments, each with its replies
    flat: list[CommentNode]  # every comment shown, in the order of the page
    can_comment: bool
    can_moderate: bool
    why_not: str | None  # when the viewer may not comment: "anonymous", "unverified", "closed" or "other"

    @property
    def published_count(self) -> int:
        return sum(1 for node in self.flat if node.comment.status == CommentStatus.PUBLISHED)


def comments_of(project: Project, update: ProjectUpdate | None = None) -> list[Comment]:
    """The comments of the project itself (or of `update`), oldest first, with their authors: one query."""
    where = Comment.update_id == update.id if update is not None else Comment.update_id.is_(None)
    return list(
        db.session.scalars(
            select(Comment).where(Comment.project_id == project.id, where).order_by(Comment.created_at, Comment.id)
        )
    )


def flagged_ids(user, project: Project, update: ProjectUpdate | None = None) -> set[int]:
    """The ids of the comments of this discussion that `user` has reported: one query (none when anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    where = Comment.update_id == update.id if update is not None else Comment.update_id.is_(None)
    in_thread = select(Comment.id).where(Comment.project_id == project.id, where)
    return set(
        db.session.scalars(
            select(CommentFlag.comment_id).where(CommentFlag.user_id == user.id, CommentFlag.comment_id.in_(in_thread))
        )
    )


def build_thread(project: Project, viewer, update: ProjectUpdate | None = None) -> Thread:
    """The discussion of the project (or of `update`) as `viewer` sees it."""
    comments = comments_of(project, update)
    flagged = flagged_ids(viewer, project, update)
    can_comment = permissions.can_comment(viewer, project)
    can_moderate = permissions.can_moderate_comments(viewer, project)
    viewer_id = getattr(viewer, "id", None) if getattr(viewer, "is_authenticated", False) else None

    nodes: dict[int, CommentNode] = {}
    for comment in comments:
        readable = permissions.can_read_comment(viewer, comment, project)
        nodes[comment.id] = CommentNode(
            comment=comment,
            readable=readable,
            mine=viewer_id is not None and comment.author_id == viewer_id,
            can_reply=can_comment and comment.status == CommentStatus.PUBLISHED and comment.depth < MAX_COMMENT_DEPTH,
            can_edit=permissions.can_edit_comment(viewer, comment, project),
            can_delete=permissions.can_delete_comment(viewer, comment, project),
            can_flag=permissions.can_flag_comment(viewer, comment, project),
            flagged=comment.id in flagged,
            advice=screen(comment.body) if readable and comment.status == CommentStatus.HELD else "",
            moderation_actions=actions_for(comment) if can_moderate else [],
        )
    # Replies come after what they answer: walking backwards, every child is placed before its parent
    # is judged, so a held comment nobody may read is dropped unless it has replies to keep in place.
    kept: set[int] = set()
    for comment in reversed(comments):
        node = nodes[comment.id]
        if comment.status == CommentStatus.HELD and not node.readable and not node.children:
            continue
        kept.add(comment.id)
        parent = nodes.get(comment.parent_id) if comment.parent_id is not None else None
        if parent is not None:
            parent.children.insert(0, node)
    roots = [nodes[c.id] for c in comments if c.id in kept and (c.parent_id is None or c.parent_id not in nodes)]
    return Thread(
        project=project,
        update=update,
        nodes=roots,
        flat=list(_walk(roots)),
        can_comment=can_comment,
        can_moderate=can_moderate,
        why_not=None if can_comment else _why_not(viewer, project),
    )


def _why_not(viewer, project: Project) -> str:
    if project.stage not in PUBLIC_STAGES:
        return "closed"
    if not getattr(viewer, "is_authenticated", False):
        return "anonymous"
    if getattr(viewer, "email_verified_at", None) is None:
        return "unverified"
    return "other"


def _walk(nodes: list[CommentNode]):
    for node in nodes:
        yield node
        yield from _walk(node.children)
