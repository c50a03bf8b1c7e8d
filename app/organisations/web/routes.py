"""The organisation directory, organisation pages, registering and editing, and memberships."""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.cache import cached_page
from app.core.errors import DomainError
from app.core.pagination import page_arg
from app.gate.workflow import STAGE_NAMES
from app.organisations import directory as org_directory
from app.organisations import editing as org_editing
from app.organisations import emails
from app.organisations import memberships as org_memberships
from app.organisations.models import Membership, MembershipRole, Organisation
from app.organisations.web.blueprint import bp
from app.organisations.web.forms import ConfirmForm, DirectoryFilterForm, MembershipDecisionForm, OrganisationForm
from app.reference.names import region_of

PER_PAGE = 20
ORG_PAGE_PROJECTS = 20


def get_organisation_or_404(slug: str, with_members: bool = False) -> Organisation:
    """The organisation if the current user may see it; 404 otherwise (an unverified one stays hidden)."""
    org = org_directory.get_with_members(slug) if with_members else org_directory.get_by_slug(slug)
    if org is None or not permissions.can_view_organisation(current_user, org):
        abort(404)
    return org


def data_from(form: OrganisationForm) -> org_editing.OrganisationData:
    return org_editing.OrganisationData(
        name=form.name.data or "",
        slug=form.slug.data or "",
        country=form.country.data or "",
        description=form.description.data or "",
        themes=form.themes.data or [],
        website=form.website.data or "",
    )


def show_errors(form, errors: dict[str, str]) -> None:
    """Put the domain's refusals next to their fields."""
    for name, message in errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            flash(message, "error")


@bp.get("/")
@cached_page
def directory():
    form = DirectoryFilterForm(request.args)
    filters = org_directory.DirectoryFilters(
        country=form.value("country"), region=form.value("region"), theme=form.value("theme")
    )
    page = org_directory.search_directory(filters, page=page_arg(), per_page=PER_PAGE)
    args = {key: value for key, value in vars(filters).items() if value}
    return render_template(
        "organisations/directory.html",
        form=form,
        page=page,
        facts=org_directory.directory_facts(page.items),
        args=args,
        can_create=permissions.can_create_organisation(current_user),
        region_of=region_of,
    )


@dataclass(frozen=True)
class MemberRow:
    """An active member on the organisation page, with what the reader may change about them."""

    membership: Membership
    only_owner: bool
    can_make_owner: bool
    can_make_member: bool
    can_remove: bool


def member_row(membership: Membership, owner_count: int) -> MemberRow:
    """The row of an active member, the organisation having `owner_count` active owners."""
    return MemberRow(
        membership=membership,
        only_owner=permissions.is_only_owner(membership, owner_count),
        can_make_owner=permissions.can_make_owner(current_user, membership),
        can_make_member=permissions.can_make_member(current_user, membership, owner_count),
        can_remove=permissions.can_remove_member(current_user, membership, owner_count),
    )


