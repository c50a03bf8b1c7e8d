"""Reading JSON request bodies: a JSON object or 400, then typed fields or 422 with one entry per field."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import request
from flask_babel import gettext as _

from app.api.refusals import ApiError, invalid
from app.core.text import has_lone_surrogate, text_problem


def json_object() -> dict:
    """The request's JSON body; refuses (400 `bad_request`) anything but a JSON object."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # absurdly deep nesting
        body = None
    if not isinstance(body, dict) or too_deep(body):
        raise ApiError(
            400, "bad_request", _("Send a JSON object, with the header 'Content-Type: application/json'.")
        )
    if holds_nul(body):
        raise ApiError(400, "bad_request", _("Text may not contain NUL characters."))
    if fields := surrogate_fields(body):
        raise invalid({field: text_problem("\ud800", 0) for field in fields})
    return body


MAX_DEPTH = 16


def _walk(value):
    """Every (depth, key or value) of a JSON value, without recursion."""
    stack = [(1, value)]
    while stack:
        depth, item = stack.pop()
        yield depth, item
        if isinstance(item, dict):
            stack.extend((depth + 1, part) for pair in item.items() for part in pair)
        elif isinstance(item, list):
            stack.extend((depth + 1, part) for part in item)


def too_deep(value) -> bool:
    """Whether a JSON value nests deeper than any request of this API needs."""
    return any(depth > MAX_DEPTH for depth, _item in _walk(value))


def holds_nul(value) -> bool:
    """Whether any key or string in a JSON value holds a NUL character (PostgreSQL refuses them)."""
    return any(isinstance(item, str) and "\x00" in item for _depth, item in _walk(value))


def surrogate_fields(body: dict) -> list[str]:
    """The fields of a JSON object whose name or value holds a lone UTF-16 surrogate ("\\ud800"), which
    no text of this application may hold (app.core.text)."""
    return [
        key if not has_lone_surrogate(key) else repr(key)
        for key, value in body.items()
        if any(isinstance(item, str) and has_lone_surrogate(item) for _depth, item in _walk({key: value}))
    ]


class Reader:
    """Typed values out of a JSON object, collecting one error per wrong field.

    Fields outside `allowed` are refused, so that a misspelt or read-only field
    (`stage`, `id`...) is never silently ignored. Call `done()` after reading.
    """

    def __init__(self, body: dict, allowed: Iterable[str]):
        self.body = body
        self.errors: dict[str, str] = {}
        for key in body:
            if key not in allowed:
                self.errors[key] = _("This field is unknown or cannot be changed here.")

    def has(self, name: str) -> bool:
        return name in self.body

    def refuse(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def done(self) -> None:
        """Refuses (422 `invalid`) when any field was wrong."""
        if self.errors:
            raise invalid(self.errors)

    def text(self, name: str, default: str | None = "", required: bool = False, nullable: bool = False):
        if name not in self.body:
            if required:
                self.refuse(name, _("This field is required."))
            return default
        value = self.body[name]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.refuse(name, _("Send text."))
            return default
        return value

    def integer(self, name: str, required: bool = False) -> int | None:
        value = self.body.get(name)
        if value is None:
            if required:
                self.refuse(name, _("This field is required."))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.refuse(name, _("Send a whole number."))
            return None
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.body.get(name, default)
        if not isinstance(value, bool):
            self.refuse(name, _("Send true or false."))
            return default
        return value

    def texts(self, name: str) -> list[str]:
        value = self.body.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.refuse(name, _("Send a list of keys."))
            return []
        return value

    def mapping(self, name: str) -> dict:
        value = self.body.get(name, {})
        if not isinstance(value, dict):
            self.refuse(name, _("Send a JSON object."))
            return {}
        return value

    def counts(self, name: str) -> dict[str, int]:
        """An object of whole numbers, e.g. {"girls_0_5": 40}; errors are reported under each key."""
        counts = {}
        for key, value in self.mapping(name).items():
            if isinstance(value, bool) or not isinstance(value, int):
                self.refuse(key, _("Send a whole number."))
            else:
                counts[key] = value
        return counts

    def iso_date(self, name: str) -> date | None:
        value = self.body.get(name)
        if value is None:
            return None
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.refuse(name, _("Send a date as YYYY-MM-DD."))
        return None

    def amount(self, name: str) -> Decimal | None:
        value = self.body.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.refuse(name, _("Send an amount as a number or a string such as \"1500.50\"."))
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.refuse(name, _("Send an amount as a number or a string such as \"1500.50\"."))
            return None
        return number
