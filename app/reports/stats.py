"""Figures for the dashboards, the statistics CSV and GET /api/v1/stats.

Every figure is counted in the database with grouped queries, so the number of queries never grows
with the number of projects: the public figures take one query, the reviewers' figures six (the
public figures among them).

Two scopes, each what its readers may view:

- public (`public_figures`): projects standing in a public stage (PUBLIC_STAGES), the
  projects anyone may view.
- review (`review_figures`, for permissions.can_see_review_stats): every project except drafts, the
  projects every reviewer may view (drafts are seen by their organisation and admins only).

Definitions:

- GE code of a project: the reviewer's code of its newest assessment review (as on the project list);
  projects no reviewer has validated yet are counted apart.
- Waiting in review: projects standing now in submitted, launch_review or completion_review, for the
  days since their last stage change. A finished review runs from the event that entered a review
  stage to the project's next event.
- Resources: per kind and unit (each currency apart, never added together): the needs, what they ask
  for, what the standing pledges (pledged, accepted or fulfilled) promise and what was fulfilled.
- Participation: published comments, supports, follows and pledges (any status); active people are
  the different accounts that commented, supported, followed or pledged in the last ACTIVE_DAYS days.
"""

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func, select, union_all

from app.community.models import Comment, CommentStatus, Follow, Support
from app.core.columns import UTCDateTime, utcnow
from app.core.extensions import db
from app.gate.models import GECode
from app.projects import models as stage_sets
from app.projects.discovery import reviewed_ge_code
from app.projects.models import PUBLIC_STAGES, Project, ProjectEvent, Stage
from app.reference.names import COUNTRIES, REGIONS
from app.resources import money
from app.resources.models import Need, NeedKind, Pledge, PledgeStatus
from app.resources.progress import LIVE_STATUSES

ACTIVE_DAYS = 90
DAY_SECONDS = 86_400
# The stage sets of app.projects.models, in the order of the stages, for the figures' rows.
REVIEW_SCOPE_STAGES = tuple(s for s in Stage if s != Stage.DRAFT)
PUBLIC_SCOPE_STAGES = tuple(s for s in Stage if s in PUBLIC_STAGES)
REVIEW_STAGES = tuple(s for s in Stage if s in stage_sets.REVIEW_STAGES)


def review_scope():
    """The projects the reviewers' figures and the exports count: every stage but draft."""
    return Project.stage != Stage.DRAFT


@dataclass
class ProjectCounts:
    """How many projects, by stage, country and region (zeros included), and how many girls-focused."""

    stages: tuple[Stage, ...]
    by_stage: dict[Stage, int] = field(default_factory=dict)
    by_country: dict[str, int] = field(default_factory=dict)
    by_region: dict[str, int] = field(default_factory=dict)
    girls_focused: int = 0

    def __post_init__(self):
        self.by_stage = dict.fromkeys(self.stages, 0) | self.by_stage
        self.by_country = dict.fromkeys(COUNTRIES, 0) | self.by_country
        self.by_region = dict.fromkeys(REGIONS, 0) | self.by_region

    @property
    def total(self) -> int:
        return sum(self.by_stage.values())

    @property
    def girls_focused_share(self) -> float | None:
        """The girls-focused projects as a fraction of all (None when there is no project)."""
        return self.girls_focused / self.total if self.total else None

    def add(self, stage: Stage, country: str, girls_focused: bool, count: int) -> None:
        self.by_stage[stage] = self.by_stage.get(stage, 0) + count
        self.by_country[country] = self.by_country.get(country, 0) + count
        region = COUNTRIES[country][0] if country in COUNTRIES else country
        self.by_region[region] = self.by_region.get(region, 0) + count
        if girls_focused:
            self.girls_focused += count


@dataclass
class WaitingStage:
    """One review stage: the projects waiting in it now, and the reviews of it that are over."""

    stage: Stage
    waiting: int = 0
    median_days: float | None = None
    longest_days: float | None = None
    finished: int = 0
    finished_median_days: float | None = None


