"""The fields of indicators and measurements, checked: numbers as people type them, dates, texts.

Every check adds a message under the field's name, so a form or an API answer says everything that is
wrong at once; the caller raises ResultsInvalid with them.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from flask_babel import get_locale
from flask_babel import gettext as _

from app.core.columns import utcnow
from app.core.text import check_text, is_blank
from app.projects.models import AGE_BANDS, SEXES

MAX_VALUE = Decimal("1000000000")  # a billion: beyond it, a typing slip
PLACES = 2
NAME_MAX, UNIT_MAX, SOURCE_MAX = 200, 40, 300
# The keys of the values by sex and age band, as the projects count children: girls_0_5 … boys_12_17.
BAND_KEYS = tuple(f"{sex}_{band}" for sex in SEXES for band in AGE_BANDS)


def parse_number(text, locale=None) -> Decimal:
    """A number typed in the reader's notation ("1 500,5" in French) or plainly; ValueError with the
    message otherwise."""
    if isinstance(text, bool):
        raise ValueError(_("Enter a number."))
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(str(text))
    else:
        raw = "".join(str(text or "").replace("\u202f", " ").split())  # spaces group thousands
        if not raw:
            raise ValueError(_("Enter a number."))
        try:
            value = Decimal(raw)
        except InvalidOperation:
            try:
                value = parse_decimal(raw, locale=locale or get_locale() or "en", strict=True)
            except (NumberFormatError, ValueError):
                raise ValueError(_("Enter a number, for example 120 or 12.5.")) from None
    return value


def check_number(errors: dict, field: str, text, locale=None, required: bool = True) -> Decimal | None:
    """A non-negative number of at most two decimals and at most a billion, or None (message in
    `errors`; None without a message when the field is empty and not required)."""
    if not required and (text is None or (isinstance(text, str) and is_blank(text))):
        return None
    try:
        value = parse_number(text, locale)
    except ValueError as refused:
        errors[field] = str(refused)
        return None
    if not value.is_finite():
        errors[field] = _("Enter a number.")
    elif value < 0:
        errors[field] = _("Enter a number that is zero or more: a count or a rate cannot be negative.")
    elif value > MAX_VALUE:
        errors[field] = _("That is more than the lab can record (at most %(max)s).", max="1,000,000,000")
    elif value != value.quantize(Decimal(1).scaleb(-PLACES)):
        errors[field] = _("Enter at most %(places)d decimals.", places=PLACES)
    else:
        return value.quantize(Decimal(1).scaleb(-PLACES))
    return None


def check_line(errors: dict, field: str, text, max_length: int, missing: str) -> str:
    text = text if isinstance(text, str) else ""
    if is_blank(text):
        errors[field] = missing
        return ""
    check_text(errors, field, text, max_length)
    return text.strip()


def check_date(errors: dict, field: str, value, starts_on: date | None) -> date | None:
    """A date not in the future and not before the initiative starts (`starts_on`, when set)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            errors[field] = _("Enter a date as YYYY-MM-DD.")
            return None
    if not isinstance(value, date):
        errors[field] = _("Enter the date of the measurement.")
        return None
    if value > utcnow().date():
        errors[field] = _("A measurement cannot be dated in the future.")
    elif starts_on is not None and value < starts_on:
        errors[field] = _("A measurement cannot be dated before the initiative starts (%(start)s).",
                          start=starts_on.isoformat())
    else:
        return value
    return None


def plain(value: Decimal | None) -> str:
    """A stored number as plain text without useless zeros: "12", "12.5"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text
