"""Reading a request through its definition: the JSON body or the query string, checked by the
operation's model (app.api.schemas); a refusal is 400 `bad_request` (not a JSON object) or 422
`invalid` with one details entry per wrong field, its message in the caller's language.

The views call `read_body` after their permission checks, so an object the caller may not see is a
404 whatever the body holds.
"""

import json
from decimal import Decimal
from typing import TypeVar

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ValidationError

from app.api.refusals import ApiError, invalid
from app.core.text import has_lone_surrogate, text_problem

MAX_DEPTH = 16
M = TypeVar("M", bound=BaseModel)

# The message of each kind of pydantic refusal the models can give (their own refusals carry theirs).
MESSAGES = {
    "missing": _l("This field is required."),
    "extra_forbidden": _l("This field is unknown or cannot be changed here."),
    "string_type": _l("Send text."),
    "int_type": _l("Send a whole number."),
    "bool_type": _l("Send true or false."),
    "list_type": _l("Send a list of keys."),
    "dict_type": _l("Send a JSON object."),
    "model_type": _l("Send a JSON object."),
}
FALLBACK = _l("This value is not accepted here.")
OWN_REFUSALS = {"date_format", "amount", "quantity", "unknown_key", "whole_number"}


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


def json_object() -> dict:
    """The request's JSON body, numbers with a fraction or an exponent read as exact Decimals (never a
    float); refuses (400 `bad_request`) anything but a JSON object, and text holding NUL."""
    body = None
    if request.is_json:
        try:
            body = json.loads(request.get_data(), parse_float=Decimal)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, absurdly deep
            body = None
    if not isinstance(body, dict) or any(depth > MAX_DEPTH for depth, _item in _walk(body)):
        raise ApiError(
            400, "bad_request", _("Send a JSON object, with the header 'Content-Type: application/json'.")
        )
    if any(isinstance(item, str) and "\x00" in item for _depth, item in _walk(body)):
        raise ApiError(400, "bad_request", _("Text may not contain NUL characters."))
    surrogates = [key if not has_lone_surrogate(key) else repr(key) for key, value in body.items()
                  if any(isinstance(item, str) and has_lone_surrogate(item) for _d, item in _walk({key: value}))]
    if surrogates:
        raise invalid({field: text_problem("\ud800", 0) for field in surrogates})
    return body


def field_of(error: dict) -> str:
    """The field a refusal is about: the top-level key, or the key inside an object of counts."""
    location = [part for part in error["loc"] if isinstance(part, str)]
    return location[-1] if location else "body"


def message_of(error: dict) -> str:
    kind = error["type"]
    if kind in MESSAGES:
        if kind == "string_type" and any(isinstance(part, int) for part in error["loc"]):
            return str(MESSAGES["list_type"])  # a list holding something else than keys
        return str(MESSAGES[kind])
    if kind in ("int_from_float", "int_parsing"):
        return str(MESSAGES["int_type"])
    if kind in OWN_REFUSALS:
        return error["msg"]  # the model's own refusal (app.api.schemas.base.refusal), already translated
    return str(FALLBACK)


def refusals(error: ValidationError) -> dict[str, str]:
    """One message per field, the first refusal of each."""
    found: dict[str, str] = {}
    for item in error.errors(include_url=False, include_context=False, include_input=False):
        found.setdefault(field_of(item), message_of(item))
    return found


def read_body(model: type[M]) -> M:
    """The JSON body as `model`, or a refusal (400, 422)."""
    try:
        return model.model_validate(json_object())
    except ValidationError as error:
        raise invalid(refusals(error)) from None


def read_query(model: type[M], many: tuple[str, ...] = ()) -> M:
    """The query string as `model` (the names in `many` may repeat: a list), or a 422 refusal."""
    args = {name: (request.args.getlist(name) if name in many else value)
            for name, value in request.args.items()}
    try:
        return model.model_validate(args)
    except ValidationError as error:
        raise invalid(refusals(error)) from None