@dataclass
class ResourceLine:
    """Needs of one kind and unit (a currency for funding, hours for volunteer time)."""

    kind: NeedKind
    unit: str
    needs: int
    target: Decimal
    pledged: Decimal
    fulfilled: Decimal
    pledges: int

    @property
    def fulfilled_share(self) -> float:
        """What was fulfilled, as a fraction of what the needs ask for."""
        return float(self.fulfilled / self.target) if self.target else 0.0

    @property
    def pledged_share(self) -> float:
        return float(self.pledged / self.target) if self.target else 0.0


@dataclass
class Participation:
    comments: int
    supports: int
    follows: int
    pledges: int
    active_people: int
    active_days: int = ACTIVE_DAYS


@dataclass
class ReviewFigures:
    public: ProjectCounts  # the public figures, counted by the same query
    projects: ProjectCounts
    ge_codes: dict[GECode, int]
    not_reviewed: int
    review_times: list[WaitingStage]
    finished_reviews: int
    finished_median_days: float | None
    resources: list[ResourceLine]
    participation: Participation


# Public -------------------------------------------------------------------------------------------


def public_figures() -> ProjectCounts:
    """Projects standing in a public stage, by stage, country and region (one query)."""
    return _project_counts(PUBLIC_SCOPE_STAGES)[0]


# Reviewers and admins -----------------------------------------------------------------------------


def review_figures(now: datetime | None = None) -> ReviewFigures:
    """Every figure of the reviewers' dashboard over every project but drafts, and the public figures
    (six queries)."""
    now = now or utcnow()
    public, projects = _project_counts(PUBLIC_SCOPE_STAGES, REVIEW_SCOPE_STAGES)
    ge_codes, not_reviewed = _ge_codes()
    times, finished, finished_median = _review_times(now)
    return ReviewFigures(
        public=public,
        projects=projects,
        ge_codes=ge_codes,
        not_reviewed=not_reviewed,
        review_times=times,
        finished_reviews=finished,
        finished_median_days=finished_median,
        resources=_resources(),
        participation=_participation(now),
    )


def _project_counts(*scopes: tuple[Stage, ...]) -> list[ProjectCounts]:
    """The counts of each scope (a tuple of stages), all from one grouped query."""
    answers = [ProjectCounts(stages=stages) for stages in scopes]
    rows = db.session.execute(
        select(Project.stage, Project.country_code, Project.girls_focused, func.count(Project.id))
        .where(Project.stage.in_(sorted(set().union(*scopes))))
        .group_by(Project.stage, Project.country_code, Project.girls_focused)
    )
    for stage, country, girls_focused, count in rows:
        for counts in answers:
            if Stage(stage) in counts.stages:
                counts.add(Stage(stage), country, bool(girls_focused), count)
    return answers


def _ge_codes() -> tuple[dict[GECode, int], int]:
    """Projects by the reviewer's code of their newest review, and how many have no review yet."""
    per_project = select(Project.id, reviewed_ge_code().label("code")).where(review_scope()).subquery()
    rows = db.session.execute(
        select(per_project.c.code, func.count(per_project.c.id)).group_by(per_project.c.code)
    )
    codes = dict.fromkeys(GECode, 0)
    not_reviewed = 0
    for code, count in rows:
        if code is None:
            not_reviewed += count
        else:
            codes[GECode(code)] += count
    return codes, not_reviewed


def _review_times(now: datetime) -> tuple[list[WaitingStage], int, float | None]:
    """Per review stage, the projects waiting now and the reviews that are over (two queries)."""
    waiting: dict[Stage, list[float]] = {stage: [] for stage in REVIEW_STAGES}
    for stage, since in db.session.execute(
        select(Project.stage, Project.stage_changed_at).where(Project.stage.in_(REVIEW_STAGES))
    ):
        waiting[Stage(stage)].append(_days(now - since))

    left_at = func.lead(ProjectEvent.created_at, type_=UTCDateTime()).over(
        partition_by=ProjectEvent.project_id, order_by=ProjectEvent.id
    )
    spans = (
        select(ProjectEvent.to_stage.label("stage"), ProjectEvent.created_at.label("entered"), left_at.label("left"))
        .join(Project, Project.id == ProjectEvent.project_id)
        .where(review_scope())
        .subquery()
    )
    finished: dict[Stage, list[float]] = {stage: [] for stage in REVIEW_STAGES}
    for stage, entered, left in db.session.execute(
        select(spans.c.stage, spans.c.entered, spans.c.left).where(
            spans.c.stage.in_(REVIEW_STAGES), spans.c.left.is_not(None)
        )
    ):
        finished[Stage(stage)].append(_days(left - entered))

    lines = [
        WaitingStage(
            stage=stage,
            waiting=len(waiting[stage]),
            median_days=_median(waiting[stage]),
            longest_days=max(waiting[stage]) if waiting[stage] else None,
            finished=len(finished[stage]),
            finished_median_days=_median(finished[stage]),
        )
        for stage in REVIEW_STAGES
    ]
    every_finished = [days for spans_of_stage in finished.values() for days in spans_of_stage]
    return lines, len(every_finished), _median(every_finished)


