"""CSV exports: projects, assessments, needs, pledges, comments and consultations with children (figures
only) for reviewers and admins, and the public statistics for everyone.

Each export is streamed: rows are read in keyset pages of PAGE_SIZE (ordered by id, the next page
starts after the last id) and written out page by page, so no table is ever held in memory. The
file starts with a UTF-8 byte order mark (spreadsheet programs then show accents right); headers
are stable English keys, and stage keys, question keys, kinds, statuses and GE codes are written as
the keys of DESIGN.md, whatever the reader's language.

What the exports leave out, always: reviewers' private notes, e-mail addresses, people's names
(a pledger or a comment's author appears as `pseudonym()`, a stable code that cannot be turned back
into the account), pledge messages (only the project's partners read them), the text of comments
that are not published (held, waiting after reports, hidden, deleted) and of comments on updates
that are not published, and stage-change notes (no export carries the events). Organisation names
stay. Assessments are listed only for projects the reader may review (for reviewers: their regions,
no conflict of interest; permissions.projects_with_exportable_assessments); every export leaves out drafts.

Every text cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
line break) gets a leading apostrophe.
"""

import csv
import hashlib
import hmac
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select

from app import permissions
from app.community.models import Comment, CommentStatus, PostStatus, ProjectUpdate
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview, Phase, current_review
from app.gate.questions import QUESTIONS
from app.organisations.models import Organisation
from app.projects.discovery import reviewed_ge_code, self_ge_code, support_count
from app.projects.models import Project, project_themes
from app.reference.names import COUNTRIES
from app.reports.stats import ProjectCounts, review_scope
from app.resources import money
from app.resources.models import Need, NeedKind, Pledge, PledgeStatus
from app.voice.models import Consultation

PAGE_SIZE = 500
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CHILDREN = ("girls_0_5", "girls_6_11", "girls_12_17", "boys_0_5", "boys_6_11", "boys_12_17")
QUESTION_KEYS = tuple(dict.fromkeys(q.key for phase in Phase for q in QUESTIONS[phase]))


# Cells and lines ----------------------------------------------------------------------------------


def cell(value) -> str:
    """One value as CSV text: keys for enums, ISO 8601 for times (UTC, with Z), plain decimals,
    true/false, lists joined by semicolons, and text that cannot run as a spreadsheet formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return safe_text(";".join(str(v) for v in value))
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(header: list[str], pages: Iterator[list[list]]) -> Iterator[str]:
    """The byte order mark and the header, then one chunk of CSV text per page of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield BOM + buffer.getvalue()
    for rows in pages:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([cell(value) for value in row] for row in rows)
        yield buffer.getvalue()


def pseudonym(user_id: int | None) -> str:
    """A stable code for an account ("person-" and 12 hexadecimal digits), the same in every export
    and every file, that cannot be turned back into the account without the app's secret key."""
    if user_id is None:
        return ""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"export-person:{user_id}".encode(), hashlib.sha256).hexdigest()
    return f"person-{digest[:12]}"


def keyset_pages(statement, size: int | None = None) -> Iterator[list]:
    """The rows of `statement` (whose first column is a unique, ordered key) in pages of `size`
    (PAGE_SIZE by default): each page is one query that starts after the last key of the page before."""
    size = size or PAGE_SIZE
    key = statement.selected_columns[0]
    last = None
    while True:
        page = statement.order_by(key).limit(size)
        if last is not None:
            page = page.where(key > last)
        rows = db.session.execute(page).all()
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1][0]


def quantity(value, kind: NeedKind, unit: str) -> Decimal:
    """An exact quantity at the unit's precision (SQLite sums come back as floats)."""
    return Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-money.precision(kind, unit)))


# The exports --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    name: str
    title: object
    description: object
    header: list[str]
    pages: Callable[[object], Iterator[list[list]]]  # reader -> pages of rows


PROJECT_HEADER = [
    "id", "title", "organisation", "organisation_name", "country", "region", "stage", "stage_changed_at",
    "themes", "girls_focused", "target_groups", *CHILDREN, "start_date", "end_date", "budget_amount",
    "budget_currency", "language", "self_assessed_ge_code", "reviewer_ge_code", "supports", "created_at",
    "updated_at", "summary", "description",
]


