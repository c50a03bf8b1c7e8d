"""The shapes of resource pooling in the API: needs, pledges and the pool's offers."""

from pydantic import Field

from app.api.schemas.base import (
    Answer,
    Count,
    Day,
    Id,
    IsoDate,
    Moment,
    OrganisationRef,
    Quantity,
    QuantityInput,
    Request,
    keys,
)
from app.api.schemas.projects import Country, key
from app.reference.names import COUNTRIES
from app.resources.models import NeedKind, NeedStatus, OfferStatus, PledgeStatus
from app.resources.money import CURRENCIES, HOURS, UNIT_MAX

NEED_KINDS = [k.value for k in NeedKind]
PLEDGE_STATUSES = [s.value for s in PledgeStatus]
UNIT_TEXT = (f"For funding an ISO 4217 code ({', '.join(CURRENCIES)}), for volunteer time `{HOURS}`, otherwise "
             "what the quantity counts.")
UNIT_BY_KIND = [
    {"if": {"properties": {"kind": {"const": NeedKind.FUNDING.value}}},
     "then": {"properties": {"unit": {"enum": list(CURRENCIES)}}}},
    {"if": {"properties": {"kind": {"const": NeedKind.VOLUNTEER_TIME.value}}},
     "then": {"properties": {"unit": {"const": HOURS}}}},
]
BY_KIND = {**Answer.model_config, "json_schema_extra": {"allOf": UNIT_BY_KIND}}


def unit(description: str = UNIT_TEXT):
    return Field(max_length=UNIT_MAX, description=description)


class Pledger(Answer):
    id: Id
    name: str


class Pledge(Answer):
    """A pledge; seen only by its pledger, the project's partners and admins."""

    id: Id
    need_id: Id
    project_id: Id
    quantity: Quantity
    unit: str = unit()
    status: key(PLEDGE_STATUSES)
    organisation: OrganisationRef | None = Field(description="The organisation pledged on behalf of.")
    pledger: Pledger | None
    message: str
    offer_id: Id | None = Field(description="The offer of the pool it came from.")
    created_at: Moment
    updated_at: Moment
    moves: list[key(PLEDGE_STATUSES)] | None = Field(
        description="The statuses the caller may move it to now (null inside a need).")


class NeedProgress(Answer):
    committed: Quantity = Field(description="Accepted and fulfilled.")
    fulfilled: Quantity
    waiting: Quantity = Field(description="Pledged, not yet decided.")
    over: Quantity = Field(description="How far the committed quantity went past the target.")
    percent: int = Field(ge=0, le=100)
    pledge_count: Count


class Need(Answer):
    """A need of a project."""

    model_config = BY_KIND
    id: Id
    project_id: Id
    kind: key(NEED_KINDS)
    title: str
    description: str
    quantity: Quantity
    unit: str = unit()
    required: bool
    status: key([s.value for s in NeedStatus])
    created_at: Moment
    closed_at: Moment | None
    progress: NeedProgress
    pledges: list[Pledge] | None = Field(description="For the project's partners and admins; null for everyone "
                                         "else.")


class NeedTotal(Answer):
    """Per kind and unit (one line per currency: amounts are never converted)."""

    model_config = BY_KIND
    kind: key(NEED_KINDS)
    unit: str = unit()
    target: Quantity
    committed: Quantity
    fulfilled: Quantity


class NeedList(Answer):
    """The needs, open first, and the totals."""

    items: list[Need]
    totals: list[NeedTotal]


class NeedEdit(Request):
    """The fields to change (kind and unit are fixed once the need has pledges)."""

    kind: str | None = Field(None, json_schema_extra=keys(NEED_KINDS))
    title: str = Field(None, json_schema_extra={"minLength": 1, "maxLength": 200})
    description: str = ""
    quantity: QuantityInput = None
    unit: str = Field("", description=UNIT_TEXT + " Ignored for volunteer time.",
                      json_schema_extra={"maxLength": UNIT_MAX})
    required: bool = Field(True, description="Required (true, the default) or optional.")


class NeedCreate(NeedEdit):
    """A new open need."""

    kind: str = Field(json_schema_extra=keys(NEED_KINDS))
    title: str = Field(json_schema_extra={"minLength": 1, "maxLength": 200})
    quantity: QuantityInput

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"kind": "funding", "title": "School kits", "quantity": "500000", "unit": "XOF"},
                     {"kind": "volunteer_time", "title": "Reading tutors", "quantity": 40}],
    }}


class PledgeCreate(Request):
    """A pledge against a need."""

    quantity: QuantityInput = Field(description="In the need's unit. Greater than zero: a number, or a string in "
                                    'plain notation such as "1500.50".')
    message: str | None = None
    organisation: str | None = Field(None, description="The slug of an organisation the caller is an active member "
                                     "of, to pledge on its behalf.")

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"quantity": "100000", "message": "For the girls' kits."}],
    }}


class PledgeStatusRequest(Request):
    status: str = Field(json_schema_extra=keys(PLEDGE_STATUSES))


class IdempotencyHeaders(Request):
    idempotency_key: str | None = Field(
        None, alias="Idempotency-Key", json_schema_extra={"maxLength": 64},
        description="Sent again by the same person, answers what the first request made (200) instead of "
                    "making it twice. Longer than 64 characters: 400 `bad_request`.",
    )


class Offer(Answer):
    """An offer of the resource pool (it names its organisation, never the person)."""

    model_config = BY_KIND
    id: Id
    kind: key(NEED_KINDS)
    title: str
    description: str
    quantity: Quantity
    unit: str = unit()
    countries: list[Country]
    expires_on: Day
    status: key([s.value for s in OfferStatus])
    organisation: OrganisationRef | None
    created_at: Moment


class OfferPage(Answer):
    """One page of the open offers, soonest expiry first."""

    items: list[Offer]
    page: int = Field(ge=1)
    per_page: int = Field(ge=1, le=100)
    total: Count


class OfferCreate(Request):
    """A new offer to the pool."""

    kind: str = Field(json_schema_extra=keys(NEED_KINDS))
    title: str = Field(json_schema_extra={"minLength": 1, "maxLength": 200})
    description: str = ""
    quantity: QuantityInput
    unit: str = Field("", description=UNIT_TEXT, json_schema_extra={"maxLength": UNIT_MAX})
    countries: list[str] = Field([], description="Where it is available.",
                                 json_schema_extra={"items": keys(COUNTRIES), "minItems": 1})
    expires_on: IsoDate = Field(description="From today to two years ahead.")
    organisation: str | None = None

    model_config = {**Request.model_config, "json_schema_extra": {
        "required": ["kind", "title", "quantity", "countries", "expires_on"],  # countries: the domain says why
        "examples": [{"kind": "materials", "title": "Story books", "quantity": 200, "unit": "books",
                      "countries": ["SN"], "expires_on": "2027-06-30"}],
    }}
