"""Admin pages: people, roles and reviewer regions; organisations and their verification.

Only admins get here (see the blueprint's before_request in app/admin/__init__.py).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.accounts import users as user_service
from app.accounts.models import User
from app.admin.web.blueprint import bp
from app.admin.web.forms import ROLE_NAMES, ChangeDecisionForm, UserForm, UserSearchForm, VerifyForm
from app.core import transaction
from app.core.errors import DomainError
from app.core.extensions import db
from app.core.pagination import page_arg
from app.organisations import directory as org_directory
from app.organisations import editing as org_editing
from app.organisations import emails as org_emails
from app.organisations.models import Organisation

USERS_PER_PAGE = 25
ORGANISATIONS_PER_PAGE = 50


def get_user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def get_organisation_by_id_or_404(org_id: int) -> Organisation:
    org = db.session.get(Organisation, org_id)
    if org is None:
        abort(404)
    return org


@bp.get("/users")
def users():
    if not permissions.can_manage_users(current_user):
        abort(403)
    form = UserSearchForm(request.args)
    role = form.role.data if form.role.data in ROLE_NAMES else None
    q = (form.q.data or "").strip()[:200]
    number = page_arg()
    page = user_service.search_users(q, role, page=number, per_page=USERS_PER_PAGE)
    args = {k: v for k, v in (("q", q), ("role", role)) if v}
    return render_template("admin/users.html", form=form, page=page, args=args, role_names=ROLE_NAMES)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    if not permissions.can_manage_users(current_user):
        abort(403)
    user = get_user_or_404(user_id)
    form = UserForm()
    if request.method == "GET":
        form.role.data = user.role.value
        form.regions.data = sorted(user.region_keys)
        form.active.data = user.active
    if form.validate_on_submit():
        changes = user_service.UserChanges(
            role=form.role.data, regions=form.regions.data or [], active=form.active.data
        )
        try:
            deactivated = user_service.update_user(user, changes, current_user)
        except user_service.UserInvalid as error:
            transaction.discard()
            for name, message in error.errors.items():
                form[name].errors = [*form[name].errors, message]
        else:
            flash(_("The account of %(name)s is saved.", name=user.name), "success")
            if deactivated:
                flash(_("The account is deactivated and all its sessions have ended."), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user.html", user=user, form=form, role_names=ROLE_NAMES)


@bp.get("/organisations")
def organisations():
    if not permissions.is_admin(current_user):
        abort(403)
    number = page_arg()
    page = org_directory.all_for_admin(page=number, per_page=ORGANISATIONS_PER_PAGE)
    return render_template("admin/organisations.html", page=page, verify_form=VerifyForm())


@bp.post("/organisations/<int:org_id>/verify")
def verify_organisation(org_id: int):
    org = get_organisation_by_id_or_404(org_id)
    if not permissions.can_verify_organisation(current_user, org):
        abort(403)
    form = VerifyForm()
    if not form.validate_on_submit():
        abort(400)
    verified = form.verified.data == "1"
    changed = org_editing.set_verified(org, verified, current_user)
    if verified:
        flash(_("%(name)s is verified and appears in the directory.", name=org.name), "success")
    else:
        flash(_("%(name)s is no longer verified and is hidden from the directory.", name=org.name), "success")
    if changed and verified:
        transaction.after_commit(org_emails.tell_owners_of_verification, org)
    return redirect(url_for("admin.organisations"))


@bp.post("/organisations/<int:org_id>/change")
def decide_organisation_change(org_id: int):
    """Approve or decline the new name and country a verified organisation's owners asked for."""
    org = get_organisation_by_id_or_404(org_id)
    if not permissions.can_verify_organisation(current_user, org):
        abort(403)
    form = ChangeDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    approved = form.decision.data == "approve"
    old_name = org.name
    try:
        asked = org_editing.decide_requested_change(
            org, approved, current_user, seen_name=form.seen_name.data, seen_country=form.seen_country.data
        )
    except DomainError as error:  # decided meanwhile, or the owners asked for something else since
        transaction.discard()
        flash(error.message, "warning")
        return redirect(url_for("admin.organisations"))
    if approved:
        flash(_("%(old)s is now called %(name)s, and it is still verified.", old=old_name, name=org.name), "success")
    else:
        flash(_("%(name)s keeps its name and country.", name=org.name), "success")
    transaction.after_commit(org_emails.tell_owners_of_change_decision, org, approved, asked)
    return redirect(url_for("admin.organisations"))
