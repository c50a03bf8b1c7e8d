"""The API's interactive documentation: Swagger UI at /api/v1/docs, served by the app.

Swagger UI's files come from the swagger-ui-bundle package (no CDN); the page that starts it is
ours (templates/api/docs.html, static/js/api-docs.js). Swagger UI sets styles from its script, so
this page alone allows inline styles; every other page keeps the strict policy (app/core/security.py).
"""

from pathlib import Path

import swagger_ui_bundle
from flask import abort, make_response, render_template, send_from_directory

from app.api.blueprint import bp
from app.core.security import CONTENT_SECURITY_POLICY

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
SERVED = {"swagger-ui.css", "swagger-ui-bundle.js"}
DOCS_POLICY = (CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
               .replace("img-src 'self'", "img-src 'self' data:"))


@bp.get("/docs")
def docs():
    """Swagger UI on the OpenAPI document; "Try it out" calls the API with the token you give it."""
    response = make_response(render_template("api/docs.html"))
    response.headers["Content-Security-Policy"] = DOCS_POLICY
    return response


@bp.get("/docs/<name>")
def docs_asset(name: str):
    """Swagger UI's script and stylesheet, cached for a year (their names change with the package)."""
    if name not in SERVED:
        abort(404)
    return send_from_directory(ASSETS, name, max_age=365 * 24 * 3600)

