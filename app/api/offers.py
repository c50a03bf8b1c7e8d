"""API: the resource pool, offers of resources not tied to a project.

GET  /offers     open, unexpired offers, soonest expiry first: `kind`, `country`, `region`, `page`,
                 `per_page` (at most 100) → `{items, page, per_page, total}`. Offers name their
                 organisation, never the person who offered.
POST /offers     `{kind, title, description, quantity, unit, countries, expires_on, organisation}`;
                 201 with the offer. An `Idempotency-Key` header answers the offer it made the first
                 time (200).

| refusal                                                         | status | code              |
|-----------------------------------------------------------------|--------|-------------------|
| a malformed body; an Idempotency-Key over 64 characters         | 400    | `bad_request`     |
| no token (POST)                                                 | 401    | `unauthorized`    |
| an unconfirmed e-mail address                                   | 403    | `forbidden`       |
| a bad field or filter (one details entry per field)             | 422    | `invalid`         |
| too many posts (RATELIMIT_POST, shared with the web)            | 429    | `rate_limited`    |
"""

from flask import g, request
from flask_babel import gettext as _

from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.payload import Reader, json_object
from app.api.project_list import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, ListArguments
from app.api.projects import iso
from app.api.refusals import invalid
from app.api.resources import organisation_ref, quantity_text, read_quantity, submission_key
from app.core.limits import resource_limit
from app.resources import money
from app.resources import offers as offer_service
from app.resources.models import Offer
from app.resources.offers import OfferFilters

OFFER_FIELDS = ("kind", "title", "description", "quantity", "unit", "countries", "expires_on", "organisation")


def offer_json(offer: Offer) -> dict:
    return {
        "id": offer.id,
        "kind": offer.kind.value,
        "title": offer.title,
        "description": offer.description,
        "quantity": quantity_text(offer.quantity, offer.kind, offer.unit),
        "unit": offer.unit,
        "countries": offer.country_codes,
        "expires_on": offer.expires_on.isoformat(),
        "status": offer.status.value,
        "organisation": organisation_ref(offer.organisation),
        "created_at": iso(offer.created_at),
    }


def filter_value(args: ListArguments, name: str, normalise) -> str | None:
    value = args.args.get(name, "").strip()
    return normalise(value) if value else None


@bp.get("/offers")
def list_offers():
    """Open offers of the pool whose expiry date has not passed, soonest expiry first."""
    args = ListArguments(request.args)
    filters = OfferFilters(
        kind=filter_value(args, "kind", str.lower),
        country=filter_value(args, "country", str.upper),
        region=filter_value(args, "region", str.lower),
    )
    page = args.number("page", 1, maximum=MAX_PAGE)
    per_page = args.number("per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    errors = {**filters.problems(), **args.errors}
    if errors:
        raise invalid(errors)
    result = offer_service.open_offers(filters, page=page, per_page=per_page)
    return {"items": [offer_json(offer) for offer in result.items], "page": page, "per_page": per_page,
            "total": result.total}


@bp.post("/offers")
@token_required
@resource_limit
def create_offer():
    """Offer a resource to the pool; 201 with the offer (200 with the first one for a repeated key)."""
    key = submission_key()
    reader = Reader(json_object(), allowed=OFFER_FIELDS)
    kind = reader.text("kind", required=True)
    title = reader.text("title", required=True)
    description = reader.text("description")
    quantity = read_quantity(reader)
    unit = reader.text("unit")
    countries = reader.texts("countries")
    expires_on = reader.iso_date("expires_on")
    if expires_on is None:
        reader.refuse("expires_on", _("This field is required."))
    organisation = reader.text("organisation", default=None, nullable=True) or None
    reader.done()
    offer, created = offer_service.make_offer(
        g.api_user, kind=kind, title=title, description=description, quantity=quantity, unit=unit,
        countries=countries, expires_on=expires_on, organisation=organisation, submission_key=key,
        locale=money.PLAIN,
    )
    return offer_json(offer), 201 if created else 200