def project_pages(reader) -> Iterator[list[list]]:
    """One line per project but drafts, with its themes (one more query per page)."""
    statement = (
        select(
            Project.id, Project.title, Organisation.slug, Organisation.name, Project.country_code, Project.stage,
            Project.stage_changed_at, Project.girls_focused, Project.target_groups,
            *(getattr(Project, key) for key in CHILDREN), Project.start_date, Project.end_date,
            Project.budget_amount, Project.budget_currency, Project.language, self_ge_code(), reviewed_ge_code(),
            support_count(), Project.created_at, Project.updated_at, Project.summary, Project.description,
        )
        .join(Organisation, Organisation.id == Project.organisation_id)
        .where(review_scope())
    )
    for rows in keyset_pages(statement):
        themes: dict[int, list[str]] = {}
        for project_id, key in db.session.execute(
            select(project_themes.c.project_id, project_themes.c.theme_key)
            .where(project_themes.c.project_id.in_([row[0] for row in rows]))
            .order_by(project_themes.c.project_id, project_themes.c.theme_key)
        ):
            themes.setdefault(project_id, []).append(key)
        yield [
            [
                row.id, row.title, row.slug, row.name, row.country_code,
                COUNTRIES[row.country_code][0] if row.country_code in COUNTRIES else "", row.stage,
                row.stage_changed_at, themes.get(row.id, []), row.girls_focused, row.target_groups or [],
                *row[9:],
            ]
            for row in rows
        ]


ASSESSMENT_HEADER = [
    "id", "project_id", "phase", "version", "self_assessed_ge_code", "justification", "created_at",
    "submitted_at", "verdict", "reviewer_ge_code", "review_comment", "reviewed_at", *QUESTION_KEYS,
]


def assessment_pages(reader) -> Iterator[list[list]]:
    """One line per assessment version, its review and its answers (one column per question key), for
    the projects but drafts whose private side the reader may see."""
    statement = (
        select(
            Assessment.id, Assessment.project_id, Assessment.phase, Assessment.version, Assessment.ge_code,
            Assessment.justification, Assessment.created_at, Assessment.submitted_at, AssessmentReview.verdict,
            AssessmentReview.ge_code, AssessmentReview.comment, AssessmentReview.created_at, Assessment.answers,
        )
        .join(Project, Project.id == Assessment.project_id)
        .outerjoin(AssessmentReview, and_(AssessmentReview.assessment_id == Assessment.id, current_review()))
        .where(review_scope(), permissions.projects_with_exportable_assessments(reader))
    )
    for rows in keyset_pages(statement):
        yield [[*row[:-1], *(_answer((row[-1] or {}).get(key)) for key in QUESTION_KEYS)] for row in rows]


NEED_HEADER = [
    "id", "project_id", "organisation", "kind", "title", "description", "unit", "quantity", "required",
    "status", "created_at", "closed_at", "pledged", "accepted", "fulfilled", "standing_pledges",
]


def need_pages(reader) -> Iterator[list[list]]:
    """One line per need of a project but drafts, with the sums of its pledges by status (waiting for a
    decision, accepted, fulfilled) and how many pledges stand (one more query per page)."""
    statement = (
        select(
            Need.id, Need.project_id, Organisation.slug, Need.kind, Need.title, Need.description, Need.unit,
            Need.quantity, Need.required, Need.status, Need.created_at, Need.closed_at,
        )
        .join(Project, Project.id == Need.project_id)
        .join(Organisation, Organisation.id == Project.organisation_id)
        .where(review_scope())
    )
    statuses = (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED)
    for rows in keyset_pages(statement):
        sums: dict[tuple[int, str], tuple] = {}
        for need_id, status, amount, count in db.session.execute(
            select(Pledge.need_id, Pledge.status, func.sum(Pledge.quantity), func.count(Pledge.id))
            .where(Pledge.need_id.in_([row.id for row in rows]), Pledge.status.in_(statuses))
            .group_by(Pledge.need_id, Pledge.status)
        ):
            sums[(need_id, PledgeStatus(status))] = (amount, count)
        lines = []
        for row in rows:
            kind = NeedKind(row.kind)
            found = [sums.get((row.id, status), (0, 0)) for status in statuses]
            lines.append([
                *row[:7], quantity(row.quantity, kind, row.unit), *row[8:],
                *(quantity(amount, kind, row.unit) for amount, _count in found),
                sum(count for _amount, count in found),
            ])
        yield lines


PLEDGE_HEADER = [
    "id", "need_id", "project_id", "kind", "unit", "quantity", "status", "pledger", "organisation",
    "organisation_name", "from_offer", "created_at", "updated_at",
]


def pledge_pages(reader) -> Iterator[list[list]]:
    """One line per pledge to a project but drafts: the pledger as a pseudonym, the organisation it was
    made on behalf of by name, never its message."""
    statement = (
        select(
            Pledge.id, Pledge.need_id, Pledge.project_id, Need.kind, Need.unit, Pledge.quantity, Pledge.status,
            Pledge.pledger_id, Organisation.slug, Organisation.name, Pledge.offer_id, Pledge.created_at,
            Pledge.updated_at,
        )
        .join(Need, Need.id == Pledge.need_id)
        .join(Project, Project.id == Pledge.project_id)
        .outerjoin(Organisation, Organisation.id == Pledge.organisation_id)
        .where(review_scope())
    )
    for rows in keyset_pages(statement):
        yield [
            [
                *row[:5], quantity(row.quantity, NeedKind(row.kind), row.unit), row.status,
                pseudonym(row.pledger_id), row.slug, row.name, row.offer_id is not None, row.created_at,
                row.updated_at,
            ]
            for row in rows
        ]


