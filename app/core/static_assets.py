"""Static files: fingerprinted addresses cached for a year, and compressed text responses.

`url_for('static', filename=...)` adds `?v=<hash>`, the first characters of the
SHA-256 of the file's content. A request carrying the file's current hash is
answered with `Cache-Control: public, max-age=31536000, immutable`: the content
behind that address never changes, since a new content makes a new address. A
request without the hash, or with the hash of an older content, gets a short
cache, so that a stale page never pins an old stylesheet for long.

Stylesheets are served minified (rcssmin: comments and spaces left out), so the source keeps its
comments at no cost to the reader; the minified text is kept per file content.

Text responses (HTML, CSS, JavaScript, JSON, SVG, CSV) larger than a few hundred
bytes are compressed with brotli or gzip, as the browser accepts, through
Flask-Compress; streamed responses stay streamed (compressed chunk by chunk).
"""

import hashlib
import os
import threading

from flask import Flask, current_app, request
from flask_compress import Compress
from rcssmin import cssmin
from werkzeug.security import safe_join

FINGERPRINT_PARAM = "v"
FINGERPRINT_LENGTH = 12
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE_SECONDS = 300
SHORT_CACHE = f"public, max-age={SHORT_CACHE_SECONDS}"

COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/problem+json",
    "application/xml",
    "image/svg+xml",
]

compress = Compress()

_hashes: dict[str, tuple[int, int, str]] = {}
_hashes_lock = threading.Lock()


def fingerprint(filename: str, static_folder: str | None = None) -> str | None:
    """The content hash of a static file, or None when there is no such file.

    Computed once per file and again only when the file's size or modification
    time changes (so editing site.css during development gives a new address).
    """
    folder = static_folder or current_app.static_folder
    path = safe_join(folder, filename) if folder else None
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not os.path.isfile(path):
        return None
    with _hashes_lock:
        known = _hashes.get(path)
    if known and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
        return known[2]
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(65536), b""):
            digest.update(block)
    value = digest.hexdigest()[:FINGERPRINT_LENGTH]
    with _hashes_lock:
        _hashes[path] = (stat.st_mtime_ns, stat.st_size, value)
    return value


_minified: dict[str, tuple[str, bytes]] = {}  # path → (fingerprint of the source, minified text)


def minified_css(filename: str, source: bytes) -> bytes:
    """The stylesheet `filename` without comments and spaces, made once per content."""
    value = fingerprint(filename) or ""
    with _hashes_lock:
        known = _minified.get(filename)
    if known and known[0] == value:
        return known[1]
    text = cssmin(source.decode("utf-8")).encode("utf-8")
    with _hashes_lock:
        _minified[filename] = (value, text)
    return text


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"])
    app.config.setdefault("COMPRESS_STREAMS", True)
    compress.init_app(app)

    @app.url_defaults
    def add_fingerprint(endpoint, values):
        """`url_for('static', filename=...)` gives the address with the content hash."""
        if endpoint != "static" or FINGERPRINT_PARAM in values or "filename" not in values:
            return
        value = fingerprint(values["filename"])
        if value:
            values[FINGERPRINT_PARAM] = value

    @app.after_request
    def cache_static_files(response):
        """A year for the current fingerprint, a few minutes for anything else."""
        if request.endpoint != "static" or response.status_code not in (200, 206, 304):
            return response
        if response.direct_passthrough:
            # Read the (small) file now and close it: compressing replaces the body, and the file
            # object it came from would otherwise be left open.
            source = response.response
            try:
                body = b"".join(source)
            finally:
                close = getattr(source, "close", None)
                if close is not None:
                    close()
            response.direct_passthrough = False
            response.set_data(body)
        filename = (request.view_args or {}).get("filename", "")
        if response.status_code == 200 and filename.endswith(".css"):
            response.set_data(minified_css(filename, response.get_data()))
        asked = request.args.get(FINGERPRINT_PARAM)
        fresh = asked is not None and asked == fingerprint(filename)
        response.headers["Cache-Control"] = LONG_CACHE if fresh else SHORT_CACHE
        response.headers.pop("Expires", None)
        return response
