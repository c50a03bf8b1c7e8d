"""One definition per API shape: the model that reads or writes a shape is the document's schema, the
errors speak the caller's language, and the interactive documentation is served by the app."""

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.security import CONTENT_SECURITY_POLICY
from tests.support.api import assert_error, bearer, project_at

ROOT = Path(__file__).resolve().parents[2]
PRINT_PROJECT_SCHEMA = """
import gzip
import json
from app import create_app
from app.api.spec import document
from config import TestingConfig

with create_app(TestingConfig, SQLALCHEMY_DATABASE_URI="sqlite://").app_context():
    print(json.dumps(document()["components"]["schemas"]["Project"]))
"""


def project_schema_of(checkout: Path) -> dict:
    """The document's Project schema, made by a fresh process from the code in `checkout`."""
    made = subprocess.run([sys.executable, "-c", PRINT_PROJECT_SCHEMA], cwd=checkout, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(made.stdout.strip().splitlines()[-1])


def test_a_field_added_to_a_definition_appears_in_the_document_with_no_other_change(tmp_path):
    """A copy of the code with one line added to the Project model: its document lists the new field,
    typed and required, and the unchanged code's does not."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copytree(ROOT / "app", checkout / "app", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("config.py", "templates", "static", "migrations"):
        (checkout / name).symlink_to(ROOT / name)
    model = checkout / "app" / "api" / "schemas" / "projects.py"
    source = model.read_text()
    anchor = "    description_html: str\n"
    assert source.count(anchor) == 1
    model.write_text(source.replace(anchor, anchor + "    volunteers_welcome: bool\n"))

    changed, unchanged = project_schema_of(checkout), project_schema_of(ROOT)
    assert changed["properties"]["volunteers_welcome"] == {"type": "boolean"}
    assert "volunteers_welcome" in changed["required"]
    assert "volunteers_welcome" not in unchanged["properties"]
    assert {k: v for k, v in changed["properties"].items() if k != "volunteers_welcome"} == unchanged["properties"]


def test_unknown_and_mistyped_fields_are_refused_one_entry_each(app, client, world):
    project_id = project_at(app, world, "draft")
    response = client.patch(f"/api/v1/projects/{project_id}", headers=bearer(app, world.owner),
                            json={"version": "1", "girls_focused": "yes", "stage": "active", "title": 7})
    error = assert_error(response, 422, "invalid")
    assert {d["field"]: d["message"] for d in error["details"]} == {
        "version": "Send a whole number.",
        "girls_focused": "Send true or false.",
        "stage": "This field is unknown or cannot be changed here.",
        "title": "Send text.",
    }


SEND_TEXT = {"en": "Send text.", "fr": "Envoyez du texte.", "es": "Envíe un texto."}
UNKNOWN_STAGE = {"en": "Unknown stage.", "fr": "Étape inconnue.", "es": "Etapa desconocida."}


@pytest.mark.parametrize(("accept", "account", "expected"), [
    ("fr-FR,fr;q=0.9", "es", "es"),  # the account's choice comes first
    ("es", "fr", "fr"),
    (None, "fr", "fr"),
    ("es", "en", "en"),
])
def test_a_token_callers_errors_speak_their_accounts_language(app, client, make_user, accept, account, expected):
    headers = bearer(app, make_user(locale=account)) | ({"Accept-Language": accept} if accept else {})
    error = assert_error(client.post("/api/v1/projects", json={"organisation": 5}, headers=headers), 422, "invalid")
    assert error["details"] == [{"field": "organisation", "message": SEND_TEXT[expected]}]
    listed = assert_error(client.get("/api/v1/projects?stage=flying", headers=headers), 422, "invalid")
    assert listed["details"] == [{"field": "stage", "message": UNKNOWN_STAGE[expected]}]


@pytest.mark.parametrize(("accept", "expected"), [("fr-FR,fr;q=0.9", "fr"), ("es", "es"), (None, "en")])
def test_an_anonymous_callers_errors_follow_accept_language(client, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    error = assert_error(client.get("/api/v1/projects?stage=flying", headers=headers), 422, "invalid")
    assert error["details"] == [{"field": "stage", "message": UNKNOWN_STAGE[expected]}]
    assert error["code"] == "invalid"


def test_the_documentation_is_served_by_the_app(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "/api/v1/docs/swagger-ui-bundle.js" in html and "/static/js/api-docs.js" in html
    assert "<script>" not in html  # no inline script: the page starts Swagger UI from a file
    policy = page.headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' data:")  # its icons
    for name, mark in (("swagger-ui-bundle.js", "SwaggerUIBundle"), ("swagger-ui.css", ".swagger-ui")):
        asset = client.get(f"/api/v1/docs/{name}", headers={"Accept-Encoding": "identity"})
        assert asset.status_code == 200 and mark in asset.get_data(as_text=True), name
        assert asset.cache_control.max_age == 365 * 24 * 3600
        packed = client.get(f"/api/v1/docs/{name}", headers={"Accept-Encoding": "gzip"})
        assert packed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.get_data()) == asset.get_data()
    assert client.get("/api/v1/docs/index.html").status_code == 404  # only the two files it needs
    assert client.get("/api/v1/docs/..%2Fswagger-ui.js").status_code == 404


def test_inline_styles_stay_refused_everywhere_else(client):
    for path in ("/", "/projects", "/api/v1/projects", "/api/v1/openapi.json"):
        assert client.get(path).headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
