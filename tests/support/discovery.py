"""Helpers for the tests of the project list, search, home page and directory: rows in bulk, query counts.

Rows go in through multi-row INSERTs on the test's connection, below the ORM (whose stage guards
refuse a new project past draft): thousands of projects in a second, each one a row the app could
have written. The search index follows them through its triggers like any other insert.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert

from app.community.models import Comment, ProjectUpdate, Support
from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview
from app.projects.models import Project, ProjectEvent, project_themes
from app.resources.models import Need

BASE_TIME = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def project_row(org_id: int, n: int, **fields) -> dict:
    """A project row; `n` orders the creation times (a higher n is newer)."""
    created = fields.pop("created_at", BASE_TIME + timedelta(minutes=n))
    row = {
        "organisation_id": org_id,
        "title": f"Initiative number {n}",
        "summary": "Children's clubs meet every week.",
        "description": "",
        "description_html": "",
        "country_code": "SN",
        "language": "en",
        "target_groups": [],
        "girls_focused": False,
        "stage": "active",
        "stage_changed_at": created,
        "version": 1,
        "created_at": created,
        "updated_at": created,
    }
    row.update(fields)
    return row


def insert_rows(table, rows: list[dict], returning=None) -> list:
    """Insert `rows` in one statement on the current session's connection; the new ids with `returning`."""
    if not rows:
        return []
    connection = db.session.connection()
    if returning is None:
        connection.execute(insert(table), rows)
        return []
    result = connection.execute(insert(table).returning(returning, sort_by_parameter_order=True), rows)
    return list(result.scalars())


def bulk_projects(org_id: int, count: int, start: int = 0, themes=("child_protection",), **fields) -> list[int]:
    """`count` projects of one organisation (ids returned, oldest first), with their themes."""
    table = Project.__table__
    ids = insert_rows(table, [project_row(org_id, start + i, **fields) for i in range(count)], table.c.id)
    insert_rows(project_themes, [{"project_id": pid, "theme_key": key} for pid in ids for key in themes])
    return ids


def bulk_activity(project_ids: list[int], user_ids: list[int]) -> None:
    """Supports, open needs, a stage event, a published update, a published comment and a reviewed
    assessment for each project: every aggregate the lists compute has rows to count."""
    now = BASE_TIME + timedelta(days=30)
    insert_rows(
        Support.__table__,
        [{"user_id": uid, "project_id": pid, "created_at": now} for pid in project_ids for uid in user_ids],
    )
    insert_rows(
        Need.__table__,
        [
            {"project_id": pid, "kind": "funding", "title": "School fees", "description": "",
             "quantity": Decimal("1500"), "unit": "XOF", "required": True, "status": "open",
             "created_at": now, "updated_at": now}
            for pid in project_ids
        ],
    )
    insert_rows(
        ProjectEvent.__table__,
        [{"project_id": pid, "created_at": now, "from_stage": "launch_review", "to_stage": "active", "note": ""}
         for pid in project_ids],
    )
    insert_rows(
        ProjectUpdate.__table__,
        [{"project_id": pid, "title": "News", "body": "Clubs met.", "body_html": "<p>Clubs met.</p>",
          "status": "published", "created_at": now} for pid in project_ids],
    )
    insert_rows(
        Comment.__table__,
        [{"project_id": pid, "author_id": user_ids[0], "depth": 1, "body": "Well done.",
          "body_html": "<p>Well done.</p>", "status": "published", "moderation_reason": "", "flag_count": 0,
          "created_at": now} for pid in project_ids],
    )
    table = Assessment.__table__
    assessment_ids = insert_rows(
        table,
        [{"project_id": pid, "phase": "design", "version": 1, "answers": {}, "ge_code": "GE-1",
          "justification": "", "created_at": now, "updated_at": now, "submitted_at": now} for pid in project_ids],
        table.c.id,
    )
    insert_rows(
        AssessmentReview.__table__,
        [{"assessment_id": aid, "verdict": "satisfactory", "ge_code": "GE-2", "comment": "", "created_at": now}
         for aid in assessment_ids],
    )
