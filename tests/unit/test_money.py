"""Quantities of resources: each currency's own precision, what people type in their language, and
formatting for the reader in English, French and Spanish."""

from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.resources import money
from app.resources.models import NeedKind

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def request_ctx(app):
    with app.test_request_context():
        yield


def fmt(locale: str, value: str, kind: str, unit: str) -> str:
    with force_locale(locale):
        return money.format_quantity(Decimal(value), NeedKind(kind), unit)


def parse(text, kind="funding", unit="EUR", locale=None):
    return money.parse_quantity(text, NeedKind(kind), unit, locale=locale)


def refusal(text, kind="funding", unit="EUR", locale=None) -> str:
    with pytest.raises(money.QuantityError) as caught:
        parse(text, kind, unit, locale)
    return str(caught.value)


# Precision ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "unit", "places"), [
    ("funding", "XOF", 0), ("funding", "EUR", 2), ("funding", "TND", 3), ("funding", "USD", 2),
    ("volunteer_time", "hours", 2), ("materials", "books", 3),
])
def test_each_unit_has_its_own_precision(kind, unit, places):
    assert money.precision(NeedKind(kind), unit) == places


def test_whole_xof_and_three_decimal_dinars_are_kept_exactly(request_ctx):
    assert parse("1500", unit="XOF") == Decimal("1500")
    assert parse("1250.500", unit="TND", locale=money.PLAIN) == Decimal("1250.500")
    assert parse("1234.5", unit="EUR", locale=money.PLAIN) == Decimal("1234.50")
    assert parse(Decimal("12.25"), "volunteer_time", "hours") == Decimal("12.25")


def test_too_many_decimals_are_refused_not_rounded(request_ctx):
    assert refusal("1500.5", unit="XOF", locale=money.PLAIN) == "XOF has no decimals: enter a whole number."
    assert refusal("10.1234", unit="TND", locale=money.PLAIN) == "Enter at most 3 decimals."
    assert refusal("10.125", unit="EUR", locale=money.PLAIN) == "Enter at most 2 decimals."
    assert refusal("1.005", "volunteer_time", "hours", locale=money.PLAIN) == "Enter at most 2 decimals."


# Bad quantities -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("0", "Enter a quantity greater than zero."),
    ("-5", "Enter a quantity greater than zero."),
    (Decimal("-0.01"), "Enter a quantity greater than zero."),
    (0, "Enter a quantity greater than zero."),
    ("", "Enter a quantity."),
    ("   ", "Enter a quantity."),
    (None, "Enter a quantity."),
    ("twelve", "Enter a number, such as 1500 or 12.5."),
    ("12.5.5", "Enter a number, such as 1500 or 12.5."),
    ("1" * 50, "Enter a number, such as 1500 or 12.5."),
    ("NaN", "Enter a number."),
    ("Infinity", "Enter a number."),
    (True, "Enter a number."),
])
def test_bad_quantities_get_a_clear_message(request_ctx, text, message):
    assert refusal(text, locale=money.PLAIN) == message


@pytest.mark.parametrize("text", ["1e30", "99999999999999999999999999999999", Decimal("1E+40"), 10**40, 10**13])
def test_absurdly_large_quantities_are_refused_without_crashing(request_ctx, text):
    assert refusal(text, unit="XOF", locale=money.PLAIN).startswith("That is more than the lab can record")


def test_the_limits_depend_on_the_kind(request_ctx):
    assert parse(Decimal(10**12), unit="XOF") == Decimal(10**12)
    assert refusal(Decimal(10**12 + 1), unit="XOF").startswith("That is more than")
    assert refusal(Decimal(1_000_001), "volunteer_time", "hours").startswith("That is more than")
    assert refusal(Decimal(1_000_000_001), "materials", "books").startswith("That is more than")


# What people type in their language ----------------------------------------------------------------


@pytest.mark.parametrize(("locale", "text", "value"), [
    ("en", "1,500.50", "1500.50"),
    ("en", "1500.5", "1500.50"),
    ("fr", "1 500,50", "1500.50"),
    ("fr", f"1{NNBSP}500,50", "1500.50"),
    ("fr", "12,5", "12.50"),
    ("es", "1.500,50", "1500.50"),
    ("es", "12,5", "12.50"),
])
def test_each_language_notation_is_read(request_ctx, locale, text, value):
    with force_locale(locale):
        assert parse(text) == Decimal(value)


def test_the_api_notation_is_the_same_in_every_language(request_ctx):
    for locale in ("en", "fr", "es"):
        with force_locale(locale):
            assert parse("1500.5", locale=money.PLAIN) == Decimal("1500.50")


def test_units_are_checked_per_kind(request_ctx):
    assert money.check_unit(NeedKind.FUNDING, " xof ") == "XOF"
    assert money.check_unit(NeedKind.VOLUNTEER_TIME, "days") == "hours"
    assert money.check_unit(NeedKind.MATERIALS, "  books ") == "books"
    for kind, unit in ((NeedKind.FUNDING, "BTC"), (NeedKind.FUNDING, ""), (NeedKind.MATERIALS, ""),
                       (NeedKind.VENUE, "x" * 41)):
        with pytest.raises(money.QuantityError):
            money.check_unit(kind, unit)


# Formatting for the reader ------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", f"F{NNBSP}CFA{NBSP}1,500"),
    ("fr", f"1{NNBSP}500{NBSP}F{NNBSP}CFA"),
    ("es", f"1.500{NBSP}XOF"),
])
def test_cfa_francs_have_no_decimals(request_ctx, locale, expected):
    assert fmt(locale, "1500", "funding", "XOF") == expected


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "€1,234.50"),
    ("fr", f"1{NNBSP}234,50{NBSP}€"),
    ("es", f"1.234,50{NBSP}€"),
])
def test_euros_have_two_decimals(request_ctx, locale, expected):
    assert fmt(locale, "1234.5", "funding", "EUR") == expected


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", f"TND{NBSP}1.250"),
    ("fr", f"1,250{NBSP}TND"),
    ("es", f"1,250{NBSP}TND"),
])
def test_dinars_have_three_decimals_and_the_code_stands_apart(request_ctx, locale, expected):
    assert fmt(locale, "1.25", "funding", "TND") == expected


@pytest.mark.parametrize(("locale", "number"), [("en", "12.5"), ("fr", "12,5"), ("es", "12,5")])
def test_hours_use_the_reader_notation(request_ctx, locale, number):
    text = fmt(locale, "12.50", "volunteer_time", "hours")
    with force_locale(locale):
        from flask_babel import gettext

        assert text == gettext("%(number)s hours", number=number)
    assert text.startswith(number + " ")


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "1,234,567.125 kg"), ("fr", f"1{NNBSP}234{NNBSP}567,125 kg"), ("es", "1.234.567,125 kg"),
])
def test_other_units_keep_their_free_text(request_ctx, locale, expected):
    assert fmt(locale, "1234567.125", "materials", "kg") == expected


def test_the_number_alone_for_a_form_field(request_ctx):
    with force_locale("fr"):
        assert money.format_number(Decimal("1500.50"), NeedKind.FUNDING, "EUR") == f"1{NNBSP}500,5"
    with force_locale("en"):
        assert money.format_number(Decimal("1500"), NeedKind.FUNDING, "XOF") == "1,500"
