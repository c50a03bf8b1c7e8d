"""API: a project's gender-equality assessments and their reviews.

Who sees them: assessments belong to the private side of a project. Their
versions, answers and the reviewers' comments are shown to the organisation's
members, the reviewers who may review the project and admins
(permissions.can_see_private_side), whatever the stage; everyone else gets 404,
as for a project they may not view. The public learns the outcome through the
project's `ge_code` (the reviewer's code of its latest reviewed version) and its
stage, not the answers, which can describe risks to identifiable children.
"""

from flask import g
from flask_babel import gettext as _

from app import permissions
from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.payload import Reader, json_object
from app.api.projects import iso, project_or_404
from app.api.refusals import not_found
from app.core.errors import NotPermitted
from app.gate import assessments
from app.gate.models import Assessment, AssessmentReview, Phase


def phase_or_404(key: str) -> Phase:
    try:
        return Phase(key)
    except ValueError:
        raise not_found() from None


def review_json(review: AssessmentReview) -> dict:
    return {
        "verdict": review.verdict.value,
        "ge_code": review.ge_code.value,
        "comment": review.comment,
        "question_comments": dict(review.question_comments or {}),
        "reviewer": {"name": review.reviewer.name if review.reviewer else None},
        "created_at": iso(review.created_at),
    }


def assessment_json(assessment: Assessment) -> dict:
    progress = assessments.progress(assessment, assessment.phase)
    return {
        "id": assessment.id,
        "phase": assessment.phase.value,
        "version": assessment.version,
        "answers": dict(assessment.answers),
        "ge_code": assessment.ge_code.value if assessment.ge_code else None,
        "justification": assessment.justification,
        "created_at": iso(assessment.created_at),
        "updated_at": iso(assessment.updated_at),
        "submitted_at": iso(assessment.submitted_at),
        "under_review": assessments.is_under_review(assessment),
        "frozen": assessment.is_frozen,
        "review": review_json(assessment.review) if assessment.review else None,
        "completeness": {
            "answered": progress.answered,
            "required": progress.required,
            "problems": [str(p) for p in assessments.problems(assessment, assessment.phase)],
        },
    }


@bp.get("/projects/<int:project_id>/assessments")
def list_assessments(project_id: int):
    """Every version of every phase, oldest first: the private side only (see the module's docstring)."""
    project = project_or_404(project_id)
    if not permissions.can_see_private_side(g.api_user, project):
        raise not_found()
    return {"items": [assessment_json(a) for a in assessments.all_versions(project)]}


@bp.put("/projects/<int:project_id>/assessments/<phase_key>")
@token_required
def save_assessment(project_id: int, phase_key: str):
    """Save answers, partially or completely, to the version the partner may write to.

    `answers` are merged into the version: a key left out keeps its answer, a key sent
    as null or "" clears it. `ge_code` and `justification` left out keep their value;
    null clears them. Answers to a reviewed (frozen) or submitted version go to a new version.
    """
    project = project_or_404(project_id)
    phase = phase_or_404(phase_key)
    if not permissions.is_partner_of(g.api_user, project.organisation):
        raise NotPermitted(_("Only partners of the project's organisation can fill in its assessment."))
    reader = Reader(json_object(), allowed=("answers", "ge_code", "justification"))
    answers = reader.mapping("answers")
    ge_code = reader.text("ge_code", default=None, nullable=True)
    justification = reader.text("justification", default=None, nullable=True)
    reader.done()
    if reader.has("ge_code") and ge_code is None:
        ge_code = ""
    if reader.has("justification") and justification is None:
        justification = ""
    saved = assessments.save_assessment(project, phase, g.api_user, answers, ge_code, justification)
    return assessment_json(saved)


@bp.post("/projects/<int:project_id>/assessments/<phase_key>/review")
@token_required
def review_assessment(project_id: int, phase_key: str):
    """Validate the version waiting for review, or replace one's own validation that no decision has used
    yet: `{verdict, ge_code, comment, question_comments}` (the last optional: {question key: comment});
    201 with the review (the one in force)."""
    project = project_or_404(project_id)
    phase = phase_or_404(phase_key)
    if not permissions.can_review_project(g.api_user, project):
        raise NotPermitted(_("You cannot review this project."))
    reader = Reader(json_object(), allowed=("verdict", "ge_code", "comment", "question_comments"))
    verdict = reader.text("verdict", required=True)
    ge_code = reader.text("ge_code", required=True)
    comment = reader.text("comment", required=True)
    on_questions = reader.mapping("question_comments")
    reader.done()
    review = assessments.review_assessment(
        project, phase, g.api_user, verdict, ge_code, comment, question_comments=on_questions
    )
    return {"phase": phase.value, "version": review.assessment.version, **review_json(review)}, 201
