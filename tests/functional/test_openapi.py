"""The OpenAPI document of the API: valid, complete (every route, nothing more) and true to real answers."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from app.gate.models import Phase
from app.gate.questions import QUESTIONS
from app.projects.models import Stage
from app.reference.names import COUNTRIES, REGIONS, THEMES
from tests.support.api import bearer, project_at
from tests.support.comments import HELD_NAME_AGE, add_comment

URL = "/api/v1/openapi.json"
IGNORED_METHODS = {"HEAD", "OPTIONS"}
HTML_PAGES = {"api.docs", "api.docs_asset"}  # the interactive documentation: pages, not JSON operations


@pytest.fixture(scope="module")
def document(app):
    response = app.test_client().get(URL)
    assert response.status_code == 200
    return response.get_json()


def schema_of(document: dict, path: str, method: str, status: int) -> dict:
    """The JSON Schema of one documented answer, with the components its references point to."""
    response = document["paths"][path][method]["responses"][str(status)]
    return {**response["content"]["application/json"]["schema"], "components": document["components"]}


def assert_conforms(document: dict, path: str, method: str, response) -> None:
    """The answer's status is documented for the operation, and its body matches that status's schema."""
    responses = document["paths"][path][method]["responses"]
    assert str(response.status_code) in responses, (method, path, response.status_code, response.get_json())
    assert response.mimetype == "application/json"
    schema = schema_of(document, path, method, response.status_code)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.get_json())]
    assert not errors, (method, path, errors)


def api_routes(app) -> set[tuple[str, str]]:
    """(METHOD, /api/v1/path/{param}) of every API route of the app."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint in HTML_PAGES:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        found |= {(method, path) for method in rule.methods - IGNORED_METHODS}
    return found


# The document itself --------------------------------------------------------------------------------


def test_the_document_is_a_valid_openapi_3_1_document(document):
    assert document["openapi"].startswith("3.1")
    validate(document, cls=OpenAPIV31SpecValidator)


def test_every_route_is_documented_and_every_operation_exists(app, document):
    documented = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "put", "post", "patch", "delete"}
    }
    routes = api_routes(app)
    assert routes - documented == set(), "routes without an operation (app.api.spec `operation`)"
    assert documented - routes == set(), "operations without a route"


