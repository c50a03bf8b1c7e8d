"""One JSON line per request on the `sociallab.requests` logger: its id, method, path template,
status and duration.

The path template (`/projects/<int:id>`), never the path itself, so no log line holds a name, an
e-mail address or a token that a path or a query string might carry; no address, account or
user agent either. The id is the proxy's `X-Request-ID` when it sent a plain one, otherwise a new
one; it is sent back in the answer's `X-Request-ID`, so that a person reporting an error can quote it.
"""

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request

log = logging.getLogger("sociallab.requests")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class JsonLines(logging.Formatter):
    """The record's message is a dict: written as one JSON object with the time and level."""

    def format(self, record: logging.LogRecord) -> str:
        fields = record.msg if isinstance(record.msg, dict) else {"message": record.getMessage()}
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        return json.dumps({"time": f"{stamp}.{int(record.msecs):03d}Z", "level": record.levelname, **fields})


def init_app(app: Flask) -> None:
    log.setLevel(logging.INFO)
    log.propagate = False  # once, as JSON; not again through the root logger's plain format
    if app.config.get("REQUEST_LOG", True) and not any(isinstance(h.formatter, JsonLines) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLines())
        log.addHandler(handler)

    @app.before_request
    def start_clock():
        g.request_started = time.perf_counter()
        sent = request.headers.get("X-Request-ID", "")
        g.request_id = sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex

    @app.after_request
    def log_request(response):
        started = g.get("request_started")
        if started is None:  # refused before the hooks ran (a malformed request)
            return response
        response.headers["X-Request-ID"] = g.request_id
        log.info({
            "event": "request",
            "id": g.request_id,
            "method": request.method,
            "path": request.url_rule.rule if request.url_rule is not None else "<unmatched>",
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        })
        return response
