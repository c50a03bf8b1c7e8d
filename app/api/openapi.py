"""The OpenAPI 3.1 document of the JSON API v1, served at GET /api/v1/openapi.json.

Built in Python from the code's own enumerations (app.api.openapi_schemas), once per process. Each
operation lists every status its handler can answer; each error status names the error `code`s it
can carry, in the shape {"error": {"code", "message", "details"}} (app.api.errors). A test checks
that every /api/v1 route has an operation here and every operation a route
(tests/functional/test_openapi.py), and Schemathesis checks the answers against it.
"""

from functools import cache

from flask import jsonify

from app.api.blueprint import bp
from app.api.openapi_schemas import (
    COUNTRY_CODES,
    GE_CODES,
    NEED_KINDS,
    PHASES,
    REGION_KEYS,
    STAGES,
    THEME_KEYS,
    array,
    enum,
    ref,
    schemas,
)
from app.api.project_list import MAX_PAGE, MAX_PER_PAGE
from app.core.ids import MAX_ID
from app.projects.discovery import SORTS

TITLE = "Social Lab API"
API_VERSION = "1.0.0"
PUBLIC, TOKEN = "public", "token"
ERROR_TEXT = {
    400: "The request is malformed: not a JSON object, NUL characters, bad filters.",
    401: "The token is missing (where one is required), invalid or revoked.",
    403: "The caller may see the object but not do this.",
    404: "There is no such object, or the caller may not see it (never a 403, so nothing is revealed).",
    409: "The object's state refuses the change.",
    422: "Some fields or values are wrong: one `details` entry per field.",
    429: "Too many posts in a short time (RATELIMIT_POST, shared with the web forms).",
}
BODY_ERRORS = {400: ["bad_request"], 422: ["invalid"]}


def error_response(status: int, codes: list[str]) -> dict:
    """A documented error status: the shared Error schema, its `code` limited to `codes`."""
    code_only = {"properties": {"error": {"properties": {"code": enum(codes)}}}}
    return {
        "description": f"{ERROR_TEXT[status]} Codes: {', '.join(f'`{c}`' for c in codes)}.",
        "content": {"application/json": {"schema": {"allOf": [ref("Error"), code_only]}}},
    }


def operation(
    operation_id: str,
    summary: str,
    tag: str,
    *,
    access: str = PUBLIC,
    ok: tuple[int, str, str] | list[tuple[int, str, str]],
    parameters: tuple = (),
    body: str | None = None,
    errors: dict | None = None,
    location: bool = False,
    description: str | None = None,
) -> dict:
    """One operation. `ok` is (status, schema name, description), or a list of them; `errors` maps
    statuses to error codes (401 `unauthorized` is added to every operation: a bad Authorization
    header is refused everywhere)."""
    responses = {}
    for status, schema, ok_text in ok if isinstance(ok, list) else [ok]:
        success = {"description": ok_text, "content": {"application/json": {"schema": ref(schema)}}}
        if location:
            success["headers"] = {"Location": {"description": "The object's address.", "required": True,
                                               "schema": {"type": "string"}}}
        responses[str(status)] = success
    for code, names in sorted({**(errors or {}), 401: ["unauthorized"]}.items()):
        responses[str(code)] = error_response(code, names)
    item = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "security": [{"bearer": []}] if access == TOKEN else [{}, {"bearer": []}],
        "responses": responses,
    }
    if description:
        item["description"] = description
    if parameters:
        item["parameters"] = list(parameters)
    if body:
        item["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    return item


def path_id(name: str, what: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": f"The {what}'s id.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}


def query(name: str, schema: dict, description: str, many: bool = False) -> dict:
    """A query parameter; `many`: repeat it for several values (any of them matches)."""
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    if many:
        return {**parameter, "schema": array(schema), "style": "form", "explode": True}
    return {**parameter, "schema": schema}


PROJECT_ID = path_id("project_id", "project")
PHASE = {"name": "phase_key", "in": "path", "required": True, "description": "The assessment's phase.",
         "schema": enum(PHASES)}
PAGE = query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "The page, from 1.")
PER_PAGE = query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "Items per page (20).")


