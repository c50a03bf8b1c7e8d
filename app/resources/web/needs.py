"""A project's needs and the pledges made against them: the needs page, the partners' forms to add,
change and close needs, and the pledge form (decisions on pledges: app.resources.pledges).

Every change is a POST with a CSRF token; every refusal says why, with the person's typing kept. The
lab records commitments; it processes no payments.
"""

import time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import permissions
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.core.limits import resource_limit
from app.projects.models import NEED_STAGES
from app.projects.web.fetch import viewable_project_or_404
from app.resources import needs as need_service
from app.resources import pledges as pledge_service
from app.resources import progress as progress_service
from app.resources.models import Need, NeedStatus, Pledge
from app.resources.refusals import PledgingClosed, ResourceInvalid
from app.resources.web import sections
from app.resources.web.blueprint import bp
from app.resources.web.forms import AskOfferForm, ConfirmForm, NeedForm, PledgeForm, new_submission_key


def need_or_404(project_id: int, need_id: int):
    """The project (if the current user may view it) and its need; 404 otherwise."""
    need = need_service.viewable_need(need_id, current_user)
    if need is None or need.project_id != project_id:
        abort(404)
    return need.project, need


def needs_url(project_id: int, anchor: str | None = None) -> str:
    return url_for("resources.needs", id=project_id, _anchor=anchor)


def refused(message: str, status: int, back: str, title: str | None = None):
    """A page saying that nothing changed, and why."""
    return render_template("resources/refused.html", message=message, back=back,
                           title=title or _("Nothing was changed")), status


def pledge_form_for(need: Need) -> PledgeForm:
    """The pledge form of a need (its fields are prefixed: the needs page draws one per open need)."""
    return PledgeForm(prefix=f"need{need.id}", organisations=sections.organisations_of(current_user))


def already_pledged(need: Need, form: PledgeForm) -> bool:
    """The form was sent before and made its pledge (a resent form is answered, not refused)."""
    key = form.submission_key.data
    if request.method != "POST" or not key:
        return False
    found = db.session.scalar(
        select(Pledge.id).where(Pledge.pledger_id == current_user.id, Pledge.submission_key == key,
                                Pledge.need_id == need.id)
    )
    return found is not None


# How long a resent copy of a form waits before each new try (seconds): the first copy's transaction
# takes milliseconds.
KEYED_RETRY_PAUSES = (0.05, 0.2, 0.5)


def write_keyed(write, keyed: bool):
    """Run `write`. A form carrying a submission key that met a copy of itself sent at the same moment
    (a double-click: SQLite lets one writer in at a time, the other gets ChangedMeanwhile) starts over a
    little later, and then answers what the first copy made. Refuses with ChangedMeanwhile when the last
    try meets another writer too."""
    for pause in KEYED_RETRY_PAUSES if keyed else ():
        try:
            return write()
        except ChangedMeanwhile:
            transaction.start_over()
            time.sleep(pause)
    return write()  # the last try: ChangedMeanwhile goes to the caller


# The needs page -----------------------------------------------------------------------------------


@bp.get("/projects/<int:id>/needs")
def needs(id: int):
    project = viewable_project_or_404(id)
    context = sections.needs_page_context(project, current_user)
    forms = {view.need.id: PledgeForm(prefix=f"need{view.need.id}", formdata=None,
                                      organisations=context["needs_section"].organisations)
             for view in context["needs_section"].needs if view.may_pledge}
    asks = {}
    for view in context["needs_section"].needs:
        for row in view.offers:
            ask = AskOfferForm(prefix=f"ask{view.need.id}-{row.offer.id}", formdata=None)
            ask.quantity.data = row.default_quantity
            asks[(view.need.id, row.offer.id)] = ask
    return render_template("resources/needs.html", project=project, pledge_forms=forms, ask_forms=asks,
                           request_status_names=sections.REQUEST_STATUS_NAMES, **context)


# Needs: add, edit, close (the partners) -----------------------------------------------------------


def _need_form_page(project, form, need=None, status: int = 200, refusal: str | None = None):
    return render_template("resources/need_form.html", project=project, form=form, need=need,
                           refusal=refusal), status


def _attach_need_errors(form, errors: dict) -> None:
    errors = dict(errors)
    if "unit" in errors:
        field = form.unit_field()
        field.errors = [*field.errors, str(errors.pop("unit"))]
    attach_errors(form, errors)


def _manageable(project) -> None:
    """403 for who may not manage the needs (a partner at a stage without needs is told on the page)."""
    if not permissions.can_manage_needs(current_user, project):
        abort(403)


@bp.route("/projects/<int:id>/needs/new", methods=["GET", "POST"])
@login_required
@resource_limit
def add_need(id: int):
    project = viewable_project_or_404(id)
    _manageable(project)
    form = NeedForm()
    if not form.validate_on_submit():
        return _need_form_page(project, form, status=422 if request.method == "POST" else 200)
    try:
        need = need_service.add_need(project, current_user, kind=form.kind.data, title=form.title.data,
                                  description=form.description.data, quantity=form.quantity.data,
                                  unit=form.unit_for(), required=form.required.data)
    except (NotPermitted, PledgingClosed) as refusal:
        transaction.discard()
        return _need_form_page(project, form, status=403, refusal=refusal.message)
    except ChangedMeanwhile as refusal:
        transaction.discard()
        return _need_form_page(project, form, status=409, refusal=refusal.message)
    except ResourceInvalid as invalid:
        transaction.discard()
        _attach_need_errors(form, invalid.errors)
        return _need_form_page(project, form, status=422)
    flash(_("The need “%(title)s” is listed.", title=need.title), "success")
    return redirect(needs_url(project.id, f"need-{need.id}"))


