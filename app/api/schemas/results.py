"""The shapes of results in the API: indicators and their measurements."""

from decimal import Decimal
from typing import Annotated, Any

from flask_babel import lazy_gettext as _l
from pydantic import BeforeValidator, Field, WithJsonSchema

from app.api.schemas.base import Answer, Day, Id, IsoDate, Moment, Request, refusal
from app.results.values import NAME_MAX, SOURCE_MAX, UNIT_MAX


def read_number(value: Any) -> Any:
    """A number as sent (a string, a whole number or the exact Decimal of a JSON number), for the domain
    to check (zero or more, at most two decimals)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise refusal("number", _l('Send a number, or a string such as "12.5".'))
    return value


NumberInput = Annotated[Any, BeforeValidator(read_number), WithJsonSchema({
    "type": ["number", "string"],
    "description": 'Zero or more, at most two decimals: a number, or a string such as "12.5".',
})]
Value = Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]{1,2})?$", description='Plain notation: "120", "12.5".')]


class IndicatorCreate(Request):
    """A new indicator of an initiative."""

    name: str = Field(json_schema_extra={"minLength": 1, "maxLength": NAME_MAX})
    unit: str = Field(json_schema_extra={"minLength": 1, "maxLength": UNIT_MAX})
    baseline: NumberInput
    target: NumberInput
    by_sex: bool = Field(False, description="Measurements give girls, boys and other (or not stated).")
    by_age: bool = Field(False, description="Measurements also give girls_0_5 … boys_12_17 (needs by_sex).")
    counts_children: bool = Field(False, description="Its measurements count the children reached.")

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"name": "Girls attending secondary school", "unit": "girls", "baseline": 40, "target": 120,
                      "by_sex": True, "by_age": False}],
    }}


class MeasurementValues(Request):
    """The values of a measurement: the total, and by sex (and age band) when the indicator asks."""

    total: NumberInput
    girls: NumberInput | None = None
    boys: NumberInput | None = None
    other: NumberInput | None = None
    girls_0_5: NumberInput | None = None
    girls_6_11: NumberInput | None = None
    girls_12_17: NumberInput | None = None
    boys_0_5: NumberInput | None = None
    boys_6_11: NumberInput | None = None
    boys_12_17: NumberInput | None = None


class MeasurementCreate(Request):
    """A measurement of an indicator."""

    measured_on: IsoDate = Field(description="Not in the future, not before the initiative starts.")
    values: MeasurementValues
    source: str = Field(json_schema_extra={"minLength": 1, "maxLength": SOURCE_MAX})

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"measured_on": "2026-06-30", "values": {"girls": 60, "boys": 30, "total": 90},
                      "source": "Attendance registers"}],
    }}


class Measurement(Answer):
    id: Id
    indicator_id: Id
    measured_on: Day
    values: dict[str, Value] = Field(description="total, and girls, boys, other, girls_0_5 … when given.")
    source: str
    created_at: Moment


class Indicator(Answer):
    """An indicator of an initiative, with its measurements oldest first."""

    id: Id
    project_id: Id
    name: str
    unit: str
    baseline: Value
    target: Value
    by_sex: bool
    by_age: bool
    counts_children: bool
    measurements: list[Measurement]
    created_at: Moment
    updated_at: Moment


class IndicatorList(Answer):
    items: list[Indicator]
