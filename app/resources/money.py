"""Quantities of resources: currencies, units, parsing what people type, and formatting for the reader.

Amounts are Decimals, never floats. A currency's precision is its own (CLDR, through Babel): the
West African CFA franc has no minor unit, the Tunisian dinar has three decimals. Amounts in
different currencies are never added together.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import NumberFormatError, get_currency_precision, parse_decimal
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l

from app.core import formats
from app.core.text import text_problem
from app.resources.models import NeedKind

# The programme's countries' currencies first, then those its partners and donors use most.
CURRENCIES = ("XOF", "MAD", "TND", "MGA", "COP", "CRC", "HNL", "PEN", "CAD", "USD", "EUR", "GBP", "CHF")
HOURS = "hours"
UNIT_MAX = 40
# Far beyond any real commitment: anything larger is a typing mistake.
MAX_QUANTITY = {NeedKind.FUNDING: Decimal("1000000000000"), NeedKind.VOLUNTEER_TIME: Decimal("1000000")}
DEFAULT_MAX = Decimal("1000000000")
HOURS_PRECISION = 2
PLAIN = "plain"  # parse_quantity(locale=PLAIN): the API's notation, 1500.5, whatever the language
OTHER_PRECISION = 3

KIND_NAMES = {
    NeedKind.FUNDING: _l("Funding"),
    NeedKind.VOLUNTEER_TIME: _l("Volunteer time"),
    NeedKind.EXPERTISE: _l("Expertise"),
    NeedKind.MATERIALS: _l("Materials"),
    NeedKind.VENUE: _l("Venue"),
    NeedKind.OTHER: _l("Other"),
}


class QuantityError(ValueError):
    """What is wrong with a typed quantity, as a message for the person who typed it."""


def default_unit(kind: NeedKind) -> str | None:
    """The unit a kind always uses (hours for volunteer time), or None when the person chooses it."""
    return HOURS if NeedKind(kind) == NeedKind.VOLUNTEER_TIME else None


def precision(kind: NeedKind, unit: str) -> int:
    """How many decimals a quantity of this kind and unit may have."""
    kind = NeedKind(kind)
    if kind == NeedKind.FUNDING:
        return get_currency_precision(unit)
    if kind == NeedKind.VOLUNTEER_TIME:
        return HOURS_PRECISION
    return OTHER_PRECISION


def check_unit(kind: NeedKind, unit: str) -> str:
    """The unit to store for this kind: an ISO 4217 code of CURRENCIES for funding, hours for volunteer
    time, the trimmed free text (1 to 40 characters) otherwise. Refuses QuantityError."""
    kind = NeedKind(kind)
    unit = (unit or "").strip()
    if kind == NeedKind.FUNDING:
        code = unit.upper()
        if code not in CURRENCIES:
            raise QuantityError(_l("Choose a currency from the list."))
        return code
    if kind == NeedKind.VOLUNTEER_TIME:
        return HOURS
    if not unit:
        raise QuantityError(_l("Say what the quantity counts (for example: books, days, rooms)."))
    if len(unit) > UNIT_MAX:
        raise QuantityError(_l("The unit can be at most %(max)d characters long.", max=UNIT_MAX))
    if problem := text_problem(unit, UNIT_MAX):
        raise QuantityError(problem)
    return unit


def parse_quantity(text, kind: NeedKind, unit: str, locale=None) -> Decimal:
    """A positive quantity from what a person typed, in their language's notation ("1 500,50" in
    French, "1,500.50" in English) or as a plain number; a Decimal or int passes through the same checks.

    Refuses QuantityError: empty, not a number, zero or negative, more decimals than the unit allows
    (no silent rounding), or absurdly large.
    """
    kind = NeedKind(kind)
    if isinstance(text, bool):
        raise QuantityError(_l("Enter a number."))
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(str(text))
    else:
        value = _parse_text(str(text or ""), locale)
    if not value.is_finite():
        raise QuantityError(_l("Enter a number."))
    if value <= 0:
        raise QuantityError(_l("Enter a quantity greater than zero."))
    # The limit first: quantizing an absurdly large number would overflow the decimal context.
    limit = MAX_QUANTITY.get(kind, DEFAULT_MAX)
    if value > limit:
        message = _l("That is more than the lab can record (at most %(limit)s).", limit=format_decimal(limit))
        raise QuantityError(message)
    places = precision(kind, unit)
    if value != value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):
        if places == 0:
            raise QuantityError(_l("%(unit)s has no decimals: enter a whole number.", unit=unit))
        raise QuantityError(_l("Enter at most %(places)d decimals.", places=places))
    return value.quantize(Decimal(1).scaleb(-places))


def _parse_text(text: str, locale) -> Decimal:
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    if not text:
        raise QuantityError(_l("Enter a quantity."))
    if len(text) <= 40:
        if locale != PLAIN:
            locale = locale or get_locale() or "en"
            # French groups digits with a (narrow) no-break space; people type a plain one.
            for candidate in (text, text.replace(" ", "\u202f"), text.replace(" ", "\u00a0")):
                try:
                    return parse_decimal(candidate, locale=locale, strict=True)
                except (NumberFormatError, InvalidOperation, ValueError):
                    continue
        try:
            return Decimal(text.replace(" ", ""))
        except InvalidOperation:
            pass
    raise QuantityError(_l("Enter a number, such as 1500 or 12.5."))


def format_quantity(value: Decimal, kind: NeedKind, unit: str) -> str:
    """A quantity for the reader's language: "1 500 F CFA", "12,5 heures", "40 books" (money through
    app.core.formats.money, like every amount the lab shows)."""
    kind = NeedKind(kind)
    if kind == NeedKind.FUNDING:
        return formats.money(value, unit)
    places = precision(kind, unit)
    number = format_decimal(value, format=_pattern(places))
    if kind == NeedKind.VOLUNTEER_TIME:
        return str(_l("%(number)s hours", number=number))
    return f"{number} {unit}"


def format_number(value: Decimal, kind: NeedKind, unit: str) -> str:
    """The number alone, for a form field's value, in the reader's notation."""
    return format_decimal(value, format=_pattern(precision(kind, unit)))


def _pattern(places: int) -> str:
    return "#,##0" + ("." + "#" * places if places else "")


def locale_name() -> str:
    return str(get_locale() or "en")