def organisation_paths() -> dict:
    lenient = {"type": "integer", "description": "Out of range values are brought within bounds."}
    return {
        "/api/v1/organisations": {
            "get": operation(
                "list_organisations", "The directory of verified organisations", "organisations",
                ok=(200, "OrganisationPage", "One page of the directory, by name."),
                parameters=(
                    query("country", enum(COUNTRY_CODES), "A country code (case-insensitive)."),
                    query("region", enum(REGION_KEYS), "A region key."),
                    query("theme", enum(THEME_KEYS), "A theme key."),
                    query("page", lenient, "The page, from 1."),
                    query("per_page", lenient, "Items per page, 1 to 100 (20)."),
                ),
                errors={422: ["invalid"]},
                description="An unknown country, region or theme is 422 `invalid`, one details entry each.",
            )
        }
    }


def project_paths() -> dict:
    list_filters = (
        query("q", {"type": "string"}, "Full-text search of the title, summary and description: every word "
              "must match the beginning of a word, accents and case ignored."),
        query("country", enum(COUNTRY_CODES), "Country codes (case-insensitive).", many=True),
        query("region", enum(REGION_KEYS), "Region keys.", many=True),
        query("stage", enum(STAGES), "Stage keys.", many=True),
        query("theme", enum(THEME_KEYS), "Theme keys.", many=True),
        query("ge_code", enum(GE_CODES), "The reviewer's GE code of the newest review, or the self-assessed "
              "code while no reviewer has validated an assessment.", many=True),
        query("organisation", {"type": "string"}, "Organisation slugs.", many=True),
        query("need_kind", enum(NEED_KINDS), "Projects with an open need of this kind.", many=True),
        query("sort", enum(SORTS), "relevance (the default with `q`: title matches first), newest (the default "
              "otherwise), most_supported, most_in_need, recently_active."),
        PAGE,
        PER_PAGE,
    )
    return {
        "/api/v1/projects": {
            "get": operation(
                "list_projects", "The projects the caller may view", "projects",
                ok=(200, "ProjectPage", "One page, in the order asked for."),
                parameters=list_filters,
                errors={400: ["bad_request"], 422: ["invalid"]},
                description="Unknown filter values, and pages out of range, are 422 `invalid`.",
            ),
            "post": operation(
                "create_project", "Create a project in stage `draft`", "projects", access=TOKEN,
                ok=(201, "Project", "The new project."), body="ProjectCreate", location=True,
                errors={**BODY_ERRORS, 403: ["forbidden"]},
                description="For partners of the (verified) organisation; an unknown slug is 422 `invalid`.",
            ),
        },
        "/api/v1/projects/{project_id}": {
            "get": operation(
                "get_project", "Read a project", "projects",
                ok=(200, "Project", "The project."), parameters=(PROJECT_ID,), errors={404: ["not_found"]},
            ),
            "patch": operation(
                "edit_project", "Edit a project", "projects", access=TOKEN,
                ok=(200, "Project", "The project as saved."), parameters=(PROJECT_ID,), body="ProjectEdit",
                errors={**BODY_ERRORS, 403: ["forbidden"], 404: ["not_found"], 409: ["conflict"]},
                description="`version` is required; a stale one is 409 `conflict` and nothing is written.",
            ),
        },
    }


def assessment_paths() -> dict:
    return {
        "/api/v1/projects/{project_id}/assessments": {
            "get": operation(
                "list_assessments", "Every version of the project's assessments", "assessments",
                ok=(200, "AssessmentList", "Every version of every phase, oldest first."),
                parameters=(PROJECT_ID,), errors={404: ["not_found"]},
                description="The private side of a project only (its organisation, its reviewers, admins): "
                "404 for everyone else.",
            )
        },
        "/api/v1/projects/{project_id}/assessments/{phase_key}": {
            "put": operation(
                "save_assessment", "Save answers to a phase's assessment", "assessments", access=TOKEN,
                ok=(200, "Assessment", "The version written to."), parameters=(PROJECT_ID, PHASE),
                body="AssessmentSave",
                errors={**BODY_ERRORS, 403: ["forbidden"], 404: ["not_found"], 409: ["locked", "conflict"]},
                description="For partners of the project's organisation. A version under review, or a phase "
                "not filled in at this stage, is 409 `locked`; a frozen version makes a new one.",
            )
        },
        "/api/v1/projects/{project_id}/assessments/{phase_key}/review": {
            "post": operation(
                "review_assessment", "Validate the version waiting for review", "assessments", access=TOKEN,
                ok=(201, "ReviewCreated", "The review."), parameters=(PROJECT_ID, PHASE), body="ReviewRequest",
                errors={**BODY_ERRORS, 403: ["forbidden"], 404: ["not_found"], 409: ["locked", "conflict"]},
                description="For the reviewers of the project's region and admins, never someone with a conflict "
                "of interest (who belongs to the organisation, belonged to it when the project was submitted, or "
                "created, submitted or edited the project). The reviewer of a validation may replace it (a new "
                "review; the replaced one stays in the history) until a decision uses it. Nothing waiting for "
                "this reviewer's validation is 409 `locked`.",
            )
        },
    }


