"""The API's interactive documentation: Swagger UI at /api/v1/docs, served by the app.

Swagger UI's files come from the swagger-ui-bundle package (no CDN); the page that starts it is
ours (templates/api/docs.html, static/js/api-docs.js). Swagger UI draws its icons as
`data:` SVG images, so this page alone allows those (images only: no script, no inline style); every
other page keeps the strict policy (app/core/security.py).
"""

import gzip
from functools import cache
from pathlib import Path

import swagger_ui_bundle
from flask import Response, abort, make_response, render_template, request

from app.api.blueprint import bp
from app.core.security import CONTENT_SECURITY_POLICY

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
SERVED = {"swagger-ui.css", "swagger-ui-bundle.js"}
DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' data:")


@bp.get("/docs")
def docs():
    """Swagger UI on the OpenAPI document; "Try it out" calls the API with the token you give it."""
    response = make_response(render_template("api/docs.html"))
    response.headers["Content-Security-Policy"] = DOCS_POLICY
    return response


@bp.get("/docs/<name>")
def docs_asset(name: str):
    """Swagger UI's script and stylesheet, cached for a year (their names change with the package) and
    compressed once per process: the script is 1.5 MB, 0.4 MB gzipped."""
    if name not in SERVED:
        abort(404)
    plain, packed, mimetype = asset(name)
    gzipped = "gzip" in request.accept_encodings
    response = Response(packed if gzipped else plain, mimetype=mimetype)
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"  # Flask-Compress leaves an encoded answer alone
    response.vary.add("Accept-Encoding")
    response.cache_control.public = True
    response.cache_control.max_age = 365 * 24 * 3600
    return response


@cache
def asset(name: str) -> tuple[bytes, bytes, str]:
    plain = (ASSETS / name).read_bytes()
    return plain, gzip.compress(plain, mtime=0), "text/css" if name.endswith(".css") else "text/javascript"
