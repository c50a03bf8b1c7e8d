"""Static files: addresses carry a hash of the content and are cached for a year; an address without
the hash, or with an old one, is cached for a few minutes only."""

import hashlib
import os
import re
from pathlib import Path

import pytest
from flask import url_for
from rcssmin import cssmin

from app.core.static_assets import LONG_CACHE, SHORT_CACHE_SECONDS, fingerprint

STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def content_hash(app, filename: str) -> str:
    return hashlib.sha256(Path(app.static_folder, filename).read_bytes()).hexdigest()[:12]


def max_age(response) -> int:
    return response.cache_control.max_age


def test_pages_link_static_files_by_a_hash_of_their_content(app, client):
    html = client.get("/login").get_data(as_text=True)
    links = STATIC_LINK.findall(html)
    assert links, "the layout links a stylesheet and an icon"
    for link in links:
        path, _, query = link.partition("?")
        filename = path.removeprefix("/static/")
        assert query == f"v={content_hash(app, filename)}", link


def test_url_for_static_adds_the_hash(app):
    expected = f"/static/css/site.css?v={content_hash(app, 'css/site.css')}"
    with app.test_request_context():
        assert url_for("static", filename="css/site.css") == expected
        assert url_for("static", filename="no/such-file.css") == "/static/no/such-file.css"


def test_a_fingerprinted_address_is_cached_for_a_year(app, client):
    with app.test_request_context():
        address = url_for("static", filename="css/site.css")
    response = client.get(address)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == LONG_CACHE == "public, max-age=31536000, immutable"
    assert response.get_data() == cssmin(Path(app.static_folder, "css/site.css").read_text()).encode()
    assert "Expires" not in response.headers


def test_a_stylesheet_is_served_without_its_comments_and_spaces(app, client):
    source = Path(app.static_folder, "css/site.css").read_text()
    assert "/*" in source and "\n  " in source, "the source explains itself"
    with app.test_request_context():
        address = url_for("static", filename="css/site.css")
    served = client.get(address).get_data(as_text=True)
    assert "/*" not in served and "\n" not in served.strip()
    assert len(served) < 0.9 * len(source.encode())
    for rule in re.findall(r"--[a-z-]+:", source)[:20]:  # the colour and spacing tokens are all there
        assert rule in served
    assert served.count("{") == re.sub(r"/\*.*?\*/", "", source, flags=re.S).count("{")


@pytest.mark.parametrize("query", ["", "?v=0123456789ab", "?v="])
def test_without_the_current_hash_the_cache_is_short(client, query):
    response = client.get(f"/static/css/site.css{query}")
    assert response.status_code == 200
    cache = response.cache_control
    assert cache.public and 0 < max_age(response) <= SHORT_CACHE_SECONDS
    assert "immutable" not in response.headers["Cache-Control"]


def test_a_missing_static_file_is_a_plain_404(client):
    response = client.get("/static/css/no-such-file.css?v=0123456789ab")
    assert response.status_code == 404
    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_a_revalidation_of_a_fingerprinted_file_keeps_the_long_cache(app, client):
    with app.test_request_context():
        address = url_for("static", filename="css/site.css")
    first = client.get(address)
    again = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == LONG_CACHE


def test_a_changed_file_gets_a_new_address(tmp_path):
    sheet = tmp_path / "site.css"
    sheet.write_text("body { color: black; }")
    before = fingerprint("site.css", str(tmp_path))
    assert before == hashlib.sha256(b"body { color: black; }").hexdigest()[:12]
    sheet.write_text("body { color: navy; }")
    stat = sheet.stat()
    os.utime(sheet, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert fingerprint("site.css", str(tmp_path)) not in (None, before)


@pytest.mark.parametrize("filename", ["../config.py", "/etc/passwd", "css", "css/../../config.py"])
def test_no_fingerprint_outside_the_static_folder_or_for_a_folder(app, filename):
    with app.app_context():
        assert fingerprint(filename) is None
