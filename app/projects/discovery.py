"""Finding projects: the list's filters, sorts and pages, and what the home page shows.

The web list (/projects) and the API list (GET /api/v1/projects) share `find_projects`. Only the
projects the reader may view are counted and listed (permissions.viewable_projects). A page of
results takes three queries whatever the number of projects: the count, the page (organisation
joined; supports, open needs and GE codes as correlated subqueries) and the page's themes.

Definitions shared by both lists:

- GE code: the reviewer's code of the project's newest review when a reviewer has validated any of
  its assessment versions, otherwise the self-assessed code of its newest version that has one.
- Open need: a need with status `open` of a project that takes pledges (incubating, launch_review,
  active).
- Sorts: `newest` (created first), `most_supported` (supports), `most_in_need` (open required
  needs, then all open needs), `recently_active` (the latest of the last stage change, the newest
  published comment and the newest published update), `relevance` (with a search: title matches
  first, then the search rank). Ties go to the newest, then the highest id.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased, defaultload, lazyload

from app import permissions
from app.accounts.models import User
from app.community.models import Comment, CommentStatus, PostStatus, ProjectUpdate, Support
from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview, GECode
from app.organisations.models import Organisation
from app.projects import search
from app.projects.models import NEED_STAGES, PUBLIC_STAGES, Project, ProjectEvent, Stage, project_themes
from app.reference.names import COUNTRIES
from app.resources.models import Need, NeedStatus

RELEVANCE, NEWEST, MOST_SUPPORTED, MOST_IN_NEED, RECENTLY_ACTIVE = (
    "relevance", "newest", "most_supported", "most_in_need", "recently_active",
)
SORT_NAMES = {
    RELEVANCE: _l("Best match (with a search)"),
    NEWEST: _l("Newest"),
    MOST_SUPPORTED: _l("Most supported"),
    MOST_IN_NEED: _l("Most in need"),
    RECENTLY_ACTIVE: _l("Recently active"),
}
SORTS = tuple(SORT_NAMES)
# The lists show the organisation's name, never its themes: one query less per page.
WITHOUT_ORGANISATION_THEMES = defaultload(Project.organisation).lazyload(Organisation.themes)


@dataclass
class ProjectFilters:
    """What the reader asked for. Each list holds keys already checked; several values of one filter
    match any of them, and the filters combine (all must hold)."""

    q: str = ""
    stages: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    ge_codes: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)  # slugs
    need_kinds: list[str] = field(default_factory=list)
    sort: str = ""

    @property
    def searching(self) -> bool:
        return bool(search.words(self.q))

    @property
    def chosen_sort(self) -> str:
        """The sort asked for; without one (or `relevance` without a search), relevance when searching,
        the newest first otherwise."""
        if self.sort in SORTS and (self.sort != RELEVANCE or self.searching):
            return self.sort
        return RELEVANCE if self.searching else NEWEST


@dataclass
class Listing:
    """One project of a list, with what the list shows beside it."""

    project: Project
    supports: int
    open_needs: int
    reviewed_ge_code: GECode | None
    self_ge_code: GECode | None

    @property
    def ge_code(self) -> GECode | None:
        return self.reviewed_ge_code or self.self_ge_code


@dataclass
class ProjectPage:
    """One page of results; answers what templates/_macros/pagination.html asks."""

    items: list[Listing]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.per_page), 1) if self.per_page else 1

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return min(self.page - 1, self.pages)

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int:
        return self.page + 1


# What each project row carries (correlated subqueries: computed for the rows asked for) -------------


def reviewed_ge_code():
    """The reviewer's GE code of the project's newest review (None before any review)."""
    return (
        select(AssessmentReview.ge_code)
        .join(Assessment, Assessment.id == AssessmentReview.assessment_id)
        .where(Assessment.project_id == Project.id)
        .order_by(AssessmentReview.id.desc())
        .limit(1)
        .correlate(Project)
        .scalar_subquery()
    )


def self_ge_code():
    """The self-assessed GE code of the project's newest assessment version that has one."""
    return (
        select(Assessment.ge_code)
        .where(Assessment.project_id == Project.id, Assessment.ge_code.is_not(None))
        .order_by(Assessment.id.desc())
        .limit(1)
        .correlate(Project)
        .scalar_subquery()
    )


