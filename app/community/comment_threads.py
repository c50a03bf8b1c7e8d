"""A discussion as one person sees it: the comments of a project (or of one of its updates) as a
tree, each with what this person may see and do. A fixed number of queries, however many comments
there are: the comments with their authors, and the ones this person has reported (and, for one
page of a long discussion, the page's first comments and the discussion's totals).

A long discussion comes in pages of whole threads (a top-level comment with all its replies), oldest
first, of at most COMMENTS_PER_PAGE comments each (a longer thread has a page of its own); a project
page opens on the last page (the newest threads) and stays light on a slow connection, however the
comments are spread over threads.

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

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased

from app import permissions
from app.community.comments import screen
from app.community.models import MAX_COMMENT_DEPTH, Comment, CommentFlag, CommentStatus, ProjectUpdate
from app.community.moderation import actions_for
from app.core.extensions import db
from app.projects.models import PUBLIC_STAGES, Project

COMMENTS_PER_PAGE = 20  # with the page around them, under the 60 KB budget for every reader
LAST_PAGE = 0  # build_thread(page=LAST_PAGE): the newest threads, what a project page shows first


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
    page: int = 1
    pages: int = 1
    published_total: int | None = None  # in the whole discussion, when only one page of it is loaded

    @property
    def published_count(self) -> int:
        if self.published_total is not None:
            return self.published_total
        return sum(1 for node in self.flat if node.comment.status == CommentStatus.PUBLISHED)


def _in_discussion(project: Project, update: ProjectUpdate | None):
    where = Comment.update_id == update.id if update is not None else Comment.update_id.is_(None)
    return (Comment.project_id == project.id, where)


def comments_of(project: Project, update: ProjectUpdate | None = None, roots: list[int] | None = None) -> list[Comment]:
    """The comments of the project itself (or of `update`), oldest first, with their authors: one query.
    With `roots`, only those top-level comments and their replies (three levels at most)."""
    query = select(Comment).where(*_in_discussion(project, update))
    if roots is not None:
        children = select(Comment.id).where(Comment.parent_id.in_(roots))
        query = query.where(or_(Comment.id.in_(roots), Comment.parent_id.in_(roots), Comment.parent_id.in_(children)))
    return list(db.session.scalars(query.order_by(Comment.created_at, Comment.id)))


def discussion_size(project: Project, update: ProjectUpdate | None = None) -> tuple[int, int]:
    """(top-level comments, published comments) of the discussion: one query."""
    top, published = db.session.execute(
        select(
            func.count(case((Comment.parent_id.is_(None), 1))),
            func.count(case((Comment.status == CommentStatus.PUBLISHED, 1))),
        ).where(*_in_discussion(project, update))
    ).one()
    return top, published


def thread_sizes(project: Project, update: ProjectUpdate | None = None) -> list[tuple[int, int, int]]:
    """(top-level comment id, comments in its thread, published ones) for each thread of the
    discussion, oldest thread first: one query (replies are at most three levels deep)."""
    parent, grandparent = aliased(Comment), aliased(Comment)
    root_id = func.coalesce(grandparent.id, parent.id, Comment.id)
    root_at = func.coalesce(grandparent.created_at, parent.created_at, Comment.created_at)
    published = func.count(case((Comment.status == CommentStatus.PUBLISHED, 1)))
    rows = db.session.execute(
        select(root_id, func.count(), published)
        .select_from(Comment)
        .outerjoin(parent, Comment.parent_id == parent.id)
        .outerjoin(grandparent, parent.parent_id == grandparent.id)
        .where(*_in_discussion(project, update))
        .group_by(root_id, root_at)
        .order_by(root_at, root_id)
    )
    return [(root, size, shown) for root, size, shown in rows]


def split_into_pages(sizes: list[tuple[int, int, int]], per_page: int = COMMENTS_PER_PAGE) -> list[list[int]]:
    """The top-level comment ids of each page: whole threads, in order, at most `per_page` comments a
    page unless one thread alone holds more. Always at least one page (empty for no comments)."""
    pages: list[list[int]] = [[]]
    count = 0
    for root, size, _published in sizes:
        if pages[-1] and count + size > per_page:
            pages.append([])
            count = 0
        pages[-1].append(root)
        count += size
    return pages


def page_of(comment: Comment, per_page: int = COMMENTS_PER_PAGE) -> int | None:
    """The page of its discussion where a comment stands (the page of its top-level comment), or None
    when that is the page shown by default (the last one): a few queries."""
    root = comment
    while root.parent_id is not None:
        root = db.session.get(Comment, root.parent_id)
    update = db.session.get(ProjectUpdate, comment.update_id) if comment.update_id is not None else None
    pages = split_into_pages(thread_sizes(root.project, update), per_page)
    page = next((n for n, roots in enumerate(pages, start=1) if root.id in roots), len(pages))
    return None if page >= len(pages) else page


def flagged_ids(user, project: Project, update: ProjectUpdate | None = None) -> set[int]:
    """The ids of the comments of this discussion that `user` has reported: one query (none when anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    in_thread = select(Comment.id).where(*_in_discussion(project, update))
    return set(
        db.session.scalars(
            select(CommentFlag.comment_id).where(CommentFlag.user_id == user.id, CommentFlag.comment_id.in_(in_thread))
        )
    )


def build_thread(project: Project, viewer, update: ProjectUpdate | None = None, page: int | None = None,
                 per_page: int = COMMENTS_PER_PAGE) -> Thread:
    """The discussion of the project (or of `update`) as `viewer` sees it: all of it, or with `page` one
    page of whole threads of at most `per_page` comments, oldest first (LAST_PAGE, or a page past the
    end, shows the last one: the newest threads)."""
    pages, published_total, roots = 1, None, None
    if page is not None:
        sizes = thread_sizes(project, update)
        published_total = sum(shown for _root, _size, shown in sizes)
        split = split_into_pages(sizes, per_page)
        pages = len(split)
        page = pages if page == LAST_PAGE else min(max(page, 1), pages)
        roots = split[page - 1]
    comments = comments_of(project, update, roots)
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
        page=page or 1,
        pages=pages,
        published_total=published_total,
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