@bp.route("/projects/<int:id>/needs/<int:need_id>/edit", methods=["GET", "POST"])
@login_required
def edit_need(id: int, need_id: int):
    project, need = need_or_404(id, need_id)
    _manageable(project)
    form = NeedForm(data=None if request.method == "POST" else {"required": need.required})
    if request.method == "GET":
        form.fill_from(need)
        if need.status != NeedStatus.OPEN:
            return _need_form_page(project, form, need, refusal=_("This need is closed: it can no longer be changed."))
        return _need_form_page(project, form, need)
    if not form.validate_on_submit():
        return _need_form_page(project, form, need, status=422)
    try:
        need_service.edit_need(need, project, current_user, kind=form.kind.data, title=form.title.data,
                            description=form.description.data, quantity=form.quantity.data,
                            unit=form.unit_for(), required=form.required.data)
    except NotPermitted as refusal:
        transaction.discard()
        return _need_form_page(project, form, need, status=403, refusal=refusal.message)
    except (PledgingClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return _need_form_page(project, form, need, status=409, refusal=refusal.message)
    except ResourceInvalid as invalid:
        transaction.discard()
        _attach_need_errors(form, invalid.errors)
        return _need_form_page(project, form, need, status=422)
    flash(_("Your changes to the need “%(title)s” were saved.", title=need.title), "success")
    return redirect(needs_url(project.id, f"need-{need.id}"))


@bp.post("/projects/<int:id>/needs/<int:need_id>/close")
@login_required
def close_need(id: int, need_id: int):
    project, need = need_or_404(id, need_id)
    _manageable(project)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if need.status != NeedStatus.OPEN:
        flash(_("This need was already closed."), "info")
        return redirect(needs_url(project.id, f"need-{need.id}"))
    try:
        closed = need_service.close_need(need, project, current_user)
    except (NotPermitted, PledgingClosed) as refusal:
        transaction.discard()
        return refused(refusal.message, 403, needs_url(project.id))
    except ChangedMeanwhile as refusal:
        transaction.discard()
        return refused(refusal.message, 409, needs_url(project.id))
    message = _("The need “%(title)s” is closed: it takes no more pledges.", title=need.title)
    if closed:
        message += " " + _("The pledges still waiting for an answer were closed and their pledgers told.")
    flash(message, "success")
    return redirect(needs_url(project.id, f"need-{need.id}"))


# Pledging -----------------------------------------------------------------------------------------


def _pledge_page(project, need, form, status: int = 200, refusal: str | None = None):
    progress = progress_service.progress_of([need])[need.id]
    view = sections.need_view(need, progress, project, current_user)
    return render_template("resources/pledge_form.html", project=project, view=view, form=form,
                           refusal=refusal, show_form=status != 403), status


@bp.route("/projects/<int:id>/needs/<int:need_id>/pledge", methods=["GET", "POST"])
@login_required
@resource_limit
def pledge(id: int, need_id: int):
    project, need = need_or_404(id, need_id)
    form = pledge_form_for(need)
    if not permissions.can_pledge(current_user, need, project) and not already_pledged(need, form):
        return _refused_pledge(project, need, form)
    if request.method == "GET":
        return _pledge_page(project, need, form)
    if not form.validate_on_submit():
        return _pledge_page(project, need, form, status=422)
    try:
        made, created = write_keyed(lambda: pledge_service.make_pledge(
            need, project, current_user, quantity=form.quantity.data, message=form.message.data,
            organisation=form.organisation.data or None, submission_key=form.submission_key.data or None,
        ), keyed=bool(form.submission_key.data))
    except NotPermitted as refusal:
        transaction.discard()
        return _pledge_page(project, need, form, status=403, refusal=refusal.message)
    except (PledgingClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return _pledge_page(project, need, form, status=409, refusal=refusal.message)
    except ResourceInvalid as invalid:
        transaction.discard()
        errors = dict(invalid.errors)
        if "submission_key" in errors:  # the form was used for another need: draw it anew
            form.submission_key.data = new_submission_key()
            form.form_errors.append(str(errors.pop("submission_key")))
        attach_errors(form, errors)
        return _pledge_page(project, need, form, status=422)
    if created:
        flash(_("Thank you: your pledge of %(quantity)s to “%(need)s” is recorded. The initiative's partners will "
                "accept or decline it, and you will be told.", quantity=sections.amount(made.quantity, need),
                need=need.title), "success")
    else:
        flash(_("This pledge was already recorded: it counts once. Here it is."), "info")
    return redirect(url_for("resources.my_pledges", _anchor=f"pledge-{made.id}"))


def _refused_pledge(project, need, form):
    """Why this person may not pledge here, on the pledge page (their typing kept)."""
    if not permissions.can_offer(current_user):
        message, status = _("Confirm your e-mail address to pledge: open the link we sent you."), 403
    elif permissions.is_member_of(current_user, project.organisation):
        message, status = _("You belong to this initiative's organisation: change the need instead of pledging."), 403
    elif need.status != NeedStatus.OPEN:
        message, status = _("This need is closed: it no longer takes pledges."), 409
    elif project.stage not in NEED_STAGES:
        message, status = _("This initiative takes pledges only while it is incubating, in launch review or "
                            "active."), 409
    else:
        message, status = _("You cannot pledge to this initiative."), 403
    return _pledge_page(project, need, form, status=status, refusal=message)