def with_ge_codes(codes: list[str]):
    """The ids of the projects whose GE code (the reviewer's when there is one, the self-assessed one
    otherwise) is one of `codes`, as a set (grouped subqueries: the database plans them well at any size)."""
    reviewed = select(Assessment.project_id).join(AssessmentReview, AssessmentReview.assessment_id == Assessment.id)
    newest_review = (
        select(Assessment.project_id.label("project_id"), func.max(AssessmentReview.id).label("review_id"))
        .join(AssessmentReview, AssessmentReview.assessment_id == Assessment.id)
        .group_by(Assessment.project_id)
        .subquery("newest_review")
    )
    newest_own = (
        select(Assessment.project_id.label("project_id"), func.max(Assessment.id).label("assessment_id"))
        .where(Assessment.ge_code.is_not(None))
        .group_by(Assessment.project_id)
        .subquery("newest_own")
    )
    by_reviewers = (
        select(newest_review.c.project_id)
        .join(AssessmentReview, AssessmentReview.id == newest_review.c.review_id)
        .where(AssessmentReview.ge_code.in_(codes))
    )
    own = (
        select(newest_own.c.project_id)
        .join(Assessment, Assessment.id == newest_own.c.assessment_id)
        .where(Assessment.ge_code.in_(codes), newest_own.c.project_id.not_in(reviewed))
    )
    return by_reviewers.union_all(own)


def support_count():
    return (
        select(func.count()).select_from(Support).where(Support.project_id == Project.id)
        .correlate(Project).scalar_subquery()
    )


def open_need_count(required_only: bool = False):
    """Open needs of a project that takes pledges (0 in any other stage)."""
    conditions = [Need.project_id == Project.id, Need.status == NeedStatus.OPEN]
    if required_only:
        conditions.append(Need.required.is_(True))
    counted = select(func.count(Need.id)).where(*conditions).correlate(Project).scalar_subquery()
    return case((Project.stage.in_(sorted(NEED_STAGES)), counted), else_=0)


def last_activity():
    """The latest of the last stage change, the newest published comment and the newest published update."""
    changed = Project.stage_changed_at
    comment = (
        select(func.max(Comment.created_at))
        .where(Comment.project_id == Project.id, Comment.status == CommentStatus.PUBLISHED)
        .correlate(Project).scalar_subquery()
    )
    update = (
        select(func.max(ProjectUpdate.created_at))
        .where(ProjectUpdate.project_id == Project.id, ProjectUpdate.status == PostStatus.PUBLISHED)
        .correlate(Project).scalar_subquery()
    )
    latest = func.greatest if db.session.get_bind().dialect.name == "postgresql" else func.max
    return latest(changed, func.coalesce(comment, changed), func.coalesce(update, changed))


# The list -------------------------------------------------------------------------------------------


def conditions(user, filters: ProjectFilters) -> list:
    """The WHERE conditions: what `user` may view, and every filter."""
    found = [permissions.viewable_projects(user)]
    if filters.stages:
        found.append(Project.stage.in_(filters.stages))
    if filters.countries:
        found.append(Project.country_code.in_(filters.countries))
    if filters.regions:
        codes = sorted(code for code, (region, _name) in COUNTRIES.items() if region in filters.regions)
        found.append(Project.country_code.in_(codes))
    if filters.themes:
        found.append(
            Project.id.in_(select(project_themes.c.project_id).where(project_themes.c.theme_key.in_(filters.themes)))
        )
    if filters.ge_codes:
        found.append(Project.id.in_(with_ge_codes(filters.ge_codes)))
    if filters.organisations:
        found.append(
            Project.organisation_id.in_(select(Organisation.id).where(Organisation.slug.in_(filters.organisations)))
        )
    if filters.need_kinds:
        with_need = select(Need.project_id).where(Need.status == NeedStatus.OPEN, Need.kind.in_(filters.need_kinds))
        found.append(and_(Project.stage.in_(sorted(NEED_STAGES)), Project.id.in_(with_need)))
    return found


def find_projects(user, filters: ProjectFilters, page: int = 1, per_page: int = 20) -> ProjectPage:
    """One page of the projects `user` may view that match `filters`, in the order asked for."""
    hits = search.hits(filters.q)
    where = conditions(user, filters)

    count = select(func.count(Project.id)).select_from(Project)
    if hits is not None:
        count = count.join(hits, hits.c.project_id == Project.id)
    total = db.session.scalar(count.where(*where))

    supports = support_count().label("supports")
    open_needs = open_need_count().label("open_needs")
    reviewed, self_assessed = reviewed_ge_code().label("reviewed_ge_code"), self_ge_code().label("self_ge_code")
    statement = select(Project, supports, open_needs, reviewed, self_assessed)
    if hits is not None:
        statement = statement.join(hits, hits.c.project_id == Project.id)
    newest = (Project.created_at.desc(), Project.id.desc())
    order = {
        RELEVANCE: lambda: (hits.c.in_title.desc(), hits.c.score.desc(), *newest),
        NEWEST: lambda: newest,
        MOST_SUPPORTED: lambda: (supports.desc(), *newest),
        MOST_IN_NEED: lambda: (open_need_count(required_only=True).desc(), open_needs.desc(), *newest),
        RECENTLY_ACTIVE: lambda: (last_activity().desc(), Project.id.desc()),
    }[filters.chosen_sort]()
    rows = db.session.execute(
        statement.where(*where)
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .options(WITHOUT_ORGANISATION_THEMES)
    ).all()
    items = [Listing(project, supported or 0, needs or 0, code, own) for project, supported, needs, code, own in rows]
    return ProjectPage(items=items, page=page, per_page=per_page, total=total or 0)


