"""The job queue in tests: a queue of the test's own on the local Redis, a real worker process, and jobs
that fail on purpose."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

from app.core import jobs

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_or_skip() -> Redis:
    """The local Redis; the test is skipped without one (under CI it fails instead)."""
    client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@contextmanager
def own_queue(app, delays=(0, 0)):
    """Jobs of `app` go to a queue of this test's own on the local Redis, emptied afterwards."""
    redis = redis_or_skip()
    name = f"test-{uuid.uuid4().hex}"
    saved = {key: app.config.get(key) for key in ("JOB_QUEUE_URL", "JOB_QUEUE_NAME", "JOB_RETRY_DELAYS")}
    app.config.update(JOB_QUEUE_URL=REDIS_URL, JOB_QUEUE_NAME=name, JOB_RETRY_DELAYS=tuple(delays))
    queue = Queue(name, connection=redis)
    try:
        yield queue
    finally:
        app.config.update(saved)
        for key in redis.scan_iter(f"rq:*{name}*"):
            redis.delete(key)
        queue.delete(delete_jobs=True)


def worker_env(app, **extra) -> dict[str, str]:
    """The environment of a process of the app on the test's database, queue and outbox."""
    return {
        **os.environ,
        "FLASK_APP": "tests.support.worker_app",
        "FLASK_CONFIG": "development",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "JOB_QUEUE_URL": app.config["JOB_QUEUE_URL"],
        "JOB_QUEUE_NAME": app.config["JOB_QUEUE_NAME"],
        "MAIL_OUTBOX_DIR": app.config["MAIL_OUTBOX_DIR"],
        "REQUEST_LOG": "false",
        **extra,
    }


def run_worker(app, timeout: float = 90, **extra) -> subprocess.CompletedProcess:
    """`flask jobs worker --burst` in a process of its own: it runs every queued job, then stops."""
    result = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-m", "flask", "jobs", "worker", "--burst"],
        cwd=ROOT, env=worker_env(app, **extra), capture_output=True, text=True, timeout=timeout, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@jobs.job
def always_fails(marker: str) -> None:
    """A job that fails every time, leaving one line in the file `marker` per attempt."""
    with open(marker, "a", encoding="utf-8") as file:
        file.write("attempt\n")
    raise RuntimeError("the mail server refused the message (on purpose)")


@jobs.job
def record(marker: str, text: str) -> None:
    """A job that appends `text` to the file `marker`."""
    with open(marker, "a", encoding="utf-8") as file:
        file.write(text + "\n")