@bp.get("/<slug>")
def show(slug: str):
    org = get_organisation_or_404(slug, with_members=True)
    user_id = current_user.id if current_user.is_authenticated else None
    membership = next((m for m in org.memberships if m.user_id == user_id), None)
    members = sorted(
        (m for m in org.memberships if m.is_active),
        key=lambda m: (m.role != MembershipRole.OWNER, m.user.name.lower()),
    )
    pending = sorted((m for m in org.memberships if not m.is_active), key=lambda m: m.created_at)
    owner_count = sum(1 for m in org.memberships if m.is_active and m.role == MembershipRole.OWNER)
    can_view_members = permissions.can_view_members(current_user, org)
    projects, project_total = org_directory.projects_of(org, current_user, limit=ORG_PAGE_PROJECTS)
    return render_template(
        "organisations/show.html",
        org=org,
        owner_count=owner_count,
        member_count=sum(1 for m in org.memberships if m.is_active and m.role == MembershipRole.MEMBER),
        projects=projects,
        project_total=project_total,
        stage_names=STAGE_NAMES,
        membership=membership,
        members=[member_row(m, owner_count) for m in members] if can_view_members else [],
        pending=pending if permissions.can_manage_organisation(current_user, org) else [],
        can_view_members=can_view_members,
        can_manage=permissions.can_manage_organisation(current_user, org),
        can_join=permissions.can_request_to_join(current_user, org),
        must_confirm_to_join=permissions.must_confirm_address_to_join(current_user, org),
        region_of=region_of,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    if not permissions.can_create_organisation(current_user):
        abort(403)
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            org = org_editing.create_organisation(data_from(form), current_user)
        except org_editing.OrganisationInvalid as error:
            transaction.discard()
            show_errors(form, error.errors)
        else:
            message = _("The organisation is registered. An admin will verify it before it is listed.")
            flash(message, "success")
            return redirect(url_for("organisations.show", slug=org.slug))
    return render_template("organisations/form.html", form=form, org=None)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    org = get_organisation_or_404(slug)
    if not permissions.can_manage_organisation(current_user, org):
        abort(403)
    form = OrganisationForm(obj=None if request.method == "POST" else org)
    form.slug.description = _l("The end of the organisation's page address. Leave it empty to keep it.")
    if request.method == "GET":
        form.country.data = org.country_code
        form.themes.data = org.theme_keys
        if org.change_requested:  # the owners go on from the change they asked for
            form.name.data, form.country.data = org.requested_change.name, org.requested_change.country_code
    if form.validate_on_submit():
        try:
            newly_requested = org_editing.update_organisation(org, data_from(form), current_user)
        except org_editing.OrganisationInvalid as error:
            transaction.discard()
            show_errors(form, error.errors)
        else:
            flash(_("The organisation's details are saved."), "success")
            if org.change_requested:
                flash(_("The new name or country waits for an admin's approval."), "info")
            if newly_requested:
                transaction.after_commit(emails.tell_admins_of_requested_change, org)
            return redirect(url_for("organisations.show", slug=org.slug))
    return render_template("organisations/form.html", form=form, org=org)


@bp.post("/<slug>/join")
@login_required
def request_join(slug: str):
    org = get_organisation_or_404(slug)
    already = permissions.is_member_of(current_user, org)
    if not (permissions.can_request_to_join(current_user, org) or already):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        org_memberships.request_membership(org, current_user)
    except DomainError as error:
        transaction.discard()
        flash(error.message, "warning")
        return redirect(url_for("organisations.show", slug=org.slug))
    flash(_("Your request has been sent. The organisation's owners will answer it."), "success")
    transaction.after_commit(emails.tell_owners_of_join_request, org, current_user._get_current_object())
    return redirect(url_for("organisations.show", slug=org.slug))


def decision_message(action: org_memberships.MembershipAction, name: str) -> str:
    A = org_memberships.MembershipAction
    return {
        A.ACCEPT: _("%(name)s is now a member.", name=name),
        A.DECLINE: _("The request of %(name)s is declined.", name=name),
        A.REMOVE: _("%(name)s is no longer a member.", name=name),
        A.MAKE_OWNER: _("%(name)s is now an owner.", name=name),
        A.MAKE_MEMBER: _("%(name)s is now a member, no longer an owner.", name=name),
    }[action]


@bp.post("/<slug>/members/<int:membership_id>")
@login_required
def decide_membership(slug: str, membership_id: int):
    org = get_organisation_or_404(slug)
    if not permissions.can_manage_organisation(current_user, org):
        abort(403)
    membership = org_memberships.get_membership(org, membership_id)
    if membership is None:
        abort(404)
    form = MembershipDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    person = membership.user
    try:
        action = org_memberships.decide_membership(membership, form.action.data, current_user)
    except DomainError as error:
        transaction.discard()
        flash(error.message, "error")
        return redirect(url_for("organisations.show", slug=org.slug))
    flash(decision_message(action, person.name), "success")
    transaction.after_commit(emails.tell_of_membership_decision, action, org, person)
    return redirect(url_for("organisations.show", slug=org.slug))
