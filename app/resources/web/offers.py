"""The resource pool: offers of resources not tied to a project, the form to offer one, "My offers"
with the requests waiting for an answer, and the partners' requests for an offer to meet a need.

An offer is public while it is open and unexpired; it names its organisation, never the person who
made it. The offerer's confirmation of a request turns the offer into an accepted pledge.
"""

from dataclasses import dataclass
from itertools import groupby
from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.core.limits import resource_limit
from app.core.pagination import page_arg
from app.reference.names import REGIONS, region_of
from app.resources import money
from app.resources import offer_requests as request_service
from app.resources import offers as offer_service
from app.resources.models import Offer, OfferRequest, OfferStatus
from app.resources.offers import OfferFilters
from app.resources.refusals import PledgingClosed, ResourceInvalid
from app.resources.web import sections
from app.resources.web.blueprint import bp
from app.resources.web.forms import AnswerRequestForm, AskOfferForm, ConfirmForm, OfferFilterForm, OfferForm
from app.resources.web.needs import need_or_404, needs_url, refused, write_keyed
from app.resources.web.sections import OFFER_STATUS_NAMES, REQUEST_STATUS_NAMES

PER_PAGE = 20


@dataclass
class Pages:
    """What templates/_macros/pagination.html needs, for a page of the pool."""

    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return min(self.page - 1, self.pages)

    @property
    def next_num(self) -> int:
        return self.page + 1


def offer_rows(offers) -> list:
    return [SimpleNamespace(offer=offer, kind_name=str(money.KIND_NAMES[offer.kind]),
                                     quantity=sections.amount(offer.quantity, offer)) for offer in offers]


def country_groups(form: OfferForm) -> list[tuple[str, list]]:
    """The country checkboxes of the offer form, grouped by region: [(region key, [options])]."""
    order = list(REGIONS)
    options = sorted(form.countries, key=lambda option: (order.index(region_of(option.data)), option.label.text))
    return [(key, list(group)) for key, group in groupby(options, key=lambda option: region_of(option.data))]


@bp.get("/offers")
def offers():
    form = OfferFilterForm(request.args)
    filters = OfferFilters(kind=form.value("kind"), country=form.value("country"), region=form.value("region"))
    page = page_arg()
    found = offer_service.open_offers(filters, page=page, per_page=PER_PAGE)
    args = {key: value for key, value in vars(filters).items() if value}
    return render_template("resources/offers.html", form=form, rows=offer_rows(found.items),
                           page=Pages(page, PER_PAGE, found.total), args=args,
                           can_offer=permissions.can_offer(current_user))


def _offer_form_page(form, status: int = 200, refusal: str | None = None):
    return render_template("resources/offer_form.html", form=form, groups=country_groups(form),
                           refusal=refusal, show_form=status != 403), status


@bp.route("/offers/new", methods=["GET", "POST"])
@login_required
@resource_limit
def new_offer():
    form = OfferForm(organisations=sections.organisations_of(current_user))
    if not permissions.can_offer(current_user):
        return _offer_form_page(form, 403, _("Confirm your e-mail address before offering resources: open the link "
                                             "we sent you."))
    if not form.validate_on_submit():
        return _offer_form_page(form, 422 if request.method == "POST" else 200)
    try:
        offer, created = write_keyed(lambda: offer_service.make_offer(
            current_user, kind=form.kind.data, title=form.title.data, description=form.description.data,
            quantity=form.quantity.data, unit=form.unit_for(), countries=form.countries.data or [],
            expires_on=form.expires_on.data or "", organisation=form.organisation.data or None,
            submission_key=form.submission_key.data or None,
        ), keyed=bool(form.submission_key.data))
    except NotPermitted as refusal:
        transaction.discard()
        return _offer_form_page(form, 403, refusal.message)
    except ChangedMeanwhile as refusal:
        transaction.discard()
        return _offer_form_page(form, 409, refusal.message)
    except ResourceInvalid as invalid:
        transaction.discard()
        errors = dict(invalid.errors)
        if "unit" in errors:
            field = form.unit_field()
            field.errors = [*field.errors, str(errors.pop("unit"))]
        attach_errors(form, errors)
        return _offer_form_page(form, 422)
    if created:
        flash(_("Your offer “%(title)s” is in the pool. Partners whose needs match it can ask you for it.",
                title=offer.title), "success")
    else:
        flash(_("This offer was already recorded: it is in the pool once. Here it is."), "info")
    return redirect(url_for("resources.my_offers", _anchor=f"offer-{offer.id}"))