def workflow_paths() -> dict:
    return {
        "/api/v1/projects/{project_id}/transitions": {
            "post": operation(
                "make_transition", "Move a project to another stage", "workflow", access=TOKEN,
                ok=(201, "TransitionResult", "The new stage and the event recorded."),
                parameters=(PROJECT_ID,), body="TransitionRequest",
                errors={
                    400: ["bad_request"],
                    403: ["forbidden"],
                    404: ["not_found"],
                    409: ["gate_blocked", "conflict"],
                    422: ["invalid", "invalid_transition"],
                },
                description="A gate that is not met is 409 `gate_blocked` with one `{rule}` per unmet rule; a "
                "move outside the stage table is 422 `invalid_transition`; a stale `version` 409 `conflict`.",
            )
        },
        "/api/v1/projects/{project_id}/events": {
            "get": operation(
                "list_events", "The project's audit trail", "workflow",
                ok=(200, "EventList", "Every stage change, oldest first."),
                parameters=(PROJECT_ID,), errors={404: ["not_found"]},
                description="Notes, and the actors' ids, only for the private side of the project.",
            )
        },
    }


def comment_paths() -> dict:
    posting = {**BODY_ERRORS, 403: ["forbidden"], 404: ["not_found"], 429: ["rate_limited"]}
    return {
        "/api/v1/projects/{project_id}/comments": {
            "get": operation(
                "list_comments", "The project's discussion", "comments",
                ok=(200, "CommentList", "The discussion, each comment followed by its replies."),
                parameters=(
                    PROJECT_ID,
                    query("update_id", {"type": "integer"}, "The discussion of this published update instead."),
                ),
                errors={400: ["bad_request"], 404: ["not_found"]},
            ),
            "post": operation(
                "create_comment", "Post a comment or a reply", "comments", access=TOKEN,
                ok=(201, "CommentCreated", "The comment, published or held for moderation."),
                parameters=(PROJECT_ID,), body="CommentRequest", location=True,
                errors={**posting, 409: ["comments_closed", "conflict"]},
                description="Comments are open on public projects (not draft, rejected, withdrawn: 409 "
                "`comments_closed`) to community members with a confirmed e-mail address (403 otherwise).",
            ),
        },
        "/api/v1/comments/{comment_id}/flags": {
            "post": operation(
                "flag_comment", "Report a comment to the moderators", "comments", access=TOKEN,
                ok=(201, "FlagResult", "The report."), parameters=(path_id("comment_id", "comment"),),
                body="FlagRequest", errors={**posting, 409: ["already_flagged", "conflict"]},
                description="One report per person and comment (409 `already_flagged`); not one's own (403).",
            )
        },
    }