def _resources() -> list[ResourceLine]:
    """Needs per (kind, unit) with what the pledges promise and what was fulfilled (one query)."""
    pledged = case((Pledge.status.in_(LIVE_STATUSES), Pledge.quantity), else_=0)
    fulfilled = case((Pledge.status == PledgeStatus.FULFILLED, Pledge.quantity), else_=0)
    standing = case((Pledge.status.in_(LIVE_STATUSES), 1), else_=0)
    per_need = (
        select(
            Pledge.need_id,
            func.sum(pledged).label("pledged"),
            func.sum(fulfilled).label("fulfilled"),
            func.sum(standing).label("pledges"),
        )
        .group_by(Pledge.need_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Need.kind,
            Need.unit,
            func.count(Need.id),
            func.sum(Need.quantity),
            func.sum(func.coalesce(per_need.c.pledged, 0)),
            func.sum(func.coalesce(per_need.c.fulfilled, 0)),
            func.sum(func.coalesce(per_need.c.pledges, 0)),
        )
        .join(Project, Project.id == Need.project_id)
        .outerjoin(per_need, per_need.c.need_id == Need.id)
        .where(review_scope())
        .group_by(Need.kind, Need.unit)
    )
    lines = []
    for kind, unit, needs, target, promised, done, pledges in rows:
        kind = NeedKind(kind)
        lines.append(
            ResourceLine(
                kind=kind,
                unit=unit,
                needs=needs,
                target=_amount(target, kind, unit),
                pledged=_amount(promised, kind, unit),
                fulfilled=_amount(done, kind, unit),
                pledges=int(pledges or 0),
            )
        )
    order = list(NeedKind)
    return sorted(lines, key=lambda line: (order.index(line.kind), line.unit))


def _participation(now: datetime) -> Participation:
    """Counts of comments, supports, follows, pledges and active people in one query."""
    in_scope = select(Project.id).where(review_scope())
    since = now - timedelta(days=ACTIVE_DAYS)

    def count(column, *conditions):
        return select(func.count(column)).where(*conditions).scalar_subquery()

    people = union_all(
        select(Comment.author_id.label("person")).where(
            Comment.project_id.in_(in_scope), Comment.created_at >= since, Comment.author_id.is_not(None)
        ),
        select(Support.user_id).where(Support.project_id.in_(in_scope), Support.created_at >= since),
        select(Follow.user_id).where(Follow.project_id.in_(in_scope), Follow.created_at >= since),
        select(Pledge.pledger_id).where(
            Pledge.project_id.in_(in_scope), Pledge.created_at >= since, Pledge.pledger_id.is_not(None)
        ),
    ).subquery()
    row = db.session.execute(
        select(
            count(Comment.id, Comment.project_id.in_(in_scope), Comment.status == CommentStatus.PUBLISHED),
            count(Support.user_id, Support.project_id.in_(in_scope)),
            count(Follow.user_id, Follow.project_id.in_(in_scope)),
            count(Pledge.id, Pledge.project_id.in_(in_scope)),
            select(func.count(func.distinct(people.c.person))).scalar_subquery(),
        )
    ).one()
    return Participation(*(int(value or 0) for value in row))


def _days(delta: timedelta) -> float:
    return max(delta.total_seconds(), 0) / DAY_SECONDS


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _amount(value, kind: NeedKind, unit: str) -> Decimal:
    """A sum from the database as an exact Decimal at the unit's precision (SQLite sums as floats)."""
    places = money.precision(kind, unit)
    return Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-places))