@bp.get("/offers/mine")
@login_required
def my_offers():
    rows = []
    for offer in offer_service.offers_by(current_user):
        row = offer_rows([offer])[0]
        row.requests = [
            SimpleNamespace(request=r, quantity=sections.amount(r.quantity, r.need)) for r in offer.requests
        ]
        row.may_withdraw = offer.status == OfferStatus.OPEN
        rows.append(row)
    return render_template("resources/my_offers.html", rows=rows, request_status_names=REQUEST_STATUS_NAMES,
                           offer_status_names=OFFER_STATUS_NAMES, confirm_form=ConfirmForm(formdata=None),
                           answer_form=AnswerRequestForm(formdata=None))


def _own_offer_or_404(offer_id: int) -> Offer:
    offer = db.session.get(Offer, offer_id)
    if offer is None:
        abort(404)
    if not permissions.can_manage_offer(current_user, offer):
        abort(403 if offer.status == OfferStatus.OPEN else 404)
    return offer


@bp.post("/offers/<int:offer_id>/withdraw")
@login_required
def withdraw_offer(offer_id: int):
    offer = _own_offer_or_404(offer_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("resources.my_offers", _anchor=f"offer-{offer.id}")
    try:
        offer_service.withdraw_offer(offer, current_user)
    except NotPermitted as refusal:
        transaction.discard()
        return refused(refusal.message, 403, back)
    except (PledgingClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return refused(refusal.message, 409, back)
    flash(_("Your offer “%(title)s” is withdrawn from the pool.", title=offer.title), "success")
    return redirect(back)


@bp.post("/offer-requests/<int:request_id>/answer")
@login_required
def answer_request(request_id: int):
    offer_request = db.session.get(OfferRequest, request_id)
    if offer_request is None or not permissions.can_manage_offer(current_user, offer_request.offer):
        abort(404)
    form = AnswerRequestForm()
    if not form.validate_on_submit():
        abort(400)
    back = url_for("resources.my_offers", _anchor=f"request-{offer_request.id}")
    confirm = form.answer.data == "confirm"
    try:
        request_service.answer_request(offer_request, current_user, confirm=confirm)
    except NotPermitted as refusal:
        transaction.discard()
        return refused(refusal.message, 403, back)
    except (PledgingClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return refused(refusal.message, 409, back)
    if confirm:
        flash(_("Thank you: your offer is now a pledge to “%(title)s”, already accepted by its partners.",
                title=offer_request.need.project.title), "success")
    else:
        flash(_("You declined the request; the partners are told."), "success")
    return redirect(back)


# Asking for an offer (the project's partners) -----------------------------------------------------


@bp.route("/projects/<int:id>/needs/<int:need_id>/offers/<int:offer_id>/ask", methods=["GET", "POST"])
@login_required
@resource_limit
def ask_offer(id: int, need_id: int, offer_id: int):
    project, need = need_or_404(id, need_id)
    if not permissions.can_manage_needs(current_user, project):
        abort(403)
    offer = db.session.get(Offer, offer_id)
    if offer is None:
        abort(404)
    form = AskOfferForm(prefix=f"ask{need.id}-{offer.id}")
    if request.method == "GET" and offer.unit == need.unit:
        form.quantity.data = sections.number(offer.quantity, need)
    if not form.validate_on_submit():
        return _ask_page(project, need, offer, form, 422 if request.method == "POST" else 200)
    try:
        request_service.ask_offer(offer, need, project, current_user, quantity=form.quantity.data or None,
                            message=form.message.data)
    except NotPermitted as refusal:
        transaction.discard()
        return _ask_page(project, need, offer, form, 403, refusal.message)
    except (PledgingClosed, ChangedMeanwhile) as refusal:
        transaction.discard()
        return _ask_page(project, need, offer, form, 409, refusal.message)
    except ResourceInvalid as invalid:
        transaction.discard()
        errors = dict(invalid.errors)
        refusal = errors.pop("offer", None)
        attach_errors(form, errors)
        return _ask_page(project, need, offer, form, 422, refusal)
    flash(_("Your request is sent: the person who made the offer is told and will confirm or decline it."),
          "success")
    return redirect(needs_url(project.id, f"need-{need.id}"))


def _ask_page(project, need, offer, form, status: int = 200, refusal: str | None = None):
    row = offer_rows([offer])[0]
    return render_template("resources/ask_offer.html", project=project, need=need, row=row, form=form,
                           refusal=refusal), status