COMMENT_HEADER = [
    "id", "project_id", "update_id", "parent_id", "depth", "author", "status", "flag_count", "created_at",
    "edited_at", "body",
]


def comment_pages(reader) -> Iterator[list[list]]:
    """One line per comment on a project but drafts: the author as a pseudonym, the text only when the
    comment is published (and so is the update it answers)."""
    readable = and_(
        Comment.status == CommentStatus.PUBLISHED,
        or_(Comment.update_id.is_(None), ProjectUpdate.status == PostStatus.PUBLISHED),
    )
    statement = (
        select(
            Comment.id, Comment.project_id, Comment.update_id, Comment.parent_id, Comment.depth, Comment.author_id,
            Comment.status, Comment.flag_count, Comment.created_at, Comment.edited_at,
            case((readable, Comment.body), else_=""),
        )
        .join(Project, Project.id == Comment.project_id)
        .outerjoin(ProjectUpdate, ProjectUpdate.id == Comment.update_id)
        .where(review_scope())
    )
    for rows in keyset_pages(statement):
        yield [[*row[:5], pseudonym(row.author_id), *row[6:]] for row in rows]


CONSULTATION_HEADER = [
    "id", "project_id", "organisation", "country", "stage", "held_on", "setting", "method", *CHILDREN,
    "children_total", "consent_confirmed", "answered_back", "answered_on",
]


def consultation_pages(reader) -> Iterator[list[list]]:
    """One line per consultation with children on a project but drafts: figures and keys only, never what
    the children said nor the answer back (words that could let someone recognise a child), nor who
    recorded it."""
    statement = (
        select(
            Consultation.id, Consultation.project_id, Organisation.slug, Project.country_code, Project.stage,
            Consultation.held_on, Consultation.setting, Consultation.method,
            *(getattr(Consultation, key) for key in CHILDREN), Consultation.consent_confirmed,
            Consultation.answer_back.is_not(None), Consultation.answered_on,
        )
        .join(Project, Project.id == Consultation.project_id)
        .join(Organisation, Organisation.id == Consultation.organisation_id)
        .where(review_scope())
    )
    for rows in keyset_pages(statement):
        yield [[*row[:8], *row[8:14], sum(row[8:14]), *row[14:]] for row in rows]


EXPORTS = {
    export.name: export
    for export in (
        Export(
            "projects", _l("Initiatives"),
            _l("One line per initiative, with its themes, children to reach, budget, gender-equality codes "
               "and number of supports."),
            PROJECT_HEADER, project_pages,
        ),
        Export(
            "assessments", _l("Gender-equality assessments"),
            _l("One line per version of each assessment, with its review and one column per question; only "
               "the initiatives you may review."),
            ASSESSMENT_HEADER, assessment_pages,
        ),
        Export(
            "needs", _l("Needs"),
            _l("One line per need, with the sums of its pledges: waiting for a decision, accepted, fulfilled."),
            NEED_HEADER, need_pages,
        ),
        Export(
            "pledges", _l("Pledges"),
            _l("One line per pledge, with the organisation it was made for; the person appears as a code."),
            PLEDGE_HEADER, pledge_pages,
        ),
        Export(
            "comments", _l("Comments"),
            _l("One line per comment; the author appears as a code, and only published comments keep their text."),
            COMMENT_HEADER, comment_pages,
        ),
        Export(
            "consultations", _l("Consultations with children"),
            _l("One line per consultation, with the children who took part by sex and age and whether they had "
               "their answer back: figures only, never the children's words."),
            CONSULTATION_HEADER, consultation_pages,
        ),
    )
}


def _answer(value):
    return "" if value is None else value


# Public statistics --------------------------------------------------------------------------------

STATS_HEADER = ["figure", "key", "count"]


def stats_lines(counts: ProjectCounts) -> Iterator[str]:
    """The public figures as CSV: one line per figure and key (stage, country or region key)."""
    rows = [["projects_total", "", counts.total]]
    rows += [["projects_by_stage", stage, count] for stage, count in counts.by_stage.items()]
    rows += [["projects_by_region", region, count] for region, count in counts.by_region.items()]
    rows += [["projects_by_country", country, count] for country, count in counts.by_country.items()]
    return csv_lines(STATS_HEADER, iter([rows]))


def stream(name: str, reader) -> Iterator[str]:
    """The lines of export `name` for `reader`. Refuses NotPermitted unless permissions.can_export;
    KeyError for an unknown export."""
    export = EXPORTS[name]
    if not permissions.can_export(reader):
        raise NotPermitted(_("Only reviewers and admins may download exports."))
    return csv_lines(export.header, export.pages(reader))
