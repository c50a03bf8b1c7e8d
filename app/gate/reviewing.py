"""The reviewers' side: the review queue, what changed between assessment versions, private notes."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.core.errors import FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.text import is_blank, text_problem
from app.gate import assessments
from app.gate.models import Assessment, Phase
from app.gate.questions import QUESTIONS
from app.projects.models import REVIEW_STAGES, Project, ReviewerNote

NOTE_MAX = 5000

CHANGED, NEW, UNCHANGED = "changed", "new", "unchanged"


class NoteInvalid(FieldsInvalid):
    """The note is empty or too long; `errors` maps the field to its message."""

    summary = _l("The note needs correcting.")


def review_queue(user: User, limit: int | None = None) -> list[Project]:
    """The projects waiting for a reviewer's decision that `user` may review, oldest first (the
    first `limit` of them when it is given).

    The same rule as permissions.can_review_project, in one query: empty for anyone
    who is neither a reviewer nor an admin.
    """
    return list(
        db.session.scalars(
            select(Project)
            .where(Project.stage.in_(REVIEW_STAGES), permissions.reviewable_projects(user))
            .order_by(Project.stage_changed_at, Project.id)
            .limit(limit)
        )
    )


def versions_by_phase(project: Project) -> dict[Phase, list[Assessment]]:
    """Every assessment version of `project`, grouped by phase, oldest first (one query)."""
    grouped: dict[Phase, list[Assessment]] = {}
    for version in assessments.all_versions(project):
        grouped.setdefault(version.phase, []).append(version)
    return grouped


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and is_blank(value))


def _change(before, after) -> str:
    if _blank(before):
        return UNCHANGED if _blank(after) else NEW
    return UNCHANGED if before == after else CHANGED


def answer_changes(phase: Phase, current: Assessment, previous: Assessment | None) -> dict[str, str]:
    """For each question of `phase`, and for the self-assessed code and its justification: NEW (no
    answer in the previous version), CHANGED or UNCHANGED. Empty when there is no previous version."""
    if previous is None:
        return {}
    changes = {
        q.key: _change(previous.answers.get(q.key), current.answers.get(q.key)) for q in QUESTIONS[phase]
    }
    changes["ge_code"] = _change(previous.ge_code, current.ge_code)
    changes["justification"] = _change(previous.justification, current.justification)
    return changes


def reviewer_notes(project: Project, user: User) -> list[ReviewerNote]:
    """The private notes on `project`, oldest first. Refuses (NotPermitted) anyone who may not see
    them: the organisation above all (permissions.can_see_reviewer_notes)."""
    if not permissions.can_see_reviewer_notes(user, project):
        raise NotPermitted(_("Only reviewers and admins can read the reviewers' notes."))
    return list(
        db.session.scalars(
            select(ReviewerNote)
            .where(ReviewerNote.project_id == project.id)
            .order_by(ReviewerNote.created_at, ReviewerNote.id)
        )
    )


def add_reviewer_note(project: Project, author: User, body: str) -> ReviewerNote:
    """Add a private note. Refuses (NotPermitted) anyone who may not see reviewer notes, and
    (NoteInvalid) an empty note or one longer than 5,000 characters."""
    if not permissions.can_see_reviewer_notes(author, project):
        raise NotPermitted(_("Only reviewers and admins can write the reviewers' notes."))
    text = (body or "").strip()
    if is_blank(text):
        raise NoteInvalid({"body": _("Write the note.")})
    if len(text) > NOTE_MAX:
        raise NoteInvalid({"body": _("The note is too long (at most %(max)d characters).", max=NOTE_MAX)})
    if problem := text_problem(text, NOTE_MAX, multiline=True):
        raise NoteInvalid({"body": problem})
    note = ReviewerNote(project_id=project.id, author_id=author.id, body=text)
    db.session.add(note)
    db.session.flush()
    return note
