"""Numbers, money, shares and file sizes for the reader, in the reader's language, through Babel (CLDR).

Every page, e-mail and message formats these through here, never by hand: "6 500 000 F CFA" in
French, "380.000.000,00 COP" in Spanish, "12,5 %" in French. Dates and times go through Flask-Babel's
own filters (`dateformat`, `datetimeformat`), with `datetime="..."` attributes in ISO 8601 for
machines. CSV exports and the JSON API are for programs and keep plain notation (1500.50).

Filters for templates (registered by init_app):

| filter | example | French |
|---|---|---|
| `amount|money(currency)` | `6500000|money("XOF")` | 6 500 000 F CFA |
| `value|number` | `1234.5|number` | 1 234,5 |
| `value|percent` | `12.5|percent` (a share out of 100, as typed in the assessment) | 12,5 % |
| `size|filesize` | `20480|filesize` (bytes) | 20 ko |
"""

import math
from decimal import Decimal

from babel.numbers import format_percent, get_currency_symbol
from babel.units import format_unit
from flask import Flask
from flask_babel import format_currency, format_decimal, get_locale


def locale_name() -> str:
    return str(get_locale() or "en")


def money(amount, currency: str) -> str:
    """An amount in a currency, with the currency's own decimals (CLDR: none for the CFA franc, three
    for the Tunisian dinar) and CLDR's currency spacing, which Babel leaves out: a symbol that ends or
    starts with a letter is kept apart from the digits by a no-break space ("F CFA 1,500", not
    "F CFA1,500")."""
    if amount is None:
        return ""
    text = format_currency(Decimal(str(amount)), currency, currency_digits=True)
    symbol = get_currency_symbol(currency, locale=locale_name())
    if symbol and text.startswith(symbol) and symbol[-1].isalpha() and text[len(symbol):][:1].isdigit():
        return f"{symbol}\u00a0{text[len(symbol):]}"
    if symbol and text.endswith(symbol) and symbol[0].isalpha() and text[: -len(symbol)][-1:].isdigit():
        return f"{text[: -len(symbol)]}\u00a0{symbol}"
    return text


def number(value, places: int | None = None) -> str:
    """A number with the language's grouping and decimal sign; `places` caps the decimals shown
    (trailing zeros dropped)."""
    if value is None:
        return ""
    pattern = None if places is None else "#,##0" + ("." + "#" * places if places else "")
    return format_decimal(value, format=pattern)


def percent(value) -> str:
    """A share out of 100 (as people type it: 12.5 for 12.5 %), in the language's notation."""
    if value is None:
        return ""
    share = (Decimal(str(value)) / 100).normalize()
    return format_percent(share, decimal_quantization=False, locale=locale_name())  # the decimals typed


def filesize(size: int) -> str:
    """A file's size in bytes, shown in kilobytes rounded up, or megabytes from 1 MB: "20 kB", "20 ko"."""
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale_name())
    return format_unit(max(1, math.ceil(size / 1000)), "digital-kilobyte", length="short", locale=locale_name())


def init_app(app: Flask) -> None:
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["filesize"] = filesize
