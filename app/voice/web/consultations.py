"""The consultations page of a project, and the partners' forms: record a consultation with children,
change it, record its answer back.

Every change is a POST with a CSRF token; every refusal says why, with the person's typing kept.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.forms import attach_errors
from app.core.limits import consultation_limit
from app.projects.web.fetch import viewable_project_or_404
from app.voice import consultations as service
from app.voice.consultations import ConsultationInvalid, ConsultationsClosed
from app.voice.web import sections
from app.voice.web.blueprint import bp
from app.voice.web.forms import AnswerBackForm, ConsultationForm


def consultations_url(project_id: int, anchor: str | None = None) -> str:
    return url_for("voice.consultations", id=project_id, _anchor=anchor)


@bp.get("/projects/<int:id>/consultations")
def consultations(id: int):
    """Everyone who may view the project: its consultations, with what the children said and the
    answers back; the partners also get the links to record, change and answer back."""
    project = viewable_project_or_404(id)
    return render_template("voice/consultations.html", project=project,
                           **sections.consultations_section(project, current_user))


def consultation_or_404(project, consultation_id: int):
    consultation = service.consultation_of(project, consultation_id)
    if consultation is None:
        abort(404)
    return consultation


def _form_page(project, form, consultation=None, status: int = 200, refusal: str | None = None,
               participants_error: str | None = None):
    return render_template("voice/consultation_form.html", project=project, form=form, consultation=consultation,
                           refusal=refusal, participants_error=participants_error), status


def _attach(form, errors: dict) -> str | None:
    """The domain's messages next to their fields; the one about all the counts goes above the table."""
    errors = dict(errors)
    participants = errors.pop("participants", None)
    attach_errors(form, errors)
    return str(participants) if participants else None


@bp.route("/projects/<int:id>/consultations/new", methods=["GET", "POST"])
@login_required
@consultation_limit
def record_consultation(id: int):
    project = viewable_project_or_404(id)
    if not permissions.is_partner_of(current_user, project.organisation):
        abort(403)
    form = ConsultationForm()
    if not permissions.can_record_consultation(current_user, project):
        return _form_page(project, form, status=409 if request.method == "POST" else 200, refusal=_(
            "Consultations are recorded until the initiative goes to completion review, not after."))
    if not form.validate_on_submit():
        return _form_page(project, form, status=422 if request.method == "POST" else 200)
    try:
        service.record_consultation(project, current_user, **form.fields())
    except NotPermitted as refusal:
        transaction.discard()
        return _form_page(project, form, status=403, refusal=refusal.message)
    except (ConsultationsClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return _form_page(project, form, status=409, refusal=refusal.message)
    except ConsultationInvalid as invalid:
        transaction.discard()
        return _form_page(project, form, status=422, participants_error=_attach(form, invalid.errors))
    flash(_("The consultation with children is recorded. Remember to record the answer back to the children."),
          "success")
    return redirect(consultations_url(project.id))


@bp.route("/projects/<int:id>/consultations/<int:consultation_id>/edit", methods=["GET", "POST"])
@login_required
def edit_consultation(id: int, consultation_id: int):
    project = viewable_project_or_404(id)
    consultation = consultation_or_404(project, consultation_id)
    if not permissions.is_partner_of(current_user, consultation.organisation):
        abort(403)
    form = ConsultationForm()
    if request.method == "GET":
        form.fill_from(consultation)
    if not permissions.can_edit_consultation(current_user, consultation, project):
        return _form_page(project, form, consultation, status=409 if request.method == "POST" else 200, refusal=_(
            "Consultations are recorded until the initiative goes to completion review, not after."))
    if not form.validate_on_submit():
        return _form_page(project, form, consultation, status=422 if request.method == "POST" else 200)
    try:
        service.edit_consultation(consultation, project, current_user, **form.fields())
    except NotPermitted as refusal:
        transaction.discard()
        return _form_page(project, form, consultation, status=403, refusal=refusal.message)
    except (ConsultationsClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return _form_page(project, form, consultation, status=409, refusal=refusal.message)
    except ConsultationInvalid as invalid:
        transaction.discard()
        return _form_page(project, form, consultation, status=422, participants_error=_attach(form, invalid.errors))
    flash(_("Your changes to the consultation were saved."), "success")
    return redirect(consultations_url(project.id, f"consultation-{consultation.id}"))


def _answer_page(project, consultation, form, status: int = 200, refusal: str | None = None):
    return render_template("voice/answer_back_form.html", project=project, consultation=consultation, form=form,
                           refusal=refusal), status


@bp.route("/projects/<int:id>/consultations/<int:consultation_id>/answer", methods=["GET", "POST"])
@login_required
@consultation_limit
def answer_back(id: int, consultation_id: int):
    project = viewable_project_or_404(id)
    consultation = consultation_or_404(project, consultation_id)
    if not permissions.can_answer_back(current_user, consultation):
        abort(403)
    form = AnswerBackForm()
    if request.method == "GET" and consultation.answered:
        form.answer_back.data = consultation.answer_back
        form.answered_on.data = consultation.answered_on
    if not form.validate_on_submit():
        return _answer_page(project, consultation, form, status=422 if request.method == "POST" else 200)
    try:
        service.record_answer_back(consultation, current_user, answer_back=form.answer_back.data,
                                   answered_on=form.answered_on.data)
    except NotPermitted as refusal:
        transaction.discard()
        return _answer_page(project, consultation, form, status=403, refusal=refusal.message)
    except ChangedMeanwhile as refusal:
        transaction.discard()
        return _answer_page(project, consultation, form, status=409, refusal=refusal.message)
    except ConsultationInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return _answer_page(project, consultation, form, status=422)
    flash(_("The answer back to the children is recorded."), "success")
    return redirect(consultations_url(project.id, f"consultation-{consultation.id}"))