def test_every_operation_documents_its_errors_in_the_shared_shape(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["operationId"], (method, path)
            statuses = set(operation["responses"])
            assert "401" in statuses, (method, path)
            assert any(s.startswith("2") for s in statuses), (method, path)
            if "{" in path:
                assert "404" in statuses, (method, path)
            if "requestBody" in operation:
                assert {"400", "422"} <= statuses, (method, path)
                assert operation["security"] == [{"bearer": []}], (method, path)
            for status in statuses - {"200", "201"}:
                codes = error_codes(document, operation["responses"][status])
                assert codes and all(re.fullmatch("[a-z_]+", code) for code in codes), (method, path, status)
                assert status != "401" or codes == ["unauthorized"], (method, path)


def component(document: dict, reference: dict) -> dict:
    return document["components"]["schemas"][reference["$ref"].rsplit("/", 1)[1]]


def error_codes(document: dict, response: dict) -> list[str]:
    """The codes an error answer may carry, read from its schema: the shared shape {"error": {"code",
    "message", "details"}}, closed, every part required."""
    schema = component(document, response["content"]["application/json"]["schema"])
    assert schema["required"] == ["error"] and schema["additionalProperties"] is False
    body = component(document, schema["properties"]["error"])
    assert body["required"] == ["code", "message", "details"] and body["additionalProperties"] is False
    assert component(document, body["properties"]["details"]["items"])["properties"].keys() == {
        "field", "message", "rule"}
    code = body["properties"]["code"]
    return [code["const"]] if "const" in code else code["enum"]


def test_the_enumerations_are_the_codes(document):
    schemas = document["components"]["schemas"]
    project = schemas["Project"]["properties"]
    assert project["stage"]["enum"] == [s.value for s in Stage]
    assert project["country"]["enum"] == list(COUNTRIES)
    assert project["region"]["enum"] == list(REGIONS)
    assert project["themes"]["items"]["enum"] == list(THEMES)
    answers = schemas["AssessmentSave"]["properties"]["answers"]["properties"]
    assert set(answers) == {q.key for phase in Phase for q in QUESTIONS[phase]}


def test_the_document_is_public_cacheable_json(client, app, make_user):
    anonymous = client.get(URL)
    assert anonymous.status_code == 200 and anonymous.mimetype == "application/json"
    assert "public" in anonymous.headers["Cache-Control"]
    with_token = client.get(URL, headers=bearer(app, make_user()))
    assert with_token.get_json() == anonymous.get_json()


# Real answers against the document ------------------------------------------------------------------


def test_project_answers_match_their_schemas(app, client, world, document):
    active = project_at(app, world, Stage.ACTIVE, budget_amount=Decimal("1200.50"), budget_currency="XOF")
    draft = project_at(app, world, Stage.DRAFT)
    owner = bearer(app, world.owner)
    checks = [
        ("/api/v1/projects", "get", client.get("/api/v1/projects")),
        ("/api/v1/projects", "get", client.get("/api/v1/projects", headers=owner)),
        ("/api/v1/projects", "get", client.get("/api/v1/projects?stage=flying")),
        ("/api/v1/projects/{project_id}", "get", client.get(f"/api/v1/projects/{active}")),
        ("/api/v1/projects/{project_id}", "get", client.get(f"/api/v1/projects/{draft}")),
        ("/api/v1/projects/{project_id}/assessments", "get",
         client.get(f"/api/v1/projects/{active}/assessments", headers=owner)),
        ("/api/v1/projects/{project_id}/events", "get", client.get(f"/api/v1/projects/{active}/events")),
        ("/api/v1/projects/{project_id}/events", "get",
         client.get(f"/api/v1/projects/{active}/events", headers=owner)),
        ("/api/v1/organisations", "get", client.get("/api/v1/organisations")),
        ("/api/v1/organisations", "get", client.get("/api/v1/organisations?theme=cooking")),
        ("/api/v1/projects", "post", client.post("/api/v1/projects", json={"title": "x"}, headers=owner)),
        ("/api/v1/projects", "post", client.post("/api/v1/projects", json={"title": "x"})),
        ("/api/v1/projects/{project_id}", "patch",
         client.patch(f"/api/v1/projects/{draft}", json={"version": 1, "title": "Clearer"}, headers=owner)),
        ("/api/v1/projects/{project_id}", "patch",
         client.patch(f"/api/v1/projects/{draft}", json={"version": 1, "title": "Stale"}, headers=owner)),
        ("/api/v1/projects/{project_id}/transitions", "post",
         client.post(f"/api/v1/projects/{draft}/transitions", json={"to": "submitted"}, headers=owner)),
        ("/api/v1/projects/{project_id}/assessments/{phase_key}", "put",
         client.put(f"/api/v1/projects/{draft}/assessments/design", json={"answers": {"targeting": "All girls."}},
                    headers=owner)),
    ]
    statuses = [response.status_code for _path, _method, response in checks]
    assert statuses == [200, 200, 422, 200, 404, 200, 200, 200, 200, 422, 422, 401, 200, 409, 409, 200]
    for path, method, response in checks:
        assert_conforms(document, path, method, response)


def test_comment_answers_match_their_schemas(app, client, world, document):
    project_id = project_at(app, world, Stage.ACTIVE)
    first = add_comment(app, project_id, world.community)
    add_comment(app, project_id, world.member, parent_id=first)
    add_comment(app, project_id, world.member, body=HELD_NAME_AGE)
    path = "/api/v1/projects/{project_id}/comments"
    community = bearer(app, world.community)
    checks = [
        (path, "get", client.get(f"/api/v1/projects/{project_id}/comments")),
        (path, "post", client.post(f"/api/v1/projects/{project_id}/comments", json={"body": HELD_NAME_AGE},
                                   headers=community)),
        (path, "post", client.post(f"/api/v1/projects/{project_id}/comments", json={"body": " "},
                                   headers=community)),
        ("/api/v1/comments/{comment_id}/flags", "post",
         client.post(f"/api/v1/comments/{first}/flags", json={"reason": "Rude."}, headers=bearer(app, world.owner))),
        ("/api/v1/comments/{comment_id}/flags", "post",
         client.post(f"/api/v1/comments/{first}/flags", json={"reason": "Rude."}, headers=community)),
    ]
    assert [r.status_code for _p, _m, r in checks] == [200, 201, 422, 201, 403]
    assert checks[1][2].get_json()["status"] == "held"
    for path_, method, response in checks:
        assert_conforms(document, path_, method, response)


@pytest.mark.parametrize("method", ["get", "patch", "post", "put"])
def test_an_id_beyond_the_databases_integers_is_404_whatever_the_method(client, method):
    """Not 405: the router must not take the number for one rule and refuse it for another."""
    for path in ("/api/v1/projects/2147483648", "/api/v1/projects/99999999999/comments",
                 "/api/v1/projects/2147483648/assessments/design", "/api/v1/comments/2147483648/flags"):
        response = client.open(path, method=method.upper(), json={})
        assert response.status_code == 404, (method, path, response.status_code)


def test_answers_of_successful_writes_match_their_schemas(app, client, world, document):
    owner, reviewer = bearer(app, world.owner), bearer(app, world.reviewer)
    body = {"organisation": world.org.slug, "title": "Safe routes to school", "summary": "Walking groups.",
            "country": "SN", "themes": ["child_protection"], "budget_amount": 1500, "budget_currency": "XOF"}
    created = client.post("/api/v1/projects", json=body, headers=owner)
    submitted = project_at(app, world, Stage.SUBMITTED)
    review = {"verdict": "satisfactory", "ge_code": "GE-2", "comment": "Clear."}
    reviewed = client.post(f"/api/v1/projects/{submitted}/assessments/design/review", json=review, headers=reviewer)
    moved = client.post(f"/api/v1/projects/{submitted}/transitions", json={"to": "incubating"}, headers=reviewer)
    checks = [
        ("/api/v1/projects", "post", created),
        ("/api/v1/projects/{project_id}/assessments/{phase_key}/review", "post", reviewed),
        ("/api/v1/projects/{project_id}/transitions", "post", moved),
    ]
    assert [r.status_code for _p, _m, r in checks] == [201, 201, 201]
    assert created.headers["Location"] == f"/api/v1/projects/{created.get_json()['id']}"
    for path, method, response in checks:
        assert_conforms(document, path, method, response)


def test_resource_answers_match_their_schemas(app, client, world, document):
    project_id = project_at(app, world, Stage.ACTIVE)
    owner, community = bearer(app, world.owner), bearer(app, world.community)
    funding = {"kind": "funding", "title": "School kits", "quantity": "500000", "unit": "xof"}
    need = client.post(f"/api/v1/projects/{project_id}/needs", json=funding, headers=owner)
    hours = client.post(f"/api/v1/projects/{project_id}/needs", headers=owner,
                        json={"kind": "volunteer_time", "title": "Tutors", "quantity": 40.5, "required": False})
    need_id = need.get_json()["id"]
    key = {**community, "Idempotency-Key": "pledge-1"}
    pledge = client.post(f"/api/v1/needs/{need_id}/pledges", json={"quantity": 1000, "message": "For girls."},
                         headers=key)
    again = client.post(f"/api/v1/needs/{need_id}/pledges", json={"quantity": 1000}, headers=key)
    pledge_id = pledge.get_json()["id"]
    offer = {"kind": "materials", "title": "Story books", "quantity": 200, "unit": "books", "countries": ["SN"],
             "expires_on": (date.today() + timedelta(days=60)).isoformat()}
    status = "/api/v1/pledges/{pledge_id}/status"
    checks = [
        ("/api/v1/projects/{project_id}/needs", "post", need),
        ("/api/v1/projects/{project_id}/needs", "post", hours),
        ("/api/v1/needs/{need_id}/pledges", "post", pledge),
        ("/api/v1/needs/{need_id}/pledges", "post", again),
        ("/api/v1/pledges/{pledge_id}", "get", client.get(f"/api/v1/pledges/{pledge_id}", headers=community)),
        ("/api/v1/pledges/{pledge_id}", "get", client.get(f"/api/v1/pledges/{pledge_id}")),
        (status, "post", client.post(f"/api/v1/pledges/{pledge_id}/status", json={"status": "accepted"},
                                     headers=owner)),
        (status, "post", client.post(f"/api/v1/pledges/{pledge_id}/status", json={"status": "pledged"},
                                     headers=owner)),
        ("/api/v1/projects/{project_id}/needs", "get",
         client.get(f"/api/v1/projects/{project_id}/needs", headers=owner)),
        ("/api/v1/projects/{project_id}/needs", "get", client.get(f"/api/v1/projects/{project_id}/needs")),
        ("/api/v1/needs/{need_id}", "patch",
         client.patch(f"/api/v1/needs/{need_id}", json={"title": "School kits for 120 girls"}, headers=owner)),
        ("/api/v1/needs/{need_id}/close", "post", client.post(f"/api/v1/needs/{need_id}/close", headers=owner)),
        ("/api/v1/needs/{need_id}/pledges", "post",
         client.post(f"/api/v1/needs/{need_id}/pledges", json={"quantity": 5}, headers=community)),
        ("/api/v1/offers", "post", client.post("/api/v1/offers", json=offer, headers=community)),
        ("/api/v1/offers", "get", client.get("/api/v1/offers?country=sn")),
        ("/api/v1/offers", "get", client.get("/api/v1/offers?kind=magic")),
    ]
    assert [r.status_code for _p, _m, r in checks] == [
        201, 201, 201, 200, 200, 404, 200, 409, 200, 200, 200, 200, 409, 201, 200, 422
    ], [r.get_json() for _p, _m, r in checks if r.status_code == 422]
    assert [i["pledges"] is None for i in checks[9][2].get_json()["items"]] == [True, True]
    for path, method, response in checks:
        assert_conforms(document, path, method, response)


def test_stats_answers_match_their_schema(app, client, world, document):
    project_id = project_at(app, world, Stage.ACTIVE)
    project_at(app, world, Stage.SUBMITTED)
    need = {"kind": "funding", "title": "School kits", "quantity": "500000", "unit": "XOF"}
    need_id = client.post(f"/api/v1/projects/{project_id}/needs", json=need,
                          headers=bearer(app, world.owner)).get_json()["id"]
    client.post(f"/api/v1/needs/{need_id}/pledges", json={"quantity": 1000}, headers=bearer(app, world.community))
    anonymous = client.get("/api/v1/stats")
    reviewer = client.get("/api/v1/stats", headers=bearer(app, world.reviewer))
    assert (anonymous.status_code, reviewer.status_code) == (200, 200)
    assert "review" not in anonymous.get_json() and reviewer.get_json()["review"]["resources"]
    for response in (anonymous, reviewer):
        assert_conforms(document, "/api/v1/stats", "get", response)
