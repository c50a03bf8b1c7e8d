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

from flask import g

from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.body import read_body, read_query
from app.api.refusals import invalid
from app.api.resources import organisation_ref, quantity_text, submission_key
from app.api.schemas.listing import DEFAULT_PER_PAGE, OfferQuery
from app.api.schemas.resources import IdempotencyHeaders, Offer, OfferCreate, OfferPage
from app.api.spec import TOKEN, operation
from app.core.limits import resource_limit
from app.resources import money
from app.resources import offers as offer_service
from app.resources.models import Offer as OfferRow
from app.resources.offers import OfferFilters


def offer_answer(offer: OfferRow) -> Offer:
    return Offer(
        id=offer.id,
        kind=offer.kind.value,
        title=offer.title,
        description=offer.description,
        quantity=quantity_text(offer.quantity, offer.kind, offer.unit),
        unit=offer.unit,
        countries=offer.country_codes,
        expires_on=offer.expires_on,
        status=offer.status.value,
        organisation=organisation_ref(offer.organisation),
        created_at=offer.created_at,
    )


def normalised(value: str | None, normalise) -> str | None:
    value = (value or "").strip()
    return normalise(value) if value else None


@bp.get("/offers")
@operation("resources", ok={200: (OfferPage, "Open, unexpired offers, soonest expiry first.")}, query=OfferQuery,
           errors={400: ["bad_request"], 422: ["invalid"]})
def list_offers():
    """The resource pool

    Open offers of the pool whose expiry date has not passed, soonest expiry first.
    """
    query = read_query(OfferQuery)
    filters = OfferFilters(
        kind=normalised(query.kind, str.lower),
        country=normalised(query.country, str.upper),
        region=normalised(query.region, str.lower),
    )
    if problems := filters.problems():
        raise invalid(problems)
    page, per_page = query.page or 1, query.per_page or DEFAULT_PER_PAGE
    result = offer_service.open_offers(filters, page=page, per_page=per_page)
    return OfferPage(items=[offer_answer(offer) for offer in result.items], page=page, per_page=per_page,
                     total=result.total)


@bp.post("/offers")
@operation("resources", ok={201: (Offer, "The offer."),
                            200: (Offer, "The offer made by the first request with this Idempotency-Key.")},
           body=OfferCreate, headers=IdempotencyHeaders, errors={403: ["forbidden"], 429: ["rate_limited"]},
           access=TOKEN)
@token_required
@resource_limit
def create_offer():
    """Offer a resource to the pool

    201 with the offer (200 with the first one for a repeated Idempotency-Key).
    """
    key = submission_key()
    sent = read_body(OfferCreate)
    offer, created = offer_service.make_offer(
        g.api_user, kind=sent.kind, title=sent.title, description=sent.description, quantity=sent.quantity,
        unit=sent.unit, countries=sent.countries, expires_on=sent.expires_on, organisation=sent.organisation or None,
        submission_key=key, locale=money.PLAIN,
    )
    return offer_answer(offer), 201 if created else 200
