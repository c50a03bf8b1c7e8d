"""The gender-equality assessment of one phase: a form for its partners, read-only for others."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.errors import NotPermitted
from app.core.forms import attach_errors
from app.core.text import visible_length
from app.gate import assessments, settings
from app.gate.assessments import AssessmentInvalid, AssessmentLocked
from app.gate.models import Assessment, Phase
from app.gate.questions import GE_CODE_MEANINGS, PERCENT, PHASE_NAMES, QUESTIONS
from app.projects.models import Project
from app.projects.web.blueprint import bp
from app.projects.web.fetch import viewable_project_or_404
from app.projects.web.forms import ASSESSMENT_FORMS
from app.projects.web.labels import VERDICT_NAMES

REFUSAL_STATUS = {NotPermitted: 403, AssessmentLocked: 409}


@bp.route("/projects/<int:id>/assessment/<phase>", methods=["GET", "POST"])
@login_required
def assessment(id: int, phase: str):
    """Save (partial) answers while the phase is open to the partner; otherwise show them read-only
    to whoever sees the project's private side (everyone else: 404)."""
    try:
        phase = Phase(phase)
    except ValueError:
        abort(404)
    project = viewable_project_or_404(id)
    if not permissions.can_see_private_side(current_user, project):
        abort(404)
    refusal = assessments.edit_refusal(project, phase, current_user)
    versions = [a for a in assessments.all_versions(project) if a.phase == phase]
    form, status = None, 200
    if refusal is not None:
        if request.method == "POST":
            status = REFUSAL_STATUS[type(refusal)]
    elif request.method == "POST":
        form = ASSESSMENT_FORMS[phase]()
        status = 422
        if form.validate_on_submit():
            try:
                saved = assessments.save_assessment(
                    project,
                    phase,
                    current_user,
                    submitted_answers(form, phase),
                    posted(form.ge_code),
                    posted(form.justification),
                )
                progress = assessments.progress(saved, phase)
            except AssessmentInvalid as invalid:
                transaction.discard()
                attach_errors(form, invalid.errors)
            except (AssessmentLocked, NotPermitted) as refused:
                transaction.discard()
                form, refusal, status = None, refused, REFUSAL_STATUS[type(refused)]
            else:
                flash(
                    _(
                        "Saved as version %(version)d: %(answered)d of %(required)d required answers.",
                        version=saved.version,
                        answered=progress.answered,
                        required=progress.required,
                    ),
                    "success",
                )
                return redirect(url_for("projects.assessment", id=project.id, phase=phase.value))
    else:
        form = ASSESSMENT_FORMS[phase](data=starting_data(project, phase, versions[-1] if versions else None))
    return page(project, phase, versions, form, refusal), status


def posted(field) -> str | None:
    """The field's value if it was sent (empty clears it), None if it was not (left unchanged)."""
    return (field.data or "") if field.name in request.form else None


def submitted_answers(form, phase: Phase) -> dict:
    """The answers sent: an empty field clears its answer, a field not sent is left as it was."""
    return {q.key: posted(form[q.key]) for q in QUESTIONS[phase] if q.key in request.form}


def shown(value) -> str:
    """A stored answer as it goes back into a field (42.0 → "42")."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def starting_data(project: Project, phase: Phase, current: Assessment | None) -> dict:
    """The newest version's values, or, before the first save, what that save would start from."""
    if current is not None:
        answers, code, justification = current.answers, current.ge_code, current.justification
    else:
        answers, code, justification = assessments.starting_values(project, phase)
    return {
        **{key: shown(value) for key, value in answers.items()},
        "ge_code": code.value if code else "",
        "justification": justification,
    }


def page(project: Project, phase: Phase, versions: list[Assessment], form, refusal):
    current = versions[-1] if versions else None
    answers = current.answers if current is not None else {}
    returned = next((v for v in reversed(versions) if v.review is not None), None)
    return render_template(
        "projects/assessment.html",
        project=project,
        phase=phase,
        phase_name=PHASE_NAMES[phase],
        questions=QUESTIONS[phase],
        percent=PERCENT,
        form=form,
        refusal=refusal.message if refusal is not None else None,
        current=current,
        reviewed=[v for v in reversed(versions) if v.review is not None],
        progress=assessments.progress(current, phase),
        problems=assessments.problems(current, phase) if form is not None else [],
        prefilled_from=assessments.validated_design(project)
        if current is None and form is not None and phase == Phase.IMPLEMENTATION
        else None,
        ge_code_meanings=GE_CODE_MEANINGS,
        verdict_names=VERDICT_NAMES,
        shown=shown,
        min_length=settings.min_answer_length(),
        # What a reader sees of each saved text answer (app.core.text): the server's own "too short".
        lengths={q.key: visible_length(str(answers.get(q.key) or "")) for q in QUESTIONS[phase] if q.kind != PERCENT},
        # The newest review's comments on single questions, shown beside them.
        comments=returned.review.question_comments if returned is not None else {},
        comments_version=returned.version if returned is not None else None,
    )