# The home page (what an anonymous visitor may see, whoever reads it) ----------------------------------


@dataclass
class Activity:
    """Something that happened on a public project: a stage change, an update or a comment."""

    kind: str  # "stage", "update" or "comment"
    at: datetime
    project_id: int
    project_title: str
    stage: Stage | None = None
    title: str = ""  # an update's title
    author: str = ""  # a comment's author
    update_id: int | None = None
    comment_id: int | None = None


@dataclass
class ActivityGroup:
    """What happened lately on one initiative, newest first; `more` happenings left out."""

    project_id: int
    project_title: str
    items: list[Activity]
    more: int = 0


def group_by_initiative(activity: list[Activity], groups: int = 5, per_group: int = 3) -> list[ActivityGroup]:
    """The activity grouped by initiative, the initiative with the newest happening first: at most
    `groups` initiatives, each with at most `per_group` happenings (and how many more there were)."""
    found: dict[int, ActivityGroup] = {}
    for item in activity:
        group = found.setdefault(item.project_id, ActivityGroup(item.project_id, item.project_title, []))
        if len(group.items) < per_group:
            group.items.append(item)
        else:
            group.more += 1
    return list(found.values())[:groups]


def active_initiatives(limit: int = 4) -> list[Project]:
    """The projects that became active most recently (two queries: the projects, their themes)."""
    return list(
        db.session.scalars(
            select(Project)
            .where(Project.stage == Stage.ACTIVE)
            .order_by(Project.stage_changed_at.desc(), Project.id.desc())
            .limit(limit)
            .options(WITHOUT_ORGANISATION_THEMES)
        )
    )


def newest_open_needs(limit: int = 5) -> list[tuple[Need, Project]]:
    """The newest open needs of projects that take pledges, with their projects (one query)."""
    return [
        (need, project)
        for need, project in db.session.execute(
            select(Need, Project)
            .join(Project, Project.id == Need.project_id)
            .where(Need.status == NeedStatus.OPEN, Project.stage.in_(sorted(NEED_STAGES)))
            .order_by(Need.created_at.desc(), Need.id.desc())
            .limit(limit)
            .options(lazyload(Project.themes), WITHOUT_ORGANISATION_THEMES)
        )
    ]


def recent_activity(limit: int = 8) -> list[Activity]:
    """The latest public happenings, newest first (three queries): stage changes into a public stage,
    published updates and published comments (on the project or on a published update), all on
    projects that stand in a public stage now. Private notes, held or hidden posts never appear."""
    public = Project.stage.in_(sorted(PUBLIC_STAGES))
    found = [
        Activity("stage", at, pid, title, stage=stage)
        for at, stage, pid, title in db.session.execute(
            select(ProjectEvent.created_at, ProjectEvent.to_stage, Project.id, Project.title)
            .join(Project, Project.id == ProjectEvent.project_id)
            .where(public, ProjectEvent.to_stage.in_(sorted(PUBLIC_STAGES)))
            .order_by(ProjectEvent.created_at.desc(), ProjectEvent.id.desc())
            .limit(limit)
        )
    ]
    found += [
        Activity("update", at, pid, project_title, title=title, update_id=update_id)
        for update_id, title, at, pid, project_title in db.session.execute(
            select(ProjectUpdate.id, ProjectUpdate.title, ProjectUpdate.created_at, Project.id, Project.title)
            .join(Project, Project.id == ProjectUpdate.project_id)
            .where(public, ProjectUpdate.status == PostStatus.PUBLISHED)
            .order_by(ProjectUpdate.created_at.desc(), ProjectUpdate.id.desc())
            .limit(limit)
        )
    ]
    on_update = aliased(ProjectUpdate)
    found += [
        Activity("comment", at, pid, project_title, author=author or "", update_id=update_id, comment_id=comment_id)
        for comment_id, at, update_id, author, pid, project_title in db.session.execute(
            select(Comment.id, Comment.created_at, Comment.update_id, User.name, Project.id, Project.title)
            .join(Project, Project.id == Comment.project_id)
            .outerjoin(User, User.id == Comment.author_id)
            .outerjoin(on_update, on_update.id == Comment.update_id)
            .where(
                public,
                Comment.status == CommentStatus.PUBLISHED,
                or_(Comment.update_id.is_(None), on_update.status == PostStatus.PUBLISHED),
            )
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(limit)
        )
    ]
    found.sort(key=lambda a: a.at, reverse=True)
    return found[:limit]
