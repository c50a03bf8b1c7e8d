"""Text responses are compressed (brotli or gzip, as the browser accepts) and say they vary by
Accept-Encoding; small ones and images are sent as they are; streamed responses stay streamed."""

import gzip
import hashlib
from pathlib import Path

import brotli
import pytest
from flask import Blueprint, Response, stream_with_context
from rcssmin import cssmin

from app import create_app
from config import TestingConfig

ROWS = 2000
CHART = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img">'
    + b"".join(b'<rect x="%d" y="%d" width="8" height="%d" fill="#0b5c8a"/>' % (n * 10, 200 - n * 4, n * 4)
               for n in range(40))
    + b"</svg>"
)


@pytest.fixture(scope="module")
def probe(app):
    """The real app plus three routes: a CSV streamed row by row (as exports are), an SVG and a PNG."""
    probe = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_OUTBOX_DIR=app.config["MAIL_OUTBOX_DIR"],
    )
    bp = Blueprint("compression_probe", __name__, url_prefix="/probe")
    probe.produced = []  # the rows the CSV generator has produced so far

    @bp.get("/export.csv")
    def export():
        probe.produced.clear()

        def rows():
            yield "id,title,notes\r\n"
            for n in range(ROWS):
                probe.produced.append(n)
                # Varied text, so that each row adds to the compressed output.
                yield f"{n},Initiative {n},{hashlib.sha256(str(n).encode()).hexdigest()}\r\n"

        return Response(stream_with_context(rows()), mimetype="text/csv")

    @bp.get("/chart.svg")
    def chart():
        return Response(CHART, mimetype="image/svg+xml")

    @bp.get("/picture.png")
    def picture():
        return Response(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, mimetype="image/png")

    probe.register_blueprint(bp)
    yield probe
    with probe.app_context():
        from app.core.extensions import db

        db.engine.dispose()


def plain(client, url):
    response = client.get(url)
    assert "Content-Encoding" not in response.headers
    return response


def test_pages_are_gzipped_for_a_browser_that_asks_for_gzip(client):
    response = client.get("/login", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    html = gzip.decompress(response.get_data()).decode()
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert int(response.headers["Content-Length"]) == len(response.get_data()) < len(html) / 2


def test_brotli_is_preferred_when_the_browser_accepts_both(client):
    response = client.get("/login", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.get_data()).decode().startswith("<!doctype html>")


def test_without_accept_encoding_the_page_is_sent_as_it_is_and_still_varies(client):
    response = plain(client, "/login")
    assert response.get_data(as_text=True).startswith("<!doctype html>")
    assert "Accept-Encoding" in response.headers["Vary"]


def test_the_stylesheet_is_compressed(app, client):
    original = cssmin(Path(app.static_folder, "css/site.css").read_text()).encode()  # served minified
    response = client.get("/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()) == original


def test_svg_is_compressed(probe):
    response = probe.test_client().get("/probe/chart.svg", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.get_data()) == CHART


def test_json_is_compressed(client, make_org):
    for n in range(8):
        make_org(f"organisation-with-a-long-name-{n}", country="SN")
    response = client.get("/api/v1/organisations", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"organisation-with-a-long-name-7" in gzip.decompress(response.get_data())


def test_small_responses_are_not_compressed(client):
    response = client.get("/api/v1/organisations", headers={"Accept-Encoding": "gzip"})
    assert len(response.get_data()) < 500
    assert "Content-Encoding" not in response.headers


def test_images_are_not_compressed(probe):
    response = probe.test_client().get("/probe/picture.png", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert response.get_data().startswith(b"\x89PNG")


def test_a_streamed_csv_stays_streamed_when_compressed(probe):
    client = probe.test_client()
    response = client.get("/probe/export.csv", headers={"Accept-Encoding": "gzip"}, buffered=False)
    try:
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.is_streamed and "Content-Length" not in response.headers
        pieces = iter(response.response)
        first = next(piece for piece in pieces if piece)
        produced_at_first_piece = len(probe.produced)
        body = first + b"".join(pieces)
    finally:
        response.close()
    assert produced_at_first_piece < ROWS, "the whole CSV was made before anything was sent"
    text = gzip.decompress(body).decode()
    assert text.startswith("id,title,notes\r\n0,Initiative 0,")
    assert text.count("\r\n") == ROWS + 1


def test_a_streamed_csv_is_sent_plain_to_a_client_without_compression(probe):
    response = probe.test_client().get("/probe/export.csv")
    assert "Content-Encoding" not in response.headers
    assert response.get_data(as_text=True).count("\r\n") == ROWS + 1
