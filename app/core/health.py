"""Probes for a load balancer: `/healthz` (the process answers) and `/readyz` (the database and every
configured Redis answer too).

Both answer JSON without touching the session, the cache or the page templates, and name only which
check failed, never why (a connection string or an error text could tell too much).
"""

import logging

from flask import Blueprint, Flask, current_app
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.extensions import db, limiter

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
REDIS_SETTINGS = ("RATELIMIT_STORAGE_URI", "CACHE_REDIS_URL", "JOB_QUEUE_URL")
NO_STORE = {"Cache-Control": "no-store"}  # a probe's answer is for now, never for a cache to keep
PROBE_TIMEOUT = 2.0  # seconds: a probe that waits longer is as bad as a failed one


@bp.get("/healthz")
@limiter.exempt
def healthz():
    return {"status": "ok"}, 200, NO_STORE


@bp.get("/readyz")
@limiter.exempt
def readyz():
    checks = {"database": database_ready()}
    for url in redis_urls():
        checks["redis"] = checks.get("redis", True) and redis_ready(url)
    ready = all(checks.values())
    body = {"status": "ready" if ready else "not ready",
            "checks": {name: "ok" if ok else "failed" for name, ok in checks.items()}}
    return body, 200 if ready else 503, NO_STORE


def redis_urls() -> list[str]:
    """Every distinct Redis the settings name (rate limits, page cache, job queue)."""
    urls = [current_app.config.get(name) or "" for name in REDIS_SETTINGS]
    return list(dict.fromkeys(u for u in urls if u.startswith(("redis://", "rediss://", "unix://"))))


def database_ready() -> bool:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        log.warning("Readiness: the database does not answer", exc_info=True)
        return False


def redis_ready(url: str) -> bool:
    try:
        with Redis.from_url(url, socket_timeout=PROBE_TIMEOUT, socket_connect_timeout=PROBE_TIMEOUT) as client:
            return bool(client.ping())
    except (RedisError, OSError, ValueError):
        log.warning("Readiness: a Redis server does not answer", exc_info=True)
        return False


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
