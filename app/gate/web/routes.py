"""The reviewers' pages: the queue, the review page, validation, decisions and private notes."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import permissions
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.gate import reviewing, workflow
from app.gate.assessments import AssessmentInvalid, AssessmentLocked, may_replace_review, review_assessment
from app.gate.models import Phase
from app.gate.question_comments import FIELD_PREFIX
from app.gate.questions import GE_CODE_MEANINGS, QUESTIONS
from app.gate.web.blueprint import bp
from app.gate.web.forms import VERDICT_NAMES, DecisionForm, NoteForm, ValidationForm
from app.gate.web.page import assessment_panels, decision_panel, minimum_code, review_phase
from app.ideas import adoption
from app.projects.models import Project, ProjectEvent
from app.projects.web.fetch import viewable_project_or_404
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES, target_group_name
from app.results.web.sections import indicator_views


def require_reviewer() -> None:
    """403 for everyone who may not open the review queue (permissions.can_use_review_queue)."""
    if not permissions.can_use_review_queue(current_user):
        abort(403)


def reviewable_project_or_404(project_id: int) -> Project:
    """A project the current user may review; 404 for everyone else (other regions, its organisation)."""
    project = viewable_project_or_404(project_id)
    if not permissions.can_review_project(current_user, project):
        abort(404)
    return project


def project_to_decide_or_abort(project_id: int) -> Project:
    """A project the current user may review: 404 when they cannot even see it, 403 otherwise."""
    project = viewable_project_or_404(project_id)
    if not permissions.can_review_project(current_user, project):
        abort(403)
    return project


@bp.get("/")
@login_required
def queue():
    """The projects waiting for a decision in the reviewer's regions (admins: all), oldest first."""
    require_reviewer()
    return render_template(
        "review/queue.html",
        projects=reviewing.review_queue(current_user),
        stage_names=workflow.STAGE_NAMES,
        every_region=permissions.reviews_every_region(current_user),
        can_change_gate_settings=permissions.can_change_gate_settings(current_user),
    )


@bp.get("/projects/<int:id>")
@login_required
def show(id: int):
    return render_review(reviewable_project_or_404(id))


@bp.post("/projects/<int:id>/assessments/<phase>")
@login_required
def validate(id: int, phase: str):
    project = project_to_decide_or_abort(id)
    try:
        phase_key = Phase(phase)
    except ValueError:
        abort(404)
    form = ValidationForm()
    if not form.validate():
        return render_review(project, 422, validation_form=form)
    on_questions = posted_question_comments(phase_key)
    try:
        verdict, ge_code = form.verdict.data or "", form.ge_code.data or ""
        review = review_assessment(
            project, phase_key, current_user, verdict, ge_code, form.comment.data, question_comments=on_questions
        )
    except NotPermitted:
        abort(403)
    except AssessmentInvalid as error:
        transaction.discard()
        for key, message in error.errors.items():
            if key in form:
                form[key].errors = [message]
        return render_review(project, 422, validation_form=form, message=error.message,
                             question_comments=on_questions, question_errors=error.errors)
    except AssessmentLocked as error:
        transaction.discard()
        return render_review(project, 409, validation_form=form, message=error.message,
                             question_comments=on_questions)
    if review.round > 1:
        flash(_("Your review of the assessment was replaced; the earlier one stays in the history."), "success")
    else:
        flash(_("Your review of the assessment was recorded."), "success")
    return redirect(url_for("review.show", id=project.id, _anchor="decisions"))


def posted_question_comments(phase: Phase) -> dict[str, str]:
    """The comments on single questions sent with a validation (fields `comment_on_<key>`)."""
    return {
        q.key: request.form[FIELD_PREFIX + q.key]
        for q in QUESTIONS[phase]
        if FIELD_PREFIX + q.key in request.form
    }


