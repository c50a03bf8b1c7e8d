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
from app.api.body import read_body
from app.api.projects import project_or_404
from app.api.refusals import not_found
from app.api.schemas.gate import (
    Assessment,
    AssessmentList,
    AssessmentSave,
    Review,
    ReviewCreated,
    ReviewRequest,
)
from app.api.spec import TOKEN, operation
from app.core.errors import NotPermitted
from app.gate import assessments
from app.gate.models import Assessment as AssessmentRow
from app.gate.models import AssessmentReview, Phase


def phase_or_404(key: str) -> Phase:
    try:
        return Phase(key)
    except ValueError:
        raise not_found() from None


def review_fields(review: AssessmentReview) -> dict:
    return {
        "verdict": review.verdict.value,
        "ge_code": review.ge_code.value,
        "comment": review.comment,
        "question_comments": dict(review.question_comments or {}),
        "reviewer": {"name": review.reviewer.name if review.reviewer else None},
        "created_at": review.created_at,
    }


def assessment_answer(assessment: AssessmentRow) -> Assessment:
    progress = assessments.progress(assessment, assessment.phase)
    return Assessment(
        id=assessment.id,
        phase=assessment.phase.value,
        version=assessment.version,
        answers=dict(assessment.answers),
        ge_code=assessment.ge_code.value if assessment.ge_code else None,
        justification=assessment.justification,
        created_at=assessment.created_at,
        updated_at=assessment.updated_at,
        submitted_at=assessment.submitted_at,
        under_review=assessments.is_under_review(assessment),
        frozen=assessment.is_frozen,
        review=Review(**review_fields(assessment.review)) if assessment.review else None,
        completeness={
            "answered": progress.answered,
            "required": progress.required,
            "problems": [str(p) for p in assessments.problems(assessment, assessment.phase)],
        },
    )


WRITES = {403: ["forbidden"], 404: ["not_found"], 409: ["locked", "conflict"]}


@bp.get("/projects/<int:project_id>/assessments")
@operation("assessments", ok={200: (AssessmentList, "Every version of every phase, oldest first.")},
           errors={404: ["not_found"]})
def list_assessments(project_id: int):
    """Every version of the project's assessments

    The private side of a project only (its organisation, its reviewers, admins): 404 for everyone else.
    """
    project = project_or_404(project_id)
    if not permissions.can_see_private_side(g.api_user, project):
        raise not_found()
    return AssessmentList(items=[assessment_answer(a) for a in assessments.all_versions(project)])


@bp.put("/projects/<int:project_id>/assessments/<phase_key>")
@operation("assessments", ok={200: (Assessment, "The version written to.")}, body=AssessmentSave, errors=WRITES,
           access=TOKEN)
@token_required
def save_assessment(project_id: int, phase_key: str):
    """Save answers to a phase's assessment

    For partners of the project's organisation. `answers` are merged into the version: a key left out
    keeps its answer, a key sent as null or "" clears it. `ge_code` and `justification` left out keep
    their value; null clears them. Answers to a reviewed (frozen) or submitted version go to a new
    version. A version under review, or a phase not filled in at this stage, is 409 `locked`.
    """
    project = project_or_404(project_id)
    phase = phase_or_404(phase_key)
    if not permissions.is_partner_of(g.api_user, project.organisation):
        raise NotPermitted(_("Only partners of the project's organisation can fill in its assessment."))
    sent = read_body(AssessmentSave)
    sent_fields = sent.model_fields_set
    ge_code = sent.ge_code if "ge_code" not in sent_fields else (sent.ge_code or "")
    justification = sent.justification if "justification" not in sent_fields else (sent.justification or "")
    saved = assessments.save_assessment(project, phase, g.api_user, sent.answers, ge_code, justification)
    return assessment_answer(saved)


@bp.post("/projects/<int:project_id>/assessments/<phase_key>/review")
@operation("assessments", ok={201: (ReviewCreated, "The review.")}, body=ReviewRequest, errors=WRITES,
           access=TOKEN)
@token_required
def review_assessment(project_id: int, phase_key: str):
    """Validate the version waiting for review

    For the reviewers of the project's region and admins, never someone with a conflict of interest (who
    belongs to the organisation, belonged to it when the project was submitted, or created, submitted
    or edited the project). The reviewer of a validation may replace it (a new review; the replaced one
    stays in the history) until a decision uses it. Nothing waiting for this reviewer's validation is
    409 `locked`. 201 with the review in force. `question_comments` (optional) are comments on single
    questions, by question key, shown to the partner beside each question.
    """
    project = project_or_404(project_id)
    phase = phase_or_404(phase_key)
    if not permissions.can_review_project(g.api_user, project):
        raise NotPermitted(_("You cannot review this project."))
    sent = read_body(ReviewRequest)
    review = assessments.review_assessment(project, phase, g.api_user, sent.verdict, sent.ge_code, sent.comment,
                                           question_comments=sent.question_comments)
    return ReviewCreated(phase=phase.value, version=review.assessment.version, **review_fields(review)), 201
