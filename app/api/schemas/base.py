"""The building blocks of the API's definitions (pydantic models).

Each shape of the API is written once, as a model: the same class reads a request's body or query
(app.api.body), writes an answer (app.api.spec `answer`) and is the schema of the OpenAPI 3.1 document
(pydantic writes JSON Schema 2020-12, the dialect of OpenAPI 3.1).

Two kinds of model:
- `Answer`: what the API writes. Every field is always present (required in the document) and no
  other field is (`additionalProperties: false`).
- `Request`: what a caller sends. Strict types (a number is not text, `true` is not 1), unknown
  fields refused. The models check the *shape*; the domain functions, shared with the web forms,
  check the *meaning* (a known stage, a title's length...) and keep their own refusals and
  messages. The enumerations and bounds those functions hold are written into the fields' schemas
  from the same constants (`keys`), so the document shows them.
"""

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from app.core.ids import MAX_ID


class Answer(BaseModel):
    """A shape the API writes."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True,
                              serialize_by_alias=True, validate_by_name=True)


class Request(BaseModel):
    """A body or a query the API reads."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_by_name=True, validate_by_alias=True)


class Query(BaseModel):
    """A query string the API reads: every value arrives as text; other parameters are ignored."""

    model_config = ConfigDict(extra="ignore", validate_by_name=True, validate_by_alias=True)


def keys(values, **extra) -> dict:
    """`json_schema_extra` of a text field whose value the domain checks against `values`."""
    return {"enum": list(values), **extra}


def optional(description: str | None = None):
    """`json_schema_extra` of a field the answer leaves out when it has no value (`exclude_if`): its
    schema without null and without a default, as it only ever appears with a value."""

    def without_null(field_schema: dict) -> None:
        field_schema.pop("default", None)
        branches = [b for b in field_schema.pop("anyOf", []) if b != {"type": "null"}]
        if branches:
            field_schema.update(branches[0])
        if description:
            field_schema["description"] = description

    return without_null


def refusal(kind: str, message) -> PydanticCustomError:
    """A refusal of one field, with its message in the reader's language (`message` is lazy)."""
    return PydanticCustomError(kind, str(message))


def to_moment(value: datetime | None) -> str | None:
    """A point in time as ISO 8601 in UTC, e.g. 2025-03-01T09:30:00Z."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def read_iso_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise refusal("date_format", _l("Send a date as YYYY-MM-DD."))


def read_amount(value: Any) -> Decimal:
    """A decimal amount from a JSON number (read exactly, app.api.body) or a string: never rounded."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise refusal("amount", _l('Send an amount as a number or a string such as "1500.50".'))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise refusal("amount", _l('Send an amount as a number or a string such as "1500.50".'))
    return number


def read_quantity(value: Any) -> Any:
    """A quantity as sent (a string, a whole number or the exact Decimal of a JSON number), for the
    domain to check against the unit's precision."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise refusal("quantity", _l('Send a quantity as a number or a string such as "1500.50".'))
    return value


# What the API writes -------------------------------------------------------------------------------

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0)]
Moment = Annotated[
    datetime, PlainSerializer(to_moment, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time", "description": "ISO 8601 in UTC, e.g. "
                    "2025-03-01T09:30:00Z."}),
]
Day = Annotated[date, WithJsonSchema({"type": "string", "format": "date"})]
Amount = Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]{2}$", description="A decimal amount, two decimals.")]
Quantity = Annotated[str, Field(
    pattern=r"^[0-9]+(\.[0-9]+)?$",
    description='Plain notation, with the unit\'s own precision: "1500" XOF, "12.50" hours.',
)]


class NameOnly(Answer):
    name: str


class OrganisationRef(Answer):
    slug: str
    name: str


# What the API reads --------------------------------------------------------------------------------

IsoDate = Annotated[date, BeforeValidator(read_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
AmountInput = Annotated[Decimal, BeforeValidator(read_amount), WithJsonSchema({
    "type": ["string", "number"],
    "description": 'A number or a decimal string such as "1500.50".',
})]
QuantityInput = Annotated[Any, BeforeValidator(read_quantity), WithJsonSchema({
    "type": ["number", "string"],
    "description": 'Greater than zero: a number, or a string in plain notation such as "1500.50"; never '
                   "more decimals than the unit has.",
})]
IdInput = Annotated[int, Field(json_schema_extra={"minimum": 1, "maximum": MAX_ID})]  # the domain looks it up


def lenient_int(value):
    """A whole number, or None (the default) for anything else."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


LenientInt = Annotated[int | None, BeforeValidator(lenient_int)]