@bp.post("/projects/<int:id>/decide")
@login_required
def decide(id: int):
    project = project_to_decide_or_abort(id)
    form = DecisionForm()
    target, note = form.to.data or "", form.note.data or ""
    try:
        version = int(form.version.data or "")
    except ValueError:
        abort(400)
    if not form.validate():
        return render_review(project, 422, submitted=target, note=note, note_errors=form.note.errors)
    try:
        event = workflow.transition(project, target, current_user, note, expected_version=version)
    except NotPermitted:
        abort(403)
    except workflow.GateBlocked as error:
        transaction.discard()
        return render_review(
            project, 409, submitted=target, note=note, refused=error.rules, message=error.message
        )
    except ChangedMeanwhile as error:
        transaction.discard()
        return render_review(project, 409, submitted=target, note=note, message=error.message)
    except workflow.InvalidTransition as error:
        transaction.discard()
        return render_review(project, 400, message=error.message)
    flash(
        _("The project moved to '%(stage)s'.", stage=workflow.STAGE_NAMES[event.to_stage]),
        "success",
    )
    return redirect(url_for("review.show", id=project.id))


@bp.post("/projects/<int:id>/notes")
@login_required
def add_note(id: int):
    project = viewable_project_or_404(id)
    if not permissions.can_see_reviewer_notes(current_user, project):
        abort(404)  # the organisation is never told that notes exist
    form = NoteForm()
    if form.validate():
        try:
            reviewing.add_reviewer_note(project, current_user, form.body.data)
        except reviewing.NoteInvalid as error:
            transaction.discard()
            form.body.errors = [error.errors["body"]]
        else:
            flash(_("Your private note was added."), "success")
            return redirect(url_for("review.show", id=project.id, _anchor="notes"))
    return render_review(project, 422, note_form=form)


def render_review(
    project: Project,
    status: int = 200,
    *,
    validation_form: ValidationForm | None = None,
    note_form: NoteForm | None = None,
    submitted: str | None = None,
    note: str = "",
    refused: list[str] | None = None,
    note_errors: list[str] | None = None,
    message: str | None = None,
    question_comments: dict | None = None,
    question_errors: dict | None = None,
):
    """The review page with `status`; the views have checked that the user may review the project."""
    panels = assessment_panels(project)
    awaiting = next((p for p in panels if p.awaiting_review), None)
    # The reviewer's own validation, which they may still replace (no decision has used it yet).
    replaceable = next(
        (p for p in panels if p.current.review is not None and may_replace_review(project, p.current, current_user)),
        None,
    )
    if validation_form is None and replaceable is not None:
        in_force = replaceable.current.review
        validation_form = ValidationForm(
            formdata=None, verdict=in_force.verdict.value, ge_code=in_force.ge_code.value, comment=in_force.comment
        )
        question_comments = dict(in_force.question_comments)
    events = db.session.scalars(
        select(ProjectEvent).where(ProjectEvent.project_id == project.id).order_by(ProjectEvent.id)
    ).all()
    return render_template(
        "review/show.html",
        project=project,
        panels=panels,
        awaiting=awaiting,
        replaceable=replaceable,
        review_phase=review_phase(project),
        validation_form=validation_form or ValidationForm(formdata=None),
        decisions=decision_panel(project, current_user, submitted, note, refused, note_errors),
        minimum=minimum_code(project),
        notes=reviewing.reviewer_notes(project, current_user),
        note_form=note_form or NoteForm(formdata=None),
        events=events,
        message=message,
        stage_names=workflow.STAGE_NAMES,
        ge_code_meanings=GE_CODE_MEANINGS,
        verdict_names=VERDICT_NAMES,
        question_comments=question_comments or {},
        question_errors=question_errors or {},
        # beside the results assessment's disaggregated_results answer, for the reviewer
        results_beside=indicator_views(project) if any(p.phase == Phase.RESULTS for p in panels) else [],
        comment_prefix=FIELD_PREFIX,
        question_labels={q.key: q.label for questions in QUESTIONS.values() for q in questions},
        target_group_name=target_group_name,
        sex_names=SEX_NAMES,
        age_band_names=AGE_BAND_NAMES,
        origin=adoption.origin_of(project),
    ), status


@bp.after_request
def private(response):
    """Review pages are private: never kept by a browser or a shared cache."""
    response.headers["Cache-Control"] = "no-store"
    return response