def resource_paths() -> dict:
    need_id, pledge_id = path_id("need_id", "need"), path_id("pledge_id", "pledge")
    idempotency = {
        "name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 64},
        "description": "Sent again by the same person, answers what the first request made (200) instead of "
        "making it twice. Longer than 64 characters: 400 `bad_request`.",
    }
    managing = {403: ["forbidden"], 404: ["not_found"], 409: ["pledging_closed", "conflict"]}
    posting = {**BODY_ERRORS, **managing, 429: ["rate_limited"]}
    return {
        "/api/v1/projects/{project_id}/needs": {
            "get": operation(
                "list_needs", "The project's needs", "resources",
                ok=(200, "NeedList", "The needs with their progress, and the totals."),
                parameters=(PROJECT_ID,), errors={404: ["not_found"]},
                description="Each need lists its pledges for the project's partners and admins only.",
            ),
            "post": operation(
                "create_need", "Add a need", "resources", access=TOKEN,
                ok=(201, "Need", "The need."), parameters=(PROJECT_ID,), body="NeedCreate", location=True,
                errors=posting,
                description="By the partners, while the project is incubating, in launch review or active "
                "(409 `pledging_closed` at other stages).",
            ),
        },
        "/api/v1/needs/{need_id}": {
            "get": operation(
                "get_need", "Read a need", "resources", ok=(200, "Need", "The need."),
                parameters=(need_id,), errors={404: ["not_found"]},
            ),
            "patch": operation(
                "edit_need", "Edit a need", "resources", access=TOKEN, ok=(200, "Need", "The need as saved."),
                parameters=(need_id,), body="NeedEdit", errors={**BODY_ERRORS, **managing},
            ),
        },
        "/api/v1/needs/{need_id}/close": {
            "post": operation(
                "close_need", "Close a need", "resources", access=TOKEN, ok=(200, "Need", "The closed need."),
                parameters=(need_id,), errors=managing,
                description="No more pledges; its `pledged` pledges close and their pledgers are told.",
            )
        },
        "/api/v1/needs/{need_id}/pledges": {
            "post": operation(
                "create_pledge", "Pledge against a need", "resources", access=TOKEN,
                ok=[(201, "Pledge", "The pledge."), (200, "Pledge", "The pledge made by the first request with "
                                                                   "this Idempotency-Key.")],
                parameters=(need_id, idempotency), body="PledgeCreate", location=True, errors=posting,
                description="By any community member with a confirmed e-mail address.",
            )
        },
        "/api/v1/pledges/{pledge_id}": {
            "get": operation(
                "get_pledge", "Read a pledge", "resources", ok=(200, "Pledge", "The pledge."),
                parameters=(pledge_id,), errors={404: ["not_found"]},
                description="For its pledger, the project's partners and admins: 404 for everyone else.",
            )
        },
        "/api/v1/pledges/{pledge_id}/status": {
            "post": operation(
                "set_pledge_status", "Move a pledge along its lifecycle", "resources", access=TOKEN,
                ok=(200, "Pledge", "The pledge."), parameters=(pledge_id,), body="PledgeStatusRequest",
                errors={**BODY_ERRORS, **managing, 409: ["invalid_status", "pledging_closed", "conflict"]},
                description="pledged → accepted → fulfilled, or declined, by the project's partners; pledged or "
                "accepted → withdrawn by the pledger. Any other move is 409 `invalid_status`.",
            )
        },
        "/api/v1/offers": {
            "get": operation(
                "list_offers", "The resource pool", "resources",
                ok=(200, "OfferPage", "Open, unexpired offers, soonest expiry first."),
                parameters=(
                    query("kind", enum(NEED_KINDS), "A kind of resource."),
                    query("country", enum(COUNTRY_CODES), "Available in this country (case-insensitive)."),
                    query("region", enum(REGION_KEYS), "Available in this region."),
                    PAGE,
                    PER_PAGE,
                ),
                errors={400: ["bad_request"], 422: ["invalid"]},
            ),
            "post": operation(
                "create_offer", "Offer a resource to the pool", "resources", access=TOKEN,
                ok=[(201, "Offer", "The offer."),
                    (200, "Offer", "The offer made by the first request with this Idempotency-Key.")],
                parameters=(idempotency,), body="OfferCreate",
                errors={**BODY_ERRORS, 403: ["forbidden"], 429: ["rate_limited"]},
            ),
        },
    }


def stats_paths() -> dict:
    item = operation(
        "get_stats", "The dashboards' figures", "stats", ok=(200, "Stats", "The figures."),
        description="Everyone gets the public figures; a reviewer's or an admin's token adds `review`.",
    )
    return {"/api/v1/stats": {"get": item}}


def meta_paths() -> dict:
    item = operation(
        "openapi_document", "This document", "meta", ok=(200, "OpenAPIDocument", "The OpenAPI 3.1 document.")
    )
    return {"/api/v1/openapi.json": {"get": item}}


@cache
def document() -> dict:
    """The whole document (built once; callers must not change it)."""
    paths = {}
    parts = (organisation_paths, project_paths, assessment_paths, workflow_paths, comment_paths, resource_paths,
             stats_paths, meta_paths)
    for part in parts:
        paths.update(part())
    components = schemas()
    components["OpenAPIDocument"] = {"type": "object", "required": ["openapi", "info", "paths"]}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": TITLE,
            "version": API_VERSION,
            "description": "The JSON API v1 of Social Lab. Reads of public objects need no token; writes need "
            "`Authorization: Bearer <token>` (personal tokens: the account page, or `flask tokens create "
            "EMAIL`). Every error is `{\"error\": {\"code\", \"message\", \"details\"}}`.",
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": name} for name in (
            "projects", "assessments", "workflow", "comments", "resources", "organisations", "stats", "meta",
        )],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "A personal API token."}
            },
        },
    }


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI document: public and cacheable (it changes only with a new release)."""
    response = jsonify(document())
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
