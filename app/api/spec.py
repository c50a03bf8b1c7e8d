"""The OpenAPI 3.1 document of the JSON API, made by SpecTree from the operations' own definitions.

`operation(...)` declares one operation on its view: the models it reads (body, query, headers) and
writes (by status), and the error codes each error status can carry. SpecTree collects them with
the routes and the views' docstrings (first paragraph: the summary; the rest: the description)
into the document served at GET /api/v1/openapi.json; pydantic writes each model's schema. Nothing
of the document is written by hand but the few facts no model holds: 401 on every operation (a bad
Authorization header is refused everywhere), who may call (a token, or anyone), and in `finish` the
path parameters and the `Location` header of the answers that create.

The views validate their input themselves, after their permission checks (app.api.body), so that an
object the caller may not see is a 404 whatever the body: SpecTree documents and serialises
(`skip_validation`), it does not answer before the view.
"""

import copy
from functools import cache

from flask import jsonify
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree

from app.api.blueprint import bp
from app.api.schemas.errors import OpenAPIDocument, error_model
from app.api.schemas.gate import PHASES
from app.core.ids import MAX_ID

TITLE = "Social Lab API"
API_VERSION = "1.0.0"
PUBLIC, TOKEN = "public", "token"
STATUS_TEXT = {
    400: "The request is malformed: not a JSON object, NUL characters, bad filters.",
    401: "The token is missing (where one is required), invalid or revoked.",
    403: "The caller may see the object but not do this.",
    404: "There is no such object, or the caller may not see it (never a 403, so nothing is revealed).",
    409: "The object's state refuses the change.",
    422: "Some fields or values are wrong: one `details` entry per field.",
    429: "Too many posts in a short time (RATELIMIT_POST, shared with the web forms).",
}
BODY_ERRORS = {400: ["bad_request"], 422: ["invalid"]}
TAGS = ("projects", "assessments", "workflow", "comments", "resources", "consultations", "results", "organisations",
        "stats", "meta")

api = SpecTree(
    "flask",
    title=TITLE,
    version=API_VERSION,
    description=(
        "The JSON API v1 of Social Lab. Reads of public objects need no token; writes need "
        "`Authorization: Bearer <token>` (personal tokens: the account page, or `flask tokens create EMAIL`). "
        'Every error is `{"error": {"code", "message", "details"}}`; messages follow the caller\'s language '
        "(the account's choice, or Accept-Language), codes and keys stay English."
    ),
    mode="strict",  # only the operations declared here; the web pages are not in the document
    annotations=False,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    validation_error_model=error_model(("invalid",)),
    security_schemes=[SecurityScheme(name="bearer", data=SecuritySchemeData(
        type="http", scheme="bearer", description="A personal API token.",
    ))],
)

# Facts of each operation that SpecTree does not hold, by operationId (used by `finish`).
CREATES: set[str] = set()
STATUSES: dict[str, set[str]] = {}
# The path parameters, as the router reads them (app/__init__.py DatabaseInt: 1 to MAX_ID; phases by key).
PATH_PARAMETERS = {
    "project_id": ("The project's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
    "comment_id": ("The comment's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
    "need_id": ("The need's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
    "pledge_id": ("The pledge's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
    "consultation_id": ("The consultation's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
    "indicator_id": ("The indicator's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
    "phase_key": ("The assessment's phase.", {"type": "string", "enum": PHASES}),
}


def operation(tag: str, ok: dict, *, errors: dict | None = None, body=None, query=None, headers=None,
              access: str = PUBLIC, location: bool = False):
    """Declare the view's operation: `ok` maps success statuses to (model, description); `errors` maps
    error statuses to their codes (400 and 422 are added for a body; 401 to every operation)."""
    errors = {**(BODY_ERRORS if body is not None else {}), **(errors or {}), 401: ["unauthorized"]}
    responses = {f"HTTP_{status}": answer for status, answer in ok.items()}
    for status, codes in errors.items():
        text = f"{STATUS_TEXT[status]} Codes: {', '.join(f'`{c}`' for c in codes)}."
        responses[f"HTTP_{status}"] = (error_model(tuple(codes)), text)

    def decorate(view):
        if location:
            CREATES.add(view.__name__)
        STATUSES[view.__name__] = {str(status) for status in (*ok, *errors)}
        return api.validate(
            json=body, query=query, headers=headers, resp=Response(**responses), tags=[tag],
            security={"bearer": []} if access == TOKEN else [{}, {"bearer": []}],
            operation_id=view.__name__, skip_validation=True,
        )(view)

    return decorate


LOCATION = {"Location": {"description": "The object's address.", "required": True, "schema": {"type": "string"}}}


def finish(document: dict) -> dict:
    """The facts no model holds: the statuses each operation declared (SpecTree adds a 422 to all), the
    path parameters as the router reads them, the `Location` header of the answers of the operations
    that create, the dialect and the tags in order."""
    for item in document["paths"].values():
        for operation_ in item.values():
            declared = STATUSES[operation_["operationId"]]
            operation_["responses"] = {status: answer for status, answer in operation_["responses"].items()
                                       if status in declared}  # not SpecTree's own 422 where none is
            for parameter in operation_.get("parameters", []):
                if parameter["in"] == "path":
                    parameter["description"], parameter["schema"] = PATH_PARAMETERS[parameter["name"]]
            if operation_["operationId"] in CREATES:
                for status in ("200", "201"):
                    if status in operation_["responses"]:
                        operation_["responses"][status]["headers"] = LOCATION
            if not operation_.get("description"):
                operation_.pop("description", None)
            if not operation_.get("parameters"):
                operation_.pop("parameters", None)
            tidy(operation_.get("parameters", []))
    tidy(document["components"]["schemas"])
    document["jsonSchemaDialect"] = "https://spec.openapis.org/oas/3.1/dialect/base"
    document["servers"] = [{"url": "/"}]
    document["tags"] = [{"name": name} for name in TAGS]
    document.pop("security", None)
    return document


def tidy(value) -> None:
    """Without the titles pydantic gives every schema (the names say it), and without the empty defaults
    (null, "", [], {}) that a field's constraints do not always allow: a field left out is simply absent."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("title"), str):
                del item["title"]
            if "default" in item and item["default"] in (None, "", [], {}):
                del item["default"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


@cache
def document() -> dict:
    """The whole document, made once per process in the first app context that asks (every app has the
    same API routes); callers must not change it."""
    return finish(copy.deepcopy(api.spec))


@bp.get("/openapi.json")
@operation("meta", ok={200: (OpenAPIDocument, "The OpenAPI 3.1 document.")})
def openapi_document():
    """This document

    Public and cacheable: it changes only with a new release.
    """
    response = jsonify(document())
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response

